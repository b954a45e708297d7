/**
 * The fault suites' world: a private PostgreSQL and a private Redis, each behind a TCP proxy the suite
 * controls, and a cluster of built server processes (tests/helpers/cluster.ts) with nginx in front, the
 * nodes reaching the services only through the proxies. Plus what every scenario needs around it:
 * a group, readers and senders that behave as the SPA does, and the exactly-once check.
 */
import type { Message } from '@circles/shared';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { startCluster, type Cluster, type ClusterClient, type ClusterSocket, type ClusterUser } from '../../helpers/cluster.js';
import { startProxy, type TcpProxy } from './proxy.js';
import { startPostgres, startRedis, type PrivatePostgres, type PrivateRedis } from './services.js';

/** The bounds the suites run the nodes with (short, so that each fault resolves within a test). */
export const FAULT_ENV = {
  DB_POOL_SIZE: '8',
  DB_QUERY_TIMEOUT_MS: '3000',
  DB_READ_WAIT_MS: '1000',
  REDIS_COMMAND_TIMEOUT_MS: '500',
  SOCKET_STALL_MS: '5000',
  JOBS_POLL_MS: '2000',
  SHUTDOWN_DRAIN_MS: '1500',
};

/** How many of the last held messages a reader re-reads when it catches up (the SPA's RECONNECT_OVERLAP). */
const RECONNECT_OVERLAP = 20;

export interface FaultWorld {
  pg: PrivatePostgres;
  pgProxy: TcpProxy;
  redis: PrivateRedis;
  redisProxy: TcpProxy;
  cluster: Cluster;
  /** Everything a failing test should print. */
  diagnostics(): string;
  close(): Promise<void>;
}

