/**
 * Mutes: a muted member reads but cannot post (messages, edits, reactions, questions, answers) until
 * the mute ends — 403 MUTED with `details: { until, reason }` (posting.ts). A mute always has an end:
 * it stops counting at `until`, and a job then removes it and tells the person live
 * (`moderation:unmuted`). Muting again replaces the end and the reason.
 */
import type { MuteBody, PageQuery, Restriction, RestrictionList } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { defineJob } from '../../jobs/kinds.js';
import { loadGroupAccessBySlug } from '../groups/access.js';
import { isUuid } from '../groups/cursor.js';
import { lockGroup } from '../groups/membership.js';
import { assertModerator, type GroupAccess } from '../groups/policy.js';
import { rowsOf } from '../messages/rows.js';
import { recordAudit } from './audit.js';
import { loadTargetStanding, notAMember, type TargetStanding } from './members.js';
import { sendModerationNotice } from './notices.js';
import { assertCanActOn } from './policy.js';
import { listRestrictions } from './restrictionList.js';

export const endMuteJob = defineJob('moderation.end-mute', z.object({ groupId: z.uuid(), userId: z.uuid() }));
const endMuteKey = (groupId: string, userId: string) => `moderation.end-mute:${groupId}:${userId}`;

export interface MuteInput {
  minutes: number;
  reason: string;
  /** The report this mute resolves, recorded in the audit row. */
  reportId?: string;
}

/**
 * Mutes an active member inside the caller's transaction (the group row already locked): the mute,
 * its ending job, the audit row, the person's notice and `moderation:muted` after commit.
 * FORBIDDEN (rank), NOT_FOUND (not a member). Returns when it ends.
 */
export async function applyMute(
  tx: Queryable,
  after: AfterCommit,
  deps: Deps,
  access: GroupAccess,
  target: TargetStanding,
  input: MuteInput,
): Promise<Date> {
  if (target.status !== 'active') throw notAMember();
  assertCanActOn(access, target);
  const groupId = access.group.id;
  const until = new Date(deps.clock.now().getTime() + input.minutes * 60_000);
  await tx.execute(sql`
    insert into group_mutes (group_id, user_id, until, reason, muted_by)
    values (${groupId}::uuid, ${target.userId}::uuid, ${until.toISOString()}::timestamptz, ${input.reason}, ${access.actor.userId}::uuid)
    on conflict (group_id, user_id) do update
      set until = excluded.until, reason = excluded.reason, muted_by = excluded.muted_by, created_at = now()`);
  await deps.jobs.enqueue(tx, endMuteJob, { groupId, userId: target.userId }, { runAt: until, key: endMuteKey(groupId, target.userId) });
  await recordAudit(tx, {
    groupId,
    actorId: access.actor.userId,
    action: 'mute',
    targetType: 'user',
    targetId: target.userId,
    targetUserId: target.userId,
    reason: input.reason,
    until,
    data: input.reportId ? { reportId: input.reportId, minutes: input.minutes } : { minutes: input.minutes },
  });
  await sendModerationNotice(tx, after, { userId: target.userId, action: 'mute', group: access.group, reason: input.reason, until });
  after.toUser(target.userId, 'moderation:muted', { slug: access.group.slug, until: until.toISOString(), reason: input.reason });
  return until;
}

/** Lifts a mute in force inside the caller's transaction; false when there was none. */
export async function liftMute(tx: Queryable, after: AfterCommit, deps: Deps, access: GroupAccess, userId: string, reason: string): Promise<boolean> {
  const groupId = access.group.id;
  const lifted = await rowsOf<{ userId: string }>(
    tx,
    sql`delete from group_mutes where group_id = ${groupId}::uuid and user_id = ${userId}::uuid and until > now() returning user_id as "userId"`,
  );
  if (lifted.length === 0) return false;
  await deps.jobs.cancel(tx, endMuteKey(groupId, userId));
  await recordAudit(tx, { groupId, actorId: access.actor.userId, action: 'unmute', targetType: 'user', targetId: userId, targetUserId: userId, reason });
  await sendModerationNotice(tx, after, { userId, action: 'unmute', group: access.group, reason });
  after.toUser(userId, 'moderation:unmuted', { slug: access.group.slug });
  return true;
}

/**
 * `POST /api/groups/:slug/mutes`: mutes a member for `minutes` with a reason. Moderators (of members),
 * owners, admins. NOT_FOUND (not a member), FORBIDDEN, NOT_A_MEMBER. Returns the mute as listed.
 */
export async function muteMember(actor: Actor, slug: string, input: MuteBody, deps: Deps): Promise<Restriction> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  await inTransaction(deps, async (tx, after) => {
    await lockGroup(tx, access.group.id);
    const target = await loadTargetStanding(tx, access.group.id, input.userId);
    await applyMute(tx, after, deps, access, target, input);
  });
  const [mute] = (await listRestrictions(deps.db, 'mutes', access.group.id, { limit: 1 }, input.userId)).items;
  return mute!;
}

/** `DELETE /api/groups/:slug/mutes/:userId`: ends a mute at once. Moderators, owners, admins. NOT_FOUND when not muted. */
export async function unmuteMember(actor: Actor, slug: string, userId: string, deps: Deps): Promise<void> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  if (!isUuid(userId)) throw notMuted();
  await inTransaction(deps, async (tx, after) => {
    if (!(await liftMute(tx, after, deps, access, userId, ''))) throw notMuted();
  });
}

const notMuted = () => new AppError('NOT_FOUND', 'moderation.notMuted');

/** Mutes in force, soonest to end first: who, by whom, why, until when. Moderators, owners, admins. */
export async function listMutes(actor: Actor, slug: string, query: PageQuery, deps: Deps): Promise<RestrictionList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  return listRestrictions(deps.db, 'mutes', access.group.id, query);
}

/**
 * The ending job: removes the mute if it has run out by the business clock (a mute renewed meanwhile
 * has moved its job and is left alone) and tells the person live.
 */
export async function endExpiredMute(payload: { groupId: string; userId: string }, deps: Deps): Promise<void> {
  await inTransaction(deps, async (tx, after) => {
    const [ended] = await rowsOf<{ slug: string }>(
      tx,
      sql`delete from group_mutes gm using groups g
          where gm.group_id = ${payload.groupId}::uuid and gm.user_id = ${payload.userId}::uuid and g.id = gm.group_id
            and gm.until <= ${deps.clock.now().toISOString()}::timestamptz
          returning g.slug`,
    );
    if (ended) after.toUser(payload.userId, 'moderation:unmuted', { slug: ended.slug });
  });
}

export function registerMuteJobs(deps: Deps): void {
  deps.jobs.handle(endMuteJob, (payload) => endExpiredMute(payload, deps));
}
