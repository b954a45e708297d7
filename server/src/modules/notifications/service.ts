/**
 * Notifications: rows a user reads in their inbox, each also pushed live as `notification:new` to the
 * user's room. Other domains create them with `createNotifications` inside their own transaction and
 * `publishNotifications` after it commits (or `notify` when there is no transaction).
 */
import type { ListNotificationsQuery, MarkNotificationsReadBody, Notification, NotificationList, NotificationType } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isoSql, rowsOf } from '../messages/rows.js';

export interface NewNotification {
  userId: string;
  type: NotificationType;
  data: Record<string, unknown>;
}

/** A created notification together with whom it is for. */
export interface CreatedNotification {
  userId: string;
  notification: Notification;
}

interface NotificationRow {
  id: string;
  userId: string;
  type: NotificationType;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

const toNotification = (row: Omit<NotificationRow, 'userId' | 'readAt'> & { readAt?: string | null }): Notification => ({
  id: row.id,
  type: row.type,
  data: row.data ?? {},
  readAt: row.readAt ?? null,
  createdAt: row.createdAt,
});

export const toCreated = (row: Omit<NotificationRow, 'readAt'>): CreatedNotification => ({
  userId: row.userId,
  notification: toNotification(row),
});

/** Inserts notifications (in the caller's transaction, if any). Publish them after commit. */
export async function createNotifications(db: Queryable, items: NewNotification[]): Promise<CreatedNotification[]> {
  if (items.length === 0) return [];
  const rows = await rowsOf<NotificationRow>(
    db,
    sql`insert into notifications (user_id, type, data)
        select r.user_id, r.type, r.data
        from jsonb_to_recordset(${JSON.stringify(items.map((i) => ({ user_id: i.userId, type: i.type, data: i.data })))}::jsonb)
          as r(user_id uuid, type text, data jsonb)
        returning id, user_id as "userId", type, data, ${isoSql(sql`created_at`)} as "createdAt"`,
  );
  return rows.map(toCreated);
}

/** Pushes `notification:new` to each recipient's sockets on every node. Call after commit. */
export function publishNotifications(deps: Deps, created: CreatedNotification[]): void {
  for (const { userId, notification } of created) deps.realtime.toUser(userId, 'notification:new', { notification });
}

/** Creates and publishes at once, for callers without a surrounding transaction. */
export async function notify(deps: Deps, items: NewNotification[]): Promise<CreatedNotification[]> {
  const created = await createNotifications(deps.db, items);
  publishNotifications(deps, created);
  return created;
}

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
      sql`select id, user_id as "userId", type, data, ${isoSql(sql`read_at`)} as "readAt", ${isoSql(sql`created_at`)} as "createdAt",
                 to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt"
          from notifications
          where user_id = ${actor.userId}
            ${unreadOnly ? sql`and read_at is null` : sql``}
            ${after ? sql`and (created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
          order by created_at desc, id desc
          limit ${query.limit + 1}`,
    ),
    rowsOf<{ unread: number }>(
      deps.db,
      sql`select count(*)::int as "unread" from notifications where user_id = ${actor.userId} and read_at is null`,
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
