/**
 * S1 fan-out, S2 saturation and S7 embedded: the real-time hot path (`message:send` → stored →
 * `message:new` to the room → ack), driven identically against the socket.io + pg baseline and Circles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withServer, withServers, type BenchContext } from '../lib/context.js';
import { withClient } from '../lib/db.js';
import type { ChatPlan } from '../lib/plan.js';
import type { LoadClient, ServerHandle } from '../lib/processes.js';
import { cpuTimeMs, sleep } from '../lib/processes.js';
import { round } from '../lib/stats.js';
import { infoRow, latencyRow, throughputRow, zeroRow } from '../lib/results.js';
import type { ChatResult, ConnectResult, Member } from '../load/protocol.js';

type Side = 'circles' | 'baseline';

/** Connects every member and joins its room; false (and why) when that did not fully work. */
export async function connectAll(ctx: BenchContext, side: Side, load: LoadClient, url: string, members: Member[], scenario: string, pool?: string): Promise<boolean> {
  const conn = await load.run<ConnectResult>({ cmd: 'connect', pool, url, members, join: true, batch: 50, timeoutMs: 10_000 }, 300_000);
  ctx.log(`  ${side}: ${conn.connected}/${members.length} sockets connected and joined in ${Math.round(conn.durationMs)} ms`);
  if (conn.failed === 0) return true;
  if (side === 'circles' && conn.joinUnanswered === conn.failed) ctx.missing(`the group:join socket event (${scenario})`);
  else ctx.fail(`${scenario} ${side}: ${conn.failed} sockets failed: ${JSON.stringify(conn.failures)}`);
  return false;
}

export async function chatStep(load: LoadClient, plan: Pick<ChatPlan, 'rate' | 'durationMs' | 'drainMs' | 'ackTimeoutMs'>, tag: string, pool?: string): Promise<ChatResult> {
  return load.run<ChatResult>(
    { cmd: 'chat', pool, rate: plan.rate, durationMs: plan.durationMs, drainMs: plan.drainMs, ackTimeoutMs: plan.ackTimeoutMs, tag },
    plan.durationMs + plan.drainMs + plan.ackTimeoutMs + 60_000,
  );
}

/**
 * Full runs send for a few seconds before measuring: JIT, pool connections and caches warm up on both
 * sides alike, so the measured p99 is the steady state and not the first second after start.
 */
export async function warmUp(ctx: BenchContext, load: LoadClient, rate: number, tag: string, pool?: string) {
  if (ctx.plan.mode !== 'full') return;
  await chatStep(load, { rate, durationMs: 3_000, drainMs: 5_000, ackTimeoutMs: 10_000 }, `${tag}-warm`, pool);
  await sleep(500);
}

/** Every acknowledged message must be stored exactly once (the unique index forbids more; fewer is loss). */
export async function storedCount(database: string, clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  return withClient(database, async (c) => {
    const { rows } = await c.query<{ n: number }>('select count(*)::int as n from messages where client_id = any($1::text[])', [clientIds]);
    return rows[0]!.n;
  });
}

export function describe(r: ChatResult): string {
  return (
    `sent ${r.sent} (${r.achievedSendRate}/s), acked ${r.acked}, ack p50/p95/p99 ${r.ack.p50}/${r.ack.p95}/${r.ack.p99} ms, ` +
    `delivery p50/p95/p99 ${r.delivery.p50}/${r.delivery.p95}/${r.delivery.p99} ms, ${r.deliveriesPerSec} deliveries/s, ` +
    `lost ${r.lostMessages}, dup ${r.duplicates}, client lag p99 ${r.clientLagP99Ms} ms` +
    (r.ackTimeouts ? `, ${r.ackTimeouts} ack timeouts` : '') +
    (Object.keys(r.ackErrors).length ? `, refused ${JSON.stringify(r.ackErrors)}` : '')
  );
}

