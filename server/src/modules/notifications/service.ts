/**
 * Notifications: rows a user reads in their inbox, each also pushed live as `notification:new` to the
 * user's room. Other domains create them inside their own transaction — `createGroupNotifications` for
 * anything about a group's content (only its audience, as moderation/audience.ts decides, gets them),
 * `createNotifications` for notices to one person — and hand them to `publishNotifications(after, …)`,
 * which pushes them once the transaction has committed.
 */
import type { ListNotificationsQuery, MarkNotificationsReadBody, Notification, NotificationList, NotificationType } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { AfterCommit } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { audienceSql } from '../moderation/audience.js';

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

/**
 * Inserts notifications to the people named (deleted accounts excepted), in the caller's transaction if any.
 * For notices to one person about themselves (a moderation action). Publish them after commit.
 */
export async function createNotifications(db: Queryable, items: NewNotification[]): Promise<CreatedNotification[]> {
  return insertNotifications(db, items, null);
}

/**
 * Inserts notifications about group `groupId`'s content, only for recipients the audience function
 * admits at this moment (someone who has left a private group, was banned, suspended or deleted gets
 * nothing); the others are dropped in the same statement. Publish them after commit.
 */
export async function createGroupNotifications(db: Queryable, groupId: string, items: NewNotification[]): Promise<CreatedNotification[]> {
  return insertNotifications(db, items, groupId);
}

async function insertNotifications(db: Queryable, items: NewNotification[], groupId: string | null): Promise<CreatedNotification[]> {
  if (items.length === 0) return [];
  const rows = await rowsOf<NotificationRow>(
    db,
    sql`insert into notifications (user_id, type, data)
        select r.user_id, r.type, r.data
        from jsonb_to_recordset(${JSON.stringify(items.map((i) => ({ user_id: i.userId, type: i.type, data: i.data })))}::jsonb)
          as r(user_id uuid, type text, data jsonb)
        where ${groupId ? audienceSql(groupId, sql`r.user_id`) : sql`exists (select 1 from users u where u.id = r.user_id and u.deleted_at is null)`}
        returning id, user_id as "userId", type, data, ${isoSql(sql`created_at`)} as "createdAt"`,
  );
  return rows.map(toCreated);
}

/** Pushes `notification:new` to each recipient's sockets on every node, once the transaction has committed. */
export function publishNotifications(after: AfterCommit, created: CreatedNotification[]): void {
  for (const { userId, notification } of created) after.toUser(userId, 'notification:new', { notification });
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
