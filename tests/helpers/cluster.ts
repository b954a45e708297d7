/**
 * A real cluster on this machine: N built server processes (server/dist/main.js) on their own ports,
 * sharing one PostgreSQL database and one Redis (under a prefix of their own), with Debian's nginx in
 * front running the repository's deploy/nginx.conf unprivileged (`-p <tmpdir>`), its upstreams in the
 * included file this helper writes. Clients bind to chosen loopback addresses (127.0.0.x, `localAddress`)
 * so that nginx's `hash $remote_addr consistent` lands each on a known node.
 *
 * For the cluster suite and any later suite (security, faults) that needs processes to kill, restart and
 * drain:
 *
 *   const cluster = await startCluster({ nodes: 2 });
 *   const onA = await cluster.clientOn('a');                 // a client whose address nginx sends to node a
 *   const user = await onA.register();
 *   const socket = await onA.socket(user.token);
 *   await cluster.node('b').kill();  await cluster.node('b').start();
 *   await cluster.close();
 *
 * Needs TEST_DATABASE_URL (processes cannot share the embedded database) and a Redis (REDIS_URL).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Me, ServerToClientEvents } from '@circles/shared';
import { dropRedisPrefix, TEST_JWT_SECRET } from './app.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX = '/usr/sbin/nginx';
export const clusterRedisUrl = process.env.REDIS_URL || undefined;
/** Whether this machine can run the cluster suite (PostgreSQL, Redis and nginx available). */
export const canRunCluster = Boolean(process.env.TEST_DATABASE_URL && clusterRedisUrl && existsSync(NGINX));

export type ClusterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ClusterOptions {
  /** How many nodes (named a, b, c…). */
  nodes?: number;
  /** Extra environment for every node. */
  env?: Record<string, string>;
  /** Emails that become site admins at sign-up (BOOTSTRAP_ADMIN_EMAILS). */
  adminEmails?: string[];
  /**
   * A database of the caller's own (the fault suites' private PostgreSQL): used as it is, migrated by
   * the first node, never dropped. Otherwise a fresh clone of the test template on TEST_DATABASE_URL.
   */
  databaseUrl?: string;
  /** A Redis of the caller's own; otherwise REDIS_URL. */
  redisUrl?: string;
}

