/**
 * Notification settings: what reaches the bell (a level per group) and what reaches the inbox (off,
 * mentions right away, or a daily digest). Absent rows are the defaults — email `mentions`, every
 * group `all` — so a new account needs no row. The notify path (notify.ts) reads them in its own
 * statement; this file only reads and writes them for the person.
 */
import type { EmailNotificationLevel, GroupNotificationLevel, NotificationSettings, UpdateNotificationSettingsBody } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { validationError } from '../../lib/appError.js';
import { msg } from '../../i18n/index.js';
import { rowsOf } from '../messages/rows.js';

export const DEFAULT_EMAIL_LEVEL: EmailNotificationLevel = 'mentions';
export const DEFAULT_GROUP_LEVEL: GroupNotificationLevel = 'all';

/** The whole settings of a person: their email choice and a level for every group they belong to or asked to join. */
export async function loadNotificationSettings(db: Queryable, userId: string): Promise<NotificationSettings> {
  const [emailRows, groupRows] = await Promise.all([
    rowsOf<{ email: EmailNotificationLevel }>(db, sql`select email from notification_settings where user_id = ${userId}::uuid`),
    rowsOf<{ slug: string; level: GroupNotificationLevel | null }>(
      db,
      sql`select g.slug, l.level from memberships m join groups g on g.id = m.group_id
          left join notification_group_levels l on l.user_id = m.user_id and l.group_id = m.group_id
          where m.user_id = ${userId}::uuid order by g.slug`,
    ),
  ]);
  return {
    email: emailRows[0]?.email ?? DEFAULT_EMAIL_LEVEL,
    groups: Object.fromEntries(groupRows.map((r) => [r.slug, r.level ?? DEFAULT_GROUP_LEVEL])),
  };
}

/** `GET /api/me/notification-settings`. Any signed-in user. */
export const getNotificationSettings = (actor: Actor, deps: Deps) => loadNotificationSettings(deps.db, actor.userId);

/** Sets the email choice (also the unsubscribe link's way in). */
export async function setEmailLevel(db: Queryable, userId: string, email: EmailNotificationLevel): Promise<void> {
  await db.execute(sql`insert into notification_settings (user_id, email) values (${userId}::uuid, ${email})
      on conflict (user_id) do update set email = excluded.email`);
}

/**
 * `PUT /api/me/notification-settings`: replaces the fields given (within `groups`, the groups named) and
 * answers the whole settings. Any signed-in user; a slug of a group they are not in (or that does not
 * exist) is a VALIDATION_ERROR naming it, and nothing is changed.
 */
export async function updateNotificationSettings(actor: Actor, input: UpdateNotificationSettingsBody, deps: Deps): Promise<NotificationSettings> {
  const wanted = Object.entries(input.groups ?? {});
  await inTransaction(deps, async (tx) => {
    if (wanted.length > 0) {
      const slugs = wanted.map(([slug]) => slug);
      const mine = await rowsOf<{ id: string; slug: string }>(
        tx,
        sql`select g.id, g.slug from groups g join memberships m on m.group_id = g.id and m.user_id = ${actor.userId}::uuid
            where g.slug = any(${sql.param(slugs)}::text[])`,
      );
      const idOf = new Map(mine.map((g) => [g.slug, g.id]));
      const unknown = slugs.filter((slug) => !idOf.has(slug));
      if (unknown.length > 0) {
        throw validationError(unknown.map((slug) => ({ field: `body.groups.${slug}`, problem: msg('notifications.notYourGroup') })));
      }
      const records = wanted.map(([slug, level]) => ({ group_id: idOf.get(slug)!, level }));
      await tx.execute(sql`insert into notification_group_levels (user_id, group_id, level)
          select ${actor.userId}::uuid, r.group_id, r.level
          from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(group_id uuid, level text)
          on conflict (user_id, group_id) do update set level = excluded.level`);
    }
    if (input.email) await setEmailLevel(tx, actor.userId, input.email);
  });
  return loadNotificationSettings(deps.db, actor.userId);
}
