/**
 * Node faults and overload, two nodes behind nginx: SIGKILL of a node under steady sends (its clients
 * reconnect to the other and catch up); SIGTERM as in a rolling deploy (/api/ready 503 at once, the
 * request under way finishes, exit within 10 s, nothing lost); and pool exhaustion — 200 slow history
 * reads at once on one node: each waits a bounded time and is answered 503 UNAVAILABLE with Retry-After
 * beyond it, while sends on that node keep succeeding on the connections kept for writes (the whole read,
 * its session lookup included, runs inside the read gate).
 *
 * History reads are made slow in the database itself (row-level security with pg_sleep on reactions,
 * which only reads touch): the application connects as an ordinary role, as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, waitFor, type ClusterClient, type ClusterSocket, type ClusterUser } from '../helpers/cluster.js';
import { canRunFaults } from './helpers/services.js';
import {
  ack,
  expectExactlyOnce,
  fastHistoryReads,
  history,
  makeGroup,
  reader,
  sender,
  sleep,
  slowHistoryReads,
  startFaultWorld,
  type FaultWorld,
  type Reader,
} from './helpers/world.js';

let world: FaultWorld;
let onA: ClusterClient;
let onB: ClusterClient;
let owner: ClusterUser;
let member: ClusterUser;
let slug: string;
let groupId: string;
const sockets: ClusterSocket[] = [];

async function openSocket(client: ClusterClient, user: ClusterUser) {
  const socket = await client.socket(user.token);
  sockets.push(socket);
  expect((await ack(socket, 'group:join', { slug })).ok).toBe(true);
  return socket;
}

describe.runIf(canRunFaults)('node faults and pool exhaustion', () => {
  beforeAll(async () => {
    world = await startFaultWorld();
    onA = await world.cluster.clientOn('a');
    onB = await world.cluster.clientOn('b');
    owner = await onA.register({ displayName: 'Ada Owner' });
    member = await onB.register({ displayName: 'Ben Member' });
    ({ slug, id: groupId } = await makeGroup(onA, owner, [{ client: onB, user: member }]));
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await world?.close();
  });

  it('SIGKILL of a node under steady sends: its clients reconnect through nginx to the other and nothing is lost or doubled', async () => {
    const readers: Reader[] = [];
    for (const [client, user] of [[onA, owner], [onB, member]] as const) {
      const r = reader(client, user, await openSocket(client, user), slug);
      await r.catchUp();
      readers.push(r);
    }
    const senders = [sender(await openSocket(onA, owner), slug, 'kill A'), sender(await openSocket(onB, member), slug, 'kill B')];
    await sleep(1_500);
    await world.cluster.node('b').kill();
    await sleep(3_000);
    await world.cluster.node('b').start();
    await sleep(1_500);
    for (const s of senders) await s.stop();
    for (const r of readers) await r.caughtUp();
    for (const r of readers) await r.catchUp();
    const result = await expectExactlyOnce(await history(onA, owner.token, slug), senders, readers);
    expect(result.acked).toBeGreaterThan(5);
    expect(readers[1]!.reconnections).toBeGreaterThan(0);
  });

  it('SIGTERM: /api/ready answers 503 at once, the request under way finishes, the node exits within 10 s, nothing lost', async () => {
    // Enough messages to make a history page slow: 25 reaction rows × 80 ms ≈ 2 s per read.
    for (let i = 0; i < 30; i++) {
      const sent = await onA.api('POST', `/api/groups/${slug}/messages`, { token: owner.token, body: { body: `filler ${i}`, clientId: crypto.randomUUID() } });
      expect(sent.status).toBe(201);
    }
    await slowHistoryReads(world.pg, groupId, owner.user.id, 25, 80);
    const node = world.cluster.node('b');
    const senders = [sender(await openSocket(onB, member), slug, 'term B')];
    await sleep(1_000);
    let stopping: ReturnType<typeof node.stop> | null = null;
    try {
      const inFlight = request(`${node.url}/api/groups/${slug}/messages?limit=100`, 'GET', { token: member.token, timeoutMs: 20_000 });
      await sleep(300);
      stopping = node.stop();
      const sigtermAt = Date.now();
      // A request sent with the signal may be handled before it: ask again until the node says 503
      // (it keeps listening SHUTDOWN_DRAIN_MS, 1.5 s here, before its port closes).
      let ready = await request(`${node.url}/api/ready`, 'GET', { timeoutMs: 2_000 });
      while (ready.status === 200 && Date.now() - sigtermAt < 1_000) {
        await sleep(50);
        ready = await request(`${node.url}/api/ready`, 'GET', { timeoutMs: 2_000 });
      }
      const readyMs = Date.now() - sigtermAt;
      expect(ready.status, JSON.stringify(ready.body)).toBe(503);
      expect(readyMs).toBeLessThan(1_000);
      expect(ready.body.code).toBe('UNAVAILABLE');
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
      const finished = await inFlight;
      expect(finished.status, JSON.stringify(finished.body)).toBe(200);
      expect(finished.body.items.length).toBeGreaterThan(0);
      const exit = await stopping;
      expect(exit.code, node.output()).toBe(0);
      expect(exit.ms).toBeLessThan(10_000);
      ready = await request(`${world.cluster.node('a').url}/api/ready`, 'GET');
      expect(ready.status).toBe(200);
    } finally {
      await fastHistoryReads(world.pg);
      // Back in service even when an assertion failed: the next scenario needs both nodes.
      await stopping?.catch(() => null);
      if (!node.running) await node.start();
    }
    await sleep(1_000);
    for (const s of senders) await s.stop();
    await expectExactlyOnce(await history(onA, owner.token, slug), senders);
  });

  it('pool exhaustion: 200 slow history reads wait a bounded time (503 UNAVAILABLE with Retry-After beyond it) and sends still succeed', async () => {
    // Messages enough for slow pages of their own (the test runs alone too): 25 reaction rows × 40 ms ≈ 1 s per read.
    for (let i = 0; i < 30; i++) {
      const sent = await onA.api('POST', `/api/groups/${slug}/messages`, { token: owner.token, body: { body: `before the crowd ${i}`, clientId: crypto.randomUUID() } });
      expect(sent.status).toBe(201);
    }
    await slowHistoryReads(world.pg, groupId, member.user.id, 25, 40);
    const node = world.cluster.node('a');
    try {
      // The member has made no request on node a for longer than its session cache keeps them (10 s), so
      // every read of the crowd starts with a session lookup, as a crowd of different users would. Those
      // lookups once ran ahead of the gate and filled the pool's queue (75 waiting, measured) in front of
      // the sends; now a read takes its slot before its lookup.
      const reads = Array.from({ length: 200 }, async () => {
        const started = Date.now();
        const res = await request(`${node.url}/api/groups/${slug}/messages?limit=100`, 'GET', { token: member.token, timeoutMs: 60_000 });
        return { status: res.status, code: res.body?.code, retryAfter: Number(res.headers['retry-after']), ms: Date.now() - started };
      });
      await sleep(300);
      const sends: Array<{ status: number; ms: number }> = [];
      for (let i = 0; i < 10; i++) {
        const started = Date.now();
        const res = await request(`${node.url}/api/groups/${slug}/messages`, 'POST', { token: owner.token, body: { body: `during the crowd ${i}`, clientId: crypto.randomUUID() }, timeoutMs: 30_000 });
        sends.push({ status: res.status, ms: Date.now() - started });
        await sleep(100);
      }
      const answers = await Promise.all(reads);
      expect(sends.map((s) => s.status)).toEqual(Array(10).fill(201));
      // Each send waits at most for a connection kept for writes, never behind the crowd of reads.
      expect(Math.max(...sends.map((s) => s.ms))).toBeLessThan(2_500);
      for (const a of answers) {
        expect([200, 503]).toContain(a.status);
        if (a.status === 503) {
          expect(a.code).toBe('UNAVAILABLE');
          expect(a.retryAfter).toBeGreaterThan(0);
        }
        // DB_READ_WAIT_MS (1 s) in the queue, one slow read (≈1 s), and the machine's slack.
        expect(a.ms).toBeLessThan(8_000);
      }
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    } finally {
      await fastHistoryReads(world.pg);
    }
    for (const n of world.cluster.nodes) expect(n.running, world.diagnostics()).toBe(true);
    await waitFor('node a ready', async () => (await request(`${node.url}/api/ready`, 'GET')).status === 200, 10_000);
  });
});
