/**
 * S9 — what the personal-data guard and the crisis detector add to a send. Both are pure functions that
 * every post runs before anything is written (server/src/modules/moderation/posting.ts), so their cost is
 * CPU time on the event loop, added to each send's latency and to nothing else: no query, no I/O.
 *
 * Measured in this process, on the exact functions the send calls (`assertNoPersonalData`, then
 * `readsAsCrisis`), against the same loop without them: for every post, a send's other pure work (the
 * shared schema's parse of the payload, the mention scan) is timed alone and then with both checks,
 * interleaved post by post and round by round (which goes first alternates), so a busy machine slows
 * both alike. Each is timed in CPU time (process.cpuUsage: what the send costs the event loop, steady
 * when other processes take the cores) and wall time (what it waited too, inflated by a busy machine).
 *
 * The posts: every sentence of the labelled sets (tests/fixtures/safety: crises, hard negatives,
 * personal data — denser in numbers, dates and idioms than everyday chat) — the judged p99, target
 * ≤ 1 ms added per send; and, apart, long posts of 1,000 and 4,000 characters made from them (rare in
 * chat; reported, not judged).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sendMessageBody } from '@circles/shared';
import { mentionCandidates } from '../../server/src/modules/messages/mentions.js';
import { assertNoPersonalData, readsAsCrisis } from '../../server/src/modules/moderation/posting.js';
import type { BenchContext } from '../lib/context.js';
import { REPO_ROOT } from '../lib/processes.js';
import { infoRow, type Row } from '../lib/results.js';
import { summarize, type LatencySummary } from '../lib/stats.js';

const TARGET_MS = 1;

function loadSentences(): string[] {
  const dir = path.join(REPO_ROOT, 'tests/fixtures/safety');
  return ['crisis.en.jsonl', 'crisis.fr.jsonl', 'personal-data.jsonl'].flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text.trim().slice(0, 4_000)),
  );
}

function longPosts(sentences: string[]): string[] {
  const long = (size: number, from: number) => {
    let text = '';
    for (let i = from; text.length < size; i++) text += `${sentences[i % sentences.length]} `;
    return text.slice(0, size).trim();
  };
  return Array.from({ length: 20 }, (_, i) => long(i % 4 === 0 ? 4_000 : 1_000, i * 37));
}

/** A send's pure work that is there with or without the checks: validation of the payload, mentions. */
function sendWork(body: string, clientId: string): string {
  const parsed = sendMessageBody.parse({ body, clientId });
  mentionCandidates(parsed.body);
  return parsed.body;
}

/** The checks, as the send runs them: a refused post stops at the personal-data guard. */
function checks(body: string): void {
  try {
    assertNoPersonalData(undefined, body);
  } catch {
    return;
  }
  readsAsCrisis(body);
}

interface Timing {
  wall: number;
  cpu: number;
}

function time(work: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  work();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

interface Measured {
  posts: number;
  rounds: number;
  cpu: { without: LatencySummary; with: LatencySummary; added: LatencySummary };
  wall: { without: LatencySummary; with: LatencySummary; added: LatencySummary };
}

async function measure(posts: string[], rounds: number): Promise<Measured> {
  const samples = { cpu: { without: [] as number[], with: [] as number[], added: [] as number[] }, wall: { without: [] as number[], with: [] as number[], added: [] as number[] } };
  for (let r = 0; r < rounds; r++) {
    // A different order each round, and which side goes first alternates, so neither side is favoured.
    const order = posts.map((_, i) => i).sort(() => Math.random() - 0.5);
    for (const [n, i] of order.entries()) {
      const body = posts[i]!;
      const clientId = `bench-${r}-${n}`;
      const without = () => time(() => sendWork(body, clientId));
      const withChecks = () => time(() => checks(sendWork(body, clientId)));
      let a: Timing;
      let b: Timing;
      if ((n + r) % 2 === 0) {
        a = without();
        b = withChecks();
      } else {
        b = withChecks();
        a = without();
      }
      for (const unit of ['cpu', 'wall'] as const) {
        samples[unit].without.push(a[unit]);
        samples[unit].with.push(b[unit]);
        samples[unit].added.push(Math.max(0, b[unit] - a[unit]));
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const sum = (s: { without: number[]; with: number[]; added: number[] }) => ({ without: summarize(s.without), with: summarize(s.with), added: summarize(s.added) });
  return { posts: posts.length, rounds, cpu: sum(samples.cpu), wall: sum(samples.wall) };
}

export async function runS9(ctx: BenchContext): Promise<void> {
  const quick = ctx.plan.mode === 'quick';
  const sentences = loadSentences();
  const long = longPosts(sentences);
  // Warm up: compile the regular expressions and let V8 optimise both paths before anything is kept.
  for (const body of [...sentences, ...long]) checks(sendWork(body, 'warm-up'));
  const posts = await measure(sentences, quick ? 1 : 10);
  const longOnes = await measure(long, quick ? 1 : 10);
  ctx.details.s9 = { posts, longPosts: longOnes };
  const { cpu, wall } = posts;
  ctx.log(
    `S9: ${posts.posts} posts × ${posts.rounds} rounds — a send's pure work p99 ${cpu.without.p99} ms CPU without the checks, ${cpu.with.p99} ms with; ` +
      `added p50/p99 ${cpu.added.p50}/${cpu.added.p99} ms CPU (wall ${wall.added.p50}/${wall.added.p99} ms); ` +
      `long posts added p50/p99 ${longOnes.cpu.added.p50}/${longOnes.cpu.added.p99} ms CPU`,
  );
  const addedRow: Row = {
    scenario: 'S9',
    metric: 'p99 added by both checks per send, CPU',
    unit: 'ms',
    circles: cpu.added.p99,
    baseline: null,
    ratio: null,
    target: `≤ ${TARGET_MS} ms`,
    pass: cpu.added.p99 <= TARGET_MS,
    kind: 'perf',
  };
  ctx.rows.push(
    infoRow('S9', 'send pure work p99 CPU, with both checks (baseline: without)', 'ms', cpu.with.p99, cpu.without.p99),
    infoRow('S9', 'send pure work p50 CPU, with both checks (baseline: without)', 'ms', cpu.with.p50, cpu.without.p50),
    addedRow,
    infoRow('S9', 'p99 added per send, wall clock (baseline: p50)', 'ms', wall.added.p99, wall.added.p50, 'inflated when other processes take the cores'),
    infoRow('S9', 'long posts (1,000–4,000 chars): added p99 CPU (baseline: p50)', 'ms', longOnes.cpu.added.p99, longOnes.cpu.added.p50),
  );
}
