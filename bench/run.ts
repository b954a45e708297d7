/**
 * `npm run bench` — Circles beside the bare stack, measured in the same run on the same machine.
 *
 *   1. Build Circles' server for production (`npm run build -w server`) and bundle the baselines and the load client.
 *   2. Create the bench database, let Circles migrate it, seed it by SQL, sign every bench user in
 *      through the API, then copy it byte for byte for the baselines.
 *   3. Run the scenarios (issue 6: S1–S7; issue 15: S8, two nodes behind nginx; issue 11: S9, the safety checks' cost per send, in process); each starts its servers fresh, drives them from the separate
 *      load client process, and stops them.
 *   4. Print one table, write it as JSON and Markdown under bench/results/, and (full runs of every
 *      scenario) refresh the generated section of docs/performance.md.
 *
 * `--quick` runs tiny versions of every scenario in under a minute and fails only when something
 * crashes, loses or duplicates a message. See `npm run bench -- --help`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBenchProcesses, buildCircles } from './lib/build.js';
import { BenchContext } from './lib/context.js';
import { copyDatabase, createDatabase, dropDatabase, lockRun, postgresVersion, withClient } from './lib/db.js';
import { makePlan, parseOptions, SCENARIOS, type ScenarioId } from './lib/plan.js';
import { cpuSnapshot, othersShare } from './lib/machineCpu.js';
import { formatProfile, summarizeProfile } from './lib/profile.js';
import { RESULTS_DIR } from './lib/processes.js';
import { describeMachine, printTable, updatePerformanceDoc, writeResults, type RunReport } from './lib/results.js';
import { BENCH_PASSWORD, seedBench, userEmail } from './lib/seed.js';
import { runS1, runS2, runS7 } from './scenarios/chat.js';
import { runS3, runS4 } from './scenarios/reads.js';
import { runS5, runS6 } from './scenarios/sockets.js';
import { runS8 } from './scenarios/cluster.js';
import { runS9 } from './scenarios/safety.js';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { round } from './lib/stats.js';

const options = parseOptions(process.argv.slice(2));
const plan = makePlan(options.quick);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(line);
const databases = options.quick
  ? { circles: 'circles_bench_quick', baseline: 'circles_bench_quick_baseline' }
  : { circles: 'circles_bench', baseline: 'circles_bench_baseline' };
const ctx = new BenchContext(plan, options, databases, log);
let runLock: { end(): Promise<void> } | null = null;

// Hard bound on the whole run: a hung step cannot keep CI or a terminal waiting forever. Children are
// killed on exit (lib/processes.ts); the databases are dropped first.
const RUN_LIMIT_MS = options.quick ? 360_000 : 40 * 60_000;
const watchdog = setTimeout(() => {
  console.error(`bench: run exceeded ${RUN_LIMIT_MS / 1000} s; aborting`);
  // Only this run's databases: while still waiting for the lock they belong to another run.
  const drops = options.keepDb || !runLock ? [] : [databases.circles, databases.baseline].map((name) => dropDatabase(name).catch(() => {}));
  void Promise.race([Promise.all(drops), new Promise((r) => setTimeout(r, 10_000))]).finally(() => process.exit(1));
}, RUN_LIMIT_MS);
watchdog.unref();

const runners: Record<ScenarioId, (ctx: BenchContext) => Promise<void>> = {
  S1: runS1,
  S2: runS2,
  S3: runS3,
  S4: runS4,
  S5: runS5,
  S6: runS6,
  S7: runS7,
  S8: runS8,
  S9: runS9,
};
// S3 and S4 first: they measure the seeded "no VACUUM" state before the chat scenarios add rows.
const ORDER: ScenarioId[] = ['S3', 'S4', 'S1', 'S2', 'S5', 'S6', 'S7', 'S8', 'S9'];
/** S9 measures pure functions in this process: it needs no build, database or server. */
const IN_PROCESS: ReadonlySet<ScenarioId> = new Set(['S9']);
const selected = ORDER.filter((id) => options.only.size === 0 || options.only.has(id));
for (const id of options.only) if (!SCENARIOS.includes(id as ScenarioId)) throw new Error(`unknown scenario ${id}`);

async function setup() {
  // Profiles of an earlier run would be summarized as if they were this one's.
  if (options.profile) rmSync(path.join(RESULTS_DIR, 'profiles'), { recursive: true, force: true });
  log(options.skipBuild ? 'build: using the existing server/dist build' : 'build: npm run build -w server (the production bundle under test)');
  buildCircles(options.skipBuild);
  await buildBenchProcesses();
  log(`build done (${elapsed()})`);

  await createDatabase(databases.circles);
  const circles = await ctx.startCircles('setup');
  try {
    // One account through the API; its password hash is given to every seeded account.
    const res = await fetch(`${circles.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-seed@bench.test', password: BENCH_PASSWORD, displayName: 'Bench seed' }),
    });
    if (res.status !== 201) throw new Error(`register answered ${res.status}: ${await res.text()}`);
    await withClient(databases.circles, async (client) => {
      const { rows } = await client.query<{ h: string }>(`select password_hash as h from users where email = 'bench-seed@bench.test'`);
      ctx.seed = await seedBench(client, plan, rows[0]!.h, log);
    });
    log(`seeded ${JSON.stringify(ctx.seed.counts)} (${elapsed()})`);

    // Real tokens: every socket user and the reader sign in through the API.
    const indexes = [...Array.from({ length: ctx.seed.socketUsers }, (_, i) => i), ctx.seed.readerIndex];
    const t = Date.now();
    ctx.tokens = new Array(ctx.seed.users.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < indexes.length) {
          const i = indexes[next++]!;
          const email = i === ctx.seed.readerIndex ? 'bench-reader@bench.test' : userEmail(i);
          const r = await fetch(`${circles.url}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: BENCH_PASSWORD }),
          });
          if (r.status !== 200) throw new Error(`login ${email} answered ${r.status}: ${await r.text()}`);
          ctx.tokens[i] = ((await r.json()) as { accessToken: string }).accessToken;
        }
      }),
    );
    log(`signed in ${indexes.length} users through the API in ${((Date.now() - t) / 1000).toFixed(1)} s (${elapsed()})`);
  } finally {
    await ctx.stop(circles);
  }
  await copyDatabase(databases.circles, databases.baseline);
  log(`baseline database copied (${elapsed()})`);
}

