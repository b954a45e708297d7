/**
 * Measures the safety detectors on the labelled sets in tests/fixtures/safety: precision, recall and F1
 * of the crisis detector per language, of the personal-data guard per kind, and the cost of a call.
 * Used by `npm run measure:safety` (prints) and tests/unit/safetyFloors.test.ts (asserts the floors).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPersonalData, type PersonalDataKind } from '../../shared/src/safety/personalData.js';
import { detectCrisis, type CrisisCategory } from '../../server/src/modules/moderation/detectors/crisis.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/safety/', import.meta.url));

export interface CrisisExample {
  text: string;
  crisis: boolean;
  category?: CrisisCategory;
}

export interface PersonalDataExample {
  text: string;
  spans: Array<{ kind: PersonalDataKind; start: number; end: number }>;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

function readJsonl<T>(name: string): T[] {
  return readFileSync(FIXTURES + name, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export const loadCrisisSet = (language: 'en' | 'fr') => readJsonl<CrisisExample>(`crisis.${language}.jsonl`);
export const loadPersonalDataSet = () => readJsonl<PersonalDataExample>('personal-data.jsonl');

export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export interface CrisisReport {
  score: Score;
  /** Of the crises found, how many got the labelled category. */
  categoryAgreement: number;
  misses: CrisisExample[];
  falseAlarms: CrisisExample[];
}

export function measureCrisis(examples: readonly CrisisExample[]): CrisisReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let sameCategory = 0;
  const misses: CrisisExample[] = [];
  const falseAlarms: CrisisExample[] = [];
  for (const example of examples) {
    const result = detectCrisis(example.text);
    if (result.crisis && example.crisis) {
      tp += 1;
      if (result.category === example.category) sameCategory += 1;
    } else if (result.crisis) {
      fp += 1;
      falseAlarms.push(example);
    } else if (example.crisis) {
      fn += 1;
      misses.push(example);
    }
  }
  return { score: score(tp, fp, fn), categoryAgreement: tp === 0 ? 1 : sameCategory / tp, misses, falseAlarms };
}

export interface PersonalDataReport {
  overall: Score;
  byKind: Record<PersonalDataKind, Score>;
  /** Labelled spans found with exactly their offsets, of all labelled spans found. */
  exactSpans: number;
  errors: Array<{ text: string; missed: string[]; extra: string[] }>;
}

const KINDS: readonly PersonalDataKind[] = ['phone', 'email', 'address', 'dob', 'health-id'];

/**
 * A labelled span is found when a found span of the same kind overlaps it; a found span is a false alarm
 * when it overlaps no labelled span of its kind. (One found span may cover two labelled parts of one
 * address, "56 Birch Road, Moncton, E1C 4B7".)
 */
export function measurePersonalData(examples: readonly PersonalDataExample[]): PersonalDataReport {
  const counts = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<PersonalDataKind, { tp: number; fp: number; fn: number }>;
  let exact = 0;
  let matchedTotal = 0;
  const errors: PersonalDataReport['errors'] = [];
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  for (const example of examples) {
    const found = findPersonalData(example.text);
    const extra: string[] = [];
    for (const span of found) {
      if (example.spans.some((g) => g.kind === span.kind && overlaps(g, span))) continue;
      counts[span.kind].fp += 1;
      extra.push(`${span.kind}:${example.text.slice(span.start, span.end)}`);
    }
    const missed: string[] = [];
    for (const gold of example.spans) {
      const hit = found.find((f) => f.kind === gold.kind && overlaps(f, gold));
      if (!hit) {
        counts[gold.kind].fn += 1;
        missed.push(`${gold.kind}:${example.text.slice(gold.start, gold.end)}`);
        continue;
      }
      counts[gold.kind].tp += 1;
      matchedTotal += 1;
      if (hit.start === gold.start && hit.end === gold.end) exact += 1;
    }
    if (missed.length || extra.length) errors.push({ text: example.text, missed, extra });
  }
  const byKind = Object.fromEntries(KINDS.map((k) => [k, score(counts[k].tp, counts[k].fp, counts[k].fn)])) as Record<PersonalDataKind, Score>;
  const sum = (f: 'tp' | 'fp' | 'fn') => KINDS.reduce((n, k) => n + counts[k][f], 0);
  return { overall: score(sum('tp'), sum('fp'), sum('fn')), byKind, exactSpans: matchedTotal === 0 ? 1 : exact / matchedTotal, errors };
}

/** A worst case for cost: 4,000 characters of health talk full of numbers, dates and near-misses. */
export function worstCaseText(): string {
  const piece =
    "My A1C went from 8.2 to 7.1 since March 3; I take 500 mg twice a day and 12 units at 7:30. Call 988 or 1-800-668-6868 if you need to. This pump is killing it, I'd die for a nap. Né en 1984, rendez-vous le 3 mars au 123 de la clinique. ";
  let text = '';
  while (text.length < 4000) text += piece;
  return text.slice(0, 4000);
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface CostReport {
  calls: number;
  /** Wall-clock milliseconds per send: what the sender waits, inflated when other processes share the cores. */
  wall: Percentiles;
  /** CPU milliseconds per send (process.cpuUsage): the detectors' own cost, steady under load. */
  cpu: Percentiles;
  worstCase: { wall: Percentiles; cpu: Percentiles };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Both checks of a send, as the server runs them. */
function checkBoth(text: string): void {
  detectCrisis(text);
  findPersonalData(text);
}

function timeCalls(texts: readonly string[], rounds: number): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      checkBoth(text);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return { wall, cpu };
}

/** Milliseconds per send for both checks together (crisis + personal data), over the given texts and the worst case. */
export function measureCost(texts: readonly string[], rounds = 5): CostReport {
  for (const text of texts) checkBoth(text); // warm up the JIT
  const sets = timeCalls(texts, rounds);
  const worst = worstCaseText();
  timeCalls([worst], 20);
  const worstTimes = timeCalls([worst], 200);
  return {
    calls: sets.wall.length,
    wall: percentiles(sets.wall),
    cpu: percentiles(sets.cpu),
    worstCase: { wall: percentiles(worstTimes.wall), cpu: percentiles(worstTimes.cpu) },
  };
}
