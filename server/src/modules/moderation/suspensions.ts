/**
 * Site-wide suspensions by admins: a suspended account gets 403 SUSPENDED on every request (and
 * `connect_error` SUSPENDED on every socket handshake) until the suspension ends — never, or after
 * `minutes`, when a job clears it. Its open sockets leave their rooms (`group:removed`, reason
 * "suspended") and are disconnected at once on every node. Sessions are kept, so a lifted suspension
 * needs no new sign-in.
 */
import type { PageQuery, SuspendBody, Suspension, SuspensionList } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { defineJob } from '../../jobs/kinds.js';
import { isUuid } from '../groups/cursor.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { recordAudit } from './audit.js';
import { disconnectEverywhere } from './evictions.js';
import { noSuchPerson } from './members.js';
import { sendModerationNotice } from './notices.js';
import { olderThanCursor, restrictionPage, type RestrictionRow } from './restrictionList.js';
import { assertAdmin, assertCanSuspend } from './policy.js';

export const endSuspensionJob = defineJob('moderation.end-suspension', z.object({ userId: z.uuid() }));
const endSuspensionKey = (userId: string) => `moderation.end-suspension:${userId}`;

/** Suspended in force, as SQL over `u` (users). */
const inForce = sql`u.suspended_at is not null and (u.suspended_until is null or u.suspended_until > now())`;

async function listSuspended(db: Queryable, query: { limit: number; cursor?: string | undefined }, onlyUserId?: string): Promise<SuspensionList> {
  const rows = await rowsOf<RestrictionRow>(
    db,
    sql`select u.id as "userId", u.suspended_by as "byId", coalesce(u.suspend_reason, '') as "reason", ${isoSql(sql`u.suspended_until`)} as "until",
               ${isoSql(sql`u.suspended_at`)} as "createdAt", (extract(epoch from u.suspended_at) * 1000000)::bigint::text as "micros"
        from users u
        where ${inForce} ${onlyUserId ? sql`and u.id = ${onlyUserId}::uuid` : sql``} ${olderThanCursor(query.cursor, sql`u.suspended_at`, sql`u.id`)}
        order by u.suspended_at desc, u.id desc
        limit ${query.limit + 1}`,
  );
  return restrictionPage(db, rows, query.limit);
}

/**
 * `POST /api/admin/users/:id/suspend`: suspends an account with a reason, for `minutes` or until
 * lifted (suspending again replaces both). Site admins, never of themselves or another admin.
 * FORBIDDEN, NOT_FOUND (no such live account).
 */
export async function suspendUser(actor: Actor, userId: string, input: SuspendBody, deps: Deps): Promise<Suspension> {
  assertAdmin(actor);
  if (!isUuid(userId)) throw noSuchPerson();
  await inTransaction(deps, async (tx, after) => {
    const [target] = await rowsOf<{ isAdmin: boolean }>(
      tx,
      sql`select is_admin as "isAdmin" from users where id = ${userId}::uuid and deleted_at is null for update`,
    );
    if (!target) throw noSuchPerson();
    assertCanSuspend(actor, { userId, isAdmin: Boolean(target.isAdmin) });
    const until = input.minutes ? new Date(deps.clock.now().getTime() + input.minutes * 60_000) : null;
    await tx.execute(sql`
      update users set suspended_at = now(), suspended_until = ${until?.toISOString() ?? null}::timestamptz,
                       suspend_reason = ${input.reason}, suspended_by = ${actor.userId}::uuid
      where id = ${userId}::uuid`);
    if (until) await deps.jobs.enqueue(tx, endSuspensionJob, { userId }, { runAt: until, key: endSuspensionKey(userId) });
    else await deps.jobs.cancel(tx, endSuspensionKey(userId));
    await recordAudit(tx, { groupId: null, actorId: actor.userId, action: 'suspend', targetType: 'user', targetId: userId, targetUserId: userId, reason: input.reason, until });
    await sendModerationNotice(tx, after, { userId, action: 'suspend', group: null, reason: input.reason, until });
    disconnectEverywhere(after, deps, userId, 'suspended');
  });
  return (await listSuspended(deps.db, { limit: 1 }, userId)).items[0]!;
}

/** `DELETE /api/admin/users/:id/suspend`: lifts a suspension at once. Site admins. NOT_FOUND when not suspended. */
export async function unsuspendUser(actor: Actor, userId: string, deps: Deps): Promise<void> {
  assertAdmin(actor);
  if (!isUuid(userId)) throw notSuspended();
  await inTransaction(deps, async (tx, after) => {
    const lifted = await rowsOf<{ id: string }>(
      tx,
      sql`update users u set suspended_at = null, suspended_until = null, suspend_reason = null, suspended_by = null
          where u.id = ${userId}::uuid and ${inForce} returning u.id`,
    );
    if (lifted.length === 0) throw notSuspended();
    await deps.jobs.cancel(tx, endSuspensionKey(userId));
    await recordAudit(tx, { groupId: null, actorId: actor.userId, action: 'unsuspend', targetType: 'user', targetId: userId, targetUserId: userId });
    await sendModerationNotice(tx, after, { userId, action: 'unsuspend', group: null, reason: '' });
    after.run(() => deps.realtime.invalidate({ userIds: [userId] }));
  });
}

const notSuspended = () => new AppError('NOT_FOUND', 'moderation.notSuspended');

/** Extra to the contract: suspensions in force, newest first. Site admins. */
export async function listSuspensions(actor: Actor, query: PageQuery, deps: Deps): Promise<SuspensionList> {
  assertAdmin(actor);
  return listSuspended(deps.db, query);
}

/** The ending job: clears a timed suspension that has run out by the business clock (a renewed one is left alone). */
export async function endExpiredSuspension(payload: { userId: string }, deps: Deps): Promise<void> {
  const ended = await rowsOf<{ id: string }>(
    deps.db,
    sql`update users set suspended_at = null, suspended_until = null, suspend_reason = null, suspended_by = null
        where id = ${payload.userId}::uuid and suspended_until <= ${deps.clock.now().toISOString()}::timestamptz returning id`,
  );
  if (ended.length > 0) await deps.realtime.invalidate({ userIds: [payload.userId] });
}

export function registerSuspensionJobs(deps: Deps): void {
  deps.jobs.handle(endSuspensionJob, (payload) => endExpiredSuspension(payload, deps));
}
