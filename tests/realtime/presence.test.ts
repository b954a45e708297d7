/** Presence, typing, leaving and removal, and the handshake: who is in the room and who hears it. */
import type { Group, PublicUser } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, joinRoom, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { ban } from '../helpers/moderation.js';
import { collect, connected, connectSocket, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let alice: TestUser;
let bruno: TestUser;
let group: Group;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  alice = await registerUser(t, { displayName: 'Alice Hart' });
  bruno = await registerUser(t, { displayName: 'Bruno Diaz' });
  group = await createGroup(t, alice);
  await joinGroup(t, bruno, group);
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

const names = (online: PublicUser[]) => online.map((u) => u.displayName);
const presenceIs = (socket: TestSocket, slug: string, expected: string[]) =>
  nextEvent<{ slug: string; online: PublicUser[] }>(
    socket,
    'presence',
    (p) => p.slug === slug && JSON.stringify(names(p.online)) === JSON.stringify(expected),
  );

describe('presence', () => {
  it('counts each user once across tabs and stays right as tabs close', async () => {
    const room = await createGroup(t, alice);
    await joinGroup(t, bruno, room);
    const a = await socketFor(alice);
    const joinedA = await joinRoom(a, room.slug);
    expect(names(joinedA.online)).toEqual(['Alice Hart']);
    expect(joinedA.online[0]).not.toHaveProperty('email');

    const bothOnline = presenceIs(a, room.slug, ['Alice Hart', 'Bruno Diaz']);
    const b1 = await socketFor(bruno);
    expect(names((await joinRoom(b1, room.slug)).online)).toEqual(['Alice Hart', 'Bruno Diaz']);
    await bothOnline;
    // A second tab changes nothing: its join sees both, and nobody is told anything new.
    const b2 = await socketFor(bruno);
    const heardMeanwhile = collect<any>(a, 'presence');
    expect(names((await joinRoom(b2, room.slug)).online)).toEqual(['Alice Hart', 'Bruno Diaz']);

    // One of Bruno's tabs closes: he is still online.
    b1.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    const a2 = await socketFor(alice);
    expect(names((await joinRoom(a2, room.slug)).online)).toEqual(['Alice Hart', 'Bruno Diaz']);
    expect(heardMeanwhile.items.every((p) => names(p.online).includes('Bruno Diaz'))).toBe(true);
    // The last one closes: he is gone, and the room is told.
    const afterLastClose = presenceIs(a, room.slug, ['Alice Hart']);
    b2.disconnect();
    await afterLastClose;
  });

  it('updates when a tab leaves the room', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const gone = presenceIs(a, group.slug, ['Alice Hart']);
    expect(await emitAck(b, 'group:leave', { slug: group.slug })).toEqual({ ok: true });
    await gone;
    // Out of the live room, a member hears only new messages (for unread counts), nothing of the room's life.
    const heard = collect(b, 'typing');
    await emitAck(a, 'typing', { slug: group.slug, isTyping: true });
    await barrier(b);
    expect(heard.items).toEqual([]);
  });
});

describe('typing', () => {
  it('reaches the others in the room, throttled, never the typist’s own tabs', async () => {
    const a = await socketFor(alice, group.slug);
    const b1 = await socketFor(bruno, group.slug);
    const b2 = await socketFor(bruno, group.slug);
    const atAlice = collect<any>(a, 'typing');
    const atBrunosOtherTab = collect<any>(b2, 'typing');

    expect(await emitAck(b1, 'typing', { slug: group.slug, isTyping: true })).toEqual({ ok: true });
    expect(await emitAck(b1, 'typing', { slug: group.slug, isTyping: true })).toEqual({ ok: true });
    expect(await emitAck(b2, 'typing', { slug: group.slug, isTyping: true })).toEqual({ ok: true });
    await barrier(a);
    expect(atAlice.items).toHaveLength(1);
    expect(atAlice.items[0]).toMatchObject({ slug: group.slug, isTyping: true, user: { id: bruno.user.id, displayName: 'Bruno Diaz' } });
    expect(atAlice.items[0].user).not.toHaveProperty('email');

    expect(await emitAck(b1, 'typing', { slug: group.slug, isTyping: false })).toEqual({ ok: true });
    await barrier(a);
    expect(atAlice.items.map((p) => p.isTyping)).toEqual([true, false]);
    await barrier(b2);
    expect(atBrunosOtherTab.items).toEqual([]);
  });

  it('is only for sockets that joined the room, and is validated', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno);
    const atAlice = collect(a, 'typing');
    expect(await emitAck(b, 'typing', { slug: group.slug, isTyping: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emitAck(b, 'typing', { slug: group.slug, isTyping: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    await barrier(a);
    expect(atAlice.items).toEqual([]);
  });
});

describe('leaving and removal', () => {
  it('stops the room at once for a member who leaves the group, on every tab, and updates presence', async () => {
    const room = await createGroup(t, alice);
    const carol = await registerUser(t, { displayName: 'Carol Quinn' });
    await joinGroup(t, carol, room);
    const a = await socketFor(alice, room.slug);
    const c1 = await socketFor(carol, room.slug);
    const c2 = await socketFor(carol, room.slug);
    const heard1 = collect(c1, 'message:new');
    const heard2 = collect(c2, 'message:new');
    const typing = collect(a, 'typing');
    const gone = presenceIs(a, room.slug, ['Alice Hart']);
    await t.http().post(`/api/groups/${room.slug}/leave`).set(carol.auth).expect(204);
    await gone;
    await postMessage(t, alice, room, 'after Carol left');
    await barrier(c1);
    await barrier(c2);
    expect(heard1.items).toEqual([]);
    expect(heard2.items).toEqual([]);
    // Her sockets can no longer type into the room either.
    expect(await emitAck(c1, 'typing', { slug: room.slug, isTyping: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await barrier(a);
    expect(typing.items).toEqual([]);
  });
});

describe('bans', () => {
  it('keep a banned user out of a public group’s live room', async () => {
    const room = await createGroup(t, alice);
    const eve = await registerUser(t);
    const s = await socketFor(eve);
    expect(await joinRoom(s, room.slug)).toMatchObject({ ok: true });
    await emitAck(s, 'group:leave', { slug: room.slug });
    await ban(t, alice, room, eve);
    expect(await joinRoom(s, room.slug)).toMatchObject({ ok: false, error: { code: 'BANNED' } });
  });
});

describe('handshake', () => {
  const connectError = (socket: TestSocket) =>
    new Promise<Error>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected')));
      socket.once('connect_error', resolve);
    });

  it.each([
    ['no token', undefined],
    ['an empty token', ''],
    ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwic2lkIjoieSJ9.c2lnbmF0dXJl'],
  ])('refuses %s with connect_error UNAUTHORIZED', async (_label, token) => {
    const s = connectSocket(t, token);
    open.push(s);
    expect((await connectError(s)).message).toBe('UNAUTHORIZED');
  });

  it('refuses a signed-out session and disconnects a session revoked while connected', async () => {
    const dana = await registerUser(t);
    const s = await socketFor(dana, group.slug);
    const dropped = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await t.http().post('/api/auth/logout').set(dana.auth).expect(204);
    expect(await dropped).toBe('io server disconnect');
    const again = connectSocket(t, dana.token);
    open.push(again);
    expect((await connectError(again)).message).toBe('UNAUTHORIZED');
  });
});
