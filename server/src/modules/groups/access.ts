/**
 * Loads a group together with the actor's standing in it, in one query, for the policy to judge.
 * The access columns are also exported as SQL so that a hot read (a history page) can fetch them in
 * its own statement instead of a second round trip; the policy still judges them in code.
 */
import { sql, type SQL } from 'drizzle-orm';
import { defineStatement } from '../../db/statement.js';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import type { GroupAccess } from './policy.js';

/** The row `groupAccessSelect` returns; names are prefixed so they can sit beside any other columns. */
export interface GroupAccessRow {
  accessGroupId: string;
  accessSlug: string;
  accessName: string;
  accessVisibility: 'public' | 'private';
  accessSlowModeSeconds: number;
  accessBlockedTerms: string[];
  accessArchivedAt: string | null;
  accessRole: 'owner' | 'moderator' | 'member' | null;
  accessStatus: 'active' | 'pending' | null;
  accessBanned: boolean;
  accessMutedUntil: string | null;
  accessMuteReason: string | null;
}

/**
 * `select` of the access row for `userId` in the groups matching `where` (written over `g`, the
 * groups table): the group's fields, the user's membership (role, status), whether a ban is in force
 * and their mute, if one is (moderation/bans.ts and mutes.ts own those rows; a timed one stops
 * counting at `until` even before its ending job has run).
 */
export const groupAccessSelect = (userId: unknown, where: SQL) =>
  sql`select g.id as "accessGroupId", g.slug as "accessSlug", g.name as "accessName", g.visibility as "accessVisibility",
        g.slow_mode_seconds as "accessSlowModeSeconds", g.blocked_terms as "accessBlockedTerms",
        to_char(g.archived_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "accessArchivedAt",
        ms.role as "accessRole", ms.status as "accessStatus",
        exists (select 1 from group_bans b where b.group_id = g.id and b.user_id = ${userId}::uuid
                  and (b.until is null or b.until > now())) as "accessBanned",
        to_char(gm.until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "accessMutedUntil", gm.reason as "accessMuteReason"
      from groups g
      left join memberships ms on ms.group_id = g.id and ms.user_id = ${userId}::uuid
      left join group_mutes gm on gm.group_id = g.id and gm.user_id = ${userId}::uuid and gm.until > now()
      where ${where}`;

export function toGroupAccess(actor: Actor, row: GroupAccessRow): GroupAccess {
  return {
    actor,
    group: {
      id: row.accessGroupId,
      slug: row.accessSlug,
      name: row.accessName,
      visibility: row.accessVisibility,
      slowModeSeconds: row.accessSlowModeSeconds,
      blockedTerms: row.accessBlockedTerms,
      archivedAt: row.accessArchivedAt ?? null,
    },
    membership: row.accessRole && row.accessStatus ? { role: row.accessRole, status: row.accessStatus } : null,
    banned: Boolean(row.accessBanned),
    mutedUntil: row.accessMutedUntil ?? null,
    muteReason: row.accessMutedUntil ? (row.accessMuteReason ?? '') : null,
  };
}

// Every group-scoped request starts with one of these, so they are named statements.
const accessBySlug = defineStatement<{ userId: string; slug: string }, GroupAccessRow>('group_access_by_slug', (p) =>
  groupAccessSelect(p.userId, sql`g.slug = ${p.slug}`),
);
const accessById = defineStatement<{ userId: string; groupId: string }, GroupAccessRow>('group_access_by_id', (p) =>
  groupAccessSelect(p.userId, sql`g.id = ${p.groupId}::uuid`),
);

/** NOT_FOUND when no group has this slug. */
export async function loadGroupAccessBySlug(db: Queryable, actor: Actor, slug: string): Promise<GroupAccess> {
  const [row] = await accessBySlug(db, { userId: actor.userId, slug });
  if (!row) throw new AppError('NOT_FOUND', 'groups.notFound');
  return toGroupAccess(actor, row);
}

/** For content addressed by its own id (a message, a question): the group it lives in. */
export async function loadGroupAccessById(db: Queryable, actor: Actor, groupId: string): Promise<GroupAccess> {
  const [row] = await accessById(db, { userId: actor.userId, groupId });
  if (!row) throw new AppError('NOT_FOUND', 'groups.notFound');
  return toGroupAccess(actor, row);
}
