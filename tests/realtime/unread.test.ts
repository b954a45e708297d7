/**
 * Live unread counts: a new message reaches every open socket of the group's active members, whatever
 * page they have open (they never joined the chat room), and no one else — not a pending requester,
 * not someone who left, was banned or whose request was denied. Edits, reactions and typing stay in
 * the chat room.
 */
import type { Message } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t, { displayName: 'Olivia Owner' });
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function socketFor(user: TestUser): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  return s;
}

const newMessages = (s: TestSocket) => collect<{ message: Message }>(s, 'message:new');

describe('new messages reach members on any page', () => {
  it('delivers message:new to a member who never opened the chat, once, and not edits or reactions', async () => {
    const group = await createGroup(t, owner);
    const member = await registerUser(t);
    await joinGroup(t, member, group);
    const s = await socketFor(member);
    const heard = newMessages(s);
    const other = collect(s, 'message:updated');
    const reactions = collect(s, 'reaction:updated');

    const sent = await postMessage(t, owner, group, 'Anyone tried the new pump?');
    await barrier(s);
    expect(heard.items.map((p) => p.message.id)).toEqual([sent.id]);
    expect(heard.items[0]!.message).toMatchObject({ groupId: group.id, body: 'Anyone tried the new pump?', author: { id: owner.user.id } });

    const edited = await t.http().patch(`/api/messages/${sent.id}`).set(owner.auth).send({ body: 'Anyone tried the new insulin pump?' });
    expect(edited.status).toBe(200);
    const reacted = await t.http().put(`/api/messages/${sent.id}/reactions/${encodeURIComponent('❤️')}`).set(owner.auth);
    expect(reacted.status).toBe(200);
    await barrier(s);
    expect(other.items).toEqual([]);
    expect(reactions.items).toEqual([]);
  });

  it('delivers once to a member who also has the chat open (both rooms)', async () => {
    const group = await createGroup(t, owner);
    const member = await registerUser(t);
    await joinGroup(t, member, group);
    const s = await socketFor(member);
    expect(await emitAck(s, 'group:join', { slug: group.slug })).toMatchObject({ ok: true });
    const heard = newMessages(s);
    const sent = await postMessage(t, owner, group, 'Once, not twice');
    await barrier(s);
    expect(heard.items.map((p) => p.message.id)).toEqual([sent.id]);
  });

  it('starts at once for a socket already open when its person joins, is approved or accepts an invite', async () => {
    const group = await createGroup(t, owner);
    const secret = await createGroup(t, owner, { visibility: 'private' });
    const invited = await createGroup(t, owner, { visibility: 'private' });
    const person = await registerUser(t);
    const s = await socketFor(person);
    const heard = newMessages(s);

    await joinGroup(t, person, group);
    await joinGroup(t, person, secret, owner);
    const invite = await t.http().post(`/api/groups/${invited.slug}/invites`).set(owner.auth).send({});
    expect(invite.status).toBe(201);
    const accepted = await t.http().post(`/api/invites/${invite.body.code}/accept`).set(person.auth);
    expect(accepted.status).toBe(200);

    const ids = [
      (await postMessage(t, owner, group, 'Welcome to the public group')).id,
      (await postMessage(t, owner, secret, 'Welcome to the private group')).id,
      (await postMessage(t, owner, invited, 'Welcome, invited one')).id,
    ];
    await barrier(s);
    expect(heard.items.map((p) => p.message.id)).toEqual(ids);
  });

  it('follows the groups a socket connects with, including one created by its person', async () => {
    const mine = await registerUser(t);
    const created = await createGroup(t, mine);
    await joinGroup(t, owner, created);
    const s = await socketFor(mine);
    const heard = nextEvent<{ message: Message }>(s, 'message:new');
    const sent = await postMessage(t, owner, created, 'Thanks for starting this group');
    expect((await heard).message.id).toBe(sent.id);
  });
});

describe('and reach no one else', () => {
  it('skips pending requesters, strangers, and members once they leave, are banned or removed', async () => {
    const secret = await createGroup(t, owner, { visibility: 'private' });
    const pending = await registerUser(t);
    const stranger = await registerUser(t);
    const leaver = await registerUser(t);
    const banned = await registerUser(t);
    const removed = await registerUser(t);
    for (const u of [leaver, banned, removed]) await joinGroup(t, u, secret, owner);
    expect((await t.http().post(`/api/groups/${secret.slug}/join`).set(pending.auth)).status).toBe(202);

    const sockets = await Promise.all([pending, stranger, leaver, banned, removed].map(socketFor));
    const heard = sockets.map(newMessages);

    expect((await t.http().post(`/api/groups/${secret.slug}/leave`).set(leaver.auth)).status).toBe(204);
    const ban = await t.http().post(`/api/groups/${secret.slug}/bans`).set(owner.auth).send({ userId: banned.user.id, reason: 'Spam' });
    expect(ban.status, JSON.stringify(ban.body)).toBeLessThan(300);
    const removal = await t.http().delete(`/api/groups/${secret.slug}/members/${removed.user.id}`).set(owner.auth).send({ reason: 'Off topic' });
    expect(removal.status).toBe(204);

    await postMessage(t, owner, secret, 'Members only from here');
    for (const s of sockets) await barrier(s);
    expect(heard.map((h) => h.items.length)).toEqual([0, 0, 0, 0, 0]);
  });

  it('skips a requester whose request is denied', async () => {
    const secret = await createGroup(t, owner, { visibility: 'private' });
    const requester = await registerUser(t);
    expect((await t.http().post(`/api/groups/${secret.slug}/join`).set(requester.auth)).status).toBe(202);
    const s = await socketFor(requester);
    const heard = newMessages(s);
    expect((await t.http().post(`/api/groups/${secret.slug}/requests/${requester.user.id}/deny`).set(owner.auth)).status).toBe(204);
    const ack = await emitAck(s, 'message:send', { slug: secret.slug, body: 'let me in', clientId: newClientId() });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    await postMessage(t, owner, secret, 'Still members only');
    await barrier(s);
    expect(heard.items).toEqual([]);
  });
});
