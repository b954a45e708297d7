/**
 * Access follows every change, live: when someone is banned, removed, denied, shut out by a private
 * switch, suspended or deleted, their open sockets leave the room at once with `group:removed` and the
 * reason — and nothing more reaches them: no message, typing, presence, reaction or notification.
 * Each "nothing" is proven with a witness who did receive it and a barrier on the evicted socket.
 */
import type { Group } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, expectError, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { ban, suspend } from '../helpers/moderation.js';
import { collect, connected, connectSocket, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
let witness: TestUser;
let admin: TestUser;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t, { displayName: `Owen ${uniqueSuffix()}`.slice(0, 40) });
  witness = await registerUser(t, { displayName: `Wanda ${uniqueSuffix()}`.slice(0, 40) });
  admin = await makeAdmin(t, await registerUser(t));
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function socketFor(user: TestUser, slug?: string): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  if (slug) expect(await joinRoom(s, slug)).toMatchObject({ ok: true });
  return s;
}

const EVENTS = ['message:new', 'message:updated', 'message:deleted', 'reaction:updated', 'typing', 'presence', 'notification:new', 'group:settings'];

/** Everything a socket hears from now on, by event. */
function listen(socket: TestSocket) {
  const heard = EVENTS.map((event) => ({ event, ...collect(socket, event) }));
  return {
    heard: () => Object.fromEntries(heard.filter((h) => h.items.length > 0).map((h) => [h.event, h.items])),
    stop: () => heard.forEach((h) => h.stop()),
  };
}

/**
 * The group carries on after `victim` lost access: a message that replies to theirs and mentions them,
 * a reaction, an edit, typing, a presence change. The witness hears all of it; the victim must not.
 */
async function carryOn(group: Group, victim: TestUser, victimMessageId: string, witnessSocket: TestSocket) {
  const ownerSocket = await socketFor(owner, group.slug);
  const clientId = newClientId();
  const heard = nextEvent<any>(witnessSocket, 'message:new', (p) => p.message.clientId === clientId);
  const sent = await emitAck(ownerSocket, 'message:send', {
    slug: group.slug,
    body: `@${victim.user.displayName} are you still there?`,
    clientId,
    replyToId: victimMessageId,
  });
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  await heard;
  const reacted = nextEvent<any>(witnessSocket, 'reaction:updated');
  expect((await emitAck(ownerSocket, 'reaction:add', { messageId: sent.message.id, emoji: '🤗' })).ok).toBe(true);
  await reacted;
  const edited = nextEvent<any>(witnessSocket, 'message:updated');
  expect((await emitAck(ownerSocket, 'message:edit', { id: sent.message.id, body: 'Edited after they left' })).ok).toBe(true);
  await edited;
  const typing = nextEvent<any>(witnessSocket, 'typing');
  expect(await emitAck(ownerSocket, 'typing', { slug: group.slug, isTyping: true })).toEqual({ ok: true });
  await typing;
  // Someone new in the room changes presence (another tab of someone already there would not).
  const newcomer = await registerUser(t);
  await joinGroup(t, newcomer, group, owner);
  const presence = nextEvent<any>(witnessSocket, 'presence', (p) => p.online.some((u: { id: string }) => u.id === newcomer.user.id));
  await socketFor(newcomer, group.slug);
  await presence;
  return sent.message.id as string;
}

async function notificationsOf(user: TestUser) {
  const res = await t.http().get('/api/notifications').set(user.auth);
  return res.status === 200 ? (res.body.items as Array<{ type: string; data: any }>) : [];
}

async function setup(visibility: 'public' | 'private') {
  const group = await createGroup(t, owner, { visibility });
  const victim = await registerUser(t, { displayName: `Vic ${uniqueSuffix()}`.slice(0, 40) });
  await joinGroup(t, witness, group, owner);
  await joinGroup(t, victim, group, owner);
  const mine = await postMessage(t, victim, group, 'Something I said earlier');
  const victimTabs = [await socketFor(victim, group.slug), await socketFor(victim, group.slug)];
  const witnessSocket = await socketFor(witness, group.slug);
  return { group, victim, mine, victimTabs, witnessSocket };
}

