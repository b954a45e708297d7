/**
 * Join requests to a private group: the moderators' list, approval (the requester becomes a member
 * and is notified) and denial (they may ask again later). Both decisions are written to the audit log
 * in their own transaction; notifications and evictions leave after it commits.
 */
import type { JoinRequestList, Member, PageQuery } from '@circles/shared';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.js';
import { clinicianCredentials, memberships, users } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { iso } from '../../lib/time.js';
import { activeCredentialJoin, publicUserColumns, toPublicUser } from '../accounts/publicUser.js';
import { recordAudit } from '../moderation/audit.js';
import { evictFromGroup } from '../moderation/evictions.js';
import { isBanned } from '../moderation/restrictions.js';
import { notify } from '../notifications/notify.js';
import { loadGroupAccessBySlug } from './access.js';
import { decodeCursor, encodeCursor, isUuid } from './cursor.js';
import { microsToTimestamp } from './groupView.js';
import { changeMemberCount, latestMessageId, loadMember, lockGroup } from './membership.js';
import { assertModerator, assertNotArchived } from './policy.js';

/** Pending join requests, oldest first. Moderators, owners, admins. NOT_FOUND, NOT_A_MEMBER, FORBIDDEN. */
export async function listJoinRequests(actor: Actor, slug: string, query: PageQuery, deps: Deps): Promise<JoinRequestList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  const filters: SQL[] = [eq(memberships.groupId, access.group.id), eq(memberships.status, 'pending')];
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { t: 'micros', id: 'string' });
    if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
    filters.push(sql`(${memberships.requestedAt}, ${memberships.userId}) > (${microsToTimestamp(c.t)}, ${c.id}::uuid)`);
  }
  const rows = await deps.db
    .select({
      ...publicUserColumns,
      requestedAt: memberships.requestedAt,
      note: memberships.requestNote,
      requestedMicros: sql<string>`(extract(epoch from ${memberships.requestedAt}) * 1000000)::bigint::text`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(clinicianCredentials, activeCredentialJoin)
    .where(and(...filters))
    .orderBy(asc(memberships.requestedAt), asc(memberships.userId))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const items = hasMore ? rows.slice(0, query.limit) : rows;
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({ user: toPublicUser(row), requestedAt: iso(row.requestedAt), note: row.note })),
    nextCursor: hasMore && last ? encodeCursor({ t: last.requestedMicros, id: last.id }) : null,
  };
}

const noRequest = () => new AppError('NOT_FOUND', 'groups.noPendingRequest');

/**
 * Approves a pending request: the requester becomes an active member and gets a `join_approved`
 * notification (stored, and pushed to their open sessions after the commit); audited. Moderators,
 * owners, admins. NOT_FOUND (no such request), CONFLICT (the requester has since been banned),
 * FORBIDDEN (the group is archived: read-only).
 */
export async function approveJoinRequest(actor: Actor, slug: string, userId: string, deps: Deps): Promise<Member> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  if (!isUuid(userId)) throw noRequest();
  const groupId = access.group.id;
  return inTransaction(deps, async (tx, after) => {
    const locked = await lockGroup(tx, groupId);
    if (locked) assertNotArchived(locked);
    if (await isBanned(tx, groupId, userId)) throw new AppError('CONFLICT', 'groups.personBanned');
    const [admitted] = await tx
      .update(memberships)
      // The note was for deciding; once decided it is not kept.
      .set({ status: 'active', joinedAt: sql`now()`, lastReadMessageId: latestMessageId(groupId), requestNote: null })
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId), eq(memberships.status, 'pending')))
      .returning({ userId: memberships.userId });
    if (!admitted) throw noRequest();
    await changeMemberCount(tx, groupId, 1);
    after.followGroup(userId, groupId);
    await recordAudit(tx, { groupId, actorId: actor.userId, action: 'approve_join', targetType: 'user', targetId: userId, targetUserId: userId });
    await notify(tx, after, [{ userId, type: 'join_approved', data: { groupId, groupSlug: access.group.slug, groupName: access.group.name } }]);
    return loadMember(tx, groupId, userId);
  });
}

/**
 * Declines a pending request (the requester may ask again later); their open tabs are told
 * `group:removed { reason: "denied" }`. Moderators, owners, admins. NOT_FOUND.
 */
export async function denyJoinRequest(actor: Actor, slug: string, userId: string, deps: Deps): Promise<void> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  if (!isUuid(userId)) throw noRequest();
  const groupId = access.group.id;
  await inTransaction(deps, async (tx, after) => {
    const [denied] = await tx
      .delete(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId), eq(memberships.status, 'pending')))
      .returning({ userId: memberships.userId });
    if (!denied) throw noRequest();
    await recordAudit(tx, { groupId, actorId: actor.userId, action: 'deny_join', targetType: 'user', targetId: userId, targetUserId: userId });
    evictFromGroup(after, deps, { userId, group: access.group, reason: 'denied' });
    await notify(tx, after, [{ userId, type: 'join_denied', data: { groupId, groupSlug: access.group.slug, groupName: access.group.name } }]);
  });
}

