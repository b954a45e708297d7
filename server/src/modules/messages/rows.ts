/**
 * Reading message rows. Raw SQL with explicit casts so both drivers (pg and PGlite) return the same
 * JavaScript values: ids as text (bigints stay exact), timestamps as ISO-8601 UTC.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Queryable } from '../../db/client.js';
import type { MessageRef } from './policy.js';

/** ISO-8601 in UTC with milliseconds, the same text `Date#toISOString` makes. */
export const isoSql = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const dialect = new PgDialect();

/**
 * Runs a query and returns its rows. With `prepared`, on PostgreSQL the statement is prepared once per
 * pooled connection under a name derived from its text, so the hot paths (a send, a history page) are
 * planned once instead of on every call; planning was most of their database time. Inside a
 * transaction, and on the embedded database, it runs as an ordinary query.
 */
export async function rowsOf<T>(db: Queryable, query: SQL, options: { prepared?: boolean } = {}): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (options.prepared && client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const name = `circles_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    return (await client.query({ name, text, values: params })).rows as T[];
  }
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface MessageRow {
  id: string;
  groupId: string;
  authorId: string;
  clientId: string;
  body: string | null;
  replyToId: string | null;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export const messageColumns = sql`m.id::text as "id", m.group_id as "groupId", m.author_id as "authorId", m.client_id as "clientId",
  m.body, m.reply_to_id::text as "replyToId", m.mentions::text[] as "mentions",
  ${isoSql(sql`m.created_at`)} as "createdAt", ${isoSql(sql`m.edited_at`)} as "editedAt", ${isoSql(sql`m.deleted_at`)} as "deletedAt"`;

// ─── single messages ──────────────────────────────────────────────────────────────────────

export async function loadMessageRef(db: Queryable, id: string): Promise<MessageRef | null> {
  const [row] = await rowsOf<MessageRef>(
    db,
    sql`select id::text as "id", group_id as "groupId", author_id as "authorId", deleted_at is not null as "deleted"
        from messages where id = ${id}::bigint`,
  );
  return row ?? null;
}

export async function loadMessageRow(db: Queryable, id: string): Promise<MessageRow | null> {
  const [row] = await rowsOf<MessageRow>(db, sql`select ${messageColumns} from messages m where m.id = ${id}::bigint`);
  return row ?? null;
}
