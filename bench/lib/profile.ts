/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and says where the time went: self time by function,
 * and total (inclusive) time by function, with bundle positions mapped back to server/src and shared/src
 * through the bundle's source map, and npm packages named by package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './processes.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  key: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  busyMs: number;
  self: ProfileEntry[];
  inclusive: ProfileEntry[];
  byArea: ProfileEntry[];
}

const sourceMaps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (sourceMaps.has(file)) return sourceMaps.get(file)!;
  let map: SourceMap | null = null;
  const mapFile = `${file}.map`;
  if (existsSync(mapFile)) map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
  sourceMaps.set(file, map);
  return map;
}

/** `server/src/modules/messages/service.ts:42`, `pg`, `node:internal`, or a V8 pseudo frame. */
function locate(frame: CallFrame): { where: string; area: string } {
  const { url } = frame;
  if (!url) return { where: frame.functionName || '(native)', area: frame.functionName.startsWith('(') ? frame.functionName : 'native' };
  if (url.startsWith('node:')) return { where: url, area: 'node internals' };
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return { where: `${pkg[1]}/${path.basename(file)}:${frame.lineNumber + 1}`, area: pkg[1]! };
  const map = sourceMapFor(file);
  if (map) {
    type Entry = { generatedLine?: number; originalSource?: string; originalLine?: number };
    // The nearest mapping at or before the frame; when that lies on an earlier line (a function's first
    // token may carry no mapping of its own) take the last mapping on the frame's own line instead.
    let entry = map.findEntry(frame.lineNumber, frame.columnNumber) as Entry;
    if (entry?.generatedLine !== frame.lineNumber) {
      const sameLine = map.findEntry(frame.lineNumber, 1_000_000) as Entry;
      if (sameLine?.generatedLine === frame.lineNumber) entry = sameLine;
    }
    if (entry?.originalSource) {
      const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
      const rel = path.relative(REPO_ROOT, source);
      const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
      if (npm) return { where: `${npm[1]}/${path.basename(rel)}`, area: npm[1]! };
      return { where: `${rel}:${(entry.originalLine ?? 0) + 1}`, area: rel };
    }
  }
  const rel = path.relative(REPO_ROOT, file);
  return { where: `${rel}:${frame.lineNumber + 1}`, area: rel };
}

export function summarizeProfile(file: string, top = 25, match?: RegExp): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map<number, { key: string; area: string; idle: boolean }>();
  for (const n of profile.nodes) {
    const { where, area } = locate(n.callFrame);
    const name = n.callFrame.functionName || '(anonymous)';
    keyOf.set(n.id, { key: name.startsWith('(') ? name : `${name} ${where}`, area, idle: name === '(idle)' });
  }

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    const leaf = profile.samples[i]!;
    const leafKey = keyOf.get(leaf)!;
    totalUs += delta;
    if (leafKey.idle) {
      idleUs += delta;
      continue;
    }
    self.set(leafKey.key, (self.get(leafKey.key) ?? 0) + delta);
    areas.set(leafKey.area, (areas.get(leafKey.area) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const k = keyOf.get(id)!.key;
      if (seen.has(k) || k === '(root)') continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
    }
  }
  void nodes;
  const busyUs = Math.max(1, totalUs - idleUs);
  const rank = (m: Map<string, number>, n: number): ProfileEntry[] =>
    [...m.entries()]
      .filter(([key]) => !match || match.test(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => ({ key, ms: Math.round(us / 1000), share: Math.round((us / busyUs) * 1000) / 10 }));
  return {
    file,
    totalMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    self: rank(self, top),
    inclusive: rank(inclusive, top * 2),
    byArea: rank(areas, top),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const lines = [
    `Profile ${path.relative(REPO_ROOT, summary.file)}: ${summary.totalMs} ms sampled, ${summary.busyMs} ms busy (shares are of busy time)`,
    '',
    'By area (self time):',
    ...summary.byArea.map((e) => `  ${e.share.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(7)} ms  ${e.key}`),
    '',
    'Top functions by self time:',
    ...summary.self.map((e) => `  ${e.share.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(7)} ms  ${e.key}`),
    '',
    'Top functions by total time (including callees):',
    ...summary.inclusive.map((e) => `  ${e.share.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(7)} ms  ${e.key}`),
  ];
  return lines.join('\n');
}
