/**
 * Two built server processes sharing PostgreSQL and Redis, Debian's nginx in front on deploy/nginx.conf,
 * clients on chosen loopback addresses so that `hash $remote_addr consistent` puts each on a known node.
 * Through nginx: delivery and presence across nodes, the real client address, a ban and a suspension on
 * node A reaching sockets on node B, SIGKILL of a node losing no acknowledged message while its clients
 * reconnect to the other and catch up, and a rolling restart (SIGTERM, start, the other) dropping none.
 *
 * Runs when TEST_DATABASE_URL and REDIS_URL are set (CI's PostgreSQL run sets both).
 */
import type { Message } from '@circles/shared';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunCluster, startCluster, waitFor, type Cluster, type ClusterClient, type ClusterSocket, type ClusterUser } from '../helpers/cluster.js';

const ADMIN_EMAIL = `cluster-admin-${randomUUID().slice(0, 8)}@example.test`;

let cluster: Cluster;
let onA: ClusterClient;
let onB: ClusterClient;
let owner: ClusterUser;
let member: ClusterUser;
let slug: string;
const sockets: ClusterSocket[] = [];

function track(socket: ClusterSocket): ClusterSocket {
  sockets.push(socket);
  return socket;
}

const ack = (socket: ClusterSocket, event: string, payload: unknown, timeoutMs = 5_000): Promise<any> =>
  (socket.timeout(timeoutMs) as any).emitWithAck(event, payload);

function next<T = any>(socket: ClusterSocket, event: string, filter: (p: T) => boolean = () => true, timeoutMs = 8_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      (socket as any).off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      (socket as any).off(event, listener);
      resolve(payload);
    };
    (socket as any).on(event, listener);
  });
}

async function history(client: ClusterClient, token: string, after = '0'): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const res = await client.api('GET', `/api/groups/${slug}/messages?after=${after}&limit=100`, { token });
    if (res.status !== 200) {
      throw new Error(`history answered ${res.status}: ${JSON.stringify(res.body)}\nnginx: ${cluster.nginxOutput()}\n${cluster.nodes.map((n) => `node ${n.name}: ${n.output()}`).join('\n')}`);
    }
    all.push(...res.body.items);
    if (!res.body.hasMore || res.body.items.length === 0) return all;
    after = res.body.items[res.body.items.length - 1].id;
  }
}

/**
 * A reader as the SPA is one: it hears message:new live, and after every reconnection it joins the room
 * again and fetches everything after the last id it holds.
 */
