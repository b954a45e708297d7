/**
 * Emails about notifications, in the recipient's language: plain text plus simple HTML, a link to the
 * item (built from PUBLIC_ORIGIN, never a request's Host) and a one-click unsubscribe link
 * (`List-Unsubscribe` + `List-Unsubscribe-Post`, RFC 8058). An email about a private group never
 * carries its words — not a message, a title, nor even the group's name — only that there is new
 * activity in a group the person follows, and a link.
 */
import { notificationPath, type Locale, type NotificationContent } from '@circles/shared';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { OutgoingMail } from '../../lib/mailer.js';

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  locale: Locale;
}

/** A notification as an email needs it: its content, and whether its group is private. */
export interface MailableNotification {
  content: NotificationContent;
  privateGroup: boolean;
}

// ─── unsubscribe tokens ──────────────────────────────────────────────────────────────────

const sign = (secret: string, userId: string) => createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url');

/** A token that turns this person's emails off, signed with the server's secret; it never expires (RFC 8058). */
export const unsubscribeToken = (config: Pick<Config, 'jwtSecret'>, userId: string) =>
  `${Buffer.from(userId, 'utf8').toString('base64url')}.${sign(config.jwtSecret, userId)}`;

/** The user id a token names, or null for a malformed or forged one. */
export function verifyUnsubscribeToken(config: Pick<Config, 'jwtSecret'>, token: string): string | null {
  const [encoded, signature] = token.split('.');
  if (!encoded || !signature) return null;
  const userId = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const expected = Buffer.from(sign(config.jwtSecret, userId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}

// ─── composing ───────────────────────────────────────────────────────────────────────────

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Line {
  text: string;
  url?: string;
}

/** The subject and one line of text for a notification, in `locale`; generic for a private group. */
export function describe(locale: Locale, n: MailableNotification): { subject: string; line: string } {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params);
  if (n.privateGroup) return { subject: t('email.private.subject'), line: t('email.private.body') };
  const c = n.content;
  switch (c.type) {
    case 'mention':
    case 'reply': {
      const p = { by: c.data.by.displayName, group: c.data.groupName, excerpt: c.data.excerpt };
      return { subject: t(`email.${c.type}.subject`, p), line: t(`email.${c.type}.body`, p) };
    }
    case 'answer':
      return { subject: t('email.answer.subject'), line: t('email.answer.body', { by: c.data.by.displayName, title: c.data.questionTitle, group: c.data.groupName }) };
    case 'accepted':
      return { subject: t('email.accepted.subject'), line: t('email.accepted.body', { title: c.data.questionTitle, group: c.data.groupName }) };
    case 'join_approved':
    case 'join_denied':
      return { subject: t(`email.${c.type}.subject`, { group: c.data.groupName }), line: t(`email.${c.type}.body`, { group: c.data.groupName }) };
    case 'join_request': {
      const p = { by: c.data.by.displayName, group: c.data.groupName };
      return { subject: t('email.join_request.subject', p), line: t('email.join_request.body', p) };
    }
    case 'report':
      return { subject: t('email.report.subject', { group: c.data.groupName }), line: t('email.report.body', { group: c.data.groupName }) };
    case 'moderation':
      return { subject: t('email.moderation.subject'), line: t('email.moderation.body', { reason: c.data.reason }) };
    case 'event': {
      const time = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
        new Date(c.data.startsAt),
      );
      return { subject: t('email.event.subject', { title: c.data.title }), line: t('email.event.body', { title: c.data.title, group: c.data.groupName, time: `${time} UTC` }) };
    }
    case 'staff_invite':
      return { subject: t('email.staff_invite.subject', { org: c.data.orgName }), line: t('email.staff_invite.body', { org: c.data.orgName, title: c.data.title }) };
    case 'clinician_decision':
      return {
        subject: t('email.clinician_decision.subject'),
        line: t(c.data.decision === 'approved' ? 'email.clinician_decision.approved' : 'email.clinician_decision.rejected', { note: c.data.note ?? '' }).trim(),
      };
  }
}

/** Lays out an email: greeting, lines (each with its link), footer with the unsubscribe link and headers. */
function layout(config: Pick<Config, 'linkOrigin' | 'jwtSecret'>, to: Recipient, subject: string, lines: Line[], unsubscribable: boolean): OutgoingMail {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(to.locale, key, params);
  const token = unsubscribeToken(config, to.userId);
  const unsubscribePage = `${config.linkOrigin}/unsubscribe?token=${encodeURIComponent(token)}`;
  const oneClick = `${config.linkOrigin}/api/unsubscribe?token=${encodeURIComponent(token)}`;
  const text = [
    t('email.greeting', { name: to.displayName }),
    '',
    ...lines.flatMap((l) => (l.url ? [l.text, t('email.open', { url: l.url }), ''] : [l.text, ''])),
    '—',
    t('email.footer'),
    ...(unsubscribable ? [`${t('email.unsubscribe')}: ${unsubscribePage}`] : []),
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<p>${escapeHtml(t('email.greeting', { name: to.displayName }))}</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l.text)}${l.url ? `<br><a href="${escapeHtml(l.url)}">${escapeHtml(t('email.openLink'))}</a>` : ''}</p>`),
    `<hr><p style="font-size:small;color:#555">${escapeHtml(t('email.footer'))}`,
    ...(unsubscribable ? [` <a href="${escapeHtml(unsubscribePage)}">${escapeHtml(t('email.unsubscribe'))}</a>`] : []),
    '</p></body></html>',
  ].join('');
  const headers: Record<string, string> = unsubscribable
    ? { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : {};
  return { to: to.email, subject, text, html, headers };
}

const linkTo = (config: Pick<Config, 'linkOrigin'>, n: MailableNotification) => `${config.linkOrigin}${notificationPath(n.content)}`;

/** One notification, right away. */
export function notificationEmail(config: Pick<Config, 'linkOrigin' | 'jwtSecret'>, to: Recipient, n: MailableNotification): OutgoingMail {
  const { subject, line } = describe(to.locale, n);
  return layout(config, to, subject, [{ text: line, url: linkTo(config, n) }], true);
}

/** The daily digest: one line per notification, each with its link. */
export function digestEmail(config: Pick<Config, 'linkOrigin' | 'jwtSecret'>, to: Recipient, items: MailableNotification[]): OutgoingMail {
  const subject = translate(to.locale, 'email.digest.subject', { count: items.length });
  const lines = [{ text: translate(to.locale, 'email.digest.intro') }, ...items.map((n) => ({ text: describe(to.locale, n).line, url: linkTo(config, n) }))];
  return layout(config, to, subject, lines, true);
}

/** The password reset email (not a notification: no unsubscribe — it was asked for). */
export function passwordResetEmail(config: Pick<Config, 'linkOrigin' | 'jwtSecret'>, to: Recipient, url: string): OutgoingMail {
  const t = (key: MessageKey) => translate(to.locale, key);
  return layout(config, to, t('email.reset.subject'), [{ text: t('email.reset.body'), url }, { text: t('email.reset.ignore') }], false);
}
