/**
 * Builds what the bench runs: Circles' own production server bundle (the artifact `npm start` runs)
 * and plain-JavaScript bundles of the baselines and the load client, so every process under test
 * runs as `node file.js` with no TypeScript loader inside it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { LOG_DIR, REPO_ROOT } from './processes.js';

export const BENCH_DIST = path.join(REPO_ROOT, 'bench', 'dist');
const SERVER_BUILD = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
/**
 * The bench runs its own copy of the server bundle: another `npm run build` in the shared tree during a
 * run must not swap the code under test (or its source map) between two scenarios.
 */
export const CIRCLES_MAIN = path.join(BENCH_DIST, 'circles', 'main.js');

export const bundles = {
  socketBaseline: path.join(BENCH_DIST, 'socketBaseline.js'),
  httpBaseline: path.join(BENCH_DIST, 'httpBaseline.js'),
  loadClient: path.join(BENCH_DIST, 'loadClient.js'),
};

/**
 * The server's production build (`npm run build -w server`: the esbuild bundle `npm start` runs).
 * The client bundle is not rebuilt: no scenario loads the SPA, and a half-edited page elsewhere in the
 * tree must not stop the server from being measured.
 */
export function buildCircles(skipBuild = false): void {
  mkdirSync(LOG_DIR, { recursive: true });
  if (!skipBuild) runServerBuild();
  if (!existsSync(SERVER_BUILD)) throw new Error(`npm run build did not produce ${SERVER_BUILD}`);
  mkdirSync(path.dirname(CIRCLES_MAIN), { recursive: true });
  copyFileSync(SERVER_BUILD, CIRCLES_MAIN);
  if (existsSync(`${SERVER_BUILD}.map`)) {
    // Sources relative to server/dist would point nowhere from the copy: make them absolute.
    const map = JSON.parse(readFileSync(`${SERVER_BUILD}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string };
    map.sources = map.sources.map((source) => path.resolve(path.dirname(SERVER_BUILD), map.sourceRoot ?? '', source));
    delete map.sourceRoot;
    writeFileSync(`${CIRCLES_MAIN}.map`, JSON.stringify(map));
  }
}

function runServerBuild(): void {
  const result = spawnSync('npm', ['run', 'build', '-w', 'server'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 });
  writeFileSync(path.join(LOG_DIR, 'build.log'), `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    throw new Error(`npm run build -w server failed (status ${result.status}):\n${(result.stdout ?? '').slice(-3000)}\n${(result.stderr ?? '').slice(-3000)}`);
  }
}

export async function buildBenchProcesses(): Promise<void> {
  mkdirSync(BENCH_DIST, { recursive: true });
  const entries: Array<[string, string]> = [
    ['baseline/socketServer.ts', bundles.socketBaseline],
    ['baseline/httpServer.ts', bundles.httpBaseline],
    ['load/client.ts', bundles.loadClient],
  ];
  await Promise.all(
    entries.map(([entry, outfile]) =>
      build({
        entryPoints: [path.join(REPO_ROOT, 'bench', entry)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'warning',
        // npm packages load from node_modules, as they do for Circles' own bundle.
        packages: 'external',
      }),
    ),
  );
}