function reader(client: ClusterClient, user: ClusterUser, socket: ClusterSocket) {
  const seen = new Map<string, Message>();
  let lastId = '0';
  const hold = (m: Message) => {
    seen.set(m.id, m);
    if (BigInt(m.id) > BigInt(lastId)) lastId = m.id;
  };
  socket.on('message:new' as never, ((p: { message: Message }) => hold(p.message)) as never);
  let reconnections = 0;
  let caughtUp: Promise<void> = Promise.resolve();
  socket.io.on('reconnect', () => {
    reconnections++;
    caughtUp = (async () => {
      await ack(socket, 'group:join', { slug });
      // As the SPA does (RECONNECT_OVERLAP in client/src/stores/chat.ts): from a few messages back, for
      // a message of the other node still on its way through Redis when this node died.
      const held = [...seen.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      for (const m of await history(client, user.token, held.at(-Math.min(20, held.length)) ?? lastId)) hold(m);
    })();
  });
  return {
    seen,
    get reconnections() {
      return reconnections;
    },
    caughtUp: () => caughtUp,
  };
}

/**
 * A sender as the SPA's outbox is one: each message keeps its clientId until the server acknowledges
 * it, and is sent again (after a reconnection if need be) when an attempt fails. Records what was acked.
 */
function sender(socket: ClusterSocket, label: string) {
  const acked = new Map<string, string>(); // clientId → message id
  let stopped = false;
  let failures = 0;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const clientId = randomUUID();
      for (;;) {
        if (!socket.connected) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const reply = await ack(socket, 'message:send', { slug, body: `${label} ${i}`, clientId }, 3_000).catch(() => null);
        if (reply?.ok) {
          acked.set(clientId, reply.message.id);
          break;
        }
        failures++;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  return {
    acked,
    get failures() {
      return failures;
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** Every acknowledged message is stored exactly once. */
async function expectAllStored(acked: Map<string, string>) {
  const stored = await history(onA, owner.token);
  const byClientId = new Map<string, string[]>();
  for (const m of stored) byClientId.set(m.clientId, [...(byClientId.get(m.clientId) ?? []), m.id]);
  const missing = [...acked].filter(([clientId]) => !byClientId.has(clientId));
  expect(missing).toEqual([]);
  for (const [clientId, id] of acked) expect(byClientId.get(clientId)).toEqual([id]);
  return stored;
}

describe.runIf(canRunCluster)('a cluster of two nodes behind nginx', () => {
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, adminEmails: [ADMIN_EMAIL], env: { RATE_LIMIT_AUTH_PER_MINUTE: '10' } });
    onA = await cluster.clientOn('a');
    onB = await cluster.clientOn('b');
    owner = await onA.register({ displayName: 'Ada Owner' });
    member = await onB.register({ displayName: 'Ben Member' });
    const created = await onA.api('POST', '/api/groups', {
      token: owner.token,
      body: { name: `Cluster ${randomUUID().slice(0, 8)}`, conditionSlug: 'type-1-diabetes', description: 'Across nodes.', visibility: 'public' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    slug = created.body.slug;
    expect((await onB.api('POST', `/api/groups/${slug}/join`, { token: member.token })).status).toBe(200);
  }, 150_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await cluster?.close();
  }, 30_000);

  it('delivers across nodes and merges presence', async () => {
    expect(await cluster.nodeFor(onA.address)).toBe('a');
    expect(await cluster.nodeFor(onB.address)).toBe('b');
    const sA = track(await onA.socket(owner.token));
    const sB = track(await onB.socket(member.token));
    expect((await ack(sA, 'group:join', { slug })).ok).toBe(true);
    const bothOnA = next<any>(sA, 'presence', (p) => p.online.length === 2);
    const joinedB = await ack(sB, 'group:join', { slug });
    expect(joinedB.online.map((u: { displayName: string }) => u.displayName)).toEqual(['Ada Owner', 'Ben Member']);
    expect((await bothOnA).online.map((u: { displayName: string }) => u.displayName)).toEqual(['Ada Owner', 'Ben Member']);

    const clientId = randomUUID();
    const heardOnB = next<any>(sB, 'message:new', (p) => p.message.clientId === clientId);
    const sent = await ack(sA, 'message:send', { slug, body: 'From node A', clientId });
    expect(sent.ok).toBe(true);
    expect((await heardOnB).message.id).toBe(sent.message.id);

    const back = randomUUID();
    const heardOnA = next<any>(sA, 'message:new', (p) => p.message.clientId === back);
    expect((await ack(sB, 'message:send', { slug, body: 'From node B', clientId: back })).ok).toBe(true);
    await heardOnA;
    sA.disconnect();
    sB.disconnect();
  });

  it('counts the real client address behind nginx, and a forged X-Forwarded-For gains nothing', async () => {
    const rotating = cluster.client('127.0.0.201');
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const res = await rotating.api('POST', '/api/auth/login', {
        body: { email: `nobody-${i}@example.test`, password: 'whatever-password' },
        headers: { 'X-Forwarded-For': `198.51.100.${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    // Another address behind the same nginx still has its own budget.
    const other = await cluster.client('127.0.0.202').api('POST', '/api/auth/login', { body: { email: 'nobody@example.test', password: 'whatever-password' } });
    expect(other.status).toBe(401);
  });

  it('a ban on node A evicts the socket on node B; a suspension on node A drops the sockets on node B', async () => {
    const admin = await onA.register({ email: ADMIN_EMAIL, displayName: 'Site Admin' });
    const carol = await onB.register({ displayName: 'Carol Banned' });
    const dave = await onB.register({ displayName: 'Dave Suspended' });
    for (const u of [carol, dave]) expect((await onB.api('POST', `/api/groups/${slug}/join`, { token: u.token })).status).toBe(200);
    const sCarol = track(await onB.socket(carol.token, { reconnection: false }));
    const sDave = track(await onB.socket(dave.token, { reconnection: false }));
    for (const s of [sCarol, sDave]) expect((await ack(s, 'group:join', { slug })).ok).toBe(true);

    const removed = next<any>(sCarol, 'group:removed');
    const banned = await onA.api('POST', `/api/groups/${slug}/bans`, { token: owner.token, body: { userId: carol.user.id, reason: 'Spam' } });
    expect(banned.status, JSON.stringify(banned.body)).toBe(201);
    expect(await removed).toMatchObject({ slug, reason: 'banned' });
    // Nothing more reaches her: a message from node A arrives on node B for Dave, not for Carol.
    const heard: unknown[] = [];
    sCarol.on('message:new' as never, ((p: unknown) => heard.push(p)) as never);
    const sOwner = track(await onA.socket(owner.token));
    const clientId = randomUUID();
    const daveHears = next<any>(sDave, 'message:new', (p) => p.message.clientId === clientId);
    expect((await ack(sOwner, 'message:send', { slug, body: 'After the ban', clientId })).ok).toBe(true);
    await daveHears;
    await ack(sCarol, 'group:leave', { slug }); // a round trip: anything sent to her before has arrived
    expect(heard).toEqual([]);

    const dropped = new Promise<string>((resolve) => sDave.once('disconnect', resolve));
    const suspended = await onA.api('POST', `/api/admin/users/${dave.user.id}/suspend`, { token: admin.token, body: { reason: 'Repeated abuse' } });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(await dropped).toBe('io server disconnect');
    const again = await onB.api('GET', '/api/me', { token: dave.token });
    expect(again.status).toBe(403);
    sOwner.disconnect();
  });

  it('SIGKILL of node B loses no acknowledged message; its clients reconnect through nginx to node A and catch up', async () => {
    const sA = track(await onA.socket(owner.token));
    const sB = track(await onB.socket(member.token));
    for (const s of [sA, sB]) expect((await ack(s, 'group:join', { slug })).ok).toBe(true);
    const view = reader(onB, member, sB);
    const fromA = sender(sA, 'A');
    const fromB = sender(sB, 'B');
    await waitFor('messages from both', async () => fromA.acked.size >= 8 && fromB.acked.size >= 8, 20_000, 50);

    await cluster.node('b').kill();
    await waitFor('the client of node B to reconnect', async () => view.reconnections > 0 && sB.connected, 20_000, 50);
    expect(await cluster.nodeFor(onB.address)).toBe('a');
    // Both keep talking on the one node left.
    const bAtKill = fromB.acked.size;
    await waitFor('more messages from the moved client', async () => fromB.acked.size >= bAtKill + 5, 20_000, 50);
    await fromA.stop();
    await fromB.stop();
    await view.caughtUp();
    await ack(sB, 'group:leave', { slug }); // everything sent to this socket before has arrived

    const acked = new Map([...fromA.acked, ...fromB.acked]);
    const stored = await expectAllStored(acked);
    // The moved client holds every acknowledged message (live or caught up), each once.
    const missingFromView = [...acked.values()].filter((id) => !view.seen.has(id));
    expect(missingFromView).toEqual([]);
    expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
    sA.disconnect();
    sB.disconnect();

    await cluster.node('b').start();
    // Ceilings for a machine busy with other suites; the whole file takes 35–50 s on a quiet one.
  }, 150_000);

  it('a rolling restart (SIGTERM a node, start it, then the other) drops no acknowledged message', async () => {
    await waitFor('nginx to send node B its clients again', async () => (await cluster.nodeFor(onB.address)) === 'b', 15_000, 300);
    const sA = track(await onA.socket(owner.token));
    const sB = track(await onB.socket(member.token));
    for (const s of [sA, sB]) expect((await ack(s, 'group:join', { slug })).ok).toBe(true);
    const fromA = sender(sA, 'rolling A');
    const fromB = sender(sB, 'rolling B');
    await waitFor('messages from both', async () => fromA.acked.size >= 5 && fromB.acked.size >= 5, 20_000, 50);

    for (const name of ['b', 'a']) {
      const node = cluster.node(name);
      const before = fromA.acked.size + fromB.acked.size;
      const stopped = await node.stop();
      expect(stopped.code, node.output()).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
      await node.start();
      // Both senders got through the restart and go on.
      await waitFor(`messages after node ${name} restarted`, async () => fromA.acked.size + fromB.acked.size >= before + 10 && sA.connected && sB.connected, 30_000, 50);
    }
    await fromA.stop();
    await fromB.stop();
    await expectAllStored(new Map([...fromA.acked, ...fromB.acked]));
    sA.disconnect();
    sB.disconnect();
  }, 240_000);
});
