/**
 * Live events: scheduling, editing and cancelling (moderators), reading them (readers of the group),
 * "remind me". Going live and ending are in lifecycle.ts, the question queue in questions.ts, the
 * transcript in transcript.ts, reminders and the auto-end in jobs.ts.
 */
import type {
  CreateLiveEventBody,
  GroupEventsQuery,
  LiveEvent,
  LiveEventList,
  MyEventsQuery,
  UpdateLiveEventBody,
} from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadGroupAccessBySlug } from '../groups/access.js';
import { rowsOf } from '../messages/rows.js';
import { scheduleEventJobs, withdrawEventJobs } from './jobs.js';
import { assertCanRead, assertHostsAreMembers, assertModerator, assertNotStarted, assertValidSchedule } from './policy.js';
import { forBroadcast, isUuid, loadEventAccess, loadEventRow, selectEvents, toLiveEvent, toLiveEvents, type EventRow } from './views.js';

/** The hosts among `hostIds` who are active members of the group (one query). */
async function activeMembersAmong(db: Queryable, groupId: string, hostIds: string[]): Promise<Set<string>> {
  const valid = hostIds.filter(isUuid);
  if (valid.length === 0) return new Set();
  const rows = await rowsOf<{ userId: string }>(
    db,
    sql`select user_id as "userId" from memberships
        where group_id = ${groupId}::uuid and status = 'active' and user_id = any(${sql.param(valid)}::uuid[])`,
  );
  return new Set(rows.map((r) => r.userId));
}

async function replaceHosts(tx: Queryable, eventId: string, hostIds: string[]): Promise<void> {
  await tx.execute(sql`delete from live_event_hosts where event_id = ${eventId}::uuid`);
  await tx.execute(sql`insert into live_event_hosts (event_id, user_id)
                       select ${eventId}::uuid, unnest(${sql.param([...new Set(hostIds)])}::uuid[])`);
}

/**
 * Schedules an event in a group. Moderators (FORBIDDEN; NOT_A_MEMBER for outsiders of a private
 * group). VALIDATION_ERROR when it ends before it starts, lasts over 24 hours, starts in the past, or
 * a host is not an active member. Its reminders and auto-end are queued with it.
 */
export async function scheduleEvent(actor: Actor, slug: string, input: CreateLiveEventBody, deps: Deps): Promise<LiveEvent> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  assertValidSchedule(startsAt, endsAt, deps.clock.now(), { startChanged: true });
  assertHostsAreMembers(input.hostIds, await activeMembersAmong(deps.db, access.group.id, input.hostIds));

  const eventId = await inTransaction(deps, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`insert into live_events (group_id, title, description, starts_at, ends_at, created_by)
          values (${access.group.id}::uuid, ${input.title}, ${input.description}, ${startsAt.toISOString()}::timestamptz,
                  ${endsAt.toISOString()}::timestamptz, ${actor.userId}::uuid)
          returning id`,
    );
    await replaceHosts(tx, row!.id, input.hostIds);
    await scheduleEventJobs(tx, deps, { id: row!.id, startsAt, endsAt });
    // Moderation's audit log (recordAudit) records this here once it is on main.
    return row!.id;
  });
  return toLiveEvent(deps.db, (await loadEventRow(deps.db, actor.userId, eventId))!);
}

/**
 * Edits an event before it starts: title, description, times (its reminders and auto-end move with
 * them, and reminders already sent will be sent again for the new time), hosts. Moderators. CONFLICT
 * once it has started, ended or been cancelled; VALIDATION_ERROR as for scheduling.
 * `event:updated` goes to the group's room.
 */
export async function updateEvent(actor: Actor, eventId: string, input: UpdateLiveEventBody, deps: Deps): Promise<LiveEvent> {
  const now = deps.clock.now();
  const row = await inTransaction(deps, async (tx, after) => {
    const { event, access } = await loadEventAccess(tx, actor, eventId, { forUpdate: true });
    assertModerator(access);
    assertNotStarted(event);
    const startsAt = new Date(input.startsAt ?? event.startsAt);
    const endsAt = new Date(input.endsAt ?? event.endsAt);
    const startChanged = startsAt.getTime() !== new Date(event.startsAt).getTime();
    const timesChanged = startChanged || endsAt.getTime() !== new Date(event.endsAt).getTime();
    assertValidSchedule(startsAt, endsAt, now, { startChanged });
    if (input.hostIds) assertHostsAreMembers(input.hostIds, await activeMembersAmong(tx, event.groupId, input.hostIds));

    const changes: SQL[] = [];
    if (input.title !== undefined) changes.push(sql`title = ${input.title}`);
    if (input.description !== undefined) changes.push(sql`description = ${input.description}`);
    if (timesChanged) changes.push(sql`starts_at = ${startsAt.toISOString()}::timestamptz, ends_at = ${endsAt.toISOString()}::timestamptz`);
    if (changes.length > 0) await tx.execute(sql`update live_events set ${sql.join(changes, sql`, `)} where id = ${eventId}::uuid`);
    if (input.hostIds) await replaceHosts(tx, eventId, input.hostIds);
    if (timesChanged) {
      await scheduleEventJobs(tx, deps, { id: eventId, startsAt, endsAt });
      if (startChanged) {
        await tx.execute(sql`update live_event_reminders set soon_sent_at = null, start_sent_at = null where event_id = ${eventId}::uuid`);
      }
    }
    const updated = (await loadEventRow(tx, actor.userId, eventId))!;
    after.toGroup(updated.groupId, 'event:updated', { event: forBroadcast(await toLiveEvent(tx, updated)) });
    return updated;
  });
  return toLiveEvent(deps.db, row);
}

