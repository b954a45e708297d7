/**
 * What every scenario shares: the plan, the seeded layout and tokens, how to start each server
 * (Circles built and in production mode, or a baseline), the load client, and the run's findings.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Member } from '../load/protocol.js';
import { bundles, CIRCLES_MAIN } from './build.js';
import { dbUrl, withClient } from './db.js';
import type { Options, Plan } from './plan.js';
import { LoadClient, RESULTS_DIR, startServer, type ServerHandle } from './processes.js';
import type { Row } from './results.js';
import type { SeedResult } from './seed.js';

export interface Databases {
  circles: string;
  baseline: string;
}

export class BenchContext {
  readonly jwtSecret = randomBytes(48).toString('base64url');
  readonly runTag = `b${Date.now().toString(36)}`;
  rows: Row[] = [];
  failures: string[] = [];
  notes: string[] = [];
  explain: Record<string, string> = {};
  details: Record<string, unknown> = {};
  seed!: SeedResult;
  /** Access token per seeded user index. */
  tokens: string[] = [];
  profiles: string[] = [];

  constructor(
    readonly plan: Plan,
    readonly options: Options,
    readonly databases: Databases,
    readonly log: (line: string) => void,
  ) {}

  /**
   * Circles' settings for the bench. Rate limits are raised through their ordinary settings only, so
   * that load from one address and one token is measured instead of refused; tokens outlive the run.
   */
  circlesEnv(): Record<string, string> {
    return {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl(this.databases.circles),
      JWT_SECRET: this.jwtSecret,
      SEED_DEMO: '0',
      DB_POOL_SIZE: String(this.plan.poolSize),
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_API_PER_MINUTE: '100000000',
      RATE_LIMIT_MESSAGES_PER_10S: '1000000',
    };
  }

  async startCircles(label: string, opts: { inspect?: boolean; embeddedDataDir?: string; env?: Record<string, string> } = {}): Promise<ServerHandle> {
    const env = { ...this.circlesEnv(), ...opts.env };
    if (opts.embeddedDataDir) {
      delete (env as Partial<Record<string, string>>).DATABASE_URL;
      delete (env as Partial<Record<string, string>>).JWT_SECRET;
      env.DATA_DIR = opts.embeddedDataDir;
    }
    const nodeArgs: string[] = [];
    if (this.options.profile) {
      const name = `circles-${label}.cpuprofile`;
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`, `--cpu-prof-name=${name}`);
      this.profiles.push(path.join(RESULTS_DIR, 'profiles', name));
    }
    return startServer({ name: `circles-${label}`, script: CIRCLES_MAIN, env, nodeArgs, inspect: opts.inspect ?? false });
  }

  baselineEnv(): Record<string, string> {
    return { DATABASE_URL: dbUrl(this.databases.baseline), JWT_SECRET: this.jwtSecret, DB_POOL_SIZE: String(this.plan.poolSize) };
  }

  startSocketBaseline(label: string, opts: { inspect?: boolean } = {}): Promise<ServerHandle> {
    return startServer({ name: `baseline-socket-${label}`, script: bundles.socketBaseline, env: this.baselineEnv(), inspect: opts.inspect ?? false });
  }

  startHttpBaseline(label: string): Promise<ServerHandle> {
    return startServer({ name: `baseline-http-${label}`, script: bundles.httpBaseline, env: this.baselineEnv() });
  }

  loadClient(): LoadClient {
    return new LoadClient(bundles.loadClient);
  }

  /** Socket users 0..count-1, each in its own room. */
  members(count: number): Member[] {
    return Array.from({ length: count }, (_, i) => ({
      userId: this.seed.users[i]!.id,
      token: this.tokens[i]!,
      slug: this.seed.roomSlug(this.seed.roomOf(i)),
    }));
  }

  readerToken(): string {
    return this.tokens[this.seed.readerIndex]!;
  }

  fail(message: string) {
    this.failures.push(message);
    this.log(`  ✗ ${message}`);
  }

  /** A Circles feature that is not there yet: n/a with --allow-missing, a failure otherwise. */
  missing(what: string) {
    const message = `Circles does not implement ${what} yet`;
    if (this.options.allowMissing) {
      this.notes.push(`${message} (reported as n/a)`);
      this.log(`  – ${message} (n/a)`);
    } else this.fail(message);
  }

  /** Stops a server and records a crash if it went away on its own. */
  async stop(server: ServerHandle | null | undefined) {
    if (!server) return;
    const crashed = server.crash;
    await server.stop();
    if (crashed) this.fail(crashed);
  }
}

/** Runs `fn` against a server and always stops it (and the load client) afterwards. */
export async function withServer<T>(
  ctx: BenchContext,
  start: () => Promise<ServerHandle>,
  fn: (server: ServerHandle, load: LoadClient) => Promise<T>,
): Promise<T | null> {
  return withServers(ctx, [start], (servers, load) => fn(servers[0]!, load));
}

/**
 * Runs `fn` against several servers started side by side (for interleaved measurements), with one
 * load client, and always stops everything afterwards.
 */
export async function withServers<T>(
  ctx: BenchContext,
  starts: Array<() => Promise<ServerHandle>>,
  fn: (servers: ServerHandle[], load: LoadClient) => Promise<T>,
): Promise<T | null> {
  const servers: ServerHandle[] = [];
  // Each side starts from the same disk state: the previous side's dirty pages are written out first,
  // so a checkpoint is not what one side is measured against.
  await withClient('postgres', (c) => c.query('checkpoint'));
  const load = ctx.loadClient();
  try {
    for (const start of starts) servers.push(await start());
    const result = await fn(servers, load);
    // A crash is recorded once, by ctx.stop below.
    return servers.some((s) => s.crash) ? null : result;
  } catch (err) {
    ctx.fail(`${servers.map((s) => s.name).join(', ') || 'server'}: ${(err as Error).message}`);
    return null;
  } finally {
    await load.close();
    if (load.crash && !/code 0/.test(load.crash)) ctx.fail(load.crash);
    for (const server of servers) await ctx.stop(server);
  }
}
