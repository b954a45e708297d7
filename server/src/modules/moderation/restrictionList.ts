/** The moderators' lists of mutes and bans in force: who, by whom, why, until when; newest first. */
import type { RestrictionList } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { decodeCursor, encodeCursor, isUuid } from '../groups/cursor.js';
import { microsToTimestamp } from '../groups/groupView.js';
import { AppError } from '../../lib/appError.js';
import { isoSql, rowsOf } from '../messages/rows.js';

/** A restriction as read: `micros` is its start time, exact, for the cursor. */
export interface RestrictionRow {
  userId: string;
  byId: string | null;
  reason: string;
  until: string | null;
  createdAt: string;
  micros: string;
}

const tables = {
  mutes: { table: sql`group_mutes`, by: sql`r.muted_by`, inForce: sql`r.until > now()` },
  bans: { table: sql`group_bans`, by: sql`r.banned_by`, inForce: sql`(r.until is null or r.until > now())` },
};

/** The keyset condition (`and …`) for the page after `cursor`: rows older than its (start, person). */
export function olderThanCursor(cursor: string | undefined, startedAt: SQL, userId: SQL): SQL {
  if (!cursor) return sql``;
  const c = decodeCursor(cursor, { t: 'micros', id: 'string' });
  if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
  return sql`and (${startedAt}, ${userId}) < (${microsToTimestamp(c.t)}, ${c.id}::uuid)`;
}

/**
 * Rows read newest first with one beyond `limit` (it says there is more) as the page the contract
 * shapes; the people named are loaded in one query. Mutes, bans and suspensions share it.
 */
export async function restrictionPage(db: Queryable, rows: RestrictionRow[], limit: number): Promise<RestrictionList> {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const users = await loadPublicUsers(db, page.flatMap((r) => (r.byId ? [r.userId, r.byId] : [r.userId])));
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      user: users.get(r.userId)!,
      by: r.byId ? (users.get(r.byId) ?? null) : null,
      reason: r.reason,
      until: r.until,
      createdAt: r.createdAt,
    })),
    nextCursor: hasMore && last ? encodeCursor({ t: last.micros, id: last.userId }) : null,
  };
}

export async function listRestrictions(
  db: Queryable,
  kind: keyof typeof tables,
  groupId: string,
  query: { limit: number; cursor?: string | undefined },
  onlyUserId?: string,
): Promise<RestrictionList> {
  const t = tables[kind];
  const rows = await rowsOf<RestrictionRow>(
    db,
    sql`select r.user_id as "userId", ${t.by} as "byId", r.reason, ${isoSql(sql`r.until`)} as "until",
               ${isoSql(sql`r.created_at`)} as "createdAt", (extract(epoch from r.created_at) * 1000000)::bigint::text as "micros"
        from ${t.table} r
        where r.group_id = ${groupId}::uuid and ${t.inForce}
          ${onlyUserId ? sql`and r.user_id = ${onlyUserId}::uuid` : sql``} ${olderThanCursor(query.cursor, sql`r.created_at`, sql`r.user_id`)}
        order by r.created_at desc, r.user_id desc
        limit ${query.limit + 1}`,
  );
  return restrictionPage(db, rows, query.limit);
}