/**
 * Cancels an event before it starts; its reminders and auto-end are withdrawn and `event:updated`
 * goes to the room. Moderators. Cancelling a cancelled event changes nothing; CONFLICT once it started.
 */
export async function cancelEvent(actor: Actor, eventId: string, deps: Deps): Promise<LiveEvent> {
  const row = await inTransaction(deps, async (tx, after) => {
    const { event, access } = await loadEventAccess(tx, actor, eventId, { forUpdate: true });
    assertModerator(access);
    if (event.status === 'cancelled') return event;
    assertNotStarted(event);
    await tx.execute(sql`update live_events set status = 'cancelled' where id = ${eventId}::uuid`);
    await withdrawEventJobs(tx, deps, eventId);
    const cancelled = (await loadEventRow(tx, actor.userId, eventId))!;
    after.toGroup(cancelled.groupId, 'event:updated', { event: forBroadcast(await toLiveEvent(tx, cancelled)) });
    return cancelled;
  });
  return toLiveEvent(deps.db, row);
}

/** One event. Readers of its group (NOT_A_MEMBER for outsiders of a private group; NOT_FOUND). */
export async function getEvent(actor: Actor, eventId: string, deps: Deps): Promise<LiveEvent> {
  const { event, access } = await loadEventAccess(deps.db, actor, eventId);
  assertCanRead(access);
  return toLiveEvent(deps.db, event);
}

/** The event and the actor's access, after the read check: for the other use cases of this module. */
export async function loadReadableEvent(db: Queryable, actor: Actor, eventId: string) {
  const loaded = await loadEventAccess(db, actor, eventId);
  assertCanRead(loaded.access);
  return loaded;
}

// ─── lists ─────────────────────────────────────────────────────────────────────────────────

interface ListCursor {
  t: string;
  i: string;
}

const encodeCursor = (row: EventRow): string => Buffer.from(JSON.stringify({ t: row.startsAt, i: row.id })).toString('base64url');

function decodeCursor(raw: string | undefined): ListCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<ListCursor>;
    if (typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t)) && typeof c.i === 'string' && isUuid(c.i)) return { t: c.t, i: c.i };
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
}

/** A keyset page over (starts_at, id), ascending or descending. */
async function pageOfEvents(
  deps: Deps,
  viewerId: string,
  where: SQL,
  query: { cursor?: string | undefined; limit: number },
  direction: 'asc' | 'desc',
): Promise<LiveEventList> {
  const cursor = decodeCursor(query.cursor);
  const order = direction === 'asc' ? sql`asc` : sql`desc`;
  const keyset = cursor
    ? sql`and (e.starts_at, e.id) ${direction === 'asc' ? sql`>` : sql`<`} (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
    : sql``;
  const rows = await selectEvents(deps.db, viewerId, sql`${where} ${keyset}`, sql`order by e.starts_at ${order}, e.id ${order} limit ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  return {
    items: await toLiveEvents(deps.db, page),
    nextCursor: rows.length > query.limit && page.length > 0 ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/**
 * A group's events for its readers: `upcoming` (scheduled and live, soonest first) or `past` (ended
 * and cancelled, latest first). NOT_FOUND, NOT_A_MEMBER.
 */
export async function listGroupEvents(actor: Actor, slug: string, query: GroupEventsQuery, deps: Deps): Promise<LiveEventList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertCanRead(access);
  const statuses = query.when === 'upcoming' ? sql`('scheduled', 'live')` : sql`('ended', 'cancelled')`;
  return pageOfEvents(deps, actor.userId, sql`e.group_id = ${access.group.id}::uuid and e.status in ${statuses}`, query, query.when === 'upcoming' ? 'asc' : 'desc');
}

/**
 * Upcoming events across the groups the caller is an active member of: scheduled or live, not over
 * by `from` (default now), soonest first. Any signed-in user.
 */
export async function listMyEvents(actor: Actor, query: MyEventsQuery, deps: Deps): Promise<LiveEventList> {
  const from = query.from ? new Date(query.from) : deps.clock.now();
  return pageOfEvents(
    deps,
    actor.userId,
    sql`e.group_id in (select group_id from memberships where user_id = ${actor.userId}::uuid and status = 'active')
        and e.status in ('scheduled', 'live') and e.ends_at > ${from.toISOString()}::timestamptz`,
    query,
    'asc',
  );
}

// ─── remind me ─────────────────────────────────────────────────────────────────────────────

/**
 * "Remind me" on or off: an `event` notification 15 minutes before and at the start. Readers of the
 * group (whether they still may read it is checked again when each reminder goes out). Turning it on
 * needs the event not to have started (CONFLICT); turning it off always works. Idempotent.
 */
export async function setReminder(actor: Actor, eventId: string, on: boolean, deps: Deps): Promise<LiveEvent> {
  const { event } = await loadReadableEvent(deps.db, actor, eventId);
  if (on) {
    assertNotStarted(event);
    await deps.db.execute(sql`insert into live_event_reminders (event_id, user_id) values (${eventId}::uuid, ${actor.userId}::uuid)
                              on conflict do nothing`);
  } else {
    await deps.db.execute(sql`delete from live_event_reminders where event_id = ${eventId}::uuid and user_id = ${actor.userId}::uuid`);
  }
  return toLiveEvent(deps.db, (await loadEventRow(deps.db, actor.userId, eventId))!);
}
