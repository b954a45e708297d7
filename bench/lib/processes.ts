/**
 * Child processes: the servers under test (Circles, the baselines) and the load client. Every server
 * listens on 127.0.0.1 on a free port, logs to bench/results/logs/, and must answer /api/health before
 * it is used. A server that exits on its own before it is stopped counts as a crash.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Command, Reply } from '../load/protocol.js';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');
export const LOG_DIR = path.join(RESULTS_DIR, 'logs');

/** Every child this run started, so that an aborted run never leaves a server behind. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});
function track(child: ChildProcess) {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Only what a server needs: no inherited DATABASE_URL or other settings leak into a child. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[key]) env[key] = process.env[key]!;
  return env;
}

export interface ServerHandle {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  /** Set when the process exited before stop() was called. */
  crash: string | null;
  stop(): Promise<void>;
  /** The inspector's WebSocket URL when started with `inspect: true`. */
  inspectorUrl: string | null;
}

export interface StartOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  nodeArgs?: string[];
  inspect?: boolean;
  timeoutMs?: number;
}

export async function startServer(options: StartOptions): Promise<ServerHandle> {
  mkdirSync(LOG_DIR, { recursive: true });
  const port = await freePort();
  const logFile = path.join(LOG_DIR, `${options.name}.log`);
  const fd = openSync(logFile, 'w');
  const nodeArgs = [...(options.nodeArgs ?? []), ...(options.inspect ? ['--inspect=127.0.0.1:0'] : [])];
  const child = spawn(process.execPath, [...nodeArgs, options.script], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  track(child);
  let stopping = false;
  let exited = false;
  const handle: ServerHandle = {
    name: options.name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    logFile,
    crash: null,
    inspectorUrl: null,
    stop: async () => {
      if (exited) return;
      stopping = true;
      child.kill('SIGTERM');
      const killed = await waitForExit(child, 20_000);
      if (!killed) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
  child.once('exit', (code, signal) => {
    exited = true;
    if (!stopping) handle.crash = `${options.name} exited unexpectedly (code ${code}, signal ${signal}); see ${path.relative(REPO_ROOT, logFile)}`;
  });

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (handle.crash) throw new Error(`${handle.crash}\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`${options.name} did not answer /api/health in time\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${handle.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  if (options.inspect) {
    const match = /Debugger listening on (ws:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'));
    handle.inspectorUrl = match?.[1] ?? null;
  }
  return handle;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let clockTicks: number | null = null;
/**
 * CPU time (user + system, ms) a process has used so far, from /proc: what a server spends per request
 * barely changes when other processes compete for the machine, unlike throughput and latency.
 * Null where /proc is not available.
 */
export function cpuTimeMs(pid: number): number | null {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}

/** The load client process, one command at a time, each with a hard time limit. */
export class LoadClient {
  private child: ChildProcess;
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  crash: string | null = null;

  constructor(script: string) {
    mkdirSync(LOG_DIR, { recursive: true });
    const fd = openSync(path.join(LOG_DIR, 'load-client.log'), 'a');
    this.child = fork(script, [], { cwd: REPO_ROOT, stdio: ['ignore', fd, fd, 'ipc'], env: { ...baseEnv() } });
    closeSync(fd);
    track(this.child);
    this.child.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`load client: ${reply.error}`));
    });
    this.child.once('exit', (code, signal) => {
      this.crash = `load client exited (code ${code}, signal ${signal})`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(this.crash));
      this.pending.clear();
    });
  }

  run<T>(command: Command, timeoutMs: number): Promise<T> {
    if (this.crash) return Promise.reject(new Error(this.crash));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load client: ${command.cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ id, command });
    });
  }

  async close(): Promise<void> {
    if (this.crash) return;
    try {
      await this.run({ cmd: 'exit' }, 10_000);
    } catch {
      // exiting
    }
    if (!this.crash) this.child.kill('SIGTERM');
  }
}