export async function startFaultWorld(options: { nodes?: number; env?: Record<string, string> } = {}): Promise<FaultWorld> {
  const pg = await startPostgres();
  const redis = await startRedis();
  const pgProxy = await startProxy({ host: '127.0.0.1', port: pg.port });
  const redisProxy = await startProxy({ host: '127.0.0.1', port: redis.port });
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      nodes: options.nodes ?? 2,
      databaseUrl: `postgres://circles@127.0.0.1:${pgProxy.port}/circles`,
      redisUrl: `redis://127.0.0.1:${redisProxy.port}`,
      env: { ...FAULT_ENV, ...options.env },
    });
  } catch (err) {
    await Promise.all([pgProxy.close(), redisProxy.close(), pg.close(), redis.close()]);
    throw err;
  }
  return {
    pg,
    pgProxy,
    redis,
    redisProxy,
    cluster,
    diagnostics: () =>
      [`nginx: ${cluster.nginxOutput()}`, ...cluster.nodes.map((n) => `node ${n.name}: ${n.output()}`), `postgres: ${pg.output()}`].join('\n'),
    async close() {
      await cluster.close();
      await Promise.all([pgProxy.close(), redisProxy.close()]);
      await Promise.all([pg.close(), redis.close()]);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ack = (socket: ClusterSocket, event: string, payload: unknown, timeoutMs = 5_000): Promise<any> =>
  (socket.timeout(timeoutMs) as any).emitWithAck(event, payload);

/** A group owned by `owner`, with `members` joined (public: anyone may join). */
export async function makeGroup(client: ClusterClient, owner: ClusterUser, members: Array<{ client: ClusterClient; user: ClusterUser }> = []) {
  const created = await client.api('POST', '/api/groups', {
    token: owner.token,
    body: { name: `Faults ${randomUUID().slice(0, 8)}`, conditionSlug: 'type-1-diabetes', description: 'A group the fault suites send through.', visibility: 'public' },
  });
  if (created.status !== 201) throw new Error(`create group answered ${created.status}: ${JSON.stringify(created.body)}`);
  const slug: string = created.body.slug;
  for (const m of members) {
    const joined = await m.client.api('POST', `/api/groups/${slug}/join`, { token: m.user.token });
    if (joined.status !== 200 && joined.status !== 201) throw new Error(`join answered ${joined.status}: ${JSON.stringify(joined.body)}`);
  }
  return { slug, id: created.body.id as string };
}

/** Every message of the group after `after`, through REST, page by page. */
export async function history(client: ClusterClient, token: string, slug: string, after = '0'): Promise<Message[]> {
  const all: Message[] = [];
  for (let tries = 0; ; ) {
    const res = await client.api('GET', `/api/groups/${slug}/messages?after=${after}&limit=100`, { token });
    if (res.status !== 200) {
      // A catch-up during a fault retries as the SPA does (503 carries Retry-After).
      if (res.status === 503 && tries++ < 40) {
        await sleep(500);
        continue;
      }
      throw new Error(`history answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    all.push(...res.body.items);
    if (!res.body.hasMore || res.body.items.length === 0) return all;
    after = res.body.items[res.body.items.length - 1].id;
  }
}

export interface Reader {
  /** Every message this reader holds, by id; `copies` counts how often each id arrived as new. */
  seen: Map<string, Message>;
  reconnections: number;
  /** Resolves once the catch-up after the latest reconnection is done. */
  caughtUp(): Promise<void>;
  /** A catch-up now, as the SPA does when it comes back from the background. */
  catchUp(): Promise<void>;
}

/**
 * A reader as the SPA's chat store is one: it hears message:new live, and after every (re)connection it
 * joins the room again and fetches everything after the last id it holds.
 */
export function reader(client: ClusterClient, user: ClusterUser, socket: ClusterSocket, slug: string): Reader {
  const seen = new Map<string, Message>();
  const hold = (m: Message) => seen.set(m.id, m);
  socket.on('message:new' as never, ((p: { message: Message }) => {
    if (p.message.groupId !== undefined) hold(p.message);
  }) as never);
  let caughtUp: Promise<void> = Promise.resolve();
  // From a few messages back, as the SPA does (RECONNECT_OVERLAP in client/src/stores/chat.ts): ids are
  // taken before commit, so a lower id can be broadcast after a higher one the reader already holds.
  const anchor = () => {
    const held = [...seen.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    return held.at(-Math.min(RECONNECT_OVERLAP, held.length)) ?? '0';
  };
  const catchUp = async (from = anchor()) => {
    for (const m of await history(client, user.token, slug, from)) hold(m);
  };
  const r: Reader = {
    seen,
    reconnections: 0,
    caughtUp: () => caughtUp,
    catchUp,
  };
  // Broadcasts were lost (Redis was away): fetch again from where the server says, as the SPA does.
  let resynced: Promise<void> = Promise.resolve();
  socket.on('messages:resync' as never, ((p: { afterId: string }) => {
    resynced = (async () => {
      for (const m of await history(client, user.token, slug, p.afterId)) hold(m);
    })();
    resynced.catch(() => {});
  }) as never);
  r.caughtUp = async () => {
    await resynced;
    await caughtUp;
  };
  socket.io.on('reconnect', () => {
    r.reconnections++;
    // Taken before the rejoin: the members' room brings live messages again at once, past the gap.
    const from = anchor();
    caughtUp = (async () => {
      for (let i = 0; i < 20; i++) {
        const joined = await ack(socket, 'group:join', { slug }).catch(() => null);
        if (joined?.ok) break;
        await sleep(300);
      }
      await catchUp(from);
    })();
    caughtUp.catch(() => {});
  });
  return r;
}

export interface Sender {
  /** clientId → the message id the server acknowledged. */
  acked: Map<string, string>;
  failures: number;
  /** Error codes of failed attempts (ack errors), and 'timeout' for attempts never answered. */
  codes: Map<string, number>;
  stop(): Promise<void>;
}

/**
 * A sender as the SPA's outbox is one: each message keeps its clientId until the server acknowledges
 * it, and is sent again (after a reconnection if need be) when an attempt fails. `everyMs` paces it.
 */
export function sender(socket: ClusterSocket, slug: string, label: string, everyMs = 50): Sender {
  let stopped = false;
  const s: Sender = { acked: new Map(), failures: 0, codes: new Map(), stop: async () => {} };
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const clientId = randomUUID();
      for (;;) {
        if (!socket.connected) {
          await sleep(50);
          continue;
        }
        const reply = await ack(socket, 'message:send', { slug, body: `${label} ${i}`, clientId }, 6_000).catch(() => null);
        if (reply?.ok) {
          s.acked.set(clientId, reply.message.id);
          break;
        }
        s.failures++;
        const code: string = reply?.error?.code ?? 'timeout';
        s.codes.set(code, (s.codes.get(code) ?? 0) + 1);
        await sleep(150);
      }
      await sleep(everyMs);
    }
  })();
  s.stop = async () => {
    stopped = true;
    await done;
  };
  return s;
}

/**
 * Every acknowledged message is stored exactly once (under the id it was acknowledged with), and every
 * reader holds every stored message: 0 lost, 0 duplicates.
 */
export async function expectExactlyOnce(stored: Message[], senders: Sender[], readers: Reader[] = []) {
  const byClientId = new Map<string, string[]>();
  for (const m of stored) byClientId.set(m.clientId, [...(byClientId.get(m.clientId) ?? []), m.id]);
  const duplicates = [...byClientId].filter(([, ids]) => ids.length > 1);
  expect(duplicates).toEqual([]);
  let acked = 0;
  for (const s of senders) {
    for (const [clientId, id] of s.acked) {
      acked++;
      expect(byClientId.get(clientId), `acknowledged message ${id} (${clientId}) is stored once`).toEqual([id]);
    }
  }
  const storedIds = stored.map((m) => m.id);
  for (const [i, r] of readers.entries()) {
    const missing = storedIds.filter((id) => !r.seen.has(id));
    expect(missing, `reader ${i} holds every stored message`).toEqual([]);
  }
  return { acked, stored: stored.length };
}

/** Makes every history read slow: each reaction row read costs `msPerRow` (row-level security with pg_sleep). */
export async function slowHistoryReads(pg: PrivatePostgres, groupId: string, userId: string, rows: number, msPerRow: number) {
  const ids = await pg.query<{ id: string }>('select id::text from messages where group_id = $1 order by id desc limit $2', [groupId, rows]);
  if (ids.length < rows) throw new Error(`only ${ids.length} messages to react to`);
  for (const { id } of ids) await pg.query(`insert into message_reactions (message_id, user_id, emoji) values ($1, $2, '❤️')`, [id, userId]);
  await pg.query('alter table message_reactions enable row level security');
  await pg.query('alter table message_reactions force row level security');
  await pg.query(`create policy slow_reads on message_reactions using (pg_sleep(${msPerRow / 1000}) is not null)`);
}

export async function fastHistoryReads(pg: PrivatePostgres) {
  await pg.query('drop policy if exists slow_reads on message_reactions');
  await pg.query('alter table message_reactions no force row level security');
  await pg.query('alter table message_reactions disable row level security');
}
