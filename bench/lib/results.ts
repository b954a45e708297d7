/**
 * The one table every run prints and writes: scenario, Circles, baseline, ratio, target, pass.
 * Perf rows compare Circles with the baseline of the same run; correctness rows must be zero;
 * info rows give context and pass or fail nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT, RESULTS_DIR } from './processes.js';
import { round } from './stats.js';

export type RowKind = 'perf' | 'correctness' | 'info';

export interface Row {
  scenario: string;
  metric: string;
  unit: string;
  circles: number | null;
  baseline: number | null;
  /** circles / baseline. */
  ratio: number | null;
  target: string;
  pass: boolean | null;
  kind: RowKind;
  note?: string;
}

/** Latency, lower is better: ≤ factor × baseline, or baseline + slackMs when that is larger. */
export function latencyRow(scenario: string, metric: string, circles: number | null, baseline: number | null, factor: number, slackMs = 0): Row {
  const ratio = circles !== null && baseline ? round(circles / baseline) : null;
  const limit = baseline === null ? null : Math.max(baseline * factor, baseline + slackMs);
  return {
    scenario,
    metric,
    unit: 'ms',
    circles,
    baseline,
    ratio,
    target: slackMs ? `≤ ${factor}× (or +${slackMs} ms)` : `≤ ${factor}×`,
    pass: circles === null || limit === null ? null : circles <= limit,
    kind: 'perf',
  };
}

/** Throughput, higher is better: ≥ factor × baseline. */
export function throughputRow(scenario: string, metric: string, unit: string, circles: number | null, baseline: number | null, factor: number): Row {
  const ratio = circles !== null && baseline ? round(circles / baseline) : null;
  return {
    scenario,
    metric,
    unit,
    circles,
    baseline,
    ratio,
    target: `≥ ${factor}×`,
    pass: ratio === null ? null : ratio >= factor,
    kind: 'perf',
  };
}

/** Must be zero on both sides (a baseline that loses messages is a broken harness). */
export function zeroRow(scenario: string, metric: string, circles: number | null, baseline: number | null): Row {
  return {
    scenario,
    metric,
    unit: 'count',
    circles,
    baseline,
    ratio: null,
    target: '= 0',
    pass: circles === null && baseline === null ? null : (circles ?? 0) === 0 && (baseline ?? 0) === 0,
    kind: 'correctness',
  };
}

export function infoRow(scenario: string, metric: string, unit: string, circles: number | null, baseline: number | null, note?: string): Row {
  return {
    scenario,
    metric,
    unit,
    circles,
    baseline,
    ratio: circles !== null && baseline ? round(circles / baseline) : null,
    target: '—',
    pass: null,
    kind: 'info',
    ...(note ? { note } : {}),
  };
}

const fmt = (v: number | null) => (v === null ? 'n/a' : Math.abs(v) >= 100 ? String(Math.round(v)) : String(round(v, 2)));

const passText = (row: Row) => (row.pass === null ? (row.kind === 'info' ? '—' : 'n/a') : row.pass ? 'PASS' : 'FAIL');

export function tableLines(rows: Row[]): string[][] {
  return rows.map((r) => [
    `${r.scenario} ${r.metric}${r.unit && r.unit !== 'count' ? ` (${r.unit})` : ''}`,
    fmt(r.circles),
    fmt(r.baseline),
    r.ratio === null ? '—' : `${r.ratio}×`,
    r.target,
    passText(r),
  ]);
}

const HEADER = ['scenario', 'Circles', 'baseline', 'ratio', 'target', 'pass'];

export function printTable(rows: Row[]): string {
  const body = tableLines(rows);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...tableLines(rows).map((cells) => `| ${cells.map(escape).join(' | ')} |`),
  ].join('\n');
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  os: string;
  commit: string;
  date: string;
}

export function describeMachine(postgres: string): Machine {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: postgres.split(' on ')[0] ?? postgres,
    os: `${os.type()} ${os.release()}`,
    commit,
    date: new Date().toISOString(),
  };
}

export const machineLine = (m: Machine) =>
  `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.postgres}, ${m.os}; commit ${m.commit}, ${m.date}`;

export interface RunReport {
  mode: 'full' | 'quick';
  machine: Machine;
  rows: Row[];
  failures: string[];
  explain: Record<string, string>;
  details: Record<string, unknown>;
  notes: string[];
}

export function markdownReport(report: RunReport): string {
  const parts = [
    `# Circles bench — ${report.mode} run`,
    '',
    `Machine: ${machineLine(report.machine)}`,
    '',
    markdownTable(report.rows),
    '',
  ];
  if (report.notes.length) parts.push('Notes:', '', ...report.notes.map((n) => `- ${n}`), '');
  if (report.failures.length) parts.push('Failures:', '', ...report.failures.map((f) => `- ${f}`), '');
  for (const [title, plan] of Object.entries(report.explain)) parts.push(`### ${title}`, '', '```', plan, '```', '');
  return parts.join('\n');
}

/**
 * Writes `<mode>-<time>.json` and `latest-<mode>.md` (and `.json`) under bench/results/; a run of some
 * scenarios only (`--only`) writes `latest-<mode>-partial.*`, so it never replaces the latest whole run.
 */
export function writeResults(report: RunReport, partial: boolean): { json: string; markdown: string } {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = report.machine.date.replace(/[:.]/g, '-');
  const json = path.join(RESULTS_DIR, `${report.mode}-${stamp}.json`);
  writeFileSync(json, JSON.stringify(report, null, 2));
  const latest = `latest-${report.mode}${partial ? '-partial' : ''}`;
  writeFileSync(path.join(RESULTS_DIR, `${latest}.json`), JSON.stringify(report, null, 2));
  const markdown = path.join(RESULTS_DIR, `${latest}.md`);
  writeFileSync(markdown, markdownReport(report));
  return { json, markdown };
}

const START = '<!-- bench:latest:start -->';
const END = '<!-- bench:latest:end -->';

/** Replaces the generated section of docs/performance.md with this run's machine, table and plans. */
export function updatePerformanceDoc(report: RunReport): boolean {
  const file = path.join(REPO_ROOT, 'docs', 'performance.md');
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  const section = [
    START,
    `_Generated by \`npm run bench\` on ${report.machine.date.slice(0, 10)} — ${machineLine(report.machine)}._`,
    '',
    markdownTable(report.rows),
    '',
    ...(report.notes.length ? ['Run notes:', '', ...report.notes.map((n) => `- ${n}`), ''] : []),
    ...Object.entries(report.explain).flatMap(([title, plan]) => [`#### ${title}`, '', '```', plan, '```', '']),
    END,
  ].join('\n');
  writeFileSync(file, text.slice(0, start) + section + text.slice(end + END.length));
  return true;
}
