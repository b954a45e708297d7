/**
 * Reading message rows. Raw SQL with explicit casts so both drivers (pg and PGlite) return the same
 * JavaScript values: ids as text (bigints stay exact), timestamps as ISO-8601 UTC.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { MessageRef } from './policy.js';

/** ISO-8601 in UTC with milliseconds, the same text `Date#toISOString` makes. */
export const isoSql = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Runs a query and returns its rows. The hot statements (a send, a history page, a group's access)
 * are named statements instead: see db/statement.ts.
 */
export async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
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
  eventHost: boolean;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export const messageColumns = sql`m.id::text as "id", m.group_id as "groupId", m.author_id as "authorId", m.client_id as "clientId",
  m.body, m.reply_to_id::text as "replyToId", m.mentions::text[] as "mentions", m.event_host as "eventHost",
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
