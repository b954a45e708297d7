/** Socket limits and bad input: rate limit, slow mode, oversized frames, malformed payloads. None of it crashes anything. */
import type { Group } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, fullHistory, joinRoom, newClientId } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let alice: TestUser;
let bruno: TestUser;
let group: Group;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_MESSAGES_PER_10S: '5' });
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

describe('per-user rate limit', () => {
  it('answers RATE_LIMITED with retryAfter in the ack once the budget is spent, over REST and socket alike', async () => {
    const room = await createGroup(t, bruno);
    const s = await socketFor(bruno);
    const acks = [];
    for (let i = 0; i < 8; i++) acks.push(await emitAck(s, 'message:send', { slug: room.slug, body: `quick ${i}`, clientId: newClientId() }));
    const refused = acks.filter((a) => !a.ok);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    expect(refused[0].error.retryAfter).toBeGreaterThanOrEqual(1);
    const rest = await t.http().post(`/api/groups/${room.slug}/messages`).set(bruno.auth).send({ body: 'via rest', clientId: newClientId() });
    expect(rest.status).toBe(429);
    expect(rest.body.code).toBe('RATE_LIMITED');
    expect(Number(rest.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await fullHistory(t, bruno, room)).length).toBe(acks.filter((a) => a.ok).length);
  });
});

describe('slow mode and mutes over the socket', () => {
  it('answers SLOW_MODE with retryAfter', async () => {
    const room = await createGroup(t, alice);
    const carol = await registerUser(t);
    await joinGroup(t, carol, room);
    await t.http().put(`/api/groups/${room.slug}/settings`).set(alice.auth).send({ slowModeSeconds: 30 }).expect(200);
    const s = await socketFor(carol);
    expect((await emitAck(s, 'message:send', { slug: room.slug, body: 'one', clientId: newClientId() })).ok).toBe(true);
    const second = await emitAck(s, 'message:send', { slug: room.slug, body: 'two', clientId: newClientId() });
    expect(second).toMatchObject({ ok: false, error: { code: 'SLOW_MODE' } });
    expect(second.error.retryAfter).toBeGreaterThan(0);
    expect(second.error.retryAfter).toBeLessThanOrEqual(30);
  });
});

describe('oversized frames', () => {
  it('drops the connection without posting and without hurting anyone else', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const heard = collect(a, 'message:new');
    const before = (await fullHistory(t, alice, group)).length;
    const dropped = new Promise<string>((resolve) => b.once('disconnect', (reason) => resolve(reason)));
    b.emit('message:send', { slug: group.slug, body: 'x'.repeat(100 * 1024), clientId: newClientId() }, () => {});
    expect(await dropped).toMatch(/transport (close|error)/);
    await barrier(a);
    expect(heard.items).toEqual([]);
    expect((await fullHistory(t, alice, group)).length).toBe(before);
    // The server is fine: Alice still talks, and Bruno can reconnect.
    expect((await emitAck(a, 'message:send', { slug: group.slug, body: 'still here', clientId: newClientId() })).ok).toBe(true);
    const again = await socketFor(bruno, group.slug);
    expect(again.connected).toBe(true);
  });
});

describe('malformed payloads', () => {
  it.each([
    ['message:send', { slug: 'x', body: 123, clientId: 'c1' }],
    ['message:send', { slug: 'x', body: '   ', clientId: 'c1' }],
    ['message:send', { slug: 'x', body: 'ok', clientId: 'has space' }],
    ['message:send', { slug: 'x', body: 'y'.repeat(4001), clientId: 'c1' }],
    ['message:send', 'just a string'],
    ['message:send', null],
    ['message:edit', { id: 'abc', body: 'x' }],
    ['message:delete', { id: 5 }],
    ['reaction:add', { messageId: '1000000000000001', emoji: '🤡' }],
    ['group:join', {}],
    ['read', { slug: 'x', messageId: 7 }],
  ])('%s with %j answers VALIDATION_ERROR', async (event, payload) => {
    const s = await socketFor(bruno);
    const ack = await emitAck(s, event, payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String) } });
    expect(s.connected).toBe(true);
  });

  it('survives events without an acknowledgement callback', async () => {
    const erin = await registerUser(t);
    await joinGroup(t, erin, group);
    const s = await socketFor(erin, group.slug);
    const before = (await fullHistory(t, alice, group)).length;
    const posted = nextEvent<any>(s, 'message:new', (p) => p.message.body === 'no ack wanted');
    const raw = s as unknown as { emit: (event: string, ...args: unknown[]) => void };
    raw.emit('message:send', { slug: group.slug, body: 123 });
    raw.emit('message:send');
    raw.emit('message:send', { slug: group.slug, body: 'no ack wanted', clientId: newClientId() });
    await posted;
    await barrier(s);
    expect(s.connected).toBe(true);
    expect((await fullHistory(t, alice, group)).length).toBe(before + 1);
  });
});
