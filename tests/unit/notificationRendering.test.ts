/**
 * No notification type is forgotten by the SPA: every type of the contract's union (and every action a
 * moderation notice can carry) gets its own line in both catalogues, with the parameters that line
 * needs, and a link to a page the SPA has a route for. Runs without a browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { notification, notificationPath, notificationTypes, type Notification, type NotificationData, type NotificationType } from '@circles/shared';
import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/locales/en/notifications.js';
import fr from '../../client/src/i18n/locales/fr/notifications.js';
import { describeNotification } from '../../client/src/pages/notifications/describe.js';

const root = path.resolve(import.meta.dirname, '../..');
const group = { groupId: 'g1', groupSlug: 'parents-t1d', groupName: 'Parents of kids with T1D' };
const by = { id: 'u1', displayName: 'Ana' };

/** One example of each type's data (typed: a type missing here fails typecheck). */
const SAMPLES: { [T in NotificationType]: Array<NotificationData<T>> } = {
  mention: [{ ...group, messageId: '42', by, excerpt: 'Thanks @Sam, that helps' }],
  reply: [{ ...group, messageId: '43', by, excerpt: 'Same here' }],
  answer: [
    { ...group, questionId: 'q1', answerId: 'a1', questionTitle: 'How do you handle school trips?', byClinician: false, by },
    { ...group, questionId: 'q1', answerId: 'a2', questionTitle: 'How do you handle school trips?', byClinician: true, by },
  ],
  accepted: [{ ...group, questionId: 'q1', answerId: 'a1', questionTitle: 'How do you handle school trips?' }],
  join_approved: [group],
  join_denied: [group],
  join_request: [{ ...group, by }],
  report: [{ ...group, reportId: 'r1', reason: 'spam', targetType: 'message' }],
  moderation: [
    { action: 'mute', ...group, reason: 'Please keep it kind', until: '2026-12-03T10:00:00.000Z', targetType: null, targetId: null },
    { action: 'suspend', groupId: null, groupSlug: null, groupName: null, reason: 'Spam', until: null, targetType: null, targetId: null },
  ],
  event: [
    { eventId: 'e1', ...group, title: 'Ask the nurse', startsAt: '2026-12-03T18:00:00.000Z', kind: 'reminder' },
    { eventId: 'e1', ...group, title: 'Ask the nurse', startsAt: '2026-12-03T18:00:00.000Z', kind: 'started' },
  ],
  staff_invite: [{ orgSlug: 'sickkids', orgName: 'SickKids', title: 'Nurse educator', role: 'staff', by }],
  clinician_decision: [
    { applicationId: 'c1', decision: 'approved', note: null },
    { applicationId: 'c1', decision: 'rejected', note: 'Licence not found' },
  ],
};

const asNotification = (type: NotificationType, data: unknown): Notification =>
  notification.parse({ id: `${type}-1`, type, data, readAt: null, createdAt: '2026-12-02T12:00:00.000Z' });

const all = notificationTypes.flatMap((type) => SAMPLES[type].map((data) => asNotification(type, data)));
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).sort();

/** The SPA's route patterns (App.tsx), nested group tabs included, as regular expressions. */
function spaRoutes(): RegExp[] {
  const app = readFileSync(path.join(root, 'client/src/App.tsx'), 'utf8');
  const paths = [...app.matchAll(/<Route\s+(?:index\s+)?(?:path="([^"]*)")?/g)].map((m) => m[1]).filter((p): p is string => p !== undefined);
  const full = paths.map((p) => (p.startsWith('/') || p === '*' ? p : `/groups/:slug/${p}`)).filter((p) => p !== '*');
  return full.map((p) => new RegExp(`^${p.replace(/:[A-Za-z]+/g, '[^/]+')}$`));
}

describe('every notification type is rendered', () => {
  it('covers the whole union', () => {
    expect(new Set(all.map((n) => n.type))).toEqual(new Set(notificationTypes));
  });

  it.each(all.map((n) => [`${n.type} ${JSON.stringify(n.data).slice(0, 40)}`, n] as const))('%s: a line in English and French, with its parameters', (_name, n) => {
    const text = describeNotification(n);
    for (const catalogue of [en, fr] as Array<Record<string, string>>) {
      const line = catalogue[text.key];
      expect(line, text.key).toBeTruthy();
      const given = { ...text.params, ...(text.actionKey ? { action: catalogue[text.actionKey]! } : {}) };
      expect(Object.keys(given).sort(), text.key).toEqual(expect.arrayContaining(variables(line!)));
      for (const value of Object.values(given)) expect(value, text.key).toBeTruthy();
      if (text.actionKey) expect(catalogue[text.actionKey], text.actionKey).toBeTruthy();
    }
  });

  it.each(all.map((n) => [n.type, n] as const))('%s: links to a page the SPA has', (_type, n) => {
    const url = new URL(notificationPath(n), 'https://circles.example');
    expect(spaRoutes().some((route) => route.test(url.pathname)), url.pathname).toBe(true);
  });

  it('names every action a moderation notice can carry (no generic fallback)', () => {
    const source = readFileSync(path.join(root, 'server/src/modules/moderation/notices.ts'), 'utf8');
    const union = /export type NoticeAction =([^;]+);/.exec(source)![1]!;
    const actions = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect(actions.length).toBeGreaterThan(5);
    for (const action of actions) {
      const text = describeNotification(asNotification('moderation', { ...SAMPLES.moderation[0]!, action }));
      expect(text.actionKey, action).not.toBe('moderation.other');
      expect(en[text.actionKey as keyof typeof en], action).toBeTruthy();
    }
  });

  it('a mention links to its message in the group’s chat', () => {
    expect(notificationPath(all.find((n) => n.type === 'mention')!)).toBe('/groups/parents-t1d/chat?message=42');
  });
});
