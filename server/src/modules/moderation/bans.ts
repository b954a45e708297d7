/**
 * Bans: a banned person loses their membership (or pending request), leaves the live room at once on
 * every node (`group:removed`, reason "banned"), and cannot come back — by joining, by a request, by an
 * invite (`assertNotBanned` in restrictions.ts) — until the ban ends: never, or after `minutes`, when
 * a job removes it. Anyone with a live account may be banned, member or not (a public group's reader).
 */
import type { BanBody, PageQuery, Restriction, RestrictionList } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { defineJob } from '../../jobs/kinds.js';
import { loadGroupAccessBySlug } from '../groups/access.js';
import { isUuid } from '../groups/cursor.js';
import { lockGroup, removeMembership } from '../groups/membership.js';
import { assertModerator, type GroupAccess } from '../groups/policy.js';
import { rowsOf } from '../messages/rows.js';
import { recordAudit } from './audit.js';
import { evictFromGroup } from './evictions.js';
import { assertKeepsAnOwner, loadTargetStanding, type TargetStanding } from './members.js';
import { sendModerationNotice } from './notices.js';
import { assertCanActOn } from './policy.js';
import { listRestrictions } from './restrictionList.js';

export const endBanJob = defineJob('moderation.end-ban', z.object({ groupId: z.uuid(), userId: z.uuid() }));
const endBanKey = (groupId: string, userId: string) => `moderation.end-ban:${groupId}:${userId}`;

export interface BanInput {
  reason: string;
  /** Absent: until lifted. */
  minutes?: number | undefined;
  reportId?: string;
}

/**
 * Bans inside the caller's transaction (the group row already locked): the ban (replacing an earlier
 * one), the membership ended, the ending job, the audit row, the notice, the eviction after commit.
 * FORBIDDEN (rank), CONFLICT (the only owner). Returns when it ends (null: until lifted).
 */
export async function applyBan(
  tx: Queryable,
  after: AfterCommit,
  deps: Deps,
  access: GroupAccess,
  target: TargetStanding,
  input: BanInput,
): Promise<Date | null> {
  assertCanActOn(access, target);
  await assertKeepsAnOwner(tx, access, target);
  const groupId = access.group.id;
  const until = input.minutes ? new Date(deps.clock.now().getTime() + input.minutes * 60_000) : null;
  await tx.execute(sql`
    insert into group_bans (group_id, user_id, reason, banned_by, until)
    values (${groupId}::uuid, ${target.userId}::uuid, ${input.reason}, ${access.actor.userId}::uuid, ${until?.toISOString() ?? null}::timestamptz)
    on conflict (group_id, user_id) do update
      set reason = excluded.reason, banned_by = excluded.banned_by, until = excluded.until, created_at = now()`);
  await removeMembership(tx, groupId, target.userId);
  if (until) await deps.jobs.enqueue(tx, endBanJob, { groupId, userId: target.userId }, { runAt: until, key: endBanKey(groupId, target.userId) });
  else await deps.jobs.cancel(tx, endBanKey(groupId, target.userId));
  await recordAudit(tx, {
    groupId,
    actorId: access.actor.userId,
    action: 'ban',
    targetType: 'user',
    targetId: target.userId,
    targetUserId: target.userId,
    reason: input.reason,
    until,
    data: { ...(input.reportId ? { reportId: input.reportId } : {}), ...(input.minutes ? { minutes: input.minutes } : {}) },
  });
  await sendModerationNotice(tx, after, { userId: target.userId, action: 'ban', group: access.group, reason: input.reason, until });
  evictFromGroup(after, deps, { userId: target.userId, group: access.group, reason: 'banned' });
  return until;
}

/** Lifts a ban in force inside the caller's transaction; false when there was none. */
export async function liftBan(tx: Queryable, after: AfterCommit, deps: Deps, access: GroupAccess, userId: string, reason: string): Promise<boolean> {
  const groupId = access.group.id;
  const lifted = await rowsOf<{ userId: string }>(
    tx,
    sql`delete from group_bans where group_id = ${groupId}::uuid and user_id = ${userId}::uuid
          and (until is null or until > now()) returning user_id as "userId"`,
  );
  if (lifted.length === 0) return false;
  await deps.jobs.cancel(tx, endBanKey(groupId, userId));
  await recordAudit(tx, { groupId, actorId: access.actor.userId, action: 'unban', targetType: 'user', targetId: userId, targetUserId: userId, reason });
  await sendModerationNotice(tx, after, { userId, action: 'unban', group: access.group, reason });
  return true;
}

/**
 * `POST /api/groups/:slug/bans`: bans a person, for `minutes` or until lifted. Moderators (of members
 * and outsiders), owners, admins. NOT_FOUND (no such person), FORBIDDEN, CONFLICT, NOT_A_MEMBER.
 */
export async function banUser(actor: Actor, slug: string, input: BanBody, deps: Deps): Promise<Restriction> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  await inTransaction(deps, async (tx, after) => {
    await lockGroup(tx, access.group.id);
    const target = await loadTargetStanding(tx, access.group.id, input.userId);
    await applyBan(tx, after, deps, access, target, input);
  });
  const [ban] = (await listRestrictions(deps.db, 'bans', access.group.id, { limit: 1 }, input.userId)).items;
  return ban!;
}

/** `DELETE /api/groups/:slug/bans/:userId`: lifts a ban; they may join again. Moderators, owners, admins. NOT_FOUND when not banned. */
export async function unbanUser(actor: Actor, slug: string, userId: string, deps: Deps): Promise<void> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  if (!isUuid(userId)) throw notBanned();
  await inTransaction(deps, async (tx, after) => {
    if (!(await liftBan(tx, after, deps, access, userId, ''))) throw notBanned();
  });
}

const notBanned = () => new AppError('NOT_FOUND', 'moderation.notBanned');

/** Bans in force, newest first: who, by whom, why, until when. Moderators, owners, admins. */
export async function listBans(actor: Actor, slug: string, query: PageQuery, deps: Deps): Promise<RestrictionList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  return listRestrictions(deps.db, 'bans', access.group.id, query);
}

/** The ending job: removes a timed ban that has run out by the business clock (a renewed one is left alone). */
export async function endExpiredBan(payload: { groupId: string; userId: string }, deps: Deps): Promise<void> {
  await deps.db.execute(sql`
    delete from group_bans where group_id = ${payload.groupId}::uuid and user_id = ${payload.userId}::uuid
      and until <= ${deps.clock.now().toISOString()}::timestamptz`);
}

export function registerBanJobs(deps: Deps): void {
  deps.jobs.handle(endBanJob, (payload) => endExpiredBan(payload, deps));
}
