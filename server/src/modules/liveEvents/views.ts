/**
 * Reading live events: one row per event with its group, host ids and the viewer's reminder, the
 * viewer's access to the group in the same statement, and the shaping into the contract's Event.
 */
import type { LiveEvent, LiveEventStatus } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { groupAccessSelect, toGroupAccess, type GroupAccessRow } from '../groups/access.js';
import type { GroupAccess } from '../groups/policy.js';
import { isoSql, rowsOf } from '../messages/rows.js';

export interface EventRow {
  id: string;
  groupId: string;
  groupSlug: string;
  groupName: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  status: LiveEventStatus;
  startedAt: string | null;
  endedAt: string | null;
  featuredQuestionId: string | null;
  createdAt: string;
  hostIds: string[];
  remindMe: boolean;
  /** Transcript bounds (message ids as text), null until it starts / ends. */
  transcriptAfterId: string | null;
  transcriptUntilId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are opaque to clients: one that is not even a uuid names nothing (NOT_FOUND, not a 500). */
export const isUuid = (id: string) => UUID.test(id);

/** The columns of EventRow over `e` (live_events) joined to `g` (its group), for `viewerId`. */
export const eventColumns = (viewerId: string | null) => sql`e.id, e.group_id as "groupId", g.slug as "groupSlug", g.name as "groupName",
  e.title, e.description, ${isoSql(sql`e.starts_at`)} as "startsAt", ${isoSql(sql`e.ends_at`)} as "endsAt", e.status,
  ${isoSql(sql`e.started_at`)} as "startedAt", ${isoSql(sql`e.ended_at`)} as "endedAt",
  e.featured_question_id as "featuredQuestionId", ${isoSql(sql`e.created_at`)} as "createdAt",
  array(select h.user_id::text from live_event_hosts h where h.event_id = e.id) as "hostIds",
  exists (select 1 from live_event_reminders r where r.event_id = e.id and r.user_id = ${viewerId}::uuid) as "remindMe",
  e.transcript_after_id::text as "transcriptAfterId", e.transcript_until_id::text as "transcriptUntilId"`;

/** Event rows matching `where` (over `e` and `g`), in `orderBy` order. */
export async function selectEvents(db: Queryable, viewerId: string | null, where: SQL, tail: SQL = sql``): Promise<EventRow[]> {
  return rowsOf<EventRow>(
    db,
    sql`select ${eventColumns(viewerId)} from live_events e join groups g on g.id = e.group_id where ${where} ${tail}`,
  );
}

/**
 * An event and the actor's access to its group, in one statement, for the caller's policy to judge.
 * NOT_FOUND for an unknown (or malformed) id. With `forUpdate`, the event row is locked (inside a
 * transaction) so that a start, an end, an edit and a cancel of the same event run one after the other.
 */
export async function loadEventAccess(
  db: Queryable,
  actor: Actor,
  eventId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ event: EventRow; access: GroupAccess }> {
  if (!isUuid(eventId)) throw new AppError('NOT_FOUND', 'events.notFound');
  const [row] = await rowsOf<EventRow & GroupAccessRow>(
    db,
    sql`select ${eventColumns(actor.userId)}, a.*
        from live_events e
        join groups g on g.id = e.group_id
        join lateral (${groupAccessSelect(actor.userId, sql`g.id = e.group_id`)}) a on true
        where e.id = ${eventId}::uuid
        ${options.forUpdate ? sql`for update of e` : sql``}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'events.notFound');
  return { event: row, access: toGroupAccess(actor, row) };
}

export async function loadEventRow(db: Queryable, viewerId: string | null, eventId: string): Promise<EventRow | null> {
  const [row] = await selectEvents(db, viewerId, sql`e.id = ${eventId}::uuid`);
  return row ?? null;
}

/** Shapes rows into Events, loading every host of every row in one query. */
export async function toLiveEvents(db: Queryable, rows: EventRow[]): Promise<LiveEvent[]> {
  const users = await loadPublicUsers(db, rows.flatMap((r) => r.hostIds));
  return rows.map((row) => ({
    id: row.id,
    groupId: row.groupId,
    group: { slug: row.groupSlug, name: row.groupName },
    title: row.title,
    description: row.description,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    hosts: row.hostIds
      .flatMap((id) => {
        const user = users.get(id);
        return user ? [user] : [];
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    status: row.status,
    remindMe: Boolean(row.remindMe),
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    featuredQuestionId: row.featuredQuestionId,
    createdAt: row.createdAt,
  }));
}

export async function toLiveEvent(db: Queryable, row: EventRow): Promise<LiveEvent> {
  const [event] = await toLiveEvents(db, [row]);
  return event!;
}

/** The same event as a broadcast carries it: one payload for everyone, so nobody's `remindMe`. */
export const forBroadcast = (event: LiveEvent): LiveEvent => ({ ...event, remindMe: false });
