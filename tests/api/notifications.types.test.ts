/**
 * The one notify path: every notification type arrives stored and live (`notification:new` on every
 * open tab), with its typed data; each setting (group level, the defaults, validation) is respected;
 * and a notification about a private group reaches only someone who can read it when it is delivered.
 */
import { notification as notificationSchema, type Group, type Notification } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/src/db/transaction.js';
import { notify } from '../../server/src/modules/notifications/notify.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, expectError, postMessage } from '../helpers/chat.js';
import { eventTimes } from '../helpers/events.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { afterMinutes, ban, mute } from '../helpers/moderation.js';
import { answer, ask } from '../helpers/questions.js';
import { collect, connected, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let member: TestUser;
let other: TestUser;
let admin: TestUser;
let pub: Group;
let priv: Group;
const sockets: TestSocket[] = [];

const person = (name: string) => registerUser(t, { displayName: `${name} ${uniqueSuffix()}`.slice(0, 40) });

beforeAll(async () => {
  t = await startTestApp();
  [owner, moderator, member, other] = (await Promise.all(['Olive', 'Mo', 'Mel', 'Ozzie'].map(person))) as [TestUser, TestUser, TestUser, TestUser];
  admin = await makeAdmin(t, await person('Ada'));
  pub = await createGroup(t, owner, { visibility: 'public' });
  priv = await createGroup(t, owner, { visibility: 'private' });
  for (const g of [pub, priv]) {
    for (const u of [moderator, member]) await joinGroup(t, u, g, owner);
    await setRole(t, owner, g, moderator, 'moderator');
  }
  await joinGroup(t, other, pub);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.close();
});

const tab = async (user: TestUser) => {
  const s = await connected(t, user.token);
  sockets.push(s);
  return s;
};

const inbox = async (user: TestUser, query: Record<string, string> = {}) => {
  const res = await t.http().get('/api/notifications').query(query).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Notification[]; unreadCount: number };
};

const readAll = (user: TestUser) => t.http().post('/api/notifications/read').set(user.auth).send({ all: true }).expect(204);

const putSettings = (user: TestUser, body: object) => t.http().put('/api/me/notification-settings').set(user.auth).send(body);

/** Runs `act` while `user` has two tabs open; both must receive one `notification:new` of `type`, which is also stored. */
async function expectDelivered(user: TestUser, type: Notification['type'], act: () => Promise<unknown>): Promise<Notification> {
  const [a, b] = [await tab(user), await tab(user)];
  const waits = [a, b].map((s) => nextEvent<{ notification: Notification }>(s, 'notification:new', (p) => p.notification.type === type));
  await act();
  const [first, second] = await Promise.all(waits);
  expect(second!.notification).toEqual(first!.notification);
  const live = notificationSchema.parse(first!.notification);
  expect(live.type).toBe(type);
  const stored = (await inbox(user)).items.find((n) => n.id === live.id);
  expect(stored).toEqual(live);
  return live;
}

