/**
 * S8 across nodes: S1's rooms (members of each room split between the nodes, so every message crosses
 * from one node to the other through Redis) sent through nginx on deploy/nginx.conf, against two Circles
 * nodes sharing PostgreSQL and Redis, beside one Circles node behind the same nginx and Redis. The same
 * loss and duplicate checks as S1: every acknowledged message stored once and delivered once to every
 * other socket of its room, whichever node holds it.
 *
 * Rates rise (plan.s8.rates) until the ack p99 passes the limit or a send goes unacknowledged, for each
 * setup, which says what breaks first and at what load. On this 2-core machine both nodes, PostgreSQL,
 * Redis, nginx and the load client share the same two cores: two nodes cannot add capacity here, and
 * what S8 measures is correctness across nodes and the cost of crossing them (CPU per message summed
 * over the nodes), not scale-out.
 */
import { Redis } from 'ioredis';
import { withServers, type BenchContext } from '../lib/context.js';
import { startNginx, nginxAvailable } from '../lib/nginx.js';
import type { ServerHandle } from '../lib/processes.js';
import { cpuTimeMs, sleep } from '../lib/processes.js';
import { infoRow, zeroRow } from '../lib/results.js';
import { round } from '../lib/stats.js';
import type { ChatResult, Member } from '../load/protocol.js';
import { chatStep, checkStep, connectAll, describe, storedCount, warmUp } from './chat.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

interface Step {
  rate: number;
  result: ChatResult;
  cpuMsPerMessage: number | null;
  stored: number;
}

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function dropPrefix(prefix: string) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** One setup (1 or 2 nodes behind nginx): connect, then the rising rates. */
async function runSetup(ctx: BenchContext, nodes: number, members: Member[]): Promise<Step[] | null> {
  const plan = ctx.plan.s8;
  const label = `S8-${nodes}node`;
  const prefix = `circles-bench-${ctx.runTag}-${nodes}:`;
  const env = { REDIS_URL, REDIS_PREFIX: prefix, TRUST_PROXY: '127.0.0.1', RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: '100000000' };
  const starts = Array.from({ length: nodes }, (_, i) => () => ctx.startCircles(`${label}-${String.fromCharCode(97 + i)}`, { env }));
  try {
    return await withServers(ctx, starts, async (servers: ServerHandle[], load) => {
      const nginx = await startNginx(servers.map((s) => s.url));
      try {
        // Alternate members between the nodes: each room has people on both, so messages cross.
        const addresses = await Promise.all(servers.map((_, i) => nginx.addressesFor(i, 1).then((a) => a[0]!)));
        const placed = members.map((m, i) => ({ ...m, localAddress: addresses[i % servers.length] }));
        if (!(await connectAll(ctx, 'circles', load, nginx.url, placed, label))) return null;
        // As S1: JIT, pools and caches warm up before anything is measured (full runs).
        await warmUp(ctx, load, plan.rate, `${ctx.runTag}-${label}`);
        const steps: Step[] = [];
        const rates = ctx.plan.mode === 'full' ? plan.rates : [plan.rate];
        for (const rate of rates) {
          const tag = `${ctx.runTag}-${label}-${rate}`;
          const before = servers.map((s) => cpuTimeMs(s.pid));
          const result = await chatStep(load, { ...plan, rate }, tag);
          const after = servers.map((s) => cpuTimeMs(s.pid));
          const cpu = before.every((b) => b !== null) && after.every((a) => a !== null) ? after.reduce((sum, a, i) => sum! + a! - before[i]!, 0)! : null;
          const cpuMsPerMessage = cpu === null || result.acked === 0 ? null : round(cpu / result.acked, 3);
          const stored = await storedCount(ctx.databases.circles, result.ackedClientIds);
          ctx.log(`  ${nodes} node(s) at ${rate}/s: ${describe(result)}, server CPU ${cpuMsPerMessage ?? 'n/a'} ms/message (all nodes)`);
          checkStep(ctx, `${label} at ${rate}/s`, result, stored);
          if (result.lostMessages) ctx.fail(`${label} at ${rate}/s: ${result.lostMessages} acknowledged messages never delivered`);
          if (result.duplicates) ctx.fail(`${label} at ${rate}/s: ${result.duplicates} messages delivered twice`);
          steps.push({ rate, result, cpuMsPerMessage, stored });
          // Past the limit, or sends going unacknowledged: this setup has found where it breaks.
          if (result.ack.p99 > plan.p99LimitMs || result.acked < result.sent) break;
          await sleep(1_000);
        }
        return steps;
      } finally {
        await nginx.stop();
      }
    });
  } finally {
    await dropPrefix(prefix).catch(() => {});
  }
}

