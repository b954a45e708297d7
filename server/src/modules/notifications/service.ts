/**
 * The inbox: a person's notifications, newest first, and marking them read. Notifications are
 * created only through notify.ts. The list shows what the person may still receive: a notification
 * about a group they can no longer read (they left a private group, were removed or banned) is no
 * longer shown, as the audience function decides at the moment of reading.
 */
import type { ListNotificationsQuery, MarkNotificationsReadBody, Notification, NotificationList, NotificationType } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { audienceSql } from '../moderation/audience.js';
import { ABOUT_YOU_TYPES, AUDIENCE_EXEMPT_TYPES } from './notify.js';

interface NotificationRow {
  id: string;
  type: NotificationType;
  data: unknown;
  readAt: string | null;
  createdAt: string;
}

const toNotification = (row: NotificationRow): Notification =>
  ({ id: row.id, type: row.type, data: row.data ?? {}, readAt: row.readAt ?? null, createdAt: row.createdAt }) as Notification;

/**
 * Notifications of `n` (aliased) its owner may still see: no group; a notice about the person themselves
 * (it carries nothing of the group's content); or the group's audience admits them now.
 */
const KEPT_TYPES = [...new Set([...AUDIENCE_EXEMPT_TYPES, ...ABOUT_YOU_TYPES])];
export const stillVisibleSql = sql`(n.group_id is null or n.type in ${sql.raw(`(${KEPT_TYPES.map((t) => `'${t}'`).join(', ')})`)}
  or ${audienceSql(sql`n.group_id`, sql`n.user_id`)})`;

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/i.test(id)) {
      return { at, id };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');

/** The caller's notifications, newest first, optionally only unread ones. Any signed-in user. */
export async function listNotifications(actor: Actor, query: ListNotificationsQuery, deps: Deps): Promise<NotificationList> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const unreadOnly = query.unread === 'true';
  const [rows, counts] = await Promise.all([
    rowsOf<NotificationRow & { cursorAt: string }>(
      deps.db,
      sql`select n.id, n.type, n.data, ${isoSql(sql`n.read_at`)} as "readAt", ${isoSql(sql`n.created_at`)} as "createdAt",
                 to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
          from notifications n
          where n.user_id = ${actor.userId} and ${stillVisibleSql}
            ${unreadOnly ? sql`and n.read_at is null` : sql``}
            ${after ? sql`and (n.created_at, n.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          order by n.created_at desc, n.id desc
          limit ${query.limit + 1}`,
    ),
    rowsOf<{ unread: number }>(
      deps.db,
      sql`select count(*)::int as "unread" from notifications n where n.user_id = ${actor.userId} and n.read_at is null and ${stillVisibleSql}`,
    ),
  ]);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toNotification),
    nextCursor: hasMore && last ? encodeCursor(last.cursorAt, last.id) : null,
    unreadCount: Number(counts[0]?.unread ?? 0),
  };
}

/** Marks the caller's notifications read: the listed ones, or all. Others' ids are silently ignored. */
export async function markNotificationsRead(actor: Actor, body: MarkNotificationsReadBody, deps: Deps): Promise<void> {
  await deps.db.execute(
    sql`update notifications set read_at = now()
        where user_id = ${actor.userId} and read_at is null
          ${body.all ? sql`` : sql`and id = any(${sql.param(body.ids ?? [])}::uuid[])`}`,
  );
}
