/**
 * How a group is shown to one caller: the contract's Group shape, with the caller's own membership.
 * Every read (list, search, one group, my groups) selects these same columns, so the shape is built
 * in one place and always in the same query as the rows (never one extra query per group).
 */
import type { Group } from '@circles/shared';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { conditions, groups, memberships } from '../../db/schema.js';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { iso } from '../../lib/time.js';

export const groupViewColumns = {
  id: groups.id,
  slug: groups.slug,
  name: groups.name,
  description: groups.description,
  rules: groups.rules,
  visibility: groups.visibility,
  memberCount: groups.memberCount,
  createdAt: groups.createdAt,
  archivedAt: groups.archivedAt,
  slowModeSeconds: groups.slowModeSeconds,
  conditionSlug: conditions.slug,
  conditionName: conditions.name,
  conditionCategory: conditions.category,
  myRole: memberships.role,
  myStatus: memberships.status,
  // The caller's mute, while it lasts (only members can be muted: no membership, no mute).
  myMutedUntil: sql<string | null>`(select to_char(gm.until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from group_mutes gm
    where gm.group_id = ${groups.id} and gm.user_id = ${memberships.userId} and gm.until > now())`,
  myMuteReason: sql<string | null>`(select gm.reason from group_mutes gm
    where gm.group_id = ${groups.id} and gm.user_id = ${memberships.userId} and gm.until > now())`,
  /** The hosting organization, if any: a primary-key probe per group, in the same statement. */
  organization: sql<{ slug: string; name: string; verified: boolean } | null>`(select jsonb_build_object('slug', o.slug, 'name', o.name,
    'verified', o.verified_at is not null) from organizations o where o.id = ${groups.organizationId})`,
  /** Exact creation time in whole microseconds, for keyset cursors. */
  createdMicros: sql<string>`(extract(epoch from ${groups.createdAt}) * 1000000)::bigint::text`,
};

export type GroupViewRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  rules: string;
  visibility: 'public' | 'private';
  memberCount: number;
  createdAt: Date;
  archivedAt: Date | null;
  slowModeSeconds: number;
  conditionSlug: string;
  conditionName: string;
  conditionCategory: string;
  myRole: 'owner' | 'moderator' | 'member' | null;
  myStatus: 'active' | 'pending' | null;
  myMutedUntil: string | null;
  myMuteReason: string | null;
  organization: { slug: string; name: string; verified: boolean } | string | null;
  createdMicros: string;
};

/** The timestamp a micros cursor field stands for, computed exactly in SQL. */
export const microsToTimestamp = (micros: string): SQL =>
  sql`(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;

/** The caller's membership row of each group; signed out (no actor), none. */
export const viewerMembershipJoin = (actor: Actor | null) =>
  actor ? and(eq(memberships.groupId, groups.id), eq(memberships.userId, actor.userId)) : sql`false`;

/** groups ⋈ conditions ⟕ the caller's membership. Add where / order / limit to taste. */
export function selectGroupViews(db: Queryable, actor: Actor | null) {
  return db
    .select(groupViewColumns)
    .from(groups)
    .innerJoin(conditions, eq(conditions.slug, groups.conditionSlug))
    .leftJoin(memberships, viewerMembershipJoin(actor));
}

export function toGroup(row: GroupViewRow): Group {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    rules: row.rules,
    condition: { slug: row.conditionSlug, name: row.conditionName, category: row.conditionCategory },
    visibility: row.visibility,
    memberCount: row.memberCount,
    createdAt: iso(row.createdAt),
    archivedAt: row.archivedAt ? iso(row.archivedAt) : null,
    myMembership:
      row.myRole && row.myStatus
        ? { role: row.myRole, status: row.myStatus, mutedUntil: row.myMutedUntil ?? null, muteReason: row.myMutedUntil ? (row.myMuteReason ?? '') : null }
        : null,
    settings: { slowModeSeconds: row.slowModeSeconds },
    organization: typeof row.organization === 'string' ? JSON.parse(row.organization) : (row.organization ?? null),
  };
}

/** One group as the caller sees it. NOT_FOUND when it does not exist. */
export async function loadGroupView(db: Queryable, actor: Actor | null, where: { id: string } | { slug: string }): Promise<Group> {
  const condition = 'id' in where ? eq(groups.id, where.id) : eq(groups.slug, where.slug);
  const [row] = await selectGroupViews(db, actor).where(condition);
  if (!row) throw new AppError('NOT_FOUND', 'groups.notFound');
  return toGroup(row);
}
