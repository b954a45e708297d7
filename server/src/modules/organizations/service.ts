/**
 * Organizations use cases: create, list, the public page, edit, verify. Staff and their invitations
 * are in staff.ts. Reading is open to everyone, signed out too (the organization's human face).
 */
import { randomBytes } from 'node:crypto';
import type {
  CreateOrganizationBody,
  ListOrganizationsQuery,
  Organization,
  OrganizationList,
  OrganizationPage,
  UpdateOrganizationBody,
} from '@circles/shared';
import { and, asc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { groups, organizations, organizationStaff } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError, isUniqueViolation } from '../../lib/appError.js';
import { decodeCursor, encodeCursor, isUuid } from '../groups/cursor.js';
import { selectGroupViews, toGroup } from '../groups/groupView.js';
import { searchWords, slugBase, slugCandidate } from '../groups/text.js';
import { selectEvents, toLiveEvents } from '../liveEvents/views.js';
import { recordAudit } from '../moderation/audit.js';
import { loadOrganizationAccess } from './access.js';
import { assertOrgAdmin, assertSiteAdmin } from './policy.js';
import { loadOrganization, organizationColumns, toOrganizations } from './views.js';

const SLUG_CANDIDATES = 20;
const CREATE_ATTEMPTS = 5;
/** The public page shows this many upcoming events. */
const PAGE_EVENTS = 20;

async function freeSlug(db: Queryable, base: string): Promise<string> {
  const candidates = Array.from({ length: SLUG_CANDIDATES }, (_, i) => slugCandidate(base, i + 1));
  const taken = new Set(
    (await db.select({ slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, candidates))).map((r) => r.slug),
  );
  return candidates.find((c) => !taken.has(c)) ?? `${slugCandidate(base, 0)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates an organization; the creator is its first admin (accepted staff, with `title` if given).
 * It starts unverified: only a site admin's check adds the badge. Any signed-in user.
 */
export async function createOrganization(actor: Actor, input: CreateOrganizationBody, deps: Deps): Promise<Organization> {
  const base = slugBase(input.name).replace(/^group$/, 'organization');
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    try {
      const id = await deps.db.transaction(async (tx) => {
        const slug = await freeSlug(tx, base);
        const [created] = await tx
          .insert(organizations)
          .values({
            slug,
            name: input.name,
            kind: input.kind,
            description: input.description,
            website: input.website ?? null,
            location: input.location ?? null,
            createdBy: actor.userId,
          })
          .returning({ id: organizations.id });
        await tx.insert(organizationStaff).values({
          organizationId: created!.id,
          userId: actor.userId,
          title: input.title ?? '',
          role: 'admin',
          status: 'accepted',
          invitedBy: actor.userId,
          acceptedAt: sql`now()`,
        });
        return created!.id;
      });
      return loadOrganization(deps.db, { id }, actor.userId);
    } catch (err) {
      // Two organizations of the same name at the same instant: the slug index refused one; pick again.
      if (isUniqueViolation(err)) continue;
      throw err;
    }
  }
  throw new AppError('CONFLICT', 'organizations.noFreeSlug');
}

/**
 * Organizations by name (A→Z), optionally only verified ones, optionally matching words of the name
 * (accents and case folded, every word must match, the last may be a prefix). Anyone, signed out too.
 */
export async function listOrganizations(actor: Actor | null, query: ListOrganizationsQuery, deps: Deps): Promise<OrganizationList> {
  const filters: SQL[] = [];
  const words = searchWords(query.q);
  if (words.length === 0 && query.q?.trim()) return { items: [], nextCursor: null };
  for (const word of words) {
    filters.push(sql`circles_unaccent(lower(${organizations.name})) like ${`%${word.replace(/[\\%_]/g, '\\$&')}%`}`);
  }
  if (query.verified === 'true') filters.push(isNotNull(organizations.verifiedAt));
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { n: 'string', id: 'string' });
    if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
    filters.push(sql`(${organizations.name}, ${organizations.id}) > (${c.n}, ${c.id}::uuid)`);
  }
  const rows = await deps.db
    .select(organizationColumns)
    .from(organizations)
    .where(and(...filters))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: await toOrganizations(deps.db, page, actor?.userId ?? null),
    nextCursor: hasMore && last ? encodeCursor({ n: last.name, id: last.id }) : null,
  };
}

/**
 * The public page: the organization, the groups it hosts (public and private: cards only, as any
 * group list shows them) and the upcoming events of its public groups (a private group's events are
 * its members' business). Anyone, signed out too. NOT_FOUND.
 */
export async function getOrganizationPage(actor: Actor | null, slug: string, deps: Deps): Promise<OrganizationPage> {
  const organization = await loadOrganization(deps.db, { slug }, actor?.userId ?? null);
  const [groupRows, eventRows] = await Promise.all([
    selectGroupViews(deps.db, actor).where(eq(groups.organizationId, organization.id)).orderBy(asc(groups.name)).limit(100),
    selectEvents(
      deps.db,
      actor?.userId ?? null,
      sql`g.organization_id = ${organization.id}::uuid and g.visibility = 'public' and e.status in ('scheduled', 'live')
          and e.ends_at > ${deps.clock.now()}`,
      sql`order by e.starts_at, e.id limit ${PAGE_EVENTS}`,
    ),
  ]);
  return { organization, groups: groupRows.map(toGroup), events: await toLiveEvents(deps.db, eventRows) };
}

/** Edits the organization's public details (`null` clears website or location). Organization admins. NOT_FOUND, FORBIDDEN. */
export async function updateOrganization(actor: Actor, slug: string, input: UpdateOrganizationBody, deps: Deps): Promise<Organization> {
  const access = await loadOrganizationAccess(deps.db, actor, slug);
  assertOrgAdmin(access);
  const changes: Partial<typeof organizations.$inferInsert> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.kind !== undefined) changes.kind = input.kind;
  if (input.description !== undefined) changes.description = input.description;
  if (input.website !== undefined) changes.website = input.website;
  if (input.location !== undefined) changes.location = input.location;
  if (Object.keys(changes).length > 0) {
    await deps.db.update(organizations).set(changes).where(eq(organizations.id, access.organization.id));
  }
  return loadOrganization(deps.db, { id: access.organization.id }, actor.userId);
}

/**
 * Sets or clears the verified badge: it appears on the page and on every affiliation with this
 * organization at once (affiliations are read live). Audited in the site-wide log. Site admins. NOT_FOUND, FORBIDDEN.
 */
export async function setOrganizationVerified(actor: Actor, slug: string, verified: boolean, deps: Deps): Promise<Organization> {
  assertSiteAdmin(actor);
  const id = await inTransaction(deps, async (tx) => {
    const access = await loadOrganizationAccess(tx, actor, slug, { forUpdate: true });
    if (access.organization.verified !== verified) {
      await tx
        .update(organizations)
        .set(verified ? { verifiedAt: deps.clock.now(), verifiedBy: actor.userId } : { verifiedAt: null, verifiedBy: null })
        .where(eq(organizations.id, access.organization.id));
      await recordAudit(tx, {
        groupId: null,
        actorId: actor.userId,
        action: verified ? 'organization_verify' : 'organization_unverify',
        targetType: 'organization',
        targetId: access.organization.id,
        data: { slug: access.organization.slug, name: access.organization.name },
      });
    }
    return access.organization.id;
  });
  return loadOrganization(deps.db, { id }, actor.userId);
}
