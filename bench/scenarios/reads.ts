/**
 * S3 history at depth and S4 everyday reads: the same requests with the same token against Circles and
 * bare Fastify running the equivalent single query, on byte-identical copies of the same database.
 */
import { withServer, type BenchContext } from '../lib/context.js';
import { capturePlans } from '../lib/explain.js';
import type { LoadClient, ServerHandle } from '../lib/processes.js';
import { infoRow, throughputRow, type Row } from '../lib/results.js';
import { round } from '../lib/stats.js';
import type { HttpResult } from '../load/protocol.js';

interface Target {
  name: string;
  path: string;
}

type Measured = Record<string, HttpResult>;

async function measure(
  ctx: BenchContext,
  scenario: string,
  side: 'circles' | 'baseline',
  server: ServerHandle,
  load: LoadClient,
  targets: Target[],
  connections: number,
  durationS: number,
): Promise<Measured | null> {
  const headers = { authorization: `Bearer ${ctx.readerToken()}` };
  const out: Measured = {};
  for (const target of targets) {
    const probe = await fetch(server.url + target.path, { headers, signal: AbortSignal.timeout(30_000) });
    const body = (await probe.json().catch(() => ({}))) as { message?: string };
    if (probe.status === 404 && /No route/.test(String(body.message))) {
      ctx.missing(`GET ${target.path.split('?')[0]} (${scenario})`);
      return null;
    }
    if (!probe.ok) {
      ctx.fail(`${scenario} ${side} ${target.name}: probe answered ${probe.status} ${JSON.stringify(body).slice(0, 300)}`);
      return null;
    }
    // Warm-up: JIT, connection pool, caches; not measured (quick runs judge no speed).
    if (ctx.plan.mode === 'full') await load.run<HttpResult>({ cmd: 'http', url: server.url, path: target.path, headers, connections, durationS: 3 }, 120_000);
    const r = await load.run<HttpResult>({ cmd: 'http', url: server.url, path: target.path, headers, connections, durationS }, durationS * 1000 + 120_000);
    out[target.name] = r;
    ctx.log(`  ${side} ${target.name}: ${r.rps} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, client lag p99 ${r.clientLagP99Ms} ms`);
    if (r.non2xx || r.errors) ctx.fail(`${scenario} ${side} ${target.name}: ${r.non2xx} non-2xx ${JSON.stringify(r.statusCounts)}, ${r.errors} errors`);
  }
  return out;
}

async function both(ctx: BenchContext, scenario: string, targets: Target[], connections: number, durationS: number) {
  const b = await withServer(ctx, () => ctx.startHttpBaseline(scenario), (server, load) =>
    measure(ctx, scenario, 'baseline', server, load, targets, connections, durationS),
  );
  const c = await withServer(ctx, () => ctx.startCircles(scenario), (server, load) =>
    measure(ctx, scenario, 'circles', server, load, targets, connections, durationS),
  );
  return { b, c };
}

const pick = (m: Measured | null, name: string, f: (r: HttpResult) => number) => (m?.[name] ? f(m[name]!) : null);

/** S3: the latest page and the page `depthBack` messages back in a group of `deep` messages. */
export async function runS3(ctx: BenchContext) {
  const plan = ctx.plan.s3;
  const slug = ctx.seed.deepSlug;
  const targets: Target[] = [
    { name: 'latest page', path: `/api/groups/${slug}/messages?limit=50` },
    { name: `page ${plan.depthBack.toLocaleString('en')} back`, path: `/api/groups/${slug}/messages?limit=50&before=${ctx.seed.deepBeforeId}` },
  ];
  ctx.log(`S3 history: ${plan.deep.toLocaleString('en')} messages in one group, ${plan.newer.toLocaleString('en')} newer elsewhere (no VACUUM); ${plan.connections} connections × ${plan.durationS} s`);
  const { b, c } = await both(ctx, 'S3', targets, plan.connections, plan.durationS);
  ctx.details.S3 = { baseline: b, circles: c };
  const [latest, deep] = targets.map((t) => t.name) as [string, string];
  const rows: Row[] = [
    throughputRow('S3', 'latest page', 'req/s', pick(c, latest, (r) => r.rps), pick(b, latest, (r) => r.rps), 0.7),
    infoRow('S3', 'latest page p99', 'ms', pick(c, latest, (r) => r.latency.p99), pick(b, latest, (r) => r.latency.p99)),
    throughputRow('S3', 'deep page', 'req/s', pick(c, deep, (r) => r.rps), pick(b, deep, (r) => r.rps), 0.7),
    infoRow('S3', 'deep page p99', 'ms', pick(c, deep, (r) => r.latency.p99), pick(b, deep, (r) => r.latency.p99)),
  ];
  // Latest and deep must cost the same: the larger p99 within 1.2× of the smaller, on each side.
  const spread = (m: Measured | null) => {
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
  const { b, c } = await both(ctx, 'S4', targets, plan.connections, plan.durationS);
  ctx.details.S4 = { baseline: b, circles: c };
  for (const t of targets) {
    ctx.rows.push(
      throughputRow('S4', t.name, 'req/s', pick(c, t.name, (r) => r.rps), pick(b, t.name, (r) => r.rps), 0.5),
      infoRow('S4', `${t.name} p99`, 'ms', pick(c, t.name, (r) => r.latency.p99), pick(b, t.name, (r) => r.latency.p99)),
    );
  }
  await capturePlans(ctx, 'S4', [
    { title: 'S4 EXPLAIN my groups', path: targets[0]!.path, token: ctx.readerToken(), keep: /memberships/ },
    { title: 'S4 EXPLAIN group search', path: targets[1]!.path, token: ctx.readerToken(), keep: /tsquery/ },
  ]);
}