describe('every type, through one path: stored, live on every tab, typed data', () => {
  it('mention and reply', async () => {
    const original = await postMessage(t, member, pub, 'Has anyone tried the new sensor?');
    const reply = await expectDelivered(member, 'reply', () => postMessage(t, other, pub, 'Yes, it is great', { replyToId: original.id }));
    expect(reply.data).toMatchObject({ groupId: pub.id, groupSlug: pub.slug, by: { id: other.user.id }, excerpt: 'Yes, it is great' });
    const mention = await expectDelivered(moderator, 'mention', () => postMessage(t, member, pub, `Thanks @${moderator.user.displayName}`));
    expect(mention.data).toMatchObject({ groupSlug: pub.slug, by: { id: member.user.id, displayName: member.user.displayName } });
  });

  it('answer and accepted', async () => {
    const question = await ask(t, member, pub);
    let answered: { id: string } | null = null;
    const note = await expectDelivered(member, 'answer', async () => (answered = await answer(t, other, question.id)));
    expect(note.data).toMatchObject({ questionId: question.id, answerId: answered!.id, questionTitle: question.title, byClinician: false });
    const accepted = await expectDelivered(other, 'accepted', () =>
      t.http().post(`/api/questions/${question.id}/accept`).set(member.auth).send({ answerId: answered!.id }).expect(200),
    );
    expect(accepted.data).toMatchObject({ questionId: question.id, answerId: answered!.id, groupSlug: pub.slug });
  });

  it('join_request to moderators, then join_approved / join_denied to the person', async () => {
    const asker = await person('Asker');
    const request = await expectDelivered(moderator, 'join_request', () => t.http().post(`/api/groups/${priv.slug}/join`).set(asker.auth).expect(202));
    expect(request.data).toMatchObject({ groupSlug: priv.slug, by: { id: asker.user.id } });
    await expectDelivered(asker, 'join_approved', () =>
      t.http().post(`/api/groups/${priv.slug}/requests/${asker.user.id}/approve`).set(moderator.auth).expect(200),
    );
    const refused = await person('Refused');
    await t.http().post(`/api/groups/${priv.slug}/join`).set(refused.auth).expect(202);
    const denied = await expectDelivered(refused, 'join_denied', () =>
      t.http().post(`/api/groups/${priv.slug}/requests/${refused.user.id}/deny`).set(moderator.auth).expect(204),
    );
    expect(denied.data).toEqual({ groupId: priv.id, groupSlug: priv.slug, groupName: priv.name });
  });

  it('report to the moderators, never naming the reporter', async () => {
    const msg = await postMessage(t, other, pub, 'Buy cheap pills at my shop');
    const note = await expectDelivered(moderator, 'report', () =>
      t.http().post('/api/reports').set(member.auth).send({ targetType: 'message', targetId: msg.id, reason: 'spam' }).expect(201),
    );
    expect(note.data).toMatchObject({ groupSlug: pub.slug, reason: 'spam', targetType: 'message' });
    expect(JSON.stringify(note.data)).not.toContain(member.user.id);
  });

  it('moderation', async () => {
    const note = await expectDelivered(other, 'moderation', () => mute(t, moderator, pub, other, 30, 'Please cool down'));
    expect(note.data).toMatchObject({ action: 'mute', groupSlug: pub.slug, reason: 'Please cool down' });
    expect((note.data as { until: string | null }).until).not.toBeNull();
  });

  it('event (a reminder the person asked for)', async () => {
    const res = await t
      .http()
      .post(`/api/groups/${pub.slug}/events`)
      .set(moderator.auth)
      .send({ title: 'Ask a nurse', description: '', ...eventTimes(t, 30, 90), hostIds: [moderator.user.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await t.http().put(`/api/events/${res.body.id}/reminder`).set(member.auth).expect(200);
    const note = await expectDelivered(member, 'event', () => afterMinutes(t, 16));
    expect(note.data).toMatchObject({ eventId: res.body.id, groupId: pub.id, groupSlug: pub.slug, title: 'Ask a nurse', kind: 'reminder' });
  });

  it('clinician_decision', async () => {
    const applicant = await person('Dr Applicant');
    const app = await t
      .http()
      .post('/api/clinician-applications')
      .set(applicant.auth)
      .send({ licenseNumber: 'ON-12345', jurisdiction: 'Ontario', specialty: 'Nursing' });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    const note = await expectDelivered(applicant, 'clinician_decision', () =>
      t.http().post(`/api/admin/clinician-applications/${app.body.id}/reject`).set(admin.auth).send({ note: 'Licence not found' }).expect(200),
    );
    expect(note.data).toEqual({ applicationId: app.body.id, decision: 'rejected', note: 'Licence not found' });
  });

  it('staff_invite (the path organizations use)', async () => {
    const data = { orgSlug: 'north-clinic', orgName: 'North Clinic', title: 'Nurse educator', role: 'staff' as const, by: null };
    const note = await expectDelivered(other, 'staff_invite', () =>
      inTransaction(t.app.deps, (tx, after) => notify(tx, after, [{ userId: other.user.id, type: 'staff_invite', data }])),
    );
    expect(note.data).toEqual(data);
  });
});

describe('settings', () => {
  it('needs a session', async () => {
    expectError(await t.http().get('/api/me/notification-settings'), 401, 'UNAUTHORIZED');
    expectError(await t.http().put('/api/me/notification-settings').send({ email: 'off' }), 401, 'UNAUTHORIZED');
  });

  it('defaults: email mentions, every group of mine all', async () => {
    const res = await t.http().get('/api/me/notification-settings').set(member.auth).expect(200);
    expect(res.body).toEqual({ email: 'mentions', groups: { [pub.slug]: 'all', [priv.slug]: 'all' } });
  });

  it('a PUT replaces only what it names and answers the whole settings', async () => {
    const u = await person('Setter');
    await joinGroup(t, u, pub);
    await joinGroup(t, u, priv, owner);
    let res = await putSettings(u, { groups: { [pub.slug]: 'mentions' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ email: 'mentions', groups: { [pub.slug]: 'mentions', [priv.slug]: 'all' } });
    res = await putSettings(u, { email: 'daily' });
    expect(res.body).toEqual({ email: 'daily', groups: { [pub.slug]: 'mentions', [priv.slug]: 'all' } });
    expect((await t.http().get('/api/me/notification-settings').set(u.auth)).body).toEqual(res.body);
  });

  it('refuses a group the person is not in, a bad level, a wrong type — and changes nothing', async () => {
    const elsewhere = await createGroup(t, other);
    const res = await putSettings(member, { email: 'off', groups: { [elsewhere.slug]: 'none' } });
    expectError(res, 400, 'VALIDATION_ERROR');
    expect(JSON.stringify(res.body)).toContain(`body.groups.${elsewhere.slug}`);
    expectError(await putSettings(member, { groups: { [pub.slug]: 'loud' } }), 400, 'VALIDATION_ERROR');
    expectError(await putSettings(member, { email: true }), 400, 'VALIDATION_ERROR');
    expect((await t.http().get('/api/me/notification-settings').set(member.auth)).body.email).toBe('mentions');
  });

  it('level "mentions" keeps mentions and replies, drops join requests, reports and other activity', async () => {
    const mod = await person('Quiet Mod');
    await joinGroup(t, mod, priv, owner);
    await setRole(t, owner, priv, mod, 'moderator');
    expect((await putSettings(mod, { groups: { [priv.slug]: 'mentions' } })).status).toBe(200);
    await readAll(mod);
    const s = await tab(mod);
    const seen = collect<{ notification: Notification }>(s, 'notification:new');
    const asker = await person('Knock');
    await t.http().post(`/api/groups/${priv.slug}/join`).set(asker.auth).expect(202);
    const msg = await postMessage(t, member, priv, 'A question for the team');
    await t.http().post('/api/reports').set(moderator.auth).send({ targetType: 'message', targetId: msg.id, reason: 'other' }).expect(201);
    await postMessage(t, member, priv, `Hello @${mod.user.displayName}`);
    await barrier(s);
    await new Promise((r) => setTimeout(r, 100));
    seen.stop();
    expect(seen.items.map((p) => p.notification.type)).toEqual(['mention']);
    expect((await inbox(mod, { unread: 'true' })).items.map((n) => n.type)).toEqual(['mention']);
  });

  it('level "none" silences the group, but a notice about yourself still arrives', async () => {
    const quiet = await person('Quiet');
    await joinGroup(t, quiet, pub);
    expect((await putSettings(quiet, { groups: { [pub.slug]: 'none' } })).status).toBe(200);
    const original = await postMessage(t, quiet, pub, 'My first message');
    await postMessage(t, member, pub, `@${quiet.user.displayName} welcome`, { replyToId: original.id });
    expect((await inbox(quiet)).items).toEqual([]);
    await mute(t, moderator, pub, quiet, 10, 'Testing the notice');
    expect((await inbox(quiet)).items.map((n) => n.type)).toEqual(['moderation']);
    // Back to "all": the group is heard again.
    expect((await putSettings(quiet, { groups: { [pub.slug]: 'all' } })).status).toBe(200);
    await postMessage(t, member, pub, 'again', { replyToId: original.id });
    expect((await inbox(quiet)).items.map((n) => n.type)).toEqual(['reply', 'moderation']);
  });
});

describe('the private-group rule, checked at delivery', () => {
  it('someone who left a private group gets nothing more from it, and earlier notices about it are gone', async () => {
    const leaver = await person('Leaver');
    await joinGroup(t, leaver, priv, owner);
    const mine = await postMessage(t, leaver, priv, 'I will be leaving soon');
    await postMessage(t, member, priv, 'Sorry to hear', { replyToId: mine.id });
    expect((await inbox(leaver)).items.map((n) => n.type)).toEqual(['reply', 'join_approved']);
    await t.http().post(`/api/groups/${priv.slug}/leave`).set(leaver.auth).expect(204);
    const s = await tab(leaver);
    const seen = collect(s, 'notification:new');
    await postMessage(t, member, priv, 'Private details after you left', { replyToId: mine.id });
    await barrier(s);
    seen.stop();
    expect(seen.items).toEqual([]);
    // What stays is the notice about themselves; the reply with the group's words is gone.
    const after = await inbox(leaver);
    expect(after.items.map((n) => n.type)).toEqual(['join_approved']);
    expect(after.unreadCount).toBe(1);
    expect(JSON.stringify(after)).not.toContain('Private details');
  });

  it('someone removed gets the moderation notice that says so, and nothing else', async () => {
    const removed = await person('Removed');
    await joinGroup(t, removed, priv, owner);
    const mine = await postMessage(t, removed, priv, 'Hello all');
    await readAll(removed);
    const res = await t.http().delete(`/api/groups/${priv.slug}/members/${removed.user.id}`).set(moderator.auth).send({ reason: 'Off-topic posts' });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    await postMessage(t, member, priv, 'Talking about you', { replyToId: mine.id });
    const items = (await inbox(removed, { unread: 'true' })).items;
    expect(items.map((n) => n.type)).toEqual(['moderation']);
    expect(items[0]!.data).toMatchObject({ action: 'remove_member', reason: 'Off-topic posts', groupSlug: priv.slug });
  });

  it('someone banned from a public group hears nothing more from it', async () => {
    const banned = await person('Banned');
    await joinGroup(t, banned, pub);
    const mine = await postMessage(t, banned, pub, 'Hi');
    await ban(t, moderator, pub, banned, { reason: 'Spam' });
    await readAll(banned);
    await postMessage(t, member, pub, 'reply to a banned person', { replyToId: mine.id });
    expect((await inbox(banned, { unread: 'true' })).items).toEqual([]);
  });
});