export async function runS8(ctx: BenchContext) {
  const plan = ctx.plan.s8;
  const members = ctx.members(plan.groups * plan.perGroup);
  ctx.log(`S8 across nodes: ${members.length} sockets in ${plan.groups} groups through nginx, 1 node then 2 nodes, ${plan.durationMs / 1000} s per rate`);
  if (!nginxAvailable()) return ctx.missing('S8: /usr/sbin/nginx (apt-get install nginx)');
  if (!(await redisAnswers())) return ctx.missing(`S8: a Redis at ${REDIS_URL}`);

  const one = await runSetup(ctx, 1, members);
  const two = await runSetup(ctx, 2, members);
  ctx.details.S8 = {
    rates: plan.rates,
    oneNode: one?.map((s) => ({ rate: s.rate, ack: s.result.ack, delivery: s.result.delivery, cpuMsPerMessage: s.cpuMsPerMessage, acked: s.result.acked, sent: s.result.sent })),
    twoNodes: two?.map((s) => ({ rate: s.rate, ack: s.result.ack, delivery: s.result.delivery, cpuMsPerMessage: s.cpuMsPerMessage, acked: s.result.acked, sent: s.result.sent })),
  };
  // Rows: the two-node setup in the Circles column, one node behind the same nginx in the baseline column.
  const at = (steps: Step[] | null, rate: number) => steps?.find((s) => s.rate === rate) ?? null;
  const v = (s: Step | null, f: (s: Step) => number | null) => (s ? f(s) : null);
  for (const rate of ctx.plan.mode === 'full' ? plan.rates : [plan.rate]) {
    const t = at(two, rate);
    const o = at(one, rate);
    if (!t && !o) continue;
    const name = `S8 @${rate}/s`;
    ctx.rows.push(
      infoRow(name, 'ack p50', 'ms', v(t, (s) => s.result.ack.p50), v(o, (s) => s.result.ack.p50)),
      infoRow(name, 'ack p99', 'ms', v(t, (s) => s.result.ack.p99), v(o, (s) => s.result.ack.p99)),
      infoRow(name, 'delivery p50', 'ms', v(t, (s) => s.result.delivery.p50), v(o, (s) => s.result.delivery.p50)),
      infoRow(name, 'delivery p99', 'ms', v(t, (s) => s.result.delivery.p99), v(o, (s) => s.result.delivery.p99)),
      infoRow(name, 'deliveries/s', '/s', v(t, (s) => s.result.deliveriesPerSec), v(o, (s) => s.result.deliveriesPerSec)),
      infoRow(name, 'server CPU/message (all nodes)', 'ms', v(t, (s) => s.cpuMsPerMessage), v(o, (s) => s.cpuMsPerMessage)),
      zeroRow(name, 'lost (acked, never delivered)', v(t, (s) => s.result.lostMessages), v(o, (s) => s.result.lostMessages)),
      zeroRow(name, 'duplicates', v(t, (s) => s.result.duplicates), v(o, (s) => s.result.duplicates)),
    );
  }
  ctx.notes.push(
    'S8: the Circles column is two nodes behind nginx (rooms split across them, every message crossing through Redis); the baseline column is ONE Circles node behind the same nginx and Redis. Both nodes share the same 2 cores with PostgreSQL, Redis, nginx and the load client, so this shows correctness across nodes and the cost of crossing them, not added capacity.',
  );
}
