/**
 * Membership use cases: join, leave, members, roles (join requests are in requests.ts).
 *
 * Every change takes the group's row lock first (the same lock a message send takes), so membership
 * changes in one group happen one at a time: the member count moves in the same transaction as the
 * membership row, and "is this the last owner?" cannot be answered stale by two owners leaving at once.
 * Sockets are told after the commit, never before (db/transaction.ts).
 */
import type { Member, MemberList, MembershipResponse, MembershipRole, PageQuery } from '@circles/shared';
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import { clinicianCredentials, groups, memberships, users } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { iso } from '../../lib/time.js';
import { activeCredentialJoin, publicUserColumns, toPublicUser } from '../accounts/publicUser.js';
import { moderatorAudience } from '../moderation/audience.js';
import { recordAudit } from '../moderation/audit.js';
import { notify } from '../notifications/notify.js';
import { assertNotBanned, bannedError } from '../moderation/restrictions.js';
import { loadGroupAccessBySlug } from './access.js';
import { decodeCursor, encodeCursor, isUuid } from './cursor.js';
import { loadGroupView, microsToTimestamp } from './groupView.js';
import { assertCanRead, assertNotArchived, assertOwner } from './policy.js';

// ─── building blocks other modules may use inside their own transactions ────────────────────

/** Takes the group's row lock for the rest of the transaction; returns its visibility and archiving (or null if gone). */
export async function lockGroup(tx: Queryable, groupId: string): Promise<{ visibility: 'public' | 'private'; archivedAt: Date | null } | null> {
  const [row] = await tx
    .select({ visibility: groups.visibility, archivedAt: groups.archivedAt })
    .from(groups)
    .where(eq(groups.id, groupId))
    .for('update');
  return row ?? null;
}

/** The newest message id in a group (a new member's read marker starts there: older history is not "unread"). */
export function latestMessageId(groupId: string): SQL {
  return sql`(select max(m.id) from messages m where m.group_id = ${groupId})`;
}

export const changeMemberCount = (tx: Queryable, groupId: string, delta: number) =>
  tx.update(groups).set({ memberCount: sql`${groups.memberCount} + ${delta}` }).where(eq(groups.id, groupId));

/**
 * Ends a membership (active or pending) and keeps memberCount in step. For leave here and for
 * moderation's remove/ban, inside the caller's transaction (call lockGroup first). Returns the ended
 * membership's status, or null if there was none. The caller evicts the person's sockets after commit
 * (`after.run(() => deps.realtime.removeUserFromGroup(...))`, or moderation/evictions.ts).
 */
export async function removeMembership(tx: Queryable, groupId: string, userId: string): Promise<'active' | 'pending' | null> {
  const [ended] = await tx
    .delete(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)))
    .returning({ status: memberships.status });
  if (!ended) return null;
  if (ended.status === 'active') await changeMemberCount(tx, groupId, -1);
  return ended.status;
}

/** Turns every pending request of a group into membership (the group became public). Lock first. Returns who was admitted. */
export async function admitPendingRequests(tx: Queryable, groupId: string): Promise<string[]> {
  await lockGroup(tx, groupId);
  const admitted = await tx
    .update(memberships)
    .set({ status: 'active', joinedAt: sql`now()`, lastReadMessageId: latestMessageId(groupId), requestNote: null })
    .where(and(eq(memberships.groupId, groupId), eq(memberships.status, 'pending')))
    .returning({ userId: memberships.userId });
  if (admitted.length > 0) await changeMemberCount(tx, groupId, admitted.length);
  return admitted.map((a) => a.userId);
}

/** The groups a person is an active member of (a ban ends the membership: none of those). */
export async function activeGroupIds(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')));
  return rows.map((r) => r.groupId);
}

// ─── join and leave ─────────────────────────────────────────────────────────────────────────

/** A `join_request` notification to each of the group's moderators (the audience function's list). */
async function notifyJoinRequest(tx: Queryable, after: AfterCommit, group: { id: string; slug: string; name: string }, userId: string) {
  const [who] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  const moderators = await moderatorAudience(tx, group.id);
  await notify(
    tx,
    after,
    moderators.map((moderatorId) => ({
      userId: moderatorId,
      type: 'join_request' as const,
      data: { groupId: group.id, groupSlug: group.slug, groupName: group.name, by: { id: userId, displayName: who?.displayName ?? '' } },
    })),
  );
}

/**
 * Joins a group. Public: active at once (200). Private: a pending request the moderators approve
 * (202), with the person's optional note to them (validated by the route's schema; empty = none);
 * asking again changes nothing. Already a member: the membership as it is. Site admins join private
 * groups directly, as an owner could admit them. Any signed-in user. BANNED, NOT_FOUND, FORBIDDEN for
 * an archived group (read-only: nobody joins it any more).
 */
export async function joinGroup(actor: Actor, slug: string, deps: Deps, request: { note?: string } = {}): Promise<MembershipResponse> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  if (access.banned) throw bannedError();
  const groupId = access.group.id;
  const membership = await inTransaction(deps, async (tx, after) => {
    const locked = await lockGroup(tx, groupId);
    if (!locked) throw new AppError('NOT_FOUND', 'groups.notFound');
    assertNotArchived(locked);
    await assertNotBanned(tx, groupId, actor.userId);
    const [existing] = await tx
      .select({ role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, actor.userId)));
    if (existing?.status === 'active') return existing;
    const admitted = locked.visibility === 'public' || actor.isAdmin;
    if (!admitted) {
      if (!existing) {
        await tx.insert(memberships).values({ groupId, userId: actor.userId, role: 'member', status: 'pending', requestNote: request.note || null });
        await notifyJoinRequest(tx, after, access.group, actor.userId);
      }
      return { role: 'member' as const, status: 'pending' as const };
    }
    if (existing) {
      await tx
        .update(memberships)
        .set({ status: 'active', joinedAt: sql`now()`, lastReadMessageId: latestMessageId(groupId), requestNote: null })
        .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, actor.userId)));
    } else {
      await tx.insert(memberships).values({
        groupId,
        userId: actor.userId,
        role: 'member',
        status: 'active',
        joinedAt: sql`now()`,
        lastReadMessageId: latestMessageId(groupId),
      });
    }
    await changeMemberCount(tx, groupId, 1);
    after.followGroup(actor.userId, groupId);
    return { role: existing?.role ?? ('member' as const), status: 'active' as const };
  });
  return { membership, group: await loadGroupView(deps.db, actor, { id: groupId }) };
}

