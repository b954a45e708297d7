/**
 * Named statements for the hottest reads (a group's access, a history page). The SQL is compiled once
 * per process; on PostgreSQL each pooled connection then parses and plans it once and afterwards only
 * binds the values, which was most of these reads' database time. Building the query text and its
 * name on every call cost more Node time than the rest of the handler.
 *
 * Inside a transaction, and on the embedded database, the same SQL runs as an ordinary query.
 */
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Queryable } from './client.js';

const dialect = new PgDialect();
// Names defined so far: a check made once at import, when the statement table is built (no runtime state).
const names = new Set<string>();

/** In the statement's builder each named value stands for a placeholder on PostgreSQL, the value itself elsewhere. */
export type StatementValues<P> = Readonly<P>;

export interface Statement<P, R> {
  (db: Queryable, values: P): Promise<R[]>;
  /** The SQL text PostgreSQL prepares. */
  readonly text: string;
  /** PostgreSQL's plan for these values, as `EXPLAIN (FORMAT JSON)` gives it (plan checks in tests). */
  explain(db: Queryable, values: P): Promise<unknown>;
}

/**
 * Defines a statement once: `build` writes it with `${p.name}` wherever a value goes. Names are
 * unique per process: PostgreSQL refuses a name prepared before with different text.
 */
export function defineStatement<P extends Record<string, unknown>, R>(
  name: string,
  build: (p: StatementValues<P>) => SQL,
): Statement<P, R> {
  if (names.has(name)) throw new Error(`statement ${name} is defined twice`);
  names.add(name);
  const placeholders = new Proxy({}, { get: (_target, key) => sql.placeholder(String(key)) }) as StatementValues<P>;
  const compiled = dialect.sqlToQuery(build(placeholders));

  const run = async (db: Queryable, values: P): Promise<R[]> => {
    const client = (db as { $client?: unknown }).$client;
    if (client instanceof pg.Pool) {
      const result = await client.query({ name, text: compiled.sql, values: fillPlaceholders(compiled.params, values) });
      return result.rows as R[];
    }
    const result = (await db.execute(build(values as StatementValues<P>))) as unknown as { rows: R[] };
    return result.rows;
  };
  const explain = async (db: Queryable, values: P): Promise<unknown> => {
    const result = (await db.execute(sql`explain (format json) ${build(values as StatementValues<P>)}`)) as unknown as {
      rows: Array<Record<string, unknown>>;
    };
    const plan = Object.values(result.rows[0] ?? {})[0];
    return typeof plan === 'string' ? JSON.parse(plan) : plan;
  };
  return Object.assign(run, { text: compiled.sql, explain });
}

/**
 * A statement that comes in a few fixed variants (a direction, a page size, optional clauses): each
 * variant is its own named statement, defined on first use under the name `nameOf(variant)` gives.
 */
export function statementVariants<V, P extends Record<string, unknown>, R>(
  nameOf: (variant: V) => string,
  build: (variant: V, p: StatementValues<P>) => SQL,
): (variant: V) => Statement<P, R> {
  const defined = new Map<string, Statement<P, R>>();
  return (variant) => {
    const name = nameOf(variant);
    let statement = defined.get(name);
    if (!statement) defined.set(name, (statement = defineStatement<P, R>(name, (p) => build(variant, p))));
    return statement;
  };
}
