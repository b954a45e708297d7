/**
 * Starts the real app on its own database, listening on a random loopback port so that supertest
 * and real socket.io-clients talk to it exactly as outside clients would.
 */
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../server/src/app.js';
import { loadConfig, type Env } from '../../server/src/config.js';
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
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export async function startTestApp(env: Partial<Record<keyof Env, string>> = {}, options: StartOptions = {}): Promise<TestApp> {
  const testDb = options.testDb ?? (await createTestDatabase());
  const clock = options.clock ?? new TestClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: '/tmp/circles-test-unused',
    // Generous defaults: tests that exercise a limit set their own.
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_MESSAGES_PER_10S: '1000',
    // Jobs run when a test says so (`t.app.deps.jobs.runDue()`), after moving the clock.
    JOBS_POLL_MS: '0',
    ...env,
  });
  const app = await buildApp(config, { database: testDb.database, skipMigrations: true, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    http: () => supertest.agent(app.server),
    testDb,
    clock,
    async close() {
      await app.close();
      // A second node on a shared database leaves dropping it to the first.
      if (!options.testDb) await testDb.drop();
    },
  };
}
