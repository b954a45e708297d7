/**
 * The bench's own databases on the local PostgreSQL. Only names starting with `circles_bench` are ever
 * created, copied or dropped here; the test suite's databases are never touched.
 */
import pg from 'pg';

/** The local server; BENCH_PG_URL may point at another local instance (no database name in it). */
export const PG_BASE_URL = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');

export const dbUrl = (name: string) => `${PG_BASE_URL}/${name}`;

function assertBenchName(name: string) {
  if (!/^circles_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to manage database ${name}: not a bench database`);
}

export async function withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: dbUrl(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  assertBenchName(name);
  await withClient('postgres', async (c) => {
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await c.query(`drop database if exists "${name}"`);
  });
}

export async function createDatabase(name: string): Promise<void> {
  assertBenchName(name);
  await dropDatabase(name);
  await withClient('postgres', (c) => c.query(`create database "${name}"`));
}

/** A byte-for-byte copy (same pages, same hint bits, same statistics): both servers see the same table state. */
export async function copyDatabase(source: string, target: string): Promise<void> {
  assertBenchName(source);
  assertBenchName(target);
  await dropDatabase(target);
  await withClient('postgres', async (c) => {
    await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [source]);
    await c.query(`create database "${target}" template "${source}" strategy file_copy`);
  });
}

export async function postgresVersion(): Promise<string> {
  return withClient('postgres', async (c) => (await c.query<{ v: string }>('select version() as v')).rows[0]!.v);
}

/**
 * One bench run per database name at a time: a second run (say, two CI jobs) waits for the first
 * instead of dropping its databases under it. The lock is a session advisory lock, released when the
 * returned client ends or the process dies.
 */
export async function lockRun(name: string, waitMs: number, log: (line: string) => void): Promise<pg.Client> {
  assertBenchName(name);
  const client = new pg.Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [name]);
    if (rows[0]!.ok) return client;
    if (Date.now() > deadline) {
      await client.end();
      throw new Error(`another bench run holds ${name}; gave up after ${Math.round(waitMs / 1000)} s`);
    }
    if (!told) log(`waiting for another bench run using ${name} to finish`);
    told = true;
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
