/**
 * S5 memory per idle socket and S6 health under login load.
 */
import { withServer, type BenchContext } from '../lib/context.js';
import { measureMemory, type MemorySample } from '../lib/inspector.js';
import type { ServerHandle } from '../lib/processes.js';
import { sleep } from '../lib/processes.js';
import { infoRow, latencyRow, type Row } from '../lib/results.js';
import { round } from '../lib/stats.js';
import type { ConnectResult, HealthUnderLoginResult } from '../load/protocol.js';
import { BENCH_PASSWORD, userEmail } from '../lib/seed.js';

interface MemoryResult {
  sockets: number;
  before: MemorySample;
  after: MemorySample;
  heapPerSocketKiB: number;
  rssPerSocketKiB: number;
}

/** S5: memory after GC with 0 and with N authenticated sockets, each joined to its room. */
export async function runS5(ctx: BenchContext) {
  const count = ctx.plan.s5.sockets;
  const members = ctx.members(count);
  ctx.log(`S5 memory: ${count} idle authenticated sockets (each joined to its room)`);
  const side = (name: 'baseline' | 'circles', start: () => Promise<ServerHandle>) =>
    withServer(ctx, start, async (server, load): Promise<MemoryResult | null> => {
      if (!server.inspectorUrl) throw new Error('no inspector URL in the server log');
      // A few sockets first so that lazily loaded code and pools are warm before the "before" sample.
      const warm = await load.run<ConnectResult>({ cmd: 'connect', url: server.url, members: members.slice(0, 10), join: true, batch: 10, timeoutMs: 10_000 }, 60_000);
      await load.run({ cmd: 'disconnect' }, 30_000);
      if (warm.failed) {
        if (name === 'circles' && warm.joinUnanswered === warm.failed) ctx.missing('the group:join socket event (S5)');
        else ctx.fail(`S5 ${name}: warm-up sockets failed ${JSON.stringify(warm.failures)}`);
        return null;
      }
      await sleep(ctx.plan.mode === 'full' ? 1_000 : 200);
      const before = await measureMemory(server.inspectorUrl);
      const conn = await load.run<ConnectResult>({ cmd: 'connect', url: server.url, members, join: true, batch: 50, timeoutMs: 10_000 }, 300_000);
      if (conn.failed) {
        ctx.fail(`S5 ${name}: ${conn.failed} sockets failed ${JSON.stringify(conn.failures)}`);
        return null;
      }
      await sleep(ctx.plan.mode === 'full' ? 2_000 : 300);
      const after = await measureMemory(server.inspectorUrl);
      await load.run({ cmd: 'disconnect' }, 30_000);
      const result = {
        sockets: conn.connected,
        before,
        after,
        heapPerSocketKiB: round((after.heapUsed - before.heapUsed) / conn.connected / 1024),
        rssPerSocketKiB: round((after.rss - before.rss) / conn.connected / 1024),
      };
      ctx.log(`  ${name}: heap ${result.heapPerSocketKiB} KiB/socket, RSS ${result.rssPerSocketKiB} KiB/socket (heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB, RSS ${mib(before.rss)} → ${mib(after.rss)} MiB)`);
      return result;
    });
  const b = await side('baseline', () => ctx.startSocketBaseline('S5', { inspect: true }));
  const c = await side('circles', () => ctx.startCircles('S5', { inspect: true }));
  ctx.details.S5 = { baseline: b, circles: c };
  const heap = latencyRow('S5', 'heap per idle socket', c?.heapPerSocketKiB ?? null, b?.heapPerSocketKiB ?? null, 2);
  ctx.rows.push({ ...heap, unit: 'KiB' }, infoRow('S5', 'RSS per idle socket', 'KiB', c?.rssPerSocketKiB ?? null, b?.rssPerSocketKiB ?? null));
}

const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

/** S6: /api/health p99 at a fixed rate, idle and while 20 logins run at once (argon2 must stay off the loop). */
export async function runS6(ctx: BenchContext) {
  const plan = ctx.plan.s6;
  const logins = Array.from({ length: plan.concurrentLogins }, (_, i) => ({ email: userEmail(i), password: BENCH_PASSWORD }));
  ctx.log(`S6 login under load: /api/health at ${plan.healthRate}/s, idle then with ${plan.concurrentLogins} logins at once, ${plan.durationS} s each`);
  const result = await withServer(ctx, () => ctx.startCircles('S6'), async (server, load) => {
    const base = { cmd: 'healthUnderLogin' as const, url: server.url, logins, durationS: plan.durationS, healthRate: plan.healthRate, healthConnections: plan.healthConnections };
    // Warm-up, then idle, then loaded.
    if (ctx.plan.mode === 'full') await load.run<HealthUnderLoginResult>({ ...base, concurrent: 0, durationS: 3 }, 120_000);
    const idle = await load.run<HealthUnderLoginResult>({ ...base, concurrent: 0 }, plan.durationS * 1000 + 120_000);
    const loaded = await load.run<HealthUnderLoginResult>({ ...base, concurrent: plan.concurrentLogins }, plan.durationS * 1000 + 120_000);
    ctx.log(`  idle: health p50 ${idle.health.latency.p50} ms, p99 ${idle.health.latency.p99} ms`);
    ctx.log(`  with logins: health p50 ${loaded.health.latency.p50} ms, p99 ${loaded.health.latency.p99} ms; ${loaded.logins.ok} logins (p50 ${loaded.logins.latency.p50} ms, p99 ${loaded.logins.latency.p99} ms), ${loaded.logins.failed} failed ${JSON.stringify(loaded.logins.statusCounts)}`);
    if (loaded.logins.failed) ctx.fail(`S6: ${loaded.logins.failed} logins failed ${JSON.stringify(loaded.logins.statusCounts)}`);
    for (const r of [idle, loaded]) if (r.health.non2xx || r.health.errors) ctx.fail(`S6: health answered ${JSON.stringify(r.health.statusCounts)}, ${r.health.errors} errors`);
    return { idle, loaded };
  });
  ctx.details.S6 = result;
  const idleP99 = result?.idle.health.latency.p99 ?? null;
  const loadedP99 = result?.loaded.health.latency.p99 ?? null;
  const seconds = result ? plan.durationS : 1;
  const rows: Row[] = [
    { ...latencyRow('S6', `health p99 with ${plan.concurrentLogins} logins (baseline: idle)`, loadedP99, idleP99, 3) },
    infoRow('S6', 'health p50 (baseline: idle)', 'ms', result?.loaded.health.latency.p50 ?? null, result?.idle.health.latency.p50 ?? null),
    infoRow('S6', 'logins/s', '/s', result ? round(result.loaded.logins.ok / seconds, 1) : null, null),
    infoRow('S6', 'login p99', 'ms', result?.loaded.logins.latency.p99 ?? null, null),
  ];
  ctx.rows.push(...rows);
}
