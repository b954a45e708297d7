/**
 * S3 history at depth and S4 everyday reads: the same requests with the same token against Circles and
 * bare Fastify running the equivalent single query, on byte-identical copies of the same database.
 */
import { withServers, type BenchContext } from '../lib/context.js';
import { capturePlans } from '../lib/explain.js';
import type { HttpPlan } from '../lib/plan.js';
import { cpuTimeMs, type ServerHandle } from '../lib/processes.js';
import { infoRow, throughputRow, type Row } from '../lib/results.js';
import { round, summarize, type LatencySummary } from '../lib/stats.js';
import type { HttpResult } from '../load/protocol.js';

interface Target {
  name: string;
  path: string;
}

/** One side's numbers for one target, merged over its rounds. */
interface Measured {
  rps: number;
  latency: LatencySummary;
  requests: number;
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
  /** Server process CPU per answered request (user + system), when /proc is available. */
  cpuMsPerRequest: number | null;
  clientLagP99Ms: number;
}

type Side = 'baseline' | 'circles';
type Results = Record<Side, Record<string, Measured>>;

/** Probes a target once; false (recorded) when the route is missing or refuses. */
async function probe(ctx: BenchContext, scenario: string, side: Side, server: ServerHandle, target: Target): Promise<boolean> {
  const probeRes = await fetch(server.url + target.path, { headers: { authorization: `Bearer ${ctx.readerToken()}` }, signal: AbortSignal.timeout(30_000) });
  const body = (await probeRes.json().catch(() => ({}))) as { message?: string };
  if (probeRes.status === 404 && /No route/.test(String(body.message))) {
    ctx.missing(`GET ${target.path.split('?')[0]} (${scenario})`);
    return false;
  }
  if (!probeRes.ok) {
    ctx.fail(`${scenario} ${side} ${target.name}: probe answered ${probeRes.status} ${JSON.stringify(body).slice(0, 300)}`);
    return false;
  }
  return true;
}

/**
 * Bare Fastify and Circles side by side, measured in rounds that visit every target on both sides after
 * a warm-up of each, so that whatever else the machine is doing falls on all of them alike. Rounds are
 * merged: requests over seconds, latencies pooled.
 */
async function both(ctx: BenchContext, scenario: string, targets: Target[], plan: HttpPlan): Promise<Results | null> {
  return withServers(ctx, [() => ctx.startHttpBaseline(scenario), () => ctx.startCircles(scenario)], async ([baseline, circles], load) => {
    const servers: Record<Side, ServerHandle> = { baseline: baseline!, circles: circles! };
    const headers = { authorization: `Bearer ${ctx.readerToken()}` };
    const results: Results = { baseline: {}, circles: {} };
    type Slot = { target: Target; side: Side; rounds: HttpResult[]; cpuMs: number | null };
    const slots: Slot[] = [];
    for (const target of targets) {
      for (const side of ['baseline', 'circles'] as Side[]) {
        if (await probe(ctx, scenario, side, servers[side], target)) slots.push({ target, side, rounds: [], cpuMs: 0 });
      }
    }
    const run = (slot: Slot, durationS: number, keepSamples: boolean) =>
      load.run<HttpResult>(
        { cmd: 'http', url: servers[slot.side].url, path: slot.target.path, headers, connections: plan.connections, durationS, keepSamples },
        durationS * 1000 + 120_000,
      );
    if (plan.warmUpS > 0) for (const slot of slots) await run(slot, plan.warmUpS, false);
    // Every round visits every (target, side) once, in reversed order every other round: both sides and
    // both targets share whatever the machine was doing at the time.
    for (let r = 0; r < plan.rounds; r++) {
      for (const slot of r % 2 === 0 ? slots : [...slots].reverse()) {
        const before = cpuTimeMs(servers[slot.side].pid);
        slot.rounds.push(await run(slot, plan.roundS, true));
        const after = cpuTimeMs(servers[slot.side].pid);
        slot.cpuMs = before === null || after === null || slot.cpuMs === null ? null : slot.cpuMs + (after - before);
      }
    }
    for (const slot of slots) {
      const list = slot.rounds;
      const ok = list.reduce((n, x) => n + x.ok, 0);
      const statusCounts: Record<string, number> = {};
      for (const x of list) for (const [k, v] of Object.entries(x.statusCounts)) statusCounts[k] = (statusCounts[k] ?? 0) + v;
      const m: Measured = {
        rps: round(ok / list.reduce((n, x) => n + x.seconds, 0), 1),
        latency: summarize(list.flatMap((x) => x.samples ?? [])),
        requests: list.reduce((n, x) => n + x.requests, 0),
        non2xx: list.reduce((n, x) => n + x.non2xx, 0),
        errors: list.reduce((n, x) => n + x.errors, 0),
        statusCounts,
        cpuMsPerRequest: slot.cpuMs === null || ok === 0 ? null : round(slot.cpuMs / ok, 3),
        clientLagP99Ms: Math.max(...list.map((x) => x.clientLagP99Ms)),
      };
      results[slot.side][slot.target.name] = m;
      ctx.log(
        `  ${slot.side} ${slot.target.name}: ${m.rps} req/s, p50 ${m.latency.p50} ms, p99 ${m.latency.p99} ms, server CPU ${m.cpuMsPerRequest ?? 'n/a'} ms/request, ` +
          `per round ${list.map((x) => x.rps).join(' / ')} req/s, non-2xx ${m.non2xx}, errors ${m.errors}, client lag p99 ${m.clientLagP99Ms} ms`,
      );
      if (m.non2xx || m.errors) ctx.fail(`${scenario} ${slot.side} ${slot.target.name}: ${m.non2xx} non-2xx ${JSON.stringify(m.statusCounts)}, ${m.errors} errors`);
    }
    return results;
  });
}

