/**
 * The one way to notify someone. A service calls `notify(tx, after, items)` inside its transaction
 * with a typed `{ userId, type, data }` per person (the discriminated union of shared/ — a wrong
 * `data` for a type does not compile). In one statement the path:
 *
 *  1. keeps only the people who may receive it now: the group's audience (moderation/audience.ts)
 *     for anything about a group's content; a live account for notices about the person themselves
 *     (`moderation`, `join_denied` reach someone precisely because they lost or lack access);
 *  2. keeps only what their settings let through: the group's level (`all` / `mentions` / `none`),
 *     except notices about the person, which always arrive;
 *  3. stores it, marking whether an immediate email is owed (email setting `mentions`);
 *
 * and after the commit pushes `notification:new` to every open tab of each recipient on every node.
 * Emails leave later from a background job (emails.ts), which asks the audience function again.
 *
 * The message send statement writes its mention and reply notifications inside its own single
 * statement (one round trip per send); it uses the same predicates from here (`deliverableSql`,
 * `emailStateSql`) and hands its rows to `publishCreated`, so the rules still live once.
 */
import type { Notification, NotificationContent, NotificationType } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { AfterCommit } from '../../db/transaction.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { audienceSql } from '../moderation/audience.js';

/** One notification for one person. `data.groupId` (when there is one) names the group it is about. */
export type NotifyItem = NotificationContent & { userId: string };

/** Notices about the person themselves: never silenced by a group's level. */
export const ABOUT_YOU_TYPES = ['moderation', 'join_approved', 'join_denied', 'staff_invite', 'clinician_decision'] as const satisfies readonly NotificationType[];
/** Addressed to the person in a group (an event reminder they asked for, too): kept at the `mentions` level. */
export const DIRECT_TYPES = ['mention', 'reply', 'answer', 'accepted', 'event'] as const satisfies readonly NotificationType[];
/** With email `mentions`, these leave by email right away (the others wait for no digest: `daily` takes all). */
export const IMMEDIATE_EMAIL_TYPES = [...DIRECT_TYPES, ...ABOUT_YOU_TYPES] as const;
/**
 * Notices that reach someone outside the group's audience: a moderation notice tells a banned or
 * removed person so; a denied request goes to someone who was never a member.
 */
export const AUDIENCE_EXEMPT_TYPES = ['moderation', 'join_denied'] as const satisfies readonly NotificationType[];

const list = (types: readonly string[]) => sql.raw(`(${types.map((t) => `'${t}'`).join(', ')})`);

/** The group a notification is about, if any (every group-bound type names it in `data.groupId`). */
export const groupIdOf = (item: NotificationContent): string | null => {
  const data = item.data as { groupId?: string | null };
  return typeof data.groupId === 'string' ? data.groupId : null;
};

/**
 * True when the person `userId` may receive a notification of `type` about group `groupId` (null:
 * about no group) now, by the audience function and their own settings.
 */
export function deliverableSql(userId: SQL, groupId: SQL, type: SQL): SQL {
  return sql`exists (select 1 from users du where du.id = ${userId} and du.deleted_at is null)
    and (${groupId} is null or ${type} in ${list(AUDIENCE_EXEMPT_TYPES)} or ${audienceSql(groupId, userId)})
    and (${groupId} is null or ${type} in ${list(ABOUT_YOU_TYPES)} or not exists (
      select 1 from notification_group_levels nl
      where nl.user_id = ${userId} and nl.group_id = ${groupId}
        and (nl.level = 'none' or (nl.level = 'mentions' and ${type} not in ${list(DIRECT_TYPES)}))))`;
}

/** 'pending' when this notification should leave by email right away (the person's email setting is `mentions`). */
export function emailStateSql(userId: SQL, type: SQL): SQL {
  return sql`case when ${type} in ${list(IMMEDIATE_EMAIL_TYPES)}
      and coalesce((select ns.email from notification_settings ns where ns.user_id = ${userId}), 'mentions') = 'mentions'
    then 'pending' end`;
}

/** A stored notification and whom it is for. */
export interface CreatedNotification {
  userId: string;
  notification: Notification;
}

/** A row as the insert returns it (also the shape the send statement aggregates). */
export interface CreatedRow {
  id: string;
  userId: string;
  type: NotificationType;
  data: unknown;
  createdAt: string;
}

export const toCreated = (row: CreatedRow): CreatedNotification => ({
  userId: row.userId,
  notification: { id: row.id, type: row.type, data: row.data, readAt: null, createdAt: row.createdAt } as Notification,
});

/** Pushes `notification:new` to each recipient's open tabs on every node, once the transaction has committed. */
export function publishCreated(after: AfterCommit, rows: CreatedRow[]): void {
  for (const row of rows) {
    const { userId, notification } = toCreated(row);
    after.toUser(userId, 'notification:new', { notification });
  }
}

/**
 * Stores the notifications the audience and each person's settings let through, in the caller's
 * transaction, and pushes them after commit. Returns what was stored (the others were dropped).
 */
export async function notify(tx: Queryable, after: AfterCommit, items: NotifyItem[]): Promise<CreatedNotification[]> {
  if (items.length === 0) return [];
  const records = items.map((i) => ({ user_id: i.userId, type: i.type, group_id: groupIdOf(i), data: i.data }));
  const r = { userId: sql`r.user_id`, groupId: sql`r.group_id`, type: sql`r.type` };
  const rows = await rowsOf<CreatedRow>(
    tx,
    sql`insert into notifications (user_id, type, group_id, data, email_state)
        select r.user_id, r.type, r.group_id, r.data, ${emailStateSql(r.userId, r.type)}
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(user_id uuid, type text, group_id uuid, data jsonb)
        where ${deliverableSql(r.userId, r.groupId, r.type)}
        returning id, user_id as "userId", type, data, ${isoSql(sql`created_at`)} as "createdAt"`,
  );
  publishCreated(after, rows);
  return rows.map(toCreated);
}
