/** The moderators' lists of mutes and bans in force: who, by whom, why, until when; newest first. */
import type { RestrictionList } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { decodeCursor, encodeCursor, isUuid } from '../groups/cursor.js';
import { microsToTimestamp } from '../groups/groupView.js';
import { AppError } from '../../lib/appError.js';
import { isoSql, rowsOf } from '../messages/rows.js';

interface Row {
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

export async function listRestrictions(
  db: Queryable,
  kind: keyof typeof tables,
  groupId: string,
  query: { limit: number; cursor?: string | undefined },
  onlyUserId?: string,
): Promise<RestrictionList> {
  const t = tables[kind];
  let after = sql``;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { t: 'micros', id: 'string' });
    if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
    after = sql`and (r.created_at, r.user_id) < (${microsToTimestamp(c.t)}, ${c.id}::uuid)`;
  }
  const rows = await rowsOf<Row>(
    db,
    sql`select r.user_id as "userId", ${t.by} as "byId", r.reason, ${isoSql(sql`r.until`)} as "until",
               ${isoSql(sql`r.created_at`)} as "createdAt", (extract(epoch from r.created_at) * 1000000)::bigint::text as "micros"
        from ${t.table} r
        where r.group_id = ${groupId}::uuid and ${t.inForce}
          ${onlyUserId ? sql`and r.user_id = ${onlyUserId}::uuid` : sql``} ${after}
        order by r.created_at desc, r.user_id desc
        limit ${query.limit + 1}`,
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
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
