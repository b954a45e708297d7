/**
 * How organizations are shown: the contract's Organization with its accepted staff, built for a page
 * of organizations in two queries (the organizations, then every staff member of all of them), never
 * a query per organization.
 */
import type { Organization, OrganizationKind, StaffMember, StaffRole } from '@circles/shared';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { clinicianCredentials, organizationStaff, organizations, users } from '../../db/schema.js';
import { AppError } from '../../lib/appError.js';
import { iso, isoOrNull } from '../../lib/time.js';
import { activeCredentialJoin, publicUserColumns, toPublicUser } from '../accounts/publicUser.js';

export const organizationColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  kind: organizations.kind,
  description: organizations.description,
  website: organizations.website,
  location: organizations.location,
  verifiedAt: organizations.verifiedAt,
  createdAt: organizations.createdAt,
};

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  description: string;
  website: string | null;
  location: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
}

/** Accepted staff of these organizations (live accounts only), admins first, then by when they joined. */
async function loadStaff(db: Queryable, organizationIds: string[]): Promise<Map<string, Array<StaffMember & { userId: string }>>> {
  const result = new Map<string, Array<StaffMember & { userId: string }>>();
  if (organizationIds.length === 0) return result;
  const rows = await db
    .select({ ...publicUserColumns, organizationId: organizationStaff.organizationId, title: organizationStaff.title, role: organizationStaff.role })
    .from(organizationStaff)
    .innerJoin(users, eq(users.id, organizationStaff.userId))
    .leftJoin(clinicianCredentials, activeCredentialJoin)
    .where(and(inArray(organizationStaff.organizationId, organizationIds), eq(organizationStaff.status, 'accepted'), isNull(users.deletedAt)))
    .orderBy(asc(sql`(case ${organizationStaff.role} when 'admin' then 0 else 1 end)`), asc(organizationStaff.acceptedAt), asc(users.id));
  for (const row of rows) {
    const list = result.get(row.organizationId) ?? [];
    list.push({ userId: row.id, user: toPublicUser(row), title: row.title, role: row.role });
    result.set(row.organizationId, list);
  }
  return result;
}

/** Shapes rows into Organizations for `viewerId` (null signed out: `myRole` is null). */
export async function toOrganizations(db: Queryable, rows: OrganizationRow[], viewerId: string | null): Promise<Organization[]> {
  const staff = await loadStaff(db, rows.map((r) => r.id));
  return rows.map((row) => {
    const members = staff.get(row.id) ?? [];
    const mine = viewerId ? members.find((m) => m.userId === viewerId) : undefined;
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      description: row.description,
      website: row.website,
      location: row.location,
      verified: row.verifiedAt !== null,
      verifiedAt: isoOrNull(row.verifiedAt),
      staff: members.map(({ user, title, role }) => ({ user, title, role })),
      createdAt: iso(row.createdAt),
      myRole: (mine?.role as StaffRole | undefined) ?? null,
    };
  });
}

export async function selectOrganizationRows(db: Queryable, where: SQL): Promise<OrganizationRow[]> {
  return db.select(organizationColumns).from(organizations).where(where);
}

/** One organization as `viewerId` sees it. NOT_FOUND. */
export async function loadOrganization(db: Queryable, where: { id: string } | { slug: string }, viewerId: string | null): Promise<Organization> {
  const rows = await selectOrganizationRows(db, 'id' in where ? eq(organizations.id, where.id) : eq(organizations.slug, where.slug));
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'organizations.notFound');
  const [organization] = await toOrganizations(db, rows, viewerId);
  return organization!;
}
