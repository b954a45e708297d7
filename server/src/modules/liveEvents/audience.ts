/**
 * Who of some people may receive an event's notifications now. A stand-in until the moderation
 * issue's audience function (`modules/moderation/audience.ts`, `audienceOf`) is on main: it judges
 * each person with the read rule of groups/policy.ts (`canRead`) at delivery time, refuses anyone
 * banned from the group, and skips deleted and suspended accounts. Switch the one call in jobs.ts
 * to `audienceOf` when it lands.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { canRead, type GroupAccess, type MembershipRef } from '../groups/policy.js';
import { rowsOf } from '../messages/rows.js';

interface StandingRow {
  userId: string;
  isAdmin: boolean;
  live: boolean;
  role: MembershipRef['role'] | null;
  status: MembershipRef['status'] | null;
  banned: boolean;
  visibility: 'public' | 'private';
  slug: string;
  name: string;
}

export async function readersAmong(db: Queryable, groupId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await rowsOf<StandingRow>(
    db,
    sql`select u.id as "userId", u.is_admin as "isAdmin",
          (u.deleted_at is null and (u.suspended_until is null or u.suspended_until <= now())) as "live",
          m.role, m.status, g.visibility, g.slug, g.name,
          exists (select 1 from group_bans b where b.group_id = g.id and b.user_id = u.id) as "banned"
        from groups g join users u on u.id = any(${sql.param(userIds)}::uuid[])
        left join memberships m on m.group_id = g.id and m.user_id = u.id
        where g.id = ${groupId}::uuid`,
  );
  const readers = new Set<string>();
  for (const r of rows) {
    const access: GroupAccess = {
      actor: { userId: r.userId, sessionId: '', isAdmin: Boolean(r.isAdmin) },
      group: { id: groupId, slug: r.slug, name: r.name, visibility: r.visibility, slowModeSeconds: 0, blockedTerms: [] },
      membership: r.role && r.status ? { role: r.role, status: r.status } : null,
      banned: Boolean(r.banned),
    };
    if (r.live && canRead(access) && (!access.banned || access.actor.isAdmin)) readers.add(r.userId);
  }
  return readers;
}