/** Problems that make a step's numbers meaningless or show a real defect: always failures. */
export function checkStep(ctx: BenchContext, label: string, r: ChatResult, stored: number | null) {
  if (r.misrouted) ctx.fail(`${label}: ${r.misrouted} messages reached a socket outside their group`);
  if (r.idCollisions) ctx.fail(`${label}: ${r.idCollisions} different messages acknowledged with the same id`);
  if (r.disconnects) ctx.fail(`${label}: ${r.disconnects} sockets dropped during the run`);
  if (stored !== null && stored !== r.acked) ctx.fail(`${label}: ${r.acked} messages acknowledged but ${stored} stored`);
}

interface ChatSideResult {
  result: ChatResult;
  stored: number | null;
  /** Server process CPU (user + system) per acknowledged message, fan-out included. */
  cpuMsPerMessage?: number | null;
}

async function runChatSide(
  ctx: BenchContext,
  scenario: string,
  side: Side,
  start: () => Promise<ServerHandle>,
  members: Member[],
  plan: ChatPlan,
  database: string | null,
): Promise<ChatSideResult | null> {
  return withServer(ctx, start, async (server, load) => {
    if (!(await connectAll(ctx, side, load, server.url, members, scenario))) return null;
    const tag = `${ctx.runTag}-${scenario}-${side}`;
    await warmUp(ctx, load, plan.rate, tag);
    const cpuBefore = cpuTimeMs(server.pid);
    const result = await chatStep(load, plan, tag);
    const cpuAfter = cpuTimeMs(server.pid);
    const cpuMsPerMessage = cpuBefore === null || cpuAfter === null || result.acked === 0 ? null : round((cpuAfter - cpuBefore) / result.acked, 3);
    if (side === 'circles' && result.acked === 0 && result.ackTimeouts === result.sent) {
      ctx.missing(`the message:send socket event (${scenario})`);
      return null;
    }
    const stored = database ? await storedCount(database, result.ackedClientIds) : null;
    ctx.log(`  ${side}: ${describe(result)}, server CPU ${cpuMsPerMessage ?? 'n/a'} ms/message`);
    checkStep(ctx, `${scenario} ${side}`, result, stored);
    const failedSends = result.sent - result.acked;
    if (failedSends > 0) ctx.fail(`${scenario} ${side}: ${failedSends} of ${result.sent} sends not acknowledged (${JSON.stringify(result.ackErrors)}, ${result.ackTimeouts} timeouts)`);
    return { result, stored, cpuMsPerMessage };
  });
}

function slim(r: ChatSideResult | null) {
  if (!r) return null;
  const { ackedClientIds: _ids, ...rest } = r.result;
  return { ...rest, stored: r.stored, cpuMsPerMessage: r.cpuMsPerMessage ?? null };
}

function chatRows(ctx: BenchContext, scenario: string, c: ChatResult | null, b: ChatResult | null, targets: boolean) {
  const v = (r: ChatResult | null, f: (r: ChatResult) => number) => (r ? f(r) : null);
  const rows = [
    infoRow(scenario, 'ack p50', 'ms', v(c, (r) => r.ack.p50), v(b, (r) => r.ack.p50)),
    infoRow(scenario, 'ack p95', 'ms', v(c, (r) => r.ack.p95), v(b, (r) => r.ack.p95)),
    targets
      ? latencyRow(scenario, 'ack p99', v(c, (r) => r.ack.p99), v(b, (r) => r.ack.p99), 2, 5)
      : infoRow(scenario, 'ack p99', 'ms', v(c, (r) => r.ack.p99), v(b, (r) => r.ack.p99)),
    infoRow(scenario, 'delivery p50', 'ms', v(c, (r) => r.delivery.p50), v(b, (r) => r.delivery.p50)),
    infoRow(scenario, 'delivery p95', 'ms', v(c, (r) => r.delivery.p95), v(b, (r) => r.delivery.p95)),
    targets
      ? latencyRow(scenario, 'delivery p99', v(c, (r) => r.delivery.p99), v(b, (r) => r.delivery.p99), 2, 5)
      : infoRow(scenario, 'delivery p99', 'ms', v(c, (r) => r.delivery.p99), v(b, (r) => r.delivery.p99)),
    infoRow(scenario, 'deliveries/s', '/s', v(c, (r) => r.deliveriesPerSec), v(b, (r) => r.deliveriesPerSec)),
    zeroRow(scenario, 'lost (acked, never delivered)', v(c, (r) => r.lostMessages), v(b, (r) => r.lostMessages)),
    zeroRow(scenario, 'duplicates', v(c, (r) => r.duplicates), v(b, (r) => r.duplicates)),
  ];
  if (c && c.clientLagP99Ms > 50) ctx.notes.push(`${scenario}: the load client's own event-loop p99 reached ${c.clientLagP99Ms} ms during the Circles run`);
  ctx.rows.push(...rows);
}

