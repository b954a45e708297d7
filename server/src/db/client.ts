/**
 * One small module decides the driver: pooled `pg` when DATABASE_URL is set, embedded PGlite in a
 * data folder otherwise. Both speak the same drizzle API, schema and migrations.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { findUp } from '../lib/findUp.js';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'embedded';
  /** Runs migrations from the repository's `migrations/` folder. */
  migrate(): Promise<void>;
  /** Cheap liveness probe for /api/ready. */
  ping(): Promise<void>;
  /** Pool statistics for /metrics (pg only). */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /**
   * How long a query may go unanswered before the client gives up on it (and on its connection). The
   * server's statement_timeout, just under it, ends slow statements; this bound also holds when the
   * network or the server hangs and no answer can come at all.
   */
  queryTimeoutMs?: number;
}

export function migrationsFolder(): string {
  const journal = findUp('migrations/meta/_journal.json');
  if (!journal) throw new Error('migrations folder not found');
  return path.dirname(path.dirname(journal));
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 20, options.queryTimeoutMs ?? 10_000)
    : openEmbedded(options.dataDir ?? 'memory://');
}

async function openPostgres(url: string, poolSize: number, queryTimeoutMs: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Waiting for a free connection (or for a server that accepts and never answers) is bounded too.
    connectionTimeoutMillis: Math.min(5_000, queryTimeoutMs),
    idleTimeoutMillis: 30_000,
    // A statement that hangs (a lost lock, a dead server) must not hold a request forever: the server
    // ends a slow statement, and the client stops waiting for an answer that cannot come (a network
    // that black-holes, a frozen server) a little later. pg-pool drops a connection whose query failed.
    statement_timeout: Math.max(250, queryTimeoutMs - 500),
    query_timeout: queryTimeoutMs,
    // Chat queries are short index scans; JIT compiling them when statistics are stale costs more
    // than the query (150+ ms seen in the bench), so it is off for our sessions.
    options: '-c jit=off',
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema });
  return {
    db,
    kind: 'postgres',
    // Migrations on a pool of their own, without the request timeouts (an index build may take minutes).
    migrate: () =>
      withMigrationLock(url, async () => {
        const migrationPool = new pg.Pool({ connectionString: url, max: 1 });
        migrationPool.on('error', () => {});
        try {
          await migratePg(drizzlePg(migrationPool, { schema }), { migrationsFolder: migrationsFolder() });
        } finally {
          await migrationPool.end();
        }
      }),
    ping: async () => {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/** Any fixed number, the same for every node: the advisory lock migrations are taken under. */
const MIGRATION_LOCK_KEY = 7_260_413_001;

/**
 * Nodes starting together (a rolling deploy, `docker compose up` with replicas) would otherwise race to
 * apply the same migration, and the loser fails its start on "already exists". Under a session-level
 * advisory lock the first applies them while the others wait, then find nothing left to do.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  // A connection of its own (not the pool's, which may have room for one): the migrations run on the
  // pool meanwhile. Waiting for another node's migrations may take longer than a statement timeout.
  const holder = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await holder.connect();
  try {
    await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await holder.end();
  }
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const location = dataDir === 'memory://' ? undefined : path.resolve(dataDir, 'pgdata');
  const client = await PGlite.create(location, { extensions: { unaccent, pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    migrate: () => migratePglite(db as never, { migrationsFolder: migrationsFolder() }),
    ping: async () => {
      await client.query('select 1');
    },
    poolStats: () => null,
    close: () => client.close(),
  };
}