const pick = (m: Record<string, Measured> | undefined, name: string, f: (r: Measured) => number | null) => (m?.[name] ? f(m[name]!) : null);

/** S3: the latest page and the page `depthBack` messages back in a group of `deep` messages. */
export async function runS3(ctx: BenchContext) {
  const plan = ctx.plan.s3;
  const slug = ctx.seed.deepSlug;
  const targets: Target[] = [
    { name: 'latest page', path: `/api/groups/${slug}/messages?limit=50` },
    { name: `page ${plan.depthBack.toLocaleString('en')} back`, path: `/api/groups/${slug}/messages?limit=50&before=${ctx.seed.deepBeforeId}` },
  ];
  ctx.log(
    `S3 history: ${plan.deep.toLocaleString('en')} messages in one group, ${plan.newer.toLocaleString('en')} newer elsewhere (no VACUUM); ` +
      `${plan.connections} connections, ${plan.rounds} alternating rounds × ${plan.roundS} s per side`,
  );
  const results = await both(ctx, 'S3', targets, plan);
  const b = results?.baseline;
  const c = results?.circles;
  ctx.details.S3 = results;
  const [latest, deep] = targets.map((t) => t.name) as [string, string];
  const rows: Row[] = [
    throughputRow('S3', 'latest page', 'req/s', pick(c, latest, (r) => r.rps), pick(b, latest, (r) => r.rps), 0.7),
    infoRow('S3', 'latest page p99', 'ms', pick(c, latest, (r) => r.latency.p99), pick(b, latest, (r) => r.latency.p99)),
    infoRow('S3', 'latest page server CPU/request', 'ms', pick(c, latest, (r) => r.cpuMsPerRequest), pick(b, latest, (r) => r.cpuMsPerRequest)),
    throughputRow('S3', 'deep page', 'req/s', pick(c, deep, (r) => r.rps), pick(b, deep, (r) => r.rps), 0.7),
    infoRow('S3', 'deep page p99', 'ms', pick(c, deep, (r) => r.latency.p99), pick(b, deep, (r) => r.latency.p99)),
    infoRow('S3', 'deep page server CPU/request', 'ms', pick(c, deep, (r) => r.cpuMsPerRequest), pick(b, deep, (r) => r.cpuMsPerRequest)),
  ];
  // Latest and deep must cost the same: the larger p99 within 1.2× of the smaller, on each side.
  const spread = (m: Record<string, Measured> | undefined) => {
    const a = pick(m, latest, (r) => r.latency.p99);
    const d = pick(m, deep, (r) => r.latency.p99);
    return a && d ? round(Math.max(a, d) / Math.min(a, d)) : null;
  };
  const cs = spread(c);
  rows.push({
    scenario: 'S3',
    metric: 'p99 deep vs latest (larger ÷ smaller)',
    unit: '',
    circles: cs,
    baseline: spread(b),
    ratio: null,
    target: '≤ 1.2 (Circles)',
    pass: cs === null ? null : cs <= 1.2,
    kind: 'perf',
  });
  ctx.rows.push(...rows);
  await capturePlans(
    ctx,
    'S3',
    targets.map((t) => ({ title: `S3 EXPLAIN ${t.name}`, path: t.path, token: ctx.readerToken(), keep: /messages/ })),
  );
}

/** S4: my groups (member of `myGroups`, with unread counts) and search over `groups` groups. */
export async function runS4(ctx: BenchContext) {
  const plan = ctx.plan.s4;
  const targets: Target[] = [
    { name: 'my groups', path: '/api/me/groups' },
    { name: 'group search', path: `/api/groups?q=${encodeURIComponent(plan.search)}` },
  ];
  ctx.log(`S4 everyday reads: my groups (${plan.myGroups} groups, unread counts), search "${plan.search}" over ${plan.groups.toLocaleString('en')} groups`);
  const results = await both(ctx, 'S4', targets, plan);
  const b = results?.baseline;
  const c = results?.circles;
  ctx.details.S4 = results;
  for (const t of targets) {
    ctx.rows.push(
      throughputRow('S4', t.name, 'req/s', pick(c, t.name, (r) => r.rps), pick(b, t.name, (r) => r.rps), 0.5),
      infoRow('S4', `${t.name} p99`, 'ms', pick(c, t.name, (r) => r.latency.p99), pick(b, t.name, (r) => r.latency.p99)),
      infoRow('S4', `${t.name} server CPU/request`, 'ms', pick(c, t.name, (r) => r.cpuMsPerRequest), pick(b, t.name, (r) => r.cpuMsPerRequest)),
    );
  }
  await capturePlans(ctx, 'S4', [
    { title: 'S4 EXPLAIN my groups', path: targets[0]!.path, token: ctx.readerToken(), keep: /memberships/ },
    { title: 'S4 EXPLAIN group search', path: targets[1]!.path, token: ctx.readerToken(), keep: /tsquery/ },
  ]);
}