/** S1: 500 sockets in 50 groups, 200 messages/s for 30 s. */
export async function runS1(ctx: BenchContext) {
  const plan = ctx.plan.s1;
  const members = ctx.members(plan.groups * plan.perGroup);
  ctx.log(`S1 fan-out: ${members.length} sockets in ${plan.groups} groups, ${plan.rate} msg/s for ${plan.durationMs / 1000} s`);
  const b = await runChatSide(ctx, 'S1', 'baseline', () => ctx.startSocketBaseline('S1'), members, plan, ctx.databases.baseline);
  const c = await runChatSide(ctx, 'S1', 'circles', () => ctx.startCircles('S1'), members, plan, ctx.databases.circles);
  ctx.details.S1 = { baseline: slim(b), circles: slim(c) };
  chatRows(ctx, 'S1', c?.result ?? null, b?.result ?? null, true);
  ctx.rows.push(infoRow('S1', 'server CPU/message', 'ms', c?.cpuMsPerMessage ?? null, b?.cpuMsPerMessage ?? null));
}

/** S7: S1 at 50 sockets with Circles on its embedded database (set up through the API), beside the pg baseline. */
export async function runS7(ctx: BenchContext) {
  const plan = ctx.plan.s7;
  const count = plan.groups * plan.perGroup;
  ctx.log(`S7 embedded: ${count} sockets in ${plan.groups} groups, ${plan.rate} msg/s for ${plan.durationMs / 1000} s`);
  const b = await runChatSide(ctx, 'S7', 'baseline', () => ctx.startSocketBaseline('S7'), ctx.members(count), plan, ctx.databases.baseline);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'circles-bench-embedded-'));
  let c: ChatSideResult | null = null;
  try {
    c = await withServer(
      ctx,
      () => ctx.startCircles('S7-embedded', { embeddedDataDir: dataDir }),
      async (server, load) => {
        const members = await setupThroughApi(ctx, server.url, plan);
        if (!members) return null;
        if (!(await connectAll(ctx, 'circles', load, server.url, members, 'S7'))) return null;
        await warmUp(ctx, load, plan.rate, `${ctx.runTag}-S7-circles`);
        const result = await chatStep(load, plan, `${ctx.runTag}-S7-circles`);
        if (result.acked === 0 && result.ackTimeouts === result.sent) {
          ctx.missing('the message:send socket event (S7)');
          return null;
        }
        ctx.log(`  circles (embedded): ${describe(result)}`);
        checkStep(ctx, 'S7 circles', result, null);
        if (result.sent !== result.acked) ctx.fail(`S7 circles: ${result.sent - result.acked} sends not acknowledged (${JSON.stringify(result.ackErrors)})`);
        return { result, stored: null };
      },
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  ctx.details.S7 = { baseline: slim(b), circles: slim(c) };
  chatRows(ctx, 'S7', c?.result ?? null, b?.result ?? null, false);
  ctx.notes.push('S7: Circles on its embedded database (PGlite, in-process) beside the socket.io baseline on PostgreSQL; no target, informational');
}

/** Accounts, groups and memberships through the public API (the embedded database has no outside SQL access). */
async function setupThroughApi(ctx: BenchContext, url: string, plan: ChatPlan): Promise<Member[] | null> {
  const post = async (route: string, body: unknown, token?: string) => {
    const res = await fetch(url + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, any>;
    return { status: res.status, json };
  };
  const count = plan.groups * plan.perGroup;
  const accounts: Array<{ userId: string; token: string }> = [];
  for (let offset = 0; offset < count; offset += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, count - offset) }, (_, j) =>
        post('/api/auth/register', { email: `embedded-${offset + j}@bench.test`, password: 'bench-password-long-enough', displayName: `Embedded member ${offset + j}` }),
      ),
    );
    for (const r of batch) {
      if (r.status !== 201) {
        ctx.fail(`S7 circles: register answered ${r.status} ${JSON.stringify(r.json)}`);
        return null;
      }
      accounts.push({ userId: r.json.user.id, token: r.json.accessToken });
    }
  }
  const members: Member[] = [];
  for (let g = 0; g < plan.groups; g++) {
    const owner = accounts[g * plan.perGroup]!;
    const created = await post('/api/groups', { name: `Embedded bench circle ${String.fromCharCode(65 + g)}`, conditionSlug: 'asthma', description: 'A small clinic group for the embedded benchmark.', visibility: 'public' }, owner.token);
    if (created.status === 404 && /No route/.test(String(created.json.message))) {
      ctx.missing('POST /api/groups (S7)');
      return null;
    }
    if (created.status !== 201) {
      ctx.fail(`S7 circles: create group answered ${created.status} ${JSON.stringify(created.json)}`);
      return null;
    }
    const slug = created.json.slug as string;
    members.push({ ...owner, slug });
    for (let k = 1; k < plan.perGroup; k++) {
      const member = accounts[g * plan.perGroup + k]!;
      const joined = await post(`/api/groups/${slug}/join`, {}, member.token);
      if (joined.status !== 200) {
        ctx.fail(`S7 circles: join answered ${joined.status} ${JSON.stringify(joined.json)}`);
        return null;
      }
      members.push({ ...member, slug });
    }
  }
  return members;
}

