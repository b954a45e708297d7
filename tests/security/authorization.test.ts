/**
 * Authorization attacks: a private group's content through every path — history, search, reactions,
 * reports, events, members, moderation, exports, notifications — tried by someone signed out, by a
 * signed-in outsider, by a member removed from the group, and by a member of another group reaching
 * for this group's object ids; site-admin routes tried by ordinary users; socket rooms after removal.
 * Every case checks the exact status and code, and that nothing was written.
 */
import type { Group, Message } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { collect, connected, emitAck, nextEvent } from '../helpers/sockets.js';
import { expectNothingWritten, expectRefused } from './helpers.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let member: TestUser;
let outsider: TestUser;
let removed: TestUser;
/** A member of another group, holding this group's ids (as a leaked link would give them). */
let neighbour: TestUser;
let secret: Group;
let message: Message;
/** The owner's message: an ordinary member may neither edit nor delete it. */
let ownerMessage: Message;
let questionId: string;
let answerId: string;
let eventId: string;
let reportId: string;
let inviteCode: string;
const SECRET_WORD = 'zebrafinch';

beforeAll(async () => {
  t = await startTestApp();
  [owner, moderator, member, outsider, removed, neighbour] = await Promise.all(
    ['Olive Owner', 'Mona Moderator', 'Mark Member', 'Oscar Outsider', 'Rita Removed', 'Ned Neighbour'].map((displayName) => registerUser(t, { displayName })),
  ) as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  secret = await createGroup(t, owner, { visibility: 'private', name: 'Private circle' });
  await createGroup(t, neighbour, { name: 'Neighbour circle' });
  for (const who of [moderator, member, removed]) await joinGroup(t, who, secret, owner);
  await setRole(t, owner, secret, moderator, 'moderator');
  message = await postMessage(t, member, secret, `My ${SECRET_WORD} diagnosis came back`);
  ownerMessage = await postMessage(t, owner, secret, 'Welcome, everyone');
  const q = await t.http().post(`/api/groups/${secret.slug}/questions`).set(member.auth).send({ title: `Question about ${SECRET_WORD} doses`, body: `Private ${SECRET_WORD} details` });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  questionId = q.body.id;
  const a = await t.http().post(`/api/questions/${questionId}/answers`).set(owner.auth).send({ body: 'An answer in private' });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  answerId = a.body.id;
  const startsAt = new Date(Date.now() + 86_400_000).toISOString();
  const endsAt = new Date(Date.now() + 90_000_000).toISOString();
  const ev = await t.http().post(`/api/groups/${secret.slug}/events`).set(owner.auth).send({ title: 'Private session', description: 'Members only', startsAt, endsAt, hostIds: [owner.user.id] });
  expect(ev.status, JSON.stringify(ev.body)).toBe(201);
  eventId = ev.body.id;
  const rep = await t.http().post('/api/reports').set(member.auth).send({ targetType: 'message', targetId: message.id, reason: 'other', note: 'checking' });
  expect(rep.status, JSON.stringify(rep.body)).toBe(201);
  reportId = rep.body.id;
  const inv = await t.http().post(`/api/groups/${secret.slug}/invites`).set(owner.auth).send({});
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  inviteCode = inv.body.code;
  const out = await t.http().delete(`/api/groups/${secret.slug}/members/${removed.user.id}`).set(owner.auth).send({ reason: 'test removal' });
  expect(out.status, JSON.stringify(out.body)).toBe(204);
});
afterAll(() => t?.close());

type Attempt = { label: string; method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: () => string; body?: () => object };