/** Waits for `group:removed` on every tab, then proves nothing of the group reaches them afterwards. */
async function expectShutOut(
  fx: Awaited<ReturnType<typeof setup>>,
  reason: string,
  act: () => Promise<unknown>,
) {
  const removed = fx.victimTabs.map((s) => nextEvent<any>(s, 'group:removed'));
  await act();
  for (const r of removed) expect(await r).toEqual({ slug: fx.group.slug, reason });
  const before = (await notificationsOf(fx.victim)).filter((n) => n.type !== 'moderation').length;
  const listeners = fx.victimTabs.map(listen);
  await carryOn(fx.group, fx.victim, fx.mine.id, fx.witnessSocket);
  for (const s of fx.victimTabs) await barrier(s);
  for (const l of listeners) {
    expect(l.heard()).toEqual({});
    l.stop();
  }
  // No reply or mention notification was written for them either (moderation notices aside).
  expect((await notificationsOf(fx.victim)).filter((n) => n.type !== 'moderation').length).toBe(before);
}

describe('evicted at once, and nothing more', () => {
  it('a ban: every tab leaves, hears nothing more, and cannot rejoin the room', async () => {
    const fx = await setup('public');
    await expectShutOut(fx, 'banned', () => ban(t, owner, fx.group, fx.victim, { reason: 'Spam links' }));
    expect(await joinRoom(fx.victimTabs[0]!, fx.group.slug)).toMatchObject({ ok: false, error: { code: 'BANNED' } });
    // The witness saw them leave the presence list.
    expect((await emitAck(fx.witnessSocket, 'group:join', { slug: fx.group.slug })).online.map((u: any) => u.id)).not.toContain(fx.victim.user.id);
  });

  it('a removal from a private group: the same, and the room refuses them as a non-member', async () => {
    const fx = await setup('private');
    await expectShutOut(fx, 'removed', async () =>
      expect((await t.http().delete(`/api/groups/${fx.group.slug}/members/${fx.victim.user.id}`).set(owner.auth).send({ reason: 'Off topic' })).status).toBe(204),
    );
    expect(await joinRoom(fx.victimTabs[0]!, fx.group.slug)).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    // Their typing is refused too: the socket is no longer in the room.
    expect(await emitAck(fx.victimTabs[1]!, 'typing', { slug: fx.group.slug, isTyping: true })).toMatchObject({ ok: false });
  });

  it('a suspension: group:removed (suspended), every socket dropped, and the handshake answers SUSPENDED', async () => {
    const fx = await setup('public');
    const removed = fx.victimTabs.map((s) => nextEvent<any>(s, 'group:removed'));
    const dropped = fx.victimTabs.map((s) => new Promise((resolve) => s.once('disconnect', resolve)));
    await suspend(t, admin, fx.victim, { reason: 'Abuse' });
    for (const r of removed) expect(await r).toEqual({ slug: fx.group.slug, reason: 'suspended' });
    await Promise.all(dropped);
    // A dropped socket hears nothing more; a new one is refused at the handshake, and REST refuses too.
    const again = connectSocket(t, fx.victim.token);
    open.push(again);
    const error = await new Promise<Error>((resolve, reject) => {
      again.once('connect', () => reject(new Error('connected')));
      again.once('connect_error', resolve);
    });
    expect(error.message).toBe('SUSPENDED');
    expectError(await t.http().get('/api/me').set(fx.victim.auth), 403, 'SUSPENDED');
    // The group carries on without them; no notification is written for them meanwhile.
    await carryOn(fx.group, fx.victim, fx.mine.id, fx.witnessSocket);
    const rows = (await t.app.deps.db.execute(
      sql`select count(*)::int as n from notifications where user_id = ${fx.victim.user.id} and type <> 'moderation'`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(rows.rows[0]!.n).toBe(0);
  });

  it('a deleted account: group:removed (deleted), then its sockets are dropped', async () => {
    const fx = await setup('public');
    const removed = fx.victimTabs.map((s) => nextEvent<any>(s, 'group:removed'));
    const dropped = fx.victimTabs.map((s) => new Promise((resolve) => s.once('disconnect', resolve)));
    await t.http().delete('/api/me').set(fx.victim.auth).send({ password: fx.victim.password }).expect(204);
    for (const r of removed) expect(await r).toEqual({ slug: fx.group.slug, reason: 'deleted' });
    await Promise.all(dropped);
  });

  it('a denied request: the requester is told group:removed (denied)', async () => {
    const group = await createGroup(t, owner, { visibility: 'private' });
    const asker = await registerUser(t);
    await t.http().post(`/api/groups/${group.slug}/join`).set(asker.auth).expect(202);
    const s = await socketFor(asker);
    const removed = nextEvent<any>(s, 'group:removed');
    await t.http().post(`/api/groups/${group.slug}/requests/${asker.user.id}/deny`).set(owner.auth).expect(204);
    expect(await removed).toEqual({ slug: group.slug, reason: 'denied' });
  });

  it('a group turned private: readers who are not members leave; members stay', async () => {
    const group = await createGroup(t, owner, { visibility: 'public' });
    await joinGroup(t, witness, group);
    const reader = await registerUser(t);
    const readerSocket = await socketFor(reader, group.slug);
    const witnessSocket = await socketFor(witness, group.slug);
    const removed = nextEvent<any>(readerSocket, 'group:removed');
    await t.http().patch(`/api/groups/${group.slug}`).set(owner.auth).send({ visibility: 'private' }).expect(200);
    expect(await removed).toEqual({ slug: group.slug, reason: 'private' });
    const heard = collect(readerSocket, 'message:new');
    const seen = nextEvent<any>(witnessSocket, 'message:new');
    await postMessage(t, owner, group, 'Members only from now on');
    await seen;
    await barrier(readerSocket);
    expect(heard.items).toEqual([]);
    expect(await joinRoom(readerSocket, group.slug)).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
  });
});

describe('notifications follow access at delivery time', () => {
  it('a reply to a message of someone who has since left a private group does not notify them', async () => {
    const group = await createGroup(t, owner, { visibility: 'private' });
    const leaver = await registerUser(t);
    await joinGroup(t, leaver, group, owner);
    const theirs = await postMessage(t, leaver, group, 'I may not stay long');
    await t.http().post(`/api/groups/${group.slug}/leave`).set(leaver.auth).expect(204);
    const s = await socketFor(leaver);
    const pushed = collect(s, 'notification:new');
    await postMessage(t, owner, group, 'Replying after you left', { replyToId: theirs.id });
    await barrier(s);
    expect(pushed.items).toEqual([]);
    expect((await notificationsOf(leaver)).map((n) => n.type)).toEqual(['join_approved']);
    // Someone still in the group is notified of a reply as before.
    const stayer = await registerUser(t);
    await joinGroup(t, stayer, group, owner);
    const kept = await postMessage(t, stayer, group, 'I am staying');
    await postMessage(t, owner, group, 'Glad you stay', { replyToId: kept.id });
    expect((await notificationsOf(stayer)).map((n) => n.type)).toEqual(['reply', 'join_approved']);
  });

  it('a reply in a public group reaches someone who left it (they may still read it), never someone banned', async () => {
    const group = await createGroup(t, owner, { visibility: 'public' });
    const leaver = await registerUser(t);
    const banned = await registerUser(t);
    await joinGroup(t, leaver, group);
    await joinGroup(t, banned, group);
    const a = await postMessage(t, leaver, group, 'Bye for now');
    const b = await postMessage(t, banned, group, 'Buy my cure');
    await t.http().post(`/api/groups/${group.slug}/leave`).set(leaver.auth).expect(204);
    await ban(t, owner, group, banned);
    await postMessage(t, owner, group, 'Take care', { replyToId: a.id });
    await postMessage(t, owner, group, 'No ads here', { replyToId: b.id });
    expect((await notificationsOf(leaver)).map((n) => n.type)).toEqual(['reply']);
    expect((await notificationsOf(banned)).map((n) => n.type)).toEqual(['moderation']);
    const rows = (await t.app.deps.db.execute(
      sql`select count(*)::int as n from notifications where user_id = ${banned.user.id} and type <> 'moderation'`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(rows.rows[0]!.n).toBe(0);
  });
});
