/**
 * The migrations produce exactly the schema the code declares (server/src/db/schema.ts): the same
 * tables, columns (type, nullability, default present or not), indexes, checks and foreign keys, in both
 * directions. A column added to schema.ts without `npm run db:generate`, a hand-written migration that
 * forgets a column or adds an index the code does not know, fails here.
 */
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../server/src/db/schema.js';
import { rowsOf } from '../../server/src/modules/messages/rows.js';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase.js';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

const declaredTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

/** Drizzle's spelling of a type → PostgreSQL's `format_type()` spelling. */
function normalType(type: string): string {
  return type
    .replace(/^bigserial$/, 'bigint')
    .replace(/^serial$/, 'integer')
    .replace(/^varchar/, 'character varying')
    .replace(/^timestamp with time zone$/, 'timestamp with time zone')
    .replace(/^timestamp$/, 'timestamp without time zone')
    .replace(/^timestamp \((\d)\) with time zone$/, 'timestamp($1) with time zone')
    .replace(/^double precision$/, 'double precision');
}

interface DbColumn {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

async function databaseColumns(): Promise<DbColumn[]> {
  return rowsOf<DbColumn>(
    tdb.database.db,
    sql`select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
               a.attnotnull as "notNull", (a.atthasdef or a.attidentity <> '') as "hasDefault"
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`,
  );
}

async function databaseNames(kind: 'index' | 'check' | 'foreign'): Promise<string[]> {
  const rows =
    kind === 'index'
      ? await rowsOf<{ name: string }>(
          tdb.database.db,
          // Indexes behind primary keys and unique constraints are the constraints' own.
          sql`select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid
              join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
              where n.nspname = 'public' and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`,
        )
      : await rowsOf<{ name: string }>(
          tdb.database.db,
          sql`select k.conname as name from pg_constraint k join pg_namespace n on n.oid = k.connamespace
              where n.nspname = 'public' and k.contype = ${kind === 'check' ? 'c' : 'f'}`,
        );
  return rows.map((r) => r.name).sort();
}

const migrationBookkeeping = new Set(['__drizzle_migrations']);

describe('the migrations and schema.ts', () => {
  it('declare the same tables', async () => {
    const inDb = [...new Set((await databaseColumns()).map((c) => c.table))].filter((t) => !migrationBookkeeping.has(t)).sort();
    expect(inDb).toEqual(declaredTables.map((t) => t.name).sort());
  });

  it('give every table the same columns: type, nullability, and whether it has a default', async () => {
    const inDb = (await databaseColumns())
      .filter((c) => !migrationBookkeeping.has(c.table))
      .map((c) => `${c.table}.${c.column}: ${c.type}${c.notNull ? ' not null' : ''}${c.hasDefault ? ' default' : ''}`)
      .sort();
    const declared = declaredTables
      .flatMap((t) =>
        t.columns.map((c) => {
          const type = normalType(c.getSQLType());
          const hasDefault = c.hasDefault || /serial$/.test(c.getSQLType()) || c.generated !== undefined || c.generatedIdentity !== undefined;
          return `${t.name}.${c.name}: ${type}${c.notNull ? ' not null' : ''}${hasDefault ? ' default' : ''}`;
        }),
      )
      .sort();
    expect(inDb).toEqual(declared);
  });

  it('have the same indexes, checks and foreign keys by name', async () => {
    // PostgreSQL cuts identifiers at 63 bytes (NAMEDATALEN); drizzle names long foreign keys in full.
    const declared = (pick: (t: (typeof declaredTables)[number]) => string[]) => declaredTables.flatMap(pick).map((n) => n.slice(0, 63)).sort();
    expect(await databaseNames('index')).toEqual(declared((t) => t.indexes.map((i) => i.config.name!)));
    expect(await databaseNames('check')).toEqual(declared((t) => t.checks.map((c) => c.name)));
    expect(await databaseNames('foreign')).toEqual(declared((t) => t.foreignKeys.map((f) => f.getName())));
  });
});
