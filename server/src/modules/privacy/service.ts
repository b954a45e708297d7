/**
 * A person's own data: the export and the erasure at deletion, both driven by PERSONAL_DATA.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor, Deps } from '../../deps.js';
import { rowsOf } from '../messages/rows.js';
import { PERSONAL_DATA } from './personalData.js';

const EXPORT_ROWS_MAX = 50_000;
const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '')}"`);

/**
 * `GET /api/me/export`: everything Circles holds about the caller, one section per entry of
 * PERSONAL_DATA that has one (secrets such as token hashes are never among the columns). Any signed-in user.
 */
export async function exportMyData(actor: Actor, deps: Deps): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { exportedAt: deps.clock.now().toISOString() };
  for (const source of PERSONAL_DATA) {
    if (!source.section) continue;
    const rows = await rowsOf<Record<string, unknown>>(
      deps.db,
      sql`select ${sql.raw(source.columns ?? '*')} from ${ident(source.table)} where ${ident(source.column)} = ${actor.userId}::uuid limit ${EXPORT_ROWS_MAX}`,
    );
    if (source.section === 'profile') out.profile = rows[0] ?? null;
    else out[source.section] = [...((out[source.section] as unknown[]) ?? []), ...rows];
  }
  return out;
}

/**
 * Before a person's memberships go: each group whose only active owner they are passes to its
 * longest-serving active moderator, else its longest-serving active member; a group left with nobody
 * is archived (read-only). Returns the groups archived. In the deletion's transaction.
 */
export async function handOverGroups(tx: Queryable, userId: string): Promise<string[]> {
  const soleOwned = await rowsOf<{ groupId: string }>(
    tx,
    sql`select m.group_id as "groupId" from memberships m
        where m.user_id = ${userId}::uuid and m.role = 'owner' and m.status = 'active'
          and not exists (select 1 from memberships o where o.group_id = m.group_id and o.user_id <> m.user_id
                            and o.role = 'owner' and o.status = 'active')
        for update`,
  );
  const archived: string[] = [];
  for (const { groupId } of soleOwned) {
    const [heir] = await rowsOf<{ userId: string }>(
      tx,
      sql`select m.user_id as "userId" from memberships m join users u on u.id = m.user_id and u.deleted_at is null
          where m.group_id = ${groupId}::uuid and m.user_id <> ${userId}::uuid and m.status = 'active'
          order by (m.role = 'moderator') desc, m.joined_at asc nulls last, m.created_at asc limit 1`,
    );
    if (heir) {
      await tx.execute(sql`update memberships set role = 'owner' where group_id = ${groupId}::uuid and user_id = ${heir.userId}::uuid`);
    } else {
      await tx.execute(sql`update groups set archived_at = now() where id = ${groupId}::uuid and archived_at is null`);
      archived.push(groupId);
    }
  }
  return archived;
}

/** Deletes every `erase` row of PERSONAL_DATA for the person (memberships last, after the member counts). */
export async function eraseAccountData(tx: Queryable, userId: string): Promise<void> {
  await tx.execute(sql`
    update groups g set member_count = member_count - 1
    from memberships m where m.group_id = g.id and m.user_id = ${userId}::uuid and m.status = 'active'`);
  for (const source of PERSONAL_DATA) {
    if (source.onDelete !== 'erase') continue;
    await tx.execute(sql`delete from ${ident(source.table)} where ${ident(source.column)} = ${userId}::uuid`);
  }
}