interface SaturationStep {
  rate: number;
  sustained: boolean;
  why: string;
  result: Omit<ChatResult, 'ackedClientIds'>;
}

interface Ladder {
  side: Side;
  server: ServerHandle;
  steps: SaturationStep[];
  good: number;
  bad: number;
}

/**
 * S2: raise the send rate until ack p99 passes the limit; the highest rate sustained below it.
 * Both servers run side by side, each with its own 500 sockets, and climb their ladders in lockstep
 * (baseline and Circles alternate at every rate), so load from other processes falls on both alike.
 */
export async function runS2(ctx: BenchContext) {
  const plan = ctx.plan.s2;
  const chat = ctx.plan.s1;
  const members = ctx.members(chat.groups * chat.perGroup);
  ctx.log(`S2 saturation: ${members.length} sockets per server, from ${plan.startRate} msg/s ×${plan.factor} until ack p99 > ${plan.p99LimitMs} ms, sides alternating`);

  const result = await withServers(ctx, [() => ctx.startSocketBaseline('S2'), () => ctx.startCircles('S2')], async ([baseline, circles], load) => {
    const ladders: Ladder[] = [];
    for (const [side, server] of [['baseline', baseline!], ['circles', circles!]] as Array<[Side, ServerHandle]>) {
      if (await connectAll(ctx, side, load, server.url, members, 'S2', side)) ladders.push({ side, server, steps: [], good: 0, bad: 0 });
    }
    for (const l of ladders) await warmUp(ctx, load, plan.startRate, `${ctx.runTag}-S2-${l.side}`, l.side);

    const step = async (l: Ladder, rate: number) => {
      const r = await chatStep(load, { rate, durationMs: plan.stepMs, drainMs: 10_000, ackTimeoutMs: 10_000 }, `${ctx.runTag}-S2-${l.side}-${Math.round(rate)}`, l.side);
      const why = [
        r.acked < r.sent ? `${r.sent - r.acked} unacknowledged` : '',
        r.ack.p99 > plan.p99LimitMs ? `ack p99 ${r.ack.p99} ms` : '',
        r.achievedSendRate < 0.95 * rate ? `client sent only ${r.achievedSendRate}/s` : '',
        r.lostMessages ? `${r.lostMessages} lost` : '',
        r.disconnects ? `${r.disconnects} disconnects` : '',
      ].filter(Boolean);
      const { ackedClientIds: _ids, ...rest } = r;
      l.steps.push({ rate: Math.round(rate), sustained: why.length === 0, why: why.join(', ') || 'ok', result: rest });
      ctx.log(`  ${l.side} @ ${Math.round(rate)}/s: ack p99 ${r.ack.p99} ms, delivery p99 ${r.delivery.p99} ms, acked ${r.acked}/${r.sent}, lost ${r.lostMessages}, dup ${r.duplicates}, client lag p99 ${r.clientLagP99Ms} ms → ${why.length ? why.join(', ') : 'sustained'}`);
      if (r.misrouted || r.idCollisions) checkStep(ctx, `S2 ${l.side} @ ${Math.round(rate)}/s`, r, null);
      // An overloaded step leaves work behind (queued statements, WAL, GC): let it drain before the next.
      await sleep(ctx.plan.mode === 'full' ? (why.length ? 5_000 : 1_000) : 100);
      return why.length === 0;
    };

    // Coarse: every ladder still climbing takes the same rate, in alternating order.
    let rate = plan.startRate;
    for (let i = 0; i < plan.maxCoarseSteps && rate <= plan.maxRate; i++) {
      const climbing = ladders.filter((l) => l.bad === 0);
      if (climbing.length === 0) break;
      for (const l of i % 2 === 0 ? climbing : [...climbing].reverse()) {
        if (await step(l, rate)) l.good = rate;
        else l.bad = rate;
      }
      rate *= plan.factor;
    }
    // Refine: bisect each ladder between its last sustained and first failed rate, sides alternating.
    for (let i = 0; i < plan.refineSteps; i++) {
      const open = ladders.filter((l) => l.good > 0 && l.bad > 0);
      for (const l of i % 2 === 0 ? open : [...open].reverse()) {
        const mid = Math.sqrt(l.good * l.bad);
        if (await step(l, mid)) l.good = mid;
        else l.bad = mid;
      }
    }
    for (const l of ladders) if (l.bad === 0) ctx.notes.push(`S2 ${l.side}: every step up to ${Math.round(l.good)} msg/s was sustained (the ladder's top)`);
    const out = (side: Side) => {
      const l = ladders.find((x) => x.side === side);
      return l ? { sustained: Math.round(l.good), steps: l.steps } : null;
    };
    return { baseline: out('baseline'), circles: out('circles') };
  });

  const b = result?.baseline ?? null;
  const c = result?.circles ?? null;
  ctx.details.S2 = { baseline: b, circles: c };
  const lostAt = (s: { steps: SaturationStep[] } | null) => (s ? s.steps.reduce((n, x) => n + x.result.lostMessages, 0) : null);
  const dupAt = (s: { steps: SaturationStep[] } | null) => (s ? s.steps.reduce((n, x) => n + x.result.duplicates, 0) : null);
  ctx.rows.push(
    throughputRow('S2', 'sustained send rate', 'msg/s', c?.sustained ?? null, b?.sustained ?? null, 0.7),
    zeroRow('S2', 'lost over all steps', lostAt(c), lostAt(b)),
    zeroRow('S2', 'duplicates over all steps', dupAt(c), dupAt(b)),
  );
}
