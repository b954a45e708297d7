/** Deleting a message, for its author, a moderator (service.ts) and a report's resolution (moderation). */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { rowsOf } from './rows.js';

/**
 * Turns a message into a tombstone (body null, deletedAt set, mentions cleared) and withdraws the
 * mention and reply notifications that quoted it, in one statement. False when it was already deleted.
 * The caller announces `message:deleted` after commit.
 */
export async function softDeleteMessage(db: Queryable, id: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`with d as (
          update messages set body = null, deleted_at = now(), mentions = '{}'
          where id = ${id}::bigint and deleted_at is null
          returning id, mentions as old_mentions, reply_to_id
        ), withdrawn as (
          delete from notifications n
          where n.type in ('mention', 'reply') and n.data->>'messageId' = ${id}
            and n.user_id in (
              select unnest(m.mentions) from messages m where m.id = ${id}::bigint
              union select p.author_id from messages p join messages m on p.id = m.reply_to_id where m.id = ${id}::bigint)
        )
        select id::text as "id" from d`,
  );
  return rows.length > 0;
}
