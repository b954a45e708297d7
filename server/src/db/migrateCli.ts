/**
 * `npm run db:migrate` (and `node server/dist/migrate.js`, compose's one-shot step): applies pending
 * migrations to the configured database and exits. Safe beside starting nodes: all take one advisory lock.
 */
import { loadConfig } from '../config.js';
import { syncConditionCatalog } from '../modules/conditions/service.js';
import { openDatabase } from './client.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
await database.migrate();
await syncConditionCatalog(database.db);
await database.close();
console.log(`Migrations applied (${database.kind} database).`);
