/**
 * The audience function: who may receive a group's live events, a notification about its content or
 * an email about it — asked at delivery time, never remembered from when the event happened.
 *
 * The rule: someone who may read the group (groups/policy.ts `canRead`: anyone signed in for a public
 * group, active members for a private one, site admins everywhere), is not banned from it (a ban in
 * force; admins are exempt as they are from every group rule), and whose account is neither suspended
 * nor deleted. Joining a live room is authorized by the same rule, and whatever changes it (a ban,
 * a removal, a private switch, a suspension, a deletion) evicts the sockets it no longer admits
 * (evictions.ts), so a room broadcast reaches exactly this audience.
 *
 * It exists in two forms kept side by side: `mayReceive` judges one GroupAccess the caller already
 * holds (a room join costs no extra query), and `audienceSql` is the same rule as a SQL predicate for
 * set-based deliveries inside a statement (the reply and mention notifications written by the send
 * statement, so the send stays one round trip). tests/api/moderation.audience.test.ts checks that both
 * forms agree on every kind of person.
 *
 * A moderation notice to the person a moderator acted on (you were banned, muted, removed) is not a
 * group delivery and does not go through this: it reaches them precisely because they lost access.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../lib/appError.js';
import { rowsOf } from '../messages/rows.js';
import { canRead, isModerator, type GroupAccess, type MembershipRef } from '../groups/policy.js';

/** The room / notification rule for someone whose access is loaded (their account is live: they are the actor). */
export const mayReceive = (access: GroupAccess): boolean => canRead(access) && (!access.banned || access.actor.isAdmin);

/** BANNED or NOT_A_MEMBER for someone `mayReceive` refuses (joining a live room). */
export function assertMayReceive(access: GroupAccess): void {
  if (mayReceive(access)) return;
  if (access.banned) throw new AppError('BANNED', 'groups.banned');
  throw new AppError('NOT_A_MEMBER', 'groups.joinToRead');
}

/**
 * The same rule as SQL: true when the user named by `userId` (a column or a value) may receive
 * group `groupId`'s content now. Suspension and deletion are checked here too (the actor of
 * `mayReceive` has passed them at sign-in).
 */
export const audienceSql = (groupId: SQL | string, userId: SQL | string): SQL => sql`exists (
    select 1 from users au join groups ag on ag.id = ${groupId}::uuid
    left join memberships am on am.group_id = ag.id and am.user_id = au.id
    where au.id = ${userId}::uuid and au.deleted_at is null
      and not (au.suspended_at is not null and (au.suspended_until is null or au.suspended_until > now()))
      and (au.is_admin or (
        (ag.visibility = 'public' or am.status = 'active')
        and not exists (select 1 from group_bans ab where ab.group_id = ag.id and ab.user_id = au.id
                          and (ab.until is null or ab.until > now())))))`;

interface CandidateRow {
  userId: string;
  isAdmin: boolean;
  live: boolean;
  role: MembershipRef['role'] | null;
  status: MembershipRef['status'] | null;
  banned: boolean;
  groupId: string;
  slug: string;
  name: string;
  visibility: 'public' | 'private';
}

/** Each candidate's standing in the group, in one query, judged by the policy's own predicates. */
async function standings(db: Queryable, groupId: string, who: SQL): Promise<Array<{ access: GroupAccess; live: boolean }>> {
  const rows = await rowsOf<CandidateRow>(
    db,
    sql`select u.id as "userId", u.is_admin as "isAdmin",
          (u.deleted_at is null and not (u.suspended_at is not null and (u.suspended_until is null or u.suspended_until > now()))) as "live",
          m.role, m.status,
          exists (select 1 from group_bans b where b.group_id = g.id and b.user_id = u.id and (b.until is null or b.until > now())) as "banned",
          g.id as "groupId", g.slug, g.name, g.visibility
        from groups g join users u on ${who}
        left join memberships m on m.group_id = g.id and m.user_id = u.id
        where g.id = ${groupId}::uuid`,
  );
  return rows.map((r) => ({
    live: Boolean(r.live),
    access: {
      actor: { userId: r.userId, sessionId: '', isAdmin: Boolean(r.isAdmin) },
      group: { id: r.groupId, slug: r.slug, name: r.name, visibility: r.visibility, slowModeSeconds: 0, blockedTerms: [], archivedAt: null },
      membership: r.role && r.status ? { role: r.role, status: r.status } : null,
      banned: Boolean(r.banned),
      mutedUntil: null,
      muteReason: null,
    },
  }));
}

/**
 * Of `userIds`, those who may receive group `groupId`'s events, notifications and emails now. One
 * query whatever the number of people. Unknown ids and a missing group give an empty set.
 */
export async function audienceOf(db: Queryable, groupId: string, userIds: Iterable<string>): Promise<Set<string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Set();
  const candidates = await standings(db, groupId, sql`u.id = any(${sql.param(ids)}::uuid[])`);
  return new Set(candidates.filter((c) => c.live && mayReceive(c.access)).map((c) => c.access.actor.userId));
}

/**
 * The group's moderators (its owners and moderators, as the policy counts them) who may receive
 * its events now: where moderator-only events (`report:new`) go. A moderator demoted, removed,
 * banned or suspended is not among them from that moment.
 */
export async function moderatorAudience(db: Queryable, groupId: string): Promise<string[]> {
  const candidates = await standings(db, groupId, sql`u.id in (select user_id from memberships where group_id = ${groupId}::uuid and role in ('owner', 'moderator'))`);
  return candidates.filter((c) => c.live && mayReceive(c.access) && isModerator(c.access)).map((c) => c.access.actor.userId);
}
