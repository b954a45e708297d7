/**
 * With REDIS_URL, every limit holds across nodes: two nodes of one deployment share each budget (sign-in,
 * API, chat sends, socket events) and slow mode, so spreading requests over nodes gains nothing. Two
 * deployments on one Redis, each with its own REDIS_PREFIX, share nothing: not a budget, not a broadcast.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_REDIS_URL, type TestApp } from '../helpers/app.js';
import { newClientId } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { connected, emitAck, nextEvent } from '../helpers/sockets.js';

const LIMITS = {
  REDIS_URL: TEST_REDIS_URL,
  RATE_LIMIT_AUTH_PER_MINUTE: '4',
  RATE_LIMIT_API_PER_MINUTE: '12',
  RATE_LIMIT_MESSAGES_PER_10S: '4',
  RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: '6',
};

let nodeA: TestApp;
let nodeB: TestApp;
let owner: TestUser;
let member: TestUser;
let talker: TestUser;

beforeAll(async () => {
  nodeA = await startTestApp(LIMITS);
  nodeB = await startTestApp(LIMITS, { testDb: nodeA.testDb });
  owner = await registerUser(nodeA, { displayName: 'Olive Owner' });
  member = await registerUser(nodeB, { displayName: 'Milo Member' });
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

const login = (node: TestApp, user: TestUser) => node.http().post('/api/auth/login').send({ email: user.email, password: user.password });

describe('one deployment, two nodes', () => {
  it('shares the sign-in budget of an address: alternating nodes gains nothing', async () => {
    const statuses = [];
    for (const node of [nodeA, nodeB, nodeA, nodeB, nodeA, nodeB]) statuses.push((await login(node, owner)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = await login(nodeB, member);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('shares the API budget of a person', async () => {
    const reader = await registerUser(nodeA);
    const statuses = [];
    for (let i = 0; i < 16; i++) statuses.push((await (i % 2 ? nodeB : nodeA).http().get('/api/me').set(reader.auth)).status);
    // 12 a minute in all, not 12 per node.
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(statuses.slice(12)).toEqual([429, 429, 429, 429]);
  });

  it('shares the chat send budget of a person, REST and socket, whichever node takes the send', async () => {
    const group = await createGroup(nodeA, owner);
    await joinGroup(nodeA, member, group);
    const sends = [];
    for (let i = 0; i < 3; i++) {
      sends.push((await (i % 2 ? nodeB : nodeA).http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: `m${i}`, clientId: newClientId() })).status);
    }
    const socket = await connected(nodeB, member.token);
    try {
      const viaSocket = await emitAck(socket, 'message:send', { slug: group.slug, body: 'fourth', clientId: newClientId() });
      expect(viaSocket.ok).toBe(true);
      const refused = await emitAck(socket, 'message:send', { slug: group.slug, body: 'fifth', clientId: newClientId() });
      expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(refused.error.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      socket.disconnect();
    }
    expect(sends).toEqual([201, 201, 201]);
    const onA = await nodeA.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: 'sixth', clientId: newClientId() });
    expect(onA.status).toBe(429);
  });

  it('shares the socket event budget of a person across connections on both nodes', async () => {
    talker = await registerUser(nodeA);
    const onA = await connected(nodeA, talker.token);
    const onB = await connected(nodeB, talker.token);
    try {
      const acks = [];
      for (let i = 0; i < 8; i++) acks.push(await emitAck(i % 2 ? onB : onA, 'group:leave', { slug: 'anything' }));
      expect(acks.slice(0, 6).every((a) => a.ok)).toBe(true);
      expect(acks.slice(6)).toEqual([
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
      ]);
    } finally {
      onA.disconnect();
      onB.disconnect();
    }
  });

  it('holds slow mode across nodes', async () => {
    // (Everyone here is registered already: the address's sign-up budget is spent too.)
    const [host, slowpoke] = [owner, talker];
    const group = await createGroup(nodeA, host);
    await joinGroup(nodeA, slowpoke, group);
    await nodeA.http().put(`/api/groups/${group.slug}/settings`).set(host.auth).send({ slowModeSeconds: 60 }).expect(200);
    const first = await nodeA.http().post(`/api/groups/${group.slug}/messages`).set(slowpoke.auth).send({ body: 'one', clientId: newClientId() });
    expect(first.status).toBe(201);
    const second = await nodeB.http().post(`/api/groups/${group.slug}/messages`).set(slowpoke.auth).send({ body: 'two', clientId: newClientId() });
    expect(second.status).toBe(429);
    expect(second.body.code).toBe('SLOW_MODE');
  });
});

describe('two deployments on one Redis', () => {
  it('never mix: each has its own budgets, broadcasts and keys under its own prefix', async () => {
    const other = await startTestApp(LIMITS);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const prefixA = nodeA.app.deps.config.redisPrefix;
      const prefixOther = other.app.deps.config.redisPrefix;
      expect(prefixOther).not.toBe(prefixA);

      // The first deployment has spent this address's sign-in budget (the test above); the other has not.
      const spent = await login(nodeA, owner);
      expect(spent.status, JSON.stringify(spent.body)).toBe(429);
      const stranger = await registerUser(other);
      expect((await login(other, stranger)).status).toBe(200);

      // A broadcast to a room of the first deployment never reaches the other's sockets, even a room
      // of the same name.
      const socket = await connected(other, stranger.token);
      try {
        await new Promise((r) => setTimeout(r, 300));
        const leaked = nextEvent(socket, 'group:removed', () => true, 1_000).then(
          () => true,
          () => false,
        );
        nodeA.app.deps.realtime.toUser(stranger.user.id, 'group:removed', { slug: 'other-deployment', reason: 'removed' });
        expect(await leaked).toBe(false);
        // …while its own broadcasts arrive.
        const heard = nextEvent(socket, 'group:removed');
        other.app.deps.realtime.toUser(stranger.user.id, 'group:removed', { slug: 'own', reason: 'removed' });
        expect(await heard).toEqual({ slug: 'own', reason: 'removed' });
      } finally {
        socket.disconnect();
      }

      // Each one's stream, limit buckets and presence are under its own prefix.
      expect(await redis.exists(`${prefixA}socket.io`)).toBe(1);
      expect(await redis.exists(`${prefixOther}socket.io`)).toBe(1);
      expect(await redis.exists(`${prefixA}presence:nodes`)).toBe(1);
    } finally {
      redis.disconnect();
      await other.close();
    }
  });
});
