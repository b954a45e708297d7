/**
 * Private PostgreSQL and Redis instances for the fault suites: started from the installed binaries on
 * spare ports with their data in a temporary folder, so a suite can stop, kill and freeze them without
 * touching the machine's shared services. PostgreSQL refuses to run as root: as root (CI) it runs as
 * the `postgres` system user (spawn's uid/gid), otherwise as whoever runs the tests.
 *
 * The application connects as `circles`, an ordinary role owning its database (not a superuser, as in
 * production), so that a suite can also put row-level security on a table to make reads slow.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from '../../helpers/cluster.js';

export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Whether this machine can run the fault suites: PostgreSQL binaries, redis-server and nginx. */
export const canRunFaults =
  postgresBinDir() !== null && spawnSync('redis-server', ['--version']).status === 0 && existsSync('/usr/sbin/nginx');

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!uid) throw new Error('running as root needs a postgres system user for the private PostgreSQL');
  return { uid, gid };
}

export interface PrivatePostgres {
  readonly port: number;
  /** postgres://circles@127.0.0.1:<port>/<database> — the application's role. */
  readonly appUrl: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> — the superuser, for the suite's own checks. */
  readonly adminUrl: string;
  readonly running: boolean;
  start(): Promise<void>;
  /** `fast` (SIGINT: sessions ended, clean checkpoint) or `immediate` (SIGQUIT: a crash, recovery on start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Superuser query on the application's database. */
  query<T = any>(text: string, values?: unknown[]): Promise<T[]>;
  output(): string;
  close(): Promise<void>;
}

export async function startPostgres(database = 'circles'): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
  const owner = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), 'circles-faults-pg-'));
  const data = path.join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
    encoding: 'utf8',
    ...(owner ?? {}),
  });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const server: PrivatePostgres = {
    port,
    appUrl: `postgres://circles@127.0.0.1:${port}/${database}`,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/${database}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    output: () => log.slice(-10_000),
    async start() {
      if (server.running) return;
      const proc = spawn(
        path.join(bin, 'postgres'),
        ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'max_connections=200', '-c', 'shared_buffers=32MB'],
        { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) },
      );
      child = proc;
      proc.stdout!.on('data', (d) => (log += d));
      proc.stderr!.on('data', (d) => (log += d));
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      await waitFor(
        'the private PostgreSQL to accept connections',
        async () => {
          if (proc.exitCode !== null) throw new Error(`postgres exited:\n${log}`);
          const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1_000 });
          await c.connect();
          await c.end();
          return true;
        },
        60_000,
        100,
      );
    },
    async stop(mode) {
      if (!child || !server.running) return;
      child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      await exited;
    },
    async query(text, values) {
      const c = new pg.Client({ connectionString: server.adminUrl, connectionTimeoutMillis: 5_000 });
      await c.connect();
      try {
        return (await c.query(text, values as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    async close() {
      await server.stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };

  await server.start();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    await admin.query('create role circles login');
    await admin.query(`create database ${database} owner circles`);
  } finally {
    await admin.end();
  }
  // The extensions the migrations ask for, made by the superuser (as a managed service would).
  await server.query('create extension if not exists pg_trgm');
  await server.query('create extension if not exists unaccent');
  await server.query('grant create on schema public to circles');
  return server;
}

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGKILL: connections reset, everything in memory gone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open and nothing answers. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'circles-faults-redis-'));
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const redis: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (redis.running) return;
      const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
        stdio: 'ignore',
      });
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      await waitFor(
        'the private Redis to answer',
        async () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG',
        20_000,
        100,
      );
    },
    async kill() {
      if (!child || !redis.running) return;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async close() {
      await redis.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
