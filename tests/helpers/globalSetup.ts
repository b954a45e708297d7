/** Once per run: build a migrated template database that every test file clones (PostgreSQL mode). */
import pg from 'pg';
import { openDatabase } from '../../server/src/db/client.js';
import { syncConditionCatalog } from '../../server/src/modules/conditions/service.js';
import { TEMPLATE_DB, testDatabaseUrl, withDatabaseName } from './testDatabase.js';

export default async function setup() {
  if (!testDatabaseUrl) return;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  // Leftovers of an interrupted earlier run.
  const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'circles_t_%'`);
  for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();

  const database = await openDatabase({ databaseUrl: withDatabaseName(testDatabaseUrl, TEMPLATE_DB), poolSize: 1 });
  await database.migrate();
  await syncConditionCatalog(database.db);
  await database.close();
}
