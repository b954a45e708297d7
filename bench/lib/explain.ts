/**
 * The real plans of Circles' real queries: for a short capture phase (never while measuring) the bench
 * database loads auto_explain for new sessions with `log_analyze` and `log_buffers` — the same output as
 * EXPLAIN (ANALYZE, BUFFERS), for the exact statements and parameters Circles sends — and the plans are
 * read back from the PostgreSQL server log. Nothing in Circles changes for this.
 *
 * The log is found at BENCH_PG_LOG, else at Debian's /var/log/postgresql/postgresql-<major>-main.log;
 * when it cannot be read, the capture is skipped with a note.
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import type { BenchContext } from './context.js';
import { withClient } from './db.js';
import type { ServerHandle } from './processes.js';
import { sleep } from './processes.js';

async function serverLogFile(): Promise<string | null> {
  if (process.env.BENCH_PG_LOG) return existsSync(process.env.BENCH_PG_LOG) ? process.env.BENCH_PG_LOG : null;
  const num = await withClient('postgres', async (c) =>
    Number((await c.query<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]!.v),
  );
  const file = `/var/log/postgresql/postgresql-${Math.floor(num / 10000)}-main.log`;
  try {
    closeSync(openSync(file, 'r'));
    return file;
  } catch {
    return null;
  }
}

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  if (size <= offset) return '';
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/** auto_explain entries of one database in a log segment: query text and plan, oldest first. */
function plansIn(segment: string, database: string): Array<{ query: string; plan: string }> {
  const entries = segment.split(/\n(?=\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})/);
  const out: Array<{ query: string; plan: string }> = [];
  for (const entry of entries) {
    if (!entry.includes(`@${database} `) || !/LOG:\s+duration: [\d.]+ ms\s+plan:/.test(entry)) continue;
    const lines = entry.split('\n').slice(1).map((l) => l.replace(/^\t/, ''));
    const queryStart = lines.findIndex((l) => l.startsWith('Query Text:'));
    // The plan starts at the first line after the query text that carries a cost estimate.
    const planStart = lines.findIndex((l, i) => i > queryStart && /\(cost=\d/.test(l));
    if (queryStart < 0 || planStart < 0) continue;
    const query = lines.slice(queryStart, planStart).join(' ').replace(/^Query Text:\s*/, '').replace(/\s+/g, ' ').trim();
    out.push({ query, plan: lines.slice(planStart).join('\n').trimEnd() });
  }
  return out;
}

export interface CaptureRequest {
  title: string;
  path: string;
  token: string;
  /** Keep only plans whose query text matches (drops the authentication lookups and the like). */
  keep: RegExp;
}

/** Starts a Circles instance whose sessions auto-explain, makes each request twice, keeps the second's plans. */
export async function capturePlans(ctx: BenchContext, label: string, requests: CaptureRequest[]): Promise<void> {
  const log = await serverLogFile();
  if (!log) {
    ctx.notes.push(`${label}: the PostgreSQL server log is not readable here (set BENCH_PG_LOG), so the EXPLAIN plans were not captured`);
    return;
  }
  const db = ctx.databases.circles;
  const settings = [
    `session_preload_libraries = 'auto_explain'`,
    'auto_explain.log_min_duration = 0',
    'auto_explain.log_analyze = on',
    'auto_explain.log_buffers = on',
    'auto_explain.log_timing = on',
  ];
  await withClient('postgres', async (c) => {
    for (const s of settings) await c.query(`alter database "${db}" set ${s}`);
  });
  let server: ServerHandle | null = null;
  try {
    server = await ctx.startCircles(`${label}-explain`);
    for (const request of requests) {
      const get = async () => {
        const res = await fetch(server!.url + request.path, { headers: { authorization: `Bearer ${request.token}` } });
        await res.arrayBuffer();
        return res.status;
      };
      await get();
      await sleep(200);
      const offset = statSync(log).size;
      const status = await get();
      await sleep(300);
      const plans = plansIn(readFrom(log, offset), db).filter((p) => request.keep.test(p.query));
      if (status !== 200 || plans.length === 0) {
        ctx.notes.push(`${label}: no plan captured for ${request.title} (status ${status})`);
        continue;
      }
      plans.forEach((p, i) => {
        const title = `${request.title}${plans.length > 1 ? ` (${i + 1} of ${plans.length})` : ''}`;
        ctx.explain[title] = `Query: ${p.query.length > 600 ? `${p.query.slice(0, 600)} …` : p.query}\n\n${p.plan}`;
        ctx.log(`  ${title}:\n${p.plan.replace(/^/gm, '    ')}`);
      });
    }
  } finally {
    await ctx.stop(server);
    await withClient('postgres', (c) => c.query(`alter database "${db}" reset all`));
  }
}
