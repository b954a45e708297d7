/**
 * The time-driven side of live events, as jobs (jobs/runner.ts): the reminder 15 minutes before, the
 * reminder at the start, and the auto-end of an event its hosts forgot to end. Each event's jobs are
 * keyed by its id, so scheduling again moves them (a keyed enqueue replaces) and cancelling withdraws them.
 */
import { EVENT_REMINDER_MINUTES, type EventNotificationData } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { defineJob } from '../../jobs/kinds.js';
import { rowsOf } from '../messages/rows.js';
import { notify } from '../notifications/notify.js';
import { closeEvent } from './lifecycle.js';

export const sendEventReminders = defineJob(
  'live-events.remind',
  z.object({ eventId: z.uuid(), kind: z.enum(['reminder', 'started']) }),
);
export const autoEndEvent = defineJob('live-events.auto-end', z.object({ eventId: z.uuid() }));

const keys = {
  soon: (eventId: string) => `live-event:${eventId}:remind-soon`,
  start: (eventId: string) => `live-event:${eventId}:remind-start`,
  autoEnd: (eventId: string) => `live-event:${eventId}:auto-end`,
};

type JobDeps = Pick<Deps, 'jobs' | 'clock' | 'config'>;

/**
 * Puts an event's three jobs where its schedule says, in the caller's transaction: the reminder
 * 15 minutes before (withdrawn when that moment has passed), the one at the start, and the auto-end
 * at `endsAt` plus the grace period. Called when it is scheduled and whenever it is rescheduled.
 */
export async function scheduleEventJobs(tx: Queryable, deps: JobDeps, event: { id: string; startsAt: Date; endsAt: Date }): Promise<void> {
  const soon = new Date(event.startsAt.getTime() - EVENT_REMINDER_MINUTES * 60_000);
  if (soon > deps.clock.now()) {
    await deps.jobs.enqueue(tx, sendEventReminders, { eventId: event.id, kind: 'reminder' }, { runAt: soon, key: keys.soon(event.id) });
  } else {
    await deps.jobs.cancel(tx, keys.soon(event.id));
  }
  await deps.jobs.enqueue(tx, sendEventReminders, { eventId: event.id, kind: 'started' }, { runAt: event.startsAt, key: keys.start(event.id) });
  const graceMs = deps.config.liveEvents.autoEndGraceMinutes * 60_000;
  await deps.jobs.enqueue(tx, autoEndEvent, { eventId: event.id }, { runAt: new Date(event.endsAt.getTime() + graceMs), key: keys.autoEnd(event.id) });
}

/**
 * The event went live: the "starts in 15 minutes" reminder has no point any more, and the "it is
 * starting" one goes out now rather than at the scheduled time (a host may start a little early).
 */
export async function startEventJobs(tx: Queryable, deps: JobDeps, eventId: string): Promise<void> {
  await deps.jobs.cancel(tx, keys.soon(eventId));
  await deps.jobs.enqueue(tx, sendEventReminders, { eventId, kind: 'started' }, { runAt: deps.clock.now(), key: keys.start(eventId) });
}

/** A cancelled or ended event withdraws whatever has not run yet. */
export async function withdrawEventJobs(tx: Queryable, deps: JobDeps, eventId: string): Promise<void> {
  for (const key of [keys.soon(eventId), keys.start(eventId), keys.autoEnd(eventId)]) await deps.jobs.cancel(tx, key);
}

interface ReminderTarget {
  groupId: string;
  groupSlug: string;
  groupName: string;
  title: string;
  startsAt: string;
  status: string;
}

/**
 * Sends one of an event's reminders to everyone who asked and has not had it yet, as an `event`
 * notification. Recipients are judged at delivery time: someone who can no longer read the group
 * (left a private group, banned, suspended, deleted) gets nothing. Each recipient's row is marked sent
 * in the same transaction as their notification, so a run that fails half-way and runs again never
 * sends twice; the job itself runs on one node only.
 */
export async function deliverEventReminders(deps: Deps, eventId: string, kind: EventNotificationData['kind']): Promise<number> {
  const sentColumn = kind === 'reminder' ? sql.raw('soon_sent_at') : sql.raw('start_sent_at');
  return inTransaction(deps, async (tx, after) => {
    const [event] = await rowsOf<ReminderTarget>(
      tx,
      sql`select e.group_id as "groupId", g.slug as "groupSlug", g.name as "groupName", e.title, e.status,
                 to_char(e.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startsAt"
          from live_events e join groups g on g.id = e.group_id where e.id = ${eventId}::uuid`,
    );
    // Cancelled or over: nothing to remind of. Live already: "starts in 15 minutes" would be wrong.
    if (!event || (event.status !== 'scheduled' && event.status !== 'live')) return 0;
    if (kind === 'reminder' && event.status !== 'scheduled') return 0;
    // A "starts in 15 minutes" that runs late (nodes were down) would be wrong once it has started.
    if (kind === 'reminder' && Date.parse(event.startsAt) <= deps.clock.now().getTime()) return 0;

    const pending = await rowsOf<{ userId: string }>(
      tx,
      sql`update live_event_reminders set ${sentColumn} = ${deps.clock.now().toISOString()}::timestamptz
          where event_id = ${eventId}::uuid and ${sentColumn} is null
          returning user_id as "userId"`,
    );
    const data: EventNotificationData = {
      eventId,
      groupId: event.groupId,
      groupSlug: event.groupSlug,
      groupName: event.groupName,
      title: event.title,
      startsAt: event.startsAt,
      kind,
    };
    // Only those the audience function admits now (moderation/audience.ts) get one.
    const created = await notify(
      tx,
      after,
      pending.map((p) => ({ userId: p.userId, type: 'event' as const, data })),
    );
    return created.length;
  });
}

/** Registers the handlers of this module's job kinds (once per app). */
export function registerLiveEventJobs(deps: Deps): void {
  deps.jobs.handle(sendEventReminders, async ({ eventId, kind }) => {
    await deliverEventReminders(deps, eventId, kind);
  });
  deps.jobs.handle(autoEndEvent, async ({ eventId }) => {
    await closeEvent(deps, eventId, { endedBy: null, onlyIfOverdue: true });
  });
}