export interface ClusterNode {
  readonly name: string;
  readonly port: number;
  /** http://127.0.0.1:<port>, bypassing nginx. */
  readonly url: string;
  readonly running: boolean;
  /** The process id while it runs (for RSS and open-handle readings). */
  readonly pid: number | undefined;
  /** What the process printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Starts the process and waits until /api/ready answers 200. */
  start(): Promise<void>;
  /** SIGTERM, then waits for the exit; resolves with the exit code and how long it took. */
  stop(): Promise<{ code: number | null; ms: number }>;
  /** SIGKILL: no draining, no clean-up. */
  kill(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface ClusterUser {
  user: Me;
  token: string;
  email: string;
  password: string;
}

export interface ClusterClient {
  /** The loopback address this client connects from. */
  readonly address: string;
  api(method: string, pathname: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<ApiResponse>;
  register(overrides?: { displayName?: string; email?: string }): Promise<ClusterUser>;
  /** A Socket.IO client through nginx; `reconnection` on by default, as the SPA has it. */
  socket(token: string | (() => string), options?: { reconnection?: boolean }): Promise<ClusterSocket>;
}

export interface Cluster {
  /** http://127.0.0.1:<nginx port> */
  readonly url: string;
  readonly nodes: ClusterNode[];
  /** The cloned test database (null when the caller brought its own `databaseUrl`). */
  readonly testDb: TestDatabase | null;
  readonly redisPrefix: string;
  node(name: string): ClusterNode;
  /** What nginx printed (its error log), for failure messages. */
  nginxOutput(): string;
  /** A client at the given loopback address (127.0.0.2 …). */
  client(address: string): ClusterClient;
  /** A client at an address that nginx sends to `name` while every node is up. */
  clientOn(name: string): Promise<ClusterClient>;
  /** The node that answered a request from `address` through nginx right now. */
  nodeFor(address: string): Promise<string>;
  close(): Promise<void>;
}

/** Bundles the server (esbuild, about a second) so the nodes run what production runs. */
export function buildServer(): void {
  const result = spawnSync(process.execPath, ['build.mjs'], { cwd: path.join(repoRoot, 'server'), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`server build failed:\n${result.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 150): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function request(
  url: string,
  method: string,
  options: { localAddress?: string; token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      url,
      {
        method,
        localAddress: options.localAddress,
        agent: false,
        timeout: options.timeoutMs ?? 15_000,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function startNode(name: string, port: number, env: Record<string, string>): ClusterNode {
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  let log = '';
  const node: ClusterNode = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return node.running ? child!.pid : undefined;
    },
    output: () => log.slice(-20_000),
    async start() {
      if (node.running) throw new Error(`node ${name} is already running`);
      log += `\n--- start ${new Date().toISOString()} ---\n`;
      const proc = spawn(process.execPath, ['--enable-source-maps', path.join(repoRoot, 'server/dist/main.js')], {
        cwd: repoRoot,
        env: { ...env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout!.on('data', (d) => (log += d));
      proc.stderr!.on('data', (d) => (log += d));
      exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
      await waitFor(
        `node ${name} to be ready`,
        async () => {
          if (proc.exitCode !== null) throw new Error(`node ${name} exited with ${proc.exitCode}:\n${node.output()}`);
          return (await request(`${node.url}/api/ready`, 'GET', { timeoutMs: 2_000 })).status === 200;
        },
        90_000,
      ).catch((err: Error) => {
        throw new Error(`${err.message}\n${node.output()}`);
      });
    },
    async stop() {
      const started = Date.now();
      if (!child || !node.running) return { code: child?.exitCode ?? null, ms: 0 };
      child.kill('SIGTERM');
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
    async kill() {
      if (!child || !node.running) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  return node;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  if (!options.databaseUrl && !canRunCluster) throw new Error('startCluster needs TEST_DATABASE_URL, REDIS_URL and nginx');
  const redisUrl = options.redisUrl ?? clusterRedisUrl!;
  buildServer();
  const testDb = options.databaseUrl ? null : await createTestDatabase();
  const redisPrefix = `circles-cluster-${randomBytes(4).toString('hex')}:`;
  const dir = mkdtempSync(path.join(tmpdir(), 'circles-cluster-'));
  const names = Array.from({ length: options.nodes ?? 2 }, (_, i) => String.fromCharCode(97 + i));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    SERVE_CLIENT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl ?? testDb!.url!,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: path.join(dir, 'data'),
    SEED_DEMO: '0',
    LOG_LEVEL: 'warn',
    // nginx connects from 127.0.0.1: its X-Forwarded-For names the client, nobody else's does.
    TRUST_PROXY: '127.0.0.1',
    DB_POOL_SIZE: '8',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_MESSAGES_PER_10S: '1000',
    RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: '100000',
    BOOTSTRAP_ADMIN_EMAILS: (options.adminEmails ?? []).join(','),
    ...options.env,
  };
  const nodes: ClusterNode[] = [];
  for (const name of names) nodes.push(startNode(name, await freePort(), env));

  const nginxPort = await freePort();
  copyFileSync(path.join(repoRoot, 'deploy/nginx.conf'), path.join(dir, 'nginx.conf'));
  writeFileSync(
    path.join(dir, 'circles-upstreams.conf'),
    `upstream circles {\n  hash $remote_addr consistent;\n${nodes.map((n) => `  server 127.0.0.1:${n.port} max_fails=0;`).join('\n')}\n}\n`,
  );
  // max_fails=0: a node that refuses is skipped for the next at once, request by request, and is never
  // marked down — with two nodes restarting in turn, marking both down would answer 502 meanwhile.
  // The test's own site lines: which node answered, so a client can learn where its address lands.
  writeFileSync(path.join(dir, 'circles-listen.conf'), `listen 127.0.0.1:${nginxPort};\nadd_header X-Circles-Upstream $upstream_addr always;\n`);
  let nginxLog = '';
  let nginx: ChildProcess | null = null;
  const url = `http://127.0.0.1:${nginxPort}`;
  const byPort = new Map(nodes.map((n) => [String(n.port), n.name]));

  const cluster: Cluster = {
    url,
    nodes,
    testDb,
    redisPrefix,
    node(name) {
      const found = nodes.find((n) => n.name === name);
      if (!found) throw new Error(`no node ${name}`);
      return found;
    },
    nginxOutput: () => nginxLog.slice(-20_000),
    client: (address) => makeClient(url, address),
    async nodeFor(address) {
      const res = await request(`${url}/api/health`, 'GET', { localAddress: address });
      const upstream = String(res.headers['x-circles-upstream'] ?? '');
      // After a failed try nginx lists every upstream it tried ("a, b"): the last one answered.
      const last = upstream.split(',').pop()!.trim();
      return byPort.get(last.split(':').pop()!) ?? `unknown (${upstream})`;
    },
    async clientOn(name) {
      for (let i = 2; i < 250; i++) {
        const address = `127.0.0.${i}`;
        if ((await cluster.nodeFor(address)) === name) return makeClient(url, address);
      }
      throw new Error(`no loopback address lands on node ${name}`);
    },
    async close() {
      await Promise.all(nodes.map((n) => n.kill()));
      if (nginx && nginx.exitCode === null) {
        const gone = new Promise((resolve) => nginx!.once('exit', resolve));
        nginx.kill('SIGTERM');
        await gone;
      }
      await testDb?.drop().catch(() => {});
      await dropRedisPrefix(redisUrl, redisPrefix).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    // A database of the caller's own is migrated by the first node alone, then the others start.
    if (options.databaseUrl) await nodes[0]!.start();
    await Promise.all(nodes.map((n) => (n.running ? Promise.resolve() : n.start())));
    const proc = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx = proc;
    proc.stdout!.on('data', (d) => (nginxLog += d));
    proc.stderr!.on('data', (d) => (nginxLog += d));
    await waitFor(
      'nginx to answer',
      async () => {
        if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}:\n${nginxLog}`);
        return (await request(`${url}/api/ready`, 'GET', { timeoutMs: 2_000 })).status === 200;
      },
      20_000,
    );
  } catch (err) {
    await cluster.close();
    throw err;
  }
  return cluster;
}

function makeClient(baseUrl: string, address: string): ClusterClient {
  const client: ClusterClient = {
    address,
    api: (method, pathname, options = {}) => request(`${baseUrl}${pathname}`, method, { ...options, localAddress: address }),
    async register(overrides = {}) {
      const suffix = randomBytes(5).toString('hex');
      const email = overrides.email ?? `cluster-${suffix}@example.test`;
      const password = 'correct horse battery';
      const res = await client.api('POST', '/api/auth/register', {
        body: { email, password, displayName: overrides.displayName ?? `Member ${suffix}` },
      });
      if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
      return { user: res.body.user, token: res.body.accessToken, email, password };
    },
    async socket(token, options = {}) {
      const socket = io(baseUrl, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnection: options.reconnection ?? true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
        randomizationFactor: 0,
        localAddress: address,
        auth: (cb) => cb({ token: typeof token === 'function' ? token() : token }),
      } as Parameters<typeof io>[1]) as ClusterSocket;
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
  };
  return client;
}
