/** Configuration, readiness, shutdown and database outages, seen from outside. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { startTestApp } from '../helpers/app.js';
import { registerUser } from '../helpers/factories.js';
import { connected } from '../helpers/sockets.js';
import { testDatabaseUrl } from '../helpers/testDatabase.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'not a url', JWT_SECRET: 'x'.repeat(40) }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://db/circles' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ PUBLIC_ORIGIN: 'nowhere' }, 'PUBLIC_ORIGIN'],
  ])('rejects %o with a message naming %s', (env, name) => {
    expect(() => loadConfig({ DATA_DIR: '/tmp/circles-config-test', ...env })).toThrowError(ConfigError);
    expect(() => loadConfig({ DATA_DIR: '/tmp/circles-config-test', ...env })).toThrowError(new RegExp(name));
  });

  it('keeps a generated JWT secret beside the embedded database across restarts', () => {
    const dir = `/tmp/circles-config-test-${process.pid}`;
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM closes the sockets as a dropped connection (so clients reconnect elsewhere) and exits 0 within 10 s', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: `/tmp/circles-shutdown-${process.pid}-${port}`,
        SEED_DEMO: '0',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 150_000, interval: 200 }).toContain('Circles is running');
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'shutdown@example.test', password: 'long enough pw', displayName: 'Shut Down' }),
      });
      const { accessToken } = (await res.json()) as { accessToken: string };
      const socket = await connected({ url: `http://127.0.0.1:${port}` } as never, accessToken);
      const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      // Not "io server disconnect", which a client takes as final: a transport close makes it reconnect.
      expect(await disconnected).toBe('transport close');
      expect(await exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
    } finally {
      child.kill('SIGKILL');
    }
    // Starting a server from source (tsx, the embedded database, migrations) takes 15–20 s on an idle
    // 2-core machine, and over a minute when the machine is busy with other suites.
  }, 180_000);
});

describe.runIf(testDatabaseUrl)('database outage (PostgreSQL)', () => {
  it('answers 503 UNAVAILABLE with Retry-After and no internals, and /api/ready fails, while the database is gone', async () => {
    const t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ? 'error' : 'silent' });
    try {
      const user = await registerUser(t);
      // Take the database away under the running app.
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      const name = new URL(t.testDb.url!).pathname.slice(1);
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);

      const me = await t.http().get('/api/me').set(user.auth);
      expect(me.status).toBe(503);
      expect(me.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
      expect(Number(me.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.stringify(me.body)).not.toMatch(/select|terminat|pg_|ECONN|at .*\.ts/i);
      expect((await t.http().get('/api/ready')).status).toBe(503);
      expect((await t.http().get('/api/health')).status).toBe(200);

      // And it recovers on its own once the database is back.
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
      await expect.poll(async () => (await t.http().get('/api/me').set(user.auth)).status, { timeout: 15_000 }).toBe(200);
      expect((await t.http().get('/api/ready')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
