/**
 * The email of a staff invitation sent to an address that has no account yet: it says who invites
 * them, as what, and links to sign up (the invitation waits for that address). An address that has an
 * account gets the in-app `staff_invite` notification instead (emailed by the notifications path), so
 * the job checks again when it runs and sends nothing if an account now holds the address.
 * Sent by a job, so a slow mail server never slows the admin's request.
 */
import { DEFAULT_LOCALE, isLocale } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { translate } from '../../i18n/index.js';
import { defineJob } from '../../jobs/kinds.js';
import { rowsOf } from '../messages/rows.js';

export const sendStaffInvitationEmail = defineJob('organizations.staff-invitation-email', z.object({ invitationId: z.uuid() }), { maxAttempts: 3 });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function deliverStaffInvitationEmail(invitationId: string, deps: Deps): Promise<void> {
  const [row] = await rowsOf<{ email: string; title: string; orgName: string; by: string | null; locale: string | null; taken: boolean }>(
    deps.db,
    sql`select s.email, s.title, o.name as "orgName", u.display_name as "by", u.locale,
          exists (select 1 from users h where h.email = s.email and h.deleted_at is null) as "taken"
        from organization_staff s join organizations o on o.id = s.organization_id
        left join users u on u.id = s.invited_by
        where s.id = ${invitationId}::uuid and s.status = 'pending' and s.user_id is null`,
  );
  // Withdrawn, accepted, or the address has an account by now (the notification told them): nothing to send.
  if (!row?.email || row.taken) return;
  // The invitee's language is unknown: the inviter's is the best guess (same organization, same community).
  const locale = isLocale(row.locale) ? row.locale : DEFAULT_LOCALE;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const url = `${deps.config.linkOrigin}/register`;
  const body = t('email.staffInvite.body', { org: row.orgName, title: row.title, by: row.by ?? row.orgName });
  const signUp = t('email.staffInvite.signUp');
  const ignore = t('email.staffInvite.ignore');
  await deps.mailer.send({
    to: row.email,
    subject: t('email.staffInvite.subject', { org: row.orgName }),
    text: [body, '', `${signUp} ${url}`, '', ignore].join('\n'),
    html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(signUp)}</a></p><p>${escapeHtml(ignore)}</p>`,
  });
}

export function registerOrganizationJobs(deps: Deps): void {
  deps.jobs.handle(sendStaffInvitationEmail, async (payload) => {
    await deliverStaffInvitationEmail(payload.invitationId, deps);
  });
}
