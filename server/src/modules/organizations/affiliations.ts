/**
 * Affiliations: the accepted staff roles a person holds, shown beside their name wherever they
 * appear (PublicUser.affiliations). They are read with the person, in the same statement, never
 * remembered: an accepted invitation shows on the next message, a removal ends it at once, a
 * verification adds the badge everywhere at once.
 *
 * Cheap by construction: `organization_staff_affiliation_idx` is a partial index over accepted rows
 * by user, so a person with no affiliation (nearly everyone) costs one probe that finds nothing.
 */
import type { Affiliation } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';

/** One affiliation as JSON, over `s` (organization_staff) joined to `o` (organizations). */
const affiliationJson = sql`jsonb_build_object('orgSlug', o.slug, 'orgName', o.name, 'title', s.title, 'verified', o.verified_at is not null)`;
/** Verified organizations first, then by name: the order every list shows. */
const affiliationOrder = sql`(o.verified_at is null), o.name, o.slug`;

/** The affiliations of the user `userId` (a column or a value) as a JSON array, `[]` for none. */
export const affiliationsSql = (userId: SQL): SQL => sql`coalesce((
    select jsonb_agg(${affiliationJson} order by ${affiliationOrder})
    from organization_staff s join organizations o on o.id = s.organization_id
    where s.user_id = ${userId} and s.status = 'accepted'), '[]'::jsonb)`;

/**
 * The affiliations of every user in `userIds` (a subquery or an array), one row per user who has any:
 * `select user_id, list`. For a page of rows by many authors: join it once instead of probing per row.
 */
export const affiliationsByUserSql = (userIds: SQL): SQL => sql`
    select s.user_id, jsonb_agg(${affiliationJson} order by ${affiliationOrder}) as list
    from organization_staff s join organizations o on o.id = s.organization_id
    where s.status = 'accepted' and s.user_id in (${userIds})
    group by s.user_id`;

/** What the drivers return for an affiliations column (JSON parsed; text when a driver leaves it as text). */
export function toAffiliations(value: unknown): Affiliation[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? (list as Affiliation[]) : [];
}
