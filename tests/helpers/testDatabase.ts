/**
 * Each test file gets its own database: a fresh PostgreSQL database cloned from a migrated template
 * (when TEST_DATABASE_URL is set), or a fresh in-memory PGlite. Nothing is shared between files.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/src/db/client.js';
import { syncConditionCatalog } from '../../server/src/modules/conditions/service.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    await syncConditionCatalog(database.db);
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `circles_t_${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const template = process.env.CIRCLES_TEST_TEMPLATE;
      if (!template) throw new Error('CIRCLES_TEST_TEMPLATE is not set: run tests through vitest (globalSetup makes it)');
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (err) {
      // Two files cloning the template at the same instant: wait and try again.
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = withDatabaseName(testDatabaseUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  return {
    database,
    url,
    async drop() {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
