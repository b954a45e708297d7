/**
 * PostgreSQL faults under a steady send rate, on two nodes behind nginx, the database private and behind
 * a proxy: restarted (fast and immediate shutdown), hanging (connections black-holed: only timeouts can
 * tell), and a send whose statement committed while its answer was lost. While the database is away,
 * writes answer 503 UNAVAILABLE with Retry-After (an ack error on sockets), /api/ready answers 503,
 * /api/health stays 200, no node crashes; afterwards every acknowledged message is stored exactly once
 * and every reader holds every message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, waitFor, type ClusterClient, type ClusterSocket, type ClusterUser } from '../helpers/cluster.js';
import { canRunFaults } from './helpers/services.js';
import { ack, expectExactlyOnce, history, makeGroup, reader, sender, sleep, startFaultWorld, type FaultWorld, type Reader } from './helpers/world.js';

let world: FaultWorld;
let onA: ClusterClient;
let onB: ClusterClient;
let owner: ClusterUser;
let member: ClusterUser;
let slug: string;
const sockets: ClusterSocket[] = [];

async function openSocket(client: ClusterClient, user: ClusterUser) {
  const socket = await client.socket(user.token);
  sockets.push(socket);
  expect((await ack(socket, 'group:join', { slug })).ok).toBe(true);
  return socket;
}

async function everyNodeReady() {
  await waitFor('every node ready', async () => (await Promise.all(world.cluster.nodes.map((n) => request(`${n.url}/api/ready`, 'GET', { timeoutMs: 3_000 })))).every((r) => r.status === 200), 60_000, 250);
}

/** What a node answers while the database is away (straight to the node, not through nginx). */
async function expectDatabaseDown(client: ClusterClient, socket: ClusterSocket, label: string) {
  const started = Date.now();
  const post = await client.api('POST', `/api/groups/${slug}/messages`, { token: owner.token, body: { body: `${label} via REST`, clientId: crypto.randomUUID() }, timeoutMs: 15_000 });
  expect(post.status, JSON.stringify(post.body)).toBe(503);
  expect(post.body.code).toBe('UNAVAILABLE');
  expect(Number(post.headers['retry-after'])).toBeGreaterThan(0);
  expect(JSON.stringify(post.body)).not.toMatch(/ECONN|postgres|select|insert|stack/i);
  const sent = await ack(socket, 'message:send', { slug, body: `${label} via socket`, clientId: crypto.randomUUID() }, 15_000);
  expect(sent.ok).toBe(false);
  expect(sent.error.code).toBe('UNAVAILABLE');
  expect(sent.error.retryAfter).toBeGreaterThan(0);
  for (const node of world.cluster.nodes) {
    const ready = await request(`${node.url}/api/ready`, 'GET', { timeoutMs: 10_000 });
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('UNAVAILABLE');
    expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(`${node.url}/api/health`, 'GET')).status).toBe(200);
  }
  return Date.now() - started;
}