/**
 * Leaves a group, or withdraws a pending request. The caller's sockets stop receiving the group's room
 * at once. Members (active or pending). NOT_A_MEMBER when not in the group; CONFLICT for the last owner.
 */
export async function leaveGroup(actor: Actor, slug: string, deps: Deps): Promise<void> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  const groupId = access.group.id;
  await inTransaction(deps, async (tx, after) => {
    await lockGroup(tx, groupId);
    const [mine] = await tx
      .select({ role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, actor.userId)));
    if (!mine) throw new AppError('NOT_A_MEMBER', 'groups.notAMember');
    if (mine.role === 'owner' && mine.status === 'active' && (await activeOwnerCount(tx, groupId)) <= 1) {
      throw new AppError('CONFLICT', 'groups.lastOwnerCannotLeave');
    }
    await removeMembership(tx, groupId, actor.userId);
    // In a public group they may still read; their open tabs leave the room all the same (they chose to go).
    after.run(() => deps.realtime.removeUserFromGroup(actor.userId, groupId));
  });
}

export async function activeOwnerCount(tx: Queryable, groupId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, 'owner'), eq(memberships.status, 'active')));
  return Number(row?.n ?? 0);
}

// ─── members ────────────────────────────────────────────────────────────────────────────────

const roleRank = sql<number>`(case ${memberships.role} when 'owner' then 0 when 'moderator' then 1 else 2 end)`;
const joinedAtColumn = sql<Date>`coalesce(${memberships.joinedAt}, ${memberships.requestedAt})`;

function memberRows(db: Queryable) {
  return db
    .select({
      ...publicUserColumns,
      role: memberships.role,
      joinedAt: joinedAtColumn,
      rank: roleRank,
      joinedMicros: sql<string>`(extract(epoch from ${joinedAtColumn}) * 1000000)::bigint::text`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(clinicianCredentials, activeCredentialJoin);
}

type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRows>['where']>>[number];

const toMember = (row: MemberRow): Member => ({ user: toPublicUser(row), role: row.role, joinedAt: iso(row.joinedAt) });

/**
 * Active members (pending requests are not members): owners, then moderators, then members, each by
 * when they joined. Any signed-in user for a public group; active members (and admins) for a private
 * one. NOT_FOUND, NOT_A_MEMBER.
 */
export async function listMembers(actor: Actor, slug: string, query: PageQuery, deps: Deps): Promise<MemberList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertCanRead(access);
  const filters: SQL[] = [eq(memberships.groupId, access.group.id), eq(memberships.status, 'active')];
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { r: 'number', t: 'micros', id: 'string' });
    if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
    filters.push(sql`(${roleRank}, ${joinedAtColumn}, ${memberships.userId}) > (${Number(c.r)}::integer, ${microsToTimestamp(c.t)}, ${c.id}::uuid)`);
  }
  const rows = await memberRows(deps.db)
    .where(and(...filters))
    .orderBy(asc(roleRank), asc(joinedAtColumn), asc(memberships.userId))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const items = hasMore ? rows.slice(0, query.limit) : rows;
  const last = items[items.length - 1];
  return {
    items: items.map(toMember),
    nextCursor: hasMore && last ? encodeCursor({ r: Number(last.rank), t: last.joinedMicros, id: last.id }) : null,
  };
}

export async function loadMember(db: Queryable, groupId: string, userId: string): Promise<Member> {
  const [row] = await memberRows(db).where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  if (!row) throw new AppError('NOT_FOUND', 'groups.memberNotFound');
  return toMember(row);
}

// ─── roles ──────────────────────────────────────────────────────────────────────────────────

/**
 * Sets an active member's role. Making someone "owner" shares ownership (so an owner can hand the
 * group over and then leave); a group always keeps at least one owner. A change is written to the
 * audit log. Owners and admins only. NOT_FOUND (not an active member), CONFLICT (would leave the group
 * without an owner), FORBIDDEN.
 */
export async function setMemberRole(actor: Actor, slug: string, userId: string, role: MembershipRole, deps: Deps): Promise<Member> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertOwner(access);
  const notMember = () => new AppError('NOT_FOUND', 'groups.memberNotFound');
  if (!isUuid(userId)) throw notMember();
  const groupId = access.group.id;
  return deps.db.transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const [target] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId), eq(memberships.status, 'active')));
    if (!target) throw notMember();
    if (target.role === 'owner' && role !== 'owner' && (await activeOwnerCount(tx, groupId)) <= 1) {
      throw new AppError('CONFLICT', 'groups.needsOwner');
    }
    if (target.role !== role) {
      await tx.update(memberships).set({ role }).where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
      await recordAudit(tx, {
        groupId,
        actorId: actor.userId,
        action: 'role_change',
        targetType: 'user',
        targetId: userId,
        targetUserId: userId,
        data: { from: target.role, to: role },
      });
    }
    return loadMember(tx, groupId, userId);
  });
}