/** Every path to a private group's content or its moderation, as a non-reader would call it. */
const PRIVATE_PATHS: Attempt[] = [
  { label: 'history', method: 'get', path: () => `/api/groups/${secret.slug}/messages` },
  { label: 'history catch-up (after=0)', method: 'get', path: () => `/api/groups/${secret.slug}/messages?after=0` },
  { label: 'post a message', method: 'post', path: () => `/api/groups/${secret.slug}/messages`, body: () => ({ body: 'let me in', clientId: newClientId() }) },
  { label: 'react to a message', method: 'put', path: () => `/api/messages/${message.id}/reactions/${encodeURIComponent('❤️')}` },
  { label: 'move the read marker', method: 'post', path: () => `/api/groups/${secret.slug}/read`, body: () => ({ messageId: message.id }) },
  { label: 'questions', method: 'get', path: () => `/api/groups/${secret.slug}/questions` },
  { label: 'question search', method: 'get', path: () => `/api/groups/${secret.slug}/questions?q=${SECRET_WORD}` },
  { label: 'ask a question', method: 'post', path: () => `/api/groups/${secret.slug}/questions`, body: () => ({ title: 'Can I ask this here?', body: 'please' }) },
  { label: 'a question by id', method: 'get', path: () => `/api/questions/${questionId}` },
  { label: 'answer a question', method: 'post', path: () => `/api/questions/${questionId}/answers`, body: () => ({ body: 'my answer' }) },
  { label: 'vote an answer helpful', method: 'put', path: () => `/api/answers/${answerId}/helpful` },
  { label: 'members', method: 'get', path: () => `/api/groups/${secret.slug}/members` },
  { label: 'events', method: 'get', path: () => `/api/groups/${secret.slug}/events` },
  { label: 'an event by id', method: 'get', path: () => `/api/events/${eventId}` },
  { label: 'an event calendar file', method: 'get', path: () => `/api/events/${eventId}/event.ics` },
  { label: 'an event transcript', method: 'get', path: () => `/api/events/${eventId}/transcript` },
  { label: 'event questions', method: 'get', path: () => `/api/events/${eventId}/questions` },
  { label: 'ask at an event', method: 'post', path: () => `/api/events/${eventId}/questions`, body: () => ({ body: 'hello?' }) },
  { label: 'an event reminder', method: 'put', path: () => `/api/events/${eventId}/reminder` },
  { label: 'report a message', method: 'post', path: () => '/api/reports', body: () => ({ targetType: 'message', targetId: message.id, reason: 'spam' }) },
  { label: 'report a question', method: 'post', path: () => '/api/reports', body: () => ({ targetType: 'question', targetId: questionId, reason: 'spam' }) },
  { label: 'report an answer', method: 'post', path: () => '/api/reports', body: () => ({ targetType: 'answer', targetId: answerId, reason: 'spam' }) },
];

/** Moderators' and owners' routes of the group: any non-moderator is refused. */
const MODERATION_PATHS: Attempt[] = [
  { label: 'reports', method: 'get', path: () => `/api/groups/${secret.slug}/reports` },
  { label: 'resolve a report', method: 'post', path: () => `/api/reports/${reportId}/resolve`, body: () => ({ action: 'dismiss' }) },
  { label: 'audit log', method: 'get', path: () => `/api/groups/${secret.slug}/audit-log` },
  { label: 'join requests', method: 'get', path: () => `/api/groups/${secret.slug}/requests` },
  { label: 'invites', method: 'get', path: () => `/api/groups/${secret.slug}/invites` },
  { label: 'create an invite', method: 'post', path: () => `/api/groups/${secret.slug}/invites`, body: () => ({}) },
  { label: 'revoke an invite', method: 'delete', path: () => `/api/invites/${inviteCode}` },
  { label: 'invite QR code', method: 'get', path: () => `/api/invites/${inviteCode}/qr.svg` },
  { label: 'edit the group', method: 'patch', path: () => `/api/groups/${secret.slug}`, body: () => ({ name: 'Taken over' }) },
  { label: 'group settings', method: 'put', path: () => `/api/groups/${secret.slug}/settings`, body: () => ({ slowModeSeconds: 0 }) },
  { label: 'mute the owner', method: 'post', path: () => `/api/groups/${secret.slug}/mutes`, body: () => ({ userId: owner.user.id, minutes: 10, reason: 'x' }) },
  { label: 'ban a member', method: 'post', path: () => `/api/groups/${secret.slug}/bans`, body: () => ({ userId: member.user.id, reason: 'x' }) },
  { label: 'remove a member', method: 'delete', path: () => `/api/groups/${secret.slug}/members/${member.user.id}`, body: () => ({ reason: 'x' }) },
  { label: 'change a role', method: 'put', path: () => `/api/groups/${secret.slug}/members/${member.user.id}/role`, body: () => ({ role: 'moderator' }) },
  { label: 'pin a question', method: 'post', path: () => `/api/questions/${questionId}/pin` },
  { label: 'delete someone else’s message', method: 'delete', path: () => `/api/messages/${ownerMessage.id}` },
  { label: 'edit someone else’s message', method: 'patch', path: () => `/api/messages/${ownerMessage.id}`, body: () => ({ body: 'rewritten' }) },
  { label: 'schedule an event', method: 'post', path: () => `/api/groups/${secret.slug}/events`, body: () => ({ title: 'Hijack', description: '', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), hostIds: [owner.user.id] }) },
  { label: 'cancel an event', method: 'post', path: () => `/api/events/${eventId}/cancel` },
  { label: 'start an event', method: 'post', path: () => `/api/events/${eventId}/start` },
];

