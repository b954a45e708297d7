/**
 * Nodes starting together on an empty PostgreSQL database (a rolling deploy, compose replicas) apply
 * the migrations once, under an advisory lock, and all start: none fails on "already exists".
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.js';
import { testDatabaseUrl, withDatabaseName } from '../helpers/testDatabase.js';

describe.runIf(testDatabaseUrl)('migrations on PostgreSQL', () => {
  it('run once when three nodes start at the same moment on an empty database', async () => {
    const name = `circles_mig_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const nodes = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: withDatabaseName(testDatabaseUrl!, name), poolSize: 3 })));
    try {
      const results = await Promise.allSettled(nodes.map((n) => n.migrate()));
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
      const check = new pg.Client({ connectionString: withDatabaseName(testDatabaseUrl!, name) });
      await check.connect();
      const { rows } = await check.query('select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash');
      await check.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
      // And nothing is left holding the lock.
      const locks = await admin.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = $1)`, [name]);
      expect(locks.rows[0].n).toBe(0);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