let postgres = 'unknown';
try {
  postgres = await postgresVersion();
  runLock = await lockRun(databases.circles, options.quick ? 120_000 : 20 * 60_000, log);
  if (selected.some((id) => !IN_PROCESS.has(id))) await setup();
  const load: Record<string, { loadAverage: number[]; othersCpuShare: number | null }> = {};
  for (const id of selected) {
    log(`\n== ${id} (${elapsed()}) ==`);
    const before = os.loadavg()[0]!;
    const cpuBefore = cpuSnapshot();
    try {
      await runners[id](ctx);
    } catch (err) {
      ctx.fail(`${id}: ${(err as Error).stack ?? err}`);
    }
    const othersCpuShare = othersShare(cpuBefore, cpuSnapshot());
    load[id] = { loadAverage: [round(before), round(os.loadavg()[0]!)], othersCpuShare: othersCpuShare === null ? null : round(othersCpuShare) };
    // Other processes' CPU, not the load average: the bench's own processes keep that above the CPU count.
    if (othersCpuShare !== null && othersCpuShare > 0.1) {
      ctx.notes.push(`${id}: processes outside the bench used ${Math.round(othersCpuShare * 100)} % of the machine's CPU during this scenario; they competed with it`);
    }
  }
  ctx.details.loadAverage = load;
} catch (err) {
  ctx.fail(`setup: ${(err as Error).stack ?? err}`);
} finally {
  if (!options.keepDb && runLock) {
    for (const name of [databases.circles, databases.baseline]) await dropDatabase(name).catch(() => {});
  }
  await runLock?.end().catch(() => {});
}

const order = new Map(SCENARIOS.map((id, i) => [id, i]));
ctx.rows.sort((a, b) => (order.get(a.scenario as ScenarioId) ?? 99) - (order.get(b.scenario as ScenarioId) ?? 99));
for (const row of ctx.rows) {
  if (row.kind === 'correctness' && row.pass === false) ctx.failures.push(`${row.scenario} ${row.metric}: Circles ${row.circles}, baseline ${row.baseline}`);
}
const missed = ctx.rows.filter((r) => r.kind === 'perf' && r.pass === false);

const report: RunReport = {
  mode: plan.mode,
  machine: describeMachine(postgres),
  rows: ctx.rows,
  failures: ctx.failures,
  explain: ctx.explain,
  details: { plan, seed: ctx.seed ? { counts: ctx.seed.counts, timingsMs: ctx.seed.timingsMs } : null, ...ctx.details },
  notes: [
    ...(options.quick ? ['quick run: tiny scenarios; speed is not judged, only crashes, lost and duplicated messages'] : []),
    ...ctx.notes,
  ],
};

console.log(`\nCircles beside the bare stack — ${plan.mode} run, ${elapsed()}\n`);
console.log(printTable(ctx.rows));
if (report.notes.length) console.log(`\n${report.notes.map((n) => `note: ${n}`).join('\n')}`);
const written = writeResults(report, options.only.size > 0);
console.log(`\nwritten: ${path.relative(process.cwd(), written.json)}, ${path.relative(process.cwd(), written.markdown)}`);
// Only a clean, complete full run becomes "the latest table" in the docs.
if (plan.mode === 'full' && options.only.size === 0 && ctx.failures.length === 0 && updatePerformanceDoc(report)) {
  console.log('updated: docs/performance.md (generated section)');
}

if (options.profile) {
  mkdirSync(path.join(RESULTS_DIR, 'profiles'), { recursive: true });
  for (const file of ctx.profiles) {
    if (!existsSync(file)) continue;
    const text = formatProfile(summarizeProfile(file));
    writeFileSync(file.replace(/\.cpuprofile$/, '.txt'), text);
    console.log(`\n${text}`);
  }
}

if (ctx.failures.length) {
  console.log(`\nFAILED:\n${ctx.failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
if (options.strict && missed.length) {
  console.log(`\nTargets missed: ${missed.map((r) => `${r.scenario} ${r.metric}`).join('; ')}`);
  process.exit(1);
}
console.log(missed.length ? `\n${missed.length} target(s) missed (see the table); correctness held.` : '\nAll targets met.');
process.exit(0);