/** Site-admin routes, tried by a group owner who is not a site admin. */
const ADMIN_PATHS: Attempt[] = [
  { label: 'admin audit log', method: 'get', path: () => '/api/admin/audit-log' },
  { label: 'clinician applications', method: 'get', path: () => '/api/admin/clinician-applications?status=pending' },
  { label: 'suspend a user', method: 'post', path: () => `/api/admin/users/${member.user.id}/suspend`, body: () => ({ reason: 'x' }) },
  { label: 'verify an organization', method: 'post', path: () => '/api/admin/organizations/anything/verify' },
];

async function attempt(a: Attempt, who: TestUser | null) {
  let req = t.http()[a.method](a.path());
  if (who) req = req.set(who.auth);
  if (a.body) req = req.send(a.body());
  return req;
}

/** Whatever came back must not carry the private group's words. */
function expectNoLeak(res: { text: string }) {
  expect(res.text).not.toContain(SECRET_WORD);
}

describe('signed out: every private path answers 401 UNAUTHORIZED', () => {
  it.each([...PRIVATE_PATHS, ...MODERATION_PATHS.filter((a) => a.label !== 'invite QR code'), ...ADMIN_PATHS].map((a) => [a.label, a] as const))('%s', async (_l, a) => {
    const res = await expectNothingWritten(t, () => attempt(a, null));
    expectRefused(res, 401, 'UNAUTHORIZED');
    expectNoLeak(res);
  });
});

describe.each([
  ['a signed-in outsider', () => outsider],
  ['a removed member', () => removed],
  ['a member of another group holding these ids', () => neighbour],
])('%s: a private group’s content answers 403 NOT_A_MEMBER', (_who, person) => {
  it.each(PRIVATE_PATHS.map((a) => [a.label, a] as const))('%s', async (_l, a) => {
    const res = await expectNothingWritten(t, () => attempt(a, person()));
    expectRefused(res, 403, 'NOT_A_MEMBER');
    expectNoLeak(res);
  });
});

describe('an ordinary member: moderation answers 403 FORBIDDEN', () => {
  it.each(MODERATION_PATHS.map((a) => [a.label, a] as const))('%s', async (_l, a) => {
    const res = await expectNothingWritten(t, () => attempt(a, member));
    expectRefused(res, 403, 'FORBIDDEN');
  });
});

describe('a group owner who is not a site admin: admin routes answer 403 FORBIDDEN', () => {
  it.each(ADMIN_PATHS.map((a) => [a.label, a] as const))('%s', async (_l, a) => {
    const res = await expectNothingWritten(t, () => attempt(a, owner));
    expectRefused(res, 403, 'FORBIDDEN');
  });
});

