/**
 * An event going live and ending. Both take the group row lock — the lock every chat send takes
 * before drawing its message id — and read the group's newest message id under it: a send that
 * committed before has an id at or below that bound, a send that commits after has a larger id. So
 * the transcript, `transcriptAfterId < id <= transcriptUntilId`, is exactly the messages sent between
 * the start and the end, whatever the clocks of the nodes say.
 */
import type { LiveEvent } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { rowsOf } from '../messages/rows.js';
import { startEventJobs, withdrawEventJobs } from './jobs.js';
import { assertCanRunEvent } from './policy.js';
import { forBroadcast, loadEventAccess, loadEventRow, toLiveEvent } from './views.js';

/** Locks the group's row the way a send does, then gives the id of its newest message (0: none). */
async function newestMessageIdUnderGroupLock(tx: Tx, groupId: string): Promise<string> {
  await tx.execute(sql`select 1 from groups where id = ${groupId}::uuid for no key update`);
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`select coalesce(max(id), 0)::text as "id" from messages where group_id = ${groupId}::uuid`,
  );
  return row!.id;
}

/**
 * Starts an event: it goes live, the transcript begins, `event:started` goes to the group's room and
 * the "it is starting" reminder goes out. A host or a moderator (FORBIDDEN otherwise, NOT_A_MEMBER
 * for outsiders of a private group). Starting a live event again changes nothing. CONFLICT once it
 * ended or was cancelled, or when its scheduled end has passed (reschedule it first).
 */
export async function startEvent(actor: Actor, eventId: string, deps: Deps): Promise<LiveEvent> {
  const now = deps.clock.now();
  const row = await inTransaction(deps, async (tx, after) => {
    const { event, access } = await loadEventAccess(tx, actor, eventId, { forUpdate: true });
    assertCanRunEvent(access, event);
    if (event.status === 'live') return event;
    if (event.status !== 'scheduled') throw new AppError('CONFLICT', event.status === 'ended' ? 'events.over' : 'events.cancelled');
    if (new Date(event.endsAt) <= now) throw new AppError('CONFLICT', 'events.endPassed');

    const afterId = await newestMessageIdUnderGroupLock(tx, event.groupId);
    await tx.execute(sql`update live_events set status = 'live', started_at = ${now.toISOString()}::timestamptz,
                           transcript_after_id = ${afterId}::bigint
                         where id = ${eventId}::uuid`);
    await startEventJobs(tx, deps, eventId);
    const started = (await loadEventRow(tx, actor.userId, eventId))!;
    const shaped = await toLiveEvent(tx, started);
    after.toGroup(event.groupId, 'event:started', { event: forBroadcast(shaped) });
    return started;
  });
  return toLiveEvent(deps.db, row);
}

/**
 * Ends a live event: the transcript closes, `event:ended` goes to the room, the auto-end is
 * withdrawn. A host or a moderator. Ending an ended event changes nothing; CONFLICT when it has not
 * started (cancel it instead) or was cancelled.
 */
export async function endEvent(actor: Actor, eventId: string, deps: Deps): Promise<LiveEvent> {
  const { event, access } = await loadEventAccess(deps.db, actor, eventId);
  assertCanRunEvent(access, event);
  if (event.status === 'scheduled') throw new AppError('CONFLICT', 'events.notStarted');
  if (event.status === 'cancelled') throw new AppError('CONFLICT', 'events.cancelled');
  await closeEvent(deps, eventId, { endedBy: actor.userId, onlyIfOverdue: false });
  const row = await loadEventRow(deps.db, actor.userId, eventId);
  return toLiveEvent(deps.db, row!);
}

/**
 * Closes an event (the end button, or the auto-end job with `onlyIfOverdue`: only once `endsAt` plus
 * the grace period has passed, so a stale run after a rescheduling does nothing). A live event ends
 * with its transcript; an event nobody started ends without one. Returns false when there was
 * nothing to close.
 */
export async function closeEvent(deps: Deps, eventId: string, options: { endedBy: string | null; onlyIfOverdue: boolean }): Promise<boolean> {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, after) => {
    const [event] = await rowsOf<{ groupId: string; status: string; overdue: boolean }>(
      tx,
      sql`select group_id as "groupId", status,
                 ends_at + make_interval(mins => ${deps.config.liveEvents.autoEndGraceMinutes}::int) <= ${now.toISOString()}::timestamptz as "overdue"
          from live_events where id = ${eventId}::uuid for update`,
    );
    if (!event || (event.status !== 'live' && event.status !== 'scheduled')) return false;
    if (options.onlyIfOverdue && !event.overdue) return false;
    if (!options.onlyIfOverdue && event.status !== 'live') return false;

    const untilId = event.status === 'live' ? await newestMessageIdUnderGroupLock(tx, event.groupId) : null;
    await tx.execute(sql`update live_events set status = 'ended', ended_at = ${now.toISOString()}::timestamptz,
                           ended_by = ${options.endedBy}::uuid, transcript_until_id = ${untilId}::bigint, featured_question_id = null
                         where id = ${eventId}::uuid`);
    await withdrawEventJobs(tx, deps, eventId);
    const ended = (await loadEventRow(tx, null, eventId))!;
    const shaped = await toLiveEvent(tx, ended);
    after.toGroup(event.groupId, 'event:ended', { event: forBroadcast(shaped) });
    return true;
  });
}
