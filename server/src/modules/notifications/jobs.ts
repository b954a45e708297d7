/**
 * Emails leave from background jobs, never from a request:
 *
 * - `notifications.send-emails`, every minute: the notifications marked 'pending' by the notify path
 *   (email setting `mentions`). Each is asked again at sending time — the audience function (through
 *   the inbox's own rule), the person's current email setting, whether they already read it — and
 *   is marked 'sent' or 'skipped'.
 * - `notifications.daily-digest`, every day at 00:00 UTC: for people with email `daily`, one email
 *   listing their unread notifications since the last digest, asked the same way.
 *
 * Both are recurring slots of deps.jobs, so one node runs each slot. A failing mail server leaves the
 * rows pending (and the digest's mark unmoved) for the next run.
 */
import { DEFAULT_LOCALE, isLocale, type NotificationContent } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { defineJob } from '../../jobs/kinds.js';
import { rowsOf } from '../messages/rows.js';
import { digestEmail, notificationEmail, type MailableNotification, type Recipient } from './emails.js';
import { stillVisibleSql } from './service.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BATCH = 200;
const DIGEST_MAX_LINES = 50;

export const sendNotificationEmails = defineJob('notifications.send-emails', z.object({}).strict());
export const sendDailyDigests = defineJob('notifications.daily-digest', z.object({}).strict());

interface MailRow {
  id: string;
  type: NotificationContent['type'];
  data: unknown;
  userId: string;
  email: string | null;
  displayName: string;
  locale: string | null;
  privateGroup: boolean;
  deliver: boolean;
}

const recipientOf = (r: MailRow): Recipient => ({
  userId: r.userId,
  email: r.email ?? '',
  displayName: r.displayName,
  locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE,
});
const mailableOf = (r: MailRow): MailableNotification => ({
  content: { type: r.type, data: r.data } as NotificationContent,
  privateGroup: r.privateGroup,
});

const selectMailRows = (where: ReturnType<typeof sql>, deliver: ReturnType<typeof sql>) => sql`
  select n.id, n.type, n.data, n.user_id as "userId", u.email, u.display_name as "displayName", u.locale,
         coalesce(g.visibility = 'private', false) as "privateGroup",
         (u.deleted_at is null and u.email is not null and n.read_at is null and ${deliver} and ${stillVisibleSql}) as "deliver"
  from notifications n
  join users u on u.id = n.user_id
  left join groups g on g.id = n.group_id
  left join notification_settings ns on ns.user_id = n.user_id
  where ${where}`;

/** Sends the pending immediate emails (oldest first, a batch per run). Returns how many were sent. */
export async function sendPendingEmails(deps: Pick<Deps, 'db' | 'mailer' | 'config' | 'log'>): Promise<number> {
  const rows = await rowsOf<MailRow>(
    deps.db,
    sql`${selectMailRows(sql`n.email_state = 'pending'`, sql`coalesce(ns.email, 'mentions') = 'mentions'`)} order by n.created_at limit ${BATCH}`,
  );
  let sent = 0;
  for (const row of rows) {
    if (!row.deliver) {
      await deps.db.execute(sql`update notifications set email_state = 'skipped' where id = ${row.id}::uuid`);
      continue;
    }
    try {
      await deps.mailer.send(notificationEmail(deps.config, recipientOf(row), mailableOf(row)));
      await deps.db.execute(sql`update notifications set email_state = 'sent' where id = ${row.id}::uuid`);
      sent++;
    } catch (err) {
      deps.log.warn({ err, notification: row.id }, 'notification email not sent; will try again');
      return sent;
    }
  }
  return sent;
}

/** Sends each `daily` person one digest of their unread notifications in (last digest, `until`]. */
export async function sendDigests(deps: Pick<Deps, 'db' | 'mailer' | 'config' | 'log'>, until: Date): Promise<number> {
  const since = new Date(until.getTime() - DAY_MS).toISOString();
  const rows = await rowsOf<MailRow>(
    deps.db,
    sql`${selectMailRows(
      sql`ns.email = 'daily' and n.created_at > coalesce(ns.digest_sent_at, ${since}::timestamptz) and n.created_at <= ${until.toISOString()}::timestamptz`,
      sql`true`,
    )} order by n.user_id, n.created_at`,
  );
  const byUser = new Map<string, MailRow[]>();
  for (const row of rows) if (row.deliver) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  let sent = 0;
  for (const items of byUser.values()) {
    const first = items[0]!;
    try {
      await deps.mailer.send(digestEmail(deps.config, recipientOf(first), items.slice(-DIGEST_MAX_LINES).map(mailableOf)));
      await deps.db.execute(sql`update notification_settings set digest_sent_at = ${until.toISOString()}::timestamptz where user_id = ${first.userId}::uuid`);
      sent++;
    } catch (err) {
      deps.log.warn({ err, userId: first.userId }, 'digest not sent; will try at the next run');
    }
  }
  return sent;
}

/** Registers both recurring jobs (once per app). */
export function registerNotificationJobs(deps: Deps): void {
  deps.jobs.every(sendNotificationEmails, MINUTE_MS, async () => void (await sendPendingEmails(deps)));
  deps.jobs.every(sendDailyDigests, DAY_MS, async (_payload, run) => void (await sendDigests(deps, run.runAt)));
}