describe('private content stays out of lists, search, exports and notifications', () => {
  it('the group list and the group card show the card only: no messages, questions or members', async () => {
    for (const path of [`/api/groups?q=${encodeURIComponent('Private circle')}`, `/api/groups/${secret.slug}`]) {
      const res = await t.http().get(path).set(outsider.auth);
      expect(res.status).toBe(200);
      expectNoLeak(res);
      expect(res.text).not.toContain(member.user.id);
    }
  });

  it('a removed member’s export keeps their own words but nothing others wrote in the group since', async () => {
    const later = await postMessage(t, member, secret, `After the removal: ${SECRET_WORD} update`);
    const res = await t.http().get('/api/me/export').set(removed.auth);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(later.id);
    expectNoLeak(res);
  });

  it('an outsider’s notifications carry nothing from the group, even when mentioned by name in it', async () => {
    await postMessage(t, member, secret, `@${outsider.user.displayName} ${SECRET_WORD} you are not here`);
    const res = await t.http().get('/api/notifications').set(outsider.auth);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expectNoLeak(res);
  });
});

describe('sockets', () => {
  it.each([
    ['group:join', () => ({ slug: secret.slug })],
    ['message:send', () => ({ slug: secret.slug, body: 'let me in', clientId: newClientId() })],
    ['reaction:add', () => ({ messageId: message.id, emoji: '❤️' })],
    ['read', () => ({ slug: secret.slug, messageId: message.id })],
    ['message:edit', () => ({ id: message.id, body: 'rewritten' })],
    ['message:delete', () => ({ id: message.id })],
  ] as const)('an outsider’s %s answers NOT_A_MEMBER and writes nothing', async (event, payload) => {
    const s = await connected(t, outsider.token);
    const ack = await expectNothingWritten(t, () => emitAck(s, event, payload()));
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    s.disconnect();
  });

  it.each([
    ['message:edit', 'FORBIDDEN', () => ({ id: ownerMessage.id, body: 'rewritten' })],
    ['message:delete', 'FORBIDDEN', () => ({ id: ownerMessage.id })],
    ['typing', 'FORBIDDEN', () => ({ slug: secret.slug, isTyping: true })],
  ] as const)('a member’s %s of someone else’s message (or typing outside the room) answers %s', async (event, code, payload) => {
    const s = await connected(t, member.token);
    const ack = await expectNothingWritten(t, () => emitAck(s, event, payload()));
    expect(ack).toMatchObject({ ok: false, error: { code } });
    s.disconnect();
  });

  it('an outsider’s typing answers FORBIDDEN', async () => {
    const payload = () => ({ slug: secret.slug, isTyping: true });
    const code = 'FORBIDDEN';
    const event = 'typing';
    const s = await connected(t, outsider.token);
    const ack = await expectNothingWritten(t, () => emitAck(s, event, payload()));
    expect(ack).toMatchObject({ ok: false, error: { code } });
    s.disconnect();
  });

  it('a member removed while in the room leaves it at once: group:removed, then nothing more', async () => {
    const victim = await registerUser(t);
    await joinGroup(t, victim, secret, owner);
    const s = await connected(t, victim.token);
    expect(await joinRoom(s, secret.slug)).toMatchObject({ ok: true });
    const heard = collect(s, 'message:new');
    const gone = nextEvent<{ slug: string; reason: string }>(s, 'group:removed');
    expect((await t.http().delete(`/api/groups/${secret.slug}/members/${victim.user.id}`).set(moderator.auth).send({ reason: 'test' })).status).toBe(204);
    expect(await gone).toMatchObject({ slug: secret.slug, reason: 'removed' });
    await postMessage(t, member, secret, `${SECRET_WORD} after they left`);
    const rejoin = await emitAck(s, 'group:join', { slug: secret.slug });
    expect(rejoin).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(heard.items).toEqual([]);
    s.disconnect();
  });
});
