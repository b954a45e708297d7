/**
 * Email end to end, received by a real SMTP server inside the test process (smtp-server + mailparser):
 * immediate notification emails in the recipient's language, nothing of a private group's words,
 * the audience asked again at sending time, one-click unsubscribe followed signed out, the daily
 * digest, and password reset from the request to the new password (links followed).
 */
import type { Group } from '@circles/shared';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { connected, nextEvent } from '../helpers/sockets.js';

const ORIGIN = 'https://circles.example.org';
let smtp: TestSmtp;
let t: TestApp;
let owner: TestUser;
let member: TestUser;
let pub: Group;
let priv: Group;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_ORIGIN: ORIGIN, MAIL_FROM: 'Circles <hello@circles.example.org>' });
  owner = await registerUser(t, { displayName: `Owner ${uniqueSuffix()}`.slice(0, 40) });
  member = await registerUser(t, { displayName: `Member ${uniqueSuffix()}`.slice(0, 40) });
  pub = await createGroup(t, owner, { visibility: 'public', name: `Sunny public ${uniqueSuffix()}` });
  priv = await createGroup(t, owner, { visibility: 'private', name: `Secret circle ${uniqueSuffix()}` });
  await joinGroup(t, member, pub);
  await joinGroup(t, member, priv, owner);
});
afterAll(async () => {
  await t?.close();
  await smtp.close();
});
beforeEach(async () => {
  await sendDue();
  smtp.clear();
});

/** A minute later, the email job has run. */
async function sendDue(minutes = 1) {
  t.clock.advanceMinutes(minutes);
  await t.app.deps.jobs.runDue();
}

const to = (user: TestUser) => smtp.to(user.email);
const person = async (locale?: 'fr') => {
  const u = await registerUser(t, { displayName: `Pat ${uniqueSuffix()}`.slice(0, 40) });
  if (locale) await t.http().patch('/api/me').set(u.auth).send({ locale }).expect(200);
  return u;
};
/** A header as sent (mailparser structures List-Unsubscribe). */
const rawHeader = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
const linksIn = (mail: ParsedMail) => [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);

