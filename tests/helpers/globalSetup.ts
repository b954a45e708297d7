/**
 * Once per run (PostgreSQL mode): build a migrated template database that every test file clones.
 * The name is unique to this run so that several runs on one server (CI, a developer, the bench)
 * never drop each other's template.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../server/src/db/client.js';
import { syncConditionCatalog } from '../../server/src/modules/conditions/service.js';
import { testDatabaseUrl, withDatabaseName } from './testDatabase.js';

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup() {
  if (!testDatabaseUrl) return;
  const template = `circles_tpl_${randomBytes(4).toString('hex')}`;
  process.env.CIRCLES_TEST_TEMPLATE = template;
  await admin((c) => c.query(`CREATE DATABASE ${template}`));
  const database = await openDatabase({ databaseUrl: withDatabaseName(testDatabaseUrl, template), poolSize: 1 });
  await database.migrate();
  await syncConditionCatalog(database.db);
  await database.close();

  return async function teardown() {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  };
}
