/**
 * Redis faults with two nodes behind nginx, senders and readers on both: Redis killed (its streams,
 * sessions and presence gone) and Redis frozen (SIGSTOP: connections open, nothing answers). Meanwhile
 * REST answers in bounded time (rate limits fail open after REDIS_COMMAND_TIMEOUT_MS) and sends keep
 * succeeding; broadcasts to the other node are lost while Redis is away, so once it answers again each
 * node drops its sockets' transports and the clients reconnect, rejoin and catch up. The readers here
 * catch up only when reconnected, as the SPA does: every one of them ends with every acknowledged
 * message, exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterClient, ClusterSocket, ClusterUser } from '../helpers/cluster.js';
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

/** A REST read and a REST send while Redis is away: answered, and soon. */
async function expectRestBounded(label: string) {
  for (const [client, user] of [[onA, owner], [onB, member]] as const) {
    let started = Date.now();
    const read = await client.api('GET', `/api/groups/${slug}/messages?limit=10`, { token: user.token, timeoutMs: 20_000 });
    expect(read.status, `${label}: ${JSON.stringify(read.body)}`).toBe(200);
    expect(Date.now() - started).toBeLessThan(4_000);
    started = Date.now();
    const sent = await client.api('POST', `/api/groups/${slug}/messages`, { token: user.token, body: { body: `${label} over REST`, clientId: crypto.randomUUID() }, timeoutMs: 20_000 });
    expect(sent.status, `${label}: ${JSON.stringify(sent.body)}`).toBe(201);
    expect(Date.now() - started).toBeLessThan(4_000);
  }
}

describe.runIf(canRunFaults)('Redis faults with two nodes', () => {
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

  for (const fault of ['killed', 'frozen'] as const) {
    it(`${fault}: REST bounded, sends succeed, and every reader on either node ends with every message once`, async () => {
      const readers: Reader[] = [];
      for (const [client, user] of [[onA, owner], [onB, member]] as const) {
        const r = reader(client, user, await openSocket(client, user), slug);
        await r.catchUp();
        readers.push(r);
      }
      const senders = [sender(await openSocket(onA, owner), slug, `${fault} A`, 100), sender(await openSocket(onB, member), slug, `${fault} B`, 100)];
      await sleep(1_500);
      if (fault === 'killed') await world.redis.kill();
      else world.redis.freeze();
      await sleep(1_000);
      await expectRestBounded(fault);
      await sleep(2_000);
      const duringOutage = senders.map((s) => s.acked.size);
      if (fault === 'killed') await world.redis.start();
      else world.redis.thaw();
      // The nodes notice within a ping (1 s), drop their transports; clients reconnect and catch up.
      await sleep(5_000);
      for (const s of senders) await s.stop();
      await sleep(500);
      for (const r of readers) await r.caughtUp();
      const result = await expectExactlyOnce(await history(onA, owner.token, slug), senders, readers);
      expect(result.acked).toBeGreaterThan(5);
      // Sends went on while Redis was away.
      await sleep(0);
      expect(senders.every((s, i) => s.acked.size > duringOutage[i]! - 0)).toBe(true);
      for (const r of readers) expect(r.reconnections, world.diagnostics()).toBeGreaterThan(0);
      for (const node of world.cluster.nodes) expect(node.running, world.diagnostics()).toBe(true);
    });
  }
});
