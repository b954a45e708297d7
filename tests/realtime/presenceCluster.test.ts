/**
 * Presence across nodes (lib/presence.ts on Redis): joins from every node merge, several sockets of one
 * person count once, a node that stops cleanly takes its entries with it, a node that dies has its
 * entries removed by a survivor once its heartbeat lapses — and a join costs no round of every node.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Presence } from '../../server/src/lib/presence.js';
import { dropRedisPrefix, startTestApp, TEST_REDIS_URL, type TestApp } from '../helpers/app.js';
import { joinRoom } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';
import { connected, nextEvent, type TestSocket } from '../helpers/sockets.js';

/** A node's adapter, as far as presence sees it: join-room / leave-room events. */
class FakeAdapter extends EventEmitter {
  join(room: string, socketId: string) {
    this.emit('join-room', room, socketId);
  }
  leave(room: string, socketId: string) {
    this.emit('leave-room', room, socketId);
  }
}

describe('presence on Redis', () => {
  const prefix = `circles-presence-test-${randomBytes(4).toString('hex')}:`;
  const clients: Redis[] = [];
  const nodes: Presence[] = [];
  const redisClient = () => {
    const r = new Redis(TEST_REDIS_URL);
    clients.push(r);
    return r;
  };
  async function node(users: Record<string, string>, heartbeatMs = 100) {
    const adapter = new FakeAdapter();
    const presence = new Presence({ redis: redisClient(), prefix, heartbeatMs });
    await presence.attach(adapter, (socketId) => users[socketId]);
    nodes.push(presence);
    return { adapter, presence };
  }

  afterEach(async () => {
    for (const p of nodes.splice(0)) await p.stop();
  });
  afterAll(async () => {
    await dropRedisPrefix(TEST_REDIS_URL, prefix);
    for (const c of clients) c.disconnect();
  });

  it('merges both nodes, counts a person once, and forgets a clean stop', async () => {
    const users = { s1: 'alice', s2: 'alice', s3: 'bruno', s4: 'alice' };
    const a = await node(users);
    const b = await node(users);
    a.adapter.join('group:g1', 's1');
    a.adapter.join('group:g1', 's2');
    b.adapter.join('group:g1', 's3');
    b.adapter.join('group:g1', 's4');
    b.adapter.join('user:alice', 's4'); // not a group room: ignored
    expect([...(await a.presence.usersIn('g1'))].sort()).toEqual(['alice', 'bruno']);
    expect([...(await b.presence.groupsOf('alice'))]).toEqual(['g1']);

    // One of Alice's tabs closes on A: she is still there (another tab on A, one on B).
    a.adapter.leave('group:g1', 's1');
    expect([...(await b.presence.usersIn('g1'))].sort()).toEqual(['alice', 'bruno']);
    b.adapter.leave('group:g1', 's4');
    expect([...(await b.presence.usersIn('g1'))].sort()).toEqual(['alice', 'bruno']);

    // Node A stops: Alice's last tab was there.
    const announced = new Promise<string>((resolve) => a.presence.onChange(resolve));
    await a.presence.stop();
    expect(await announced).toBe('g1');
    expect([...(await b.presence.usersIn('g1'))]).toEqual(['bruno']);
    expect([...(await b.presence.groupsOf('alice'))]).toEqual([]);
  });

  it('removes a dead node’s entries once its heartbeat lapses, and a survivor announces the group', async () => {
    const users = { d1: 'dora', s1: 'sam' };
    const dying = await node(users);
    const survivor = await node(users);
    dying.adapter.join('group:g2', 'd1');
    survivor.adapter.join('group:g2', 's1');
    expect([...(await survivor.presence.usersIn('g2'))].sort()).toEqual(['dora', 'sam']);

    // The process dies: no more heartbeats, no clean-up of its own.
    const alive = `${prefix}presence:alive:${dying.presence.nodeId}`;
    (dying.presence as unknown as { heartbeat: NodeJS.Timeout }).heartbeat.close();
    (dying.presence as unknown as { stopped: boolean }).stopped = true;
    nodes.splice(nodes.indexOf(dying.presence), 1);
    const changed = vi.fn();
    survivor.presence.onChange(changed);
    await vi.waitUntil(async () => (await clients[0]!.exists(alive)) === 0, { timeout: 2_000 });
    await vi.waitUntil(() => changed.mock.calls.some(([g]) => g === 'g2'), { timeout: 2_000, interval: 20 });
    expect([...(await survivor.presence.usersIn('g2'))]).toEqual(['sam']);
    expect([...(await survivor.presence.groupsOf('dora'))]).toEqual([]);
  });

  it('writes a node’s entries again when it comes back from a stall that got it reaped', async () => {
    const users = { z1: 'zoe' };
    const staller = await node(users);
    staller.adapter.join('group:g3', 'z1');
    // Its event loop is stuck past the heartbeat's lifetime, and another node reaps it meanwhile.
    const internals = staller.presence as unknown as { heartbeat: NodeJS.Timeout; beat(): Promise<void> };
    clearInterval(internals.heartbeat);
    await clients[0]!.del(`${prefix}presence:alive:${staller.presence.nodeId}`);
    const reaper = await node(users);
    await vi.waitUntil(async () => (await reaper.presence.usersIn('g3')).size === 0, { timeout: 2_000, interval: 20 });
    // Its next heartbeat finds it was removed and restores what it really holds.
    await internals.beat();
    expect([...(await reaper.presence.usersIn('g3'))]).toEqual(['zoe']);
  });
});

describe('presence across two app nodes', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    nodeA = await startTestApp({ REDIS_URL: TEST_REDIS_URL });
    nodeB = await startTestApp({ REDIS_URL: TEST_REDIS_URL }, { testDb: nodeA.testDb });
  });
  afterAll(async () => {
    for (const s of open) s.disconnect();
    await nodeB?.close();
    await nodeA?.close();
  });

  it('answers a join with both nodes’ people without asking every node for its sockets', async () => {
    const alice = await registerUser(nodeA, { displayName: 'Alice Hart' });
    const bruno = await registerUser(nodeA, { displayName: 'Bruno Diaz' });
    const group = await createGroup(nodeA, alice);
    await joinGroup(nodeA, bruno, group);
    const onB = await connected(nodeB, bruno.token);
    open.push(onB);
    expect(await joinRoom(onB, group.slug)).toMatchObject({ ok: true });

    const fetchA = vi.spyOn(nodeA.app.io.of('/').adapter, 'fetchSockets');
    const fetchB = vi.spyOn(nodeB.app.io.of('/').adapter, 'fetchSockets');
    const onA = await connected(nodeA, alice.token);
    open.push(onA);
    const heardOnB = nextEvent<{ online: Array<{ displayName: string }> }>(onB, 'presence', (p) => p.online.length === 2);
    const joined = await joinRoom(onA, group.slug);
    expect(joined.online.map((u: { displayName: string }) => u.displayName)).toEqual(['Alice Hart', 'Bruno Diaz']);
    expect((await heardOnB).online.map((u) => u.displayName)).toEqual(['Alice Hart', 'Bruno Diaz']);
    expect(fetchA).not.toHaveBeenCalled();
    expect(fetchB).not.toHaveBeenCalled();
  });
});