describe.runIf(canRunFaults)('PostgreSQL faults', () => {
  beforeAll(async () => {
    world = await startFaultWorld();
    onA = await world.cluster.clientOn('a');
    onB = await world.cluster.clientOn('b');
    owner = await onA.register({ displayName: 'Ada Owner' });
    member = await onB.register({ displayName: 'Ben Member' });
    slug = (await makeGroup(onA, owner, [{ client: onB, user: member }])).slug;
  }, 180_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await world?.close();
  });

  it('restarted with a fast and then an immediate shutdown under a steady send rate: 503 meanwhile, nothing lost, nothing twice', async () => {
    const readers: Reader[] = [];
    for (const [client, user] of [[onA, owner], [onB, member]] as const) readers.push(reader(client, user, await openSocket(client, user), slug));
    const probe = await openSocket(onA, owner);
    const senders = [sender(await openSocket(onA, owner), slug, 'restart A'), sender(await openSocket(onB, member), slug, 'restart B')];
    await sleep(1_500);
    for (const mode of ['fast', 'immediate'] as const) {
      await world.pg.stop(mode);
      await expectDatabaseDown(onA, probe, mode);
      await sleep(1_000);
      await world.pg.start();
      await everyNodeReady();
      await sleep(1_500);
    }
    for (const s of senders) await s.stop();
    for (const r of readers) await r.caughtUp();
    for (const r of readers) await r.catchUp();
    const result = await expectExactlyOnce(await history(onA, owner.token, slug), senders, readers);
    expect(result.acked).toBeGreaterThan(5);
    expect(senders.reduce((n, s) => n + s.failures, 0)).toBeGreaterThan(0);
    for (const node of world.cluster.nodes) expect(node.running, world.diagnostics()).toBe(true);
  });

  it('hanging (every connection black-holed): answers 503 within the query timeout, never waits it out, and recovers', async () => {
    const probe = await openSocket(onB, member);
    const r = reader(onA, owner, await openSocket(onA, owner), slug);
    await r.catchUp();
    const senders = [sender(await openSocket(onB, member), slug, 'hang B')];
    await sleep(1_000);
    world.pgProxy.setMode('blackhole');
    const started = Date.now();
    const post = await onB.api('POST', `/api/groups/${slug}/messages`, { token: member.token, body: { body: 'into the void', clientId: crypto.randomUUID() }, timeoutMs: 20_000 });
    const waited = Date.now() - started;
    expect(post.status, JSON.stringify(post.body)).toBe(503);
    expect(post.body.code).toBe('UNAVAILABLE');
    expect(Number(post.headers['retry-after'])).toBeGreaterThan(0);
    // DB_QUERY_TIMEOUT_MS is 3 s in the suite: one query's wait (or a connection's), plus the machine's slack.
    expect(waited).toBeLessThan(8_000);
    const sent = await ack(probe, 'message:send', { slug, body: 'into the void too', clientId: crypto.randomUUID() }, 20_000);
    expect(sent.ok).toBe(false);
    expect(sent.error.code).toBe('UNAVAILABLE');
    for (const node of world.cluster.nodes) {
      const readyStarted = Date.now();
      expect((await request(`${node.url}/api/ready`, 'GET', { timeoutMs: 10_000 })).status).toBe(503);
      expect(Date.now() - readyStarted).toBeLessThan(4_000);
      expect((await request(`${node.url}/api/health`, 'GET')).status).toBe(200);
    }
    await sleep(1_000);
    world.pgProxy.setMode('pass');
    await everyNodeReady();
    await sleep(1_500);
    for (const s of senders) await s.stop();
    await r.catchUp();
    await expectExactlyOnce(await history(onA, owner.token, slug), senders, [r]);
    for (const node of world.cluster.nodes) expect(node.running, world.diagnostics()).toBe(true);
  });

  it('a message committed as its answer was lost is acknowledged to the retrying sender and reaches readers who already hold later ids', async () => {
    const onAReader = reader(onA, owner, await openSocket(onA, owner), slug);
    const onBReader = reader(onB, member, await openSocket(onB, member), slug);
    const authorSocket = await openSocket(onA, owner);
    const otherSocket = await openSocket(onB, member);
    const clientId = crypto.randomUUID();

    // The next send statement reaches PostgreSQL and commits; its answer never comes back.
    const trapped = world.pgProxy.trap('message_send_');
    const first = await ack(authorSocket, 'message:send', { slug, body: 'committed, answer lost', clientId }, 20_000);
    await trapped;
    expect(first.ok).toBe(false);
    expect(first.error.code).toBe('UNAVAILABLE');
    const stored = await world.pg.query<{ id: string }>('select id::text from messages where client_id = $1', [clientId]);
    expect(stored).toHaveLength(1);

    // Meanwhile someone else posts: every reader now holds a later id.
    const later = await ack(otherSocket, 'message:send', { slug, body: 'a later message', clientId: crypto.randomUUID() });
    expect(later.ok).toBe(true);
    await waitFor('both readers to hold the later message', async () => onAReader.seen.has(later.message.id) && onBReader.seen.has(later.message.id), 5_000, 50);

    // The outbox sends again: the stored copy is the answer, and the room hears of it.
    const retry = await ack(authorSocket, 'message:send', { slug, body: 'committed, answer lost', clientId });
    expect(retry.ok).toBe(true);
    expect(retry.message.id).toBe(stored[0]!.id);
    expect(BigInt(retry.message.id)).toBeLessThan(BigInt(later.message.id));
    await waitFor('both readers to hold the recovered message', async () => onAReader.seen.has(retry.message.id) && onBReader.seen.has(retry.message.id), 5_000, 50).catch(() => {});
    expect(onAReader.seen.has(retry.message.id)).toBe(true);
    expect(onBReader.seen.has(retry.message.id)).toBe(true);
    // And it is there once.
    const all = await history(onA, owner.token, slug);
    expect(all.filter((m) => m.clientId === clientId)).toHaveLength(1);
  });
});