describe('notification emails', () => {
  it('a mention leaves by email a minute later, as text and HTML, with its link and one-click unsubscribe', async () => {
    const u = await person();
    await joinGroup(t, u, pub);
    const msg = await postMessage(t, member, pub, `Good morning @${u.user.displayName}, how was the walk?`);
    expect(to(u)).toHaveLength(0); // never inside the request
    await sendDue();
    const [mail] = to(u);
    expect(mail, 'one email').toBeDefined();
    expect(mail!.subject).toBe(`${member.user.displayName} mentioned you in ${pub.name}`);
    expect(mail!.text).toContain('how was the walk?');
    expect(mail!.html).toContain('<a href=');
    expect(linksIn(mail!)).toContain(`${ORIGIN}/groups/${pub.slug}/chat?message=${msg.id}`);
    expect(rawHeader(mail!, 'list-unsubscribe')).toMatch(new RegExp(`^<${ORIGIN}/api/unsubscribe\\?token=`));
    expect(rawHeader(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    await sendDue();
    expect(to(u)).toHaveLength(1); // once
  });

  it('is written in the recipient’s language', async () => {
    const u = await person('fr');
    await joinGroup(t, u, pub);
    await postMessage(t, member, pub, `Merci @${u.user.displayName}`);
    await sendDue();
    expect(to(u)[0]!.subject).toBe(`${member.user.displayName} vous a mentionné dans ${pub.name}`);
  });

  it('never carries a private group’s words or even its name', async () => {
    const u = await person();
    await joinGroup(t, u, priv, owner);
    await sendDue();
    smtp.clear();
    const mine = await postMessage(t, u, priv, 'Starting my new treatment tomorrow');
    await postMessage(t, member, priv, 'My blood results were bad again', { replyToId: mine.id });
    await sendDue();
    const [mail] = to(u);
    expect(mail!.subject).toBe('New activity in a group you follow');
    const whole = `${mail!.subject}\n${mail!.text}\n${mail!.html}`;
    expect(whole).not.toContain('blood results');
    expect(whole).not.toContain(priv.name);
    expect(whole).not.toContain(member.user.displayName);
  });

  it('asks the audience again when sending: someone who left in between gets nothing', async () => {
    const u = await person();
    await joinGroup(t, u, priv, owner);
    const mine = await postMessage(t, u, priv, 'Hello');
    await sendDue();
    smtp.clear();
    await postMessage(t, member, priv, 'Reply while you are still here', { replyToId: mine.id });
    await t.http().post(`/api/groups/${priv.slug}/leave`).set(u.auth).expect(204);
    await sendDue();
    expect(to(u)).toEqual([]);
  });

  it('email "off" sends nothing; the bell still gets it', async () => {
    const u = await person();
    await joinGroup(t, u, pub);
    await t.http().put('/api/me/notification-settings').set(u.auth).send({ email: 'off' }).expect(200);
    await postMessage(t, member, pub, `Hi @${u.user.displayName}`);
    await sendDue();
    expect(to(u)).toEqual([]);
    expect((await t.http().get('/api/notifications').set(u.auth)).body.items).toHaveLength(1);
  });

  it('the one-click unsubscribe link works signed out, and a forged one does not', async () => {
    const u = await person();
    await joinGroup(t, u, pub);
    await postMessage(t, member, pub, `Hey @${u.user.displayName}`);
    await sendDue();
    const header = rawHeader(to(u)[0]!, 'list-unsubscribe')!;
    const url = new URL(header.slice(1, -1));
    expect(url.origin).toBe(ORIGIN);
    // What a mail client does (RFC 8058): POST the form to the header's URL, no session.
    const res = await t.http().post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ email: 'off' });
    expect((await t.http().get('/api/me/notification-settings').set(u.auth)).body.email).toBe('off');
    smtp.clear();
    await postMessage(t, member, pub, `Still there @${u.user.displayName}?`);
    await sendDue();
    expect(to(u)).toEqual([]);

    // The SPA's page posts JSON { token }.
    const token = url.searchParams.get('token')!;
    await t.http().post('/api/unsubscribe').send({ token }).expect(200);
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    expectError(await t.http().post('/api/unsubscribe').send({ token: forged }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post('/api/unsubscribe').send({ token: 'nonsense-token' }), 400, 'VALIDATION_ERROR');
  });

  it('a daily digest gathers the day’s unread notifications in one email at midnight UTC', async () => {
    const u = await person();
    await joinGroup(t, u, pub);
    await t.http().put('/api/me/notification-settings').set(u.auth).send({ email: 'daily' }).expect(200);
    await postMessage(t, member, pub, `First @${u.user.displayName}`);
    await postMessage(t, owner, pub, `Second @${u.user.displayName}`);
    await sendDue();
    expect(to(u)).toEqual([]); // not right away
    const now = t.clock.now().getTime();
    await sendDue(Math.ceil((Math.ceil(now / 86_400_000) * 86_400_000 - now) / 60_000) + 1);
    const mails = to(u);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your Circles digest: 2 new notifications');
    expect(mails[0]!.text).toContain('First @');
    expect(mails[0]!.text).toContain('Second @');
    expect(rawHeader(mails[0]!, 'list-unsubscribe')).toBeTruthy();
  });
});

describe('password reset', () => {
  const requestReset = (email: string, headers: Record<string, string> = {}) =>
    t.http().post('/api/auth/password-reset').set(headers).send({ email });

  it('answers 202 whether or not the address has an account, and emails a link built from PUBLIC_ORIGIN', async () => {
    const u = await person();
    const known = await requestReset(u.email.toUpperCase(), { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' });
    const unknown = await requestReset(`nobody-${uniqueSuffix()}@example.test`);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await t.app.deps.jobs.runDue();
    const [mail] = to(u);
    expect(mail!.subject).toBe('Reset your Circles password');
    const link = linksIn(mail!).find((l) => l.includes('/reset-password'))!;
    expect(link).toMatch(new RegExp(`^${ORIGIN}/reset-password\\?token=[A-Za-z0-9_-]{40,}$`));
    expect(`${mail!.text}${mail!.html}`).not.toContain('evil.example');
    expect(rawHeader(mail!, 'list-unsubscribe')).toBeUndefined();
    expect(smtp.mails).toHaveLength(1);
  });

  it('following the link sets the new password once, ends every session and drops every socket', async () => {
    const u = await person();
    const socket = await connected(t, u.token);
    await requestReset(u.email).expect(202);
    await t.app.deps.jobs.runDue();
    const token = new URL(linksIn(to(u)[0]!).find((l) => l.includes('/reset-password'))!).searchParams.get('token')!;
    // The token is stored hashed only.
    const stored = await t.app.deps.db.execute(`select token_hash from password_resets` as never);
    expect(JSON.stringify(stored)).not.toContain(token);

    const dropped = nextEvent(socket, 'disconnect');
    expectError(await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: 'short' }), 400, 'VALIDATION_ERROR');
    await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: 'a brand new passphrase' }).expect(204);
    await dropped;
    expectError(await t.http().get('/api/me').set(u.auth), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/auth/refresh').set('Cookie', u.refreshCookie), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/auth/login').send({ email: u.email, password: u.password }), 401, 'UNAUTHORIZED');
    await t.http().post('/api/auth/login').send({ email: u.email, password: 'a brand new passphrase' }).expect(200);
    // Single use.
    expectError(await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: 'yet another passphrase' }), 410, 'EXPIRED');
    expectError(await t.http().post('/api/auth/password-reset/confirm').send({ token: 'x'.repeat(43), newPassword: 'yet another passphrase' }), 410, 'EXPIRED');
  });

  it('a link is good for one hour', async () => {
    const u = await person();
    await requestReset(u.email).expect(202);
    await t.app.deps.jobs.runDue();
    const token = new URL(linksIn(to(u)[0]!).find((l) => l.includes('/reset-password'))!).searchParams.get('token')!;
    t.clock.advanceMinutes(61);
    expectError(await t.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: 'a brand new passphrase' }), 410, 'EXPIRED');
    await t.http().post('/api/auth/login').send({ email: u.email, password: u.password }).expect(200);
  });

  it('past the per-account limit no email goes out, and the answer is still 202', async () => {
    const u = await person();
    for (let i = 0; i < 5; i++) await requestReset(u.email).expect(202);
    await t.app.deps.jobs.runDue();
    expect(to(u)).toHaveLength(3);
    await sendDue(61);
    await requestReset(u.email).expect(202);
    await t.app.deps.jobs.runDue();
    expect(to(u)).toHaveLength(4);
  });
});

describe('per-address limit on reset requests', () => {
  it('answers 429 past the limit from one address', async () => {
    const limited = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.http().post('/api/auth/password-reset').send({ email: `a${i}@example.test` })).status);
      expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
