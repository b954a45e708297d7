/**
 * Starts the real app on its own database, listening on a random loopback port so that supertest
 * and real socket.io-clients talk to it exactly as outside clients would.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import supertest from 'supertest';
import { buildApp } from '../../server/src/app.js';
import { loadConfig, type Env } from '../../server/src/config.js';
import { ApiContract } from './apiContract.js';
import { TestClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export interface TestApp {
  app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  url: string;
  http: () => supertest.Agent;
  testDb: TestDatabase;
  /** The app's business clock: `t.clock.advanceMinutes(16)` then `t.app.deps.jobs.runDue()`. */
  clock: TestClock;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Another node on the same database (defaults to a fresh database of its own). */
  testDb?: TestDatabase;
  clock?: TestClock;
  /**
   * Check every response the agents receive against the OpenAPI document the app serves (default on):
   * an undeclared status or a body that does not match fails the test that received it.
   * `CHECK_API_CONTRACT=0` turns it off for a whole run (to tell a drift from another failure).
   */
  checkContract?: boolean;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** The Redis the realtime tests use (`TEST_REDIS_URL`, else the local one). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One Redis prefix per test deployment (the nodes on one database share it), so test files running
 * side by side on one Redis never hear each other, as two real deployments would not.
 */
const deploymentPrefixes = new WeakMap<TestDatabase, string>();

/** Deletes every Redis key a test deployment left (streams, presence, limit buckets). */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startTestApp(env: Partial<Record<keyof Env, string>> = {}, options: StartOptions = {}): Promise<TestApp> {
  const testDb = options.testDb ?? (await createTestDatabase());
  const clock = options.clock ?? new TestClock();
  let prefix = deploymentPrefixes.get(testDb);
  if (!prefix) deploymentPrefixes.set(testDb, (prefix = `circles-test-${randomBytes(5).toString('hex')}:`));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: '/tmp/circles-test-unused',
    // Generous defaults: tests that exercise a limit set their own.
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_MESSAGES_PER_10S: '1000',
    RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: '1000000',
    REDIS_PREFIX: prefix,
    // Jobs run when a test says so (`t.app.deps.jobs.runDue()`), after moving the clock.
    JOBS_POLL_MS: '0',
    ...env,
  });
  const app = await buildApp(config, { database: testDb.database, skipMigrations: true, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let contract: ApiContract | undefined;
  const checkAgainstDocument = (req: supertest.Test) =>
    req.expect((res: supertest.Response) => {
      contract ??= new ApiContract(JSON.parse(JSON.stringify(app.swagger())) as ConstructorParameters<typeof ApiContract>[0]);
      const problem = contract.check({
        method: req.method,
        url: new URL(req.url, 'http://localhost').pathname,
        status: res.status,
        headers: res.headers as Record<string, string | undefined>,
        body: res.body,
        text: res.text,
      });
      if (problem) throw new Error(`API contract: ${problem}`);
    });
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    http: () => {
      const agent = supertest.agent(app.server);
      return options.checkContract === false || process.env.CHECK_API_CONTRACT === '0' ? agent : agent.use((req: unknown) => checkAgainstDocument(req as supertest.Test));
    },
    testDb,
    clock,
    async close() {
      await app.close();
      // A second node on a shared database leaves dropping it (and the deployment's Redis keys) to the first.
      if (!options.testDb) {
        await testDb.drop();
        if (config.redisUrl) await dropRedisPrefix(config.redisUrl, config.redisPrefix).catch(() => {});
      }
    },
  };
}
