/**
 * PublicUser is how one person appears to everyone else: never an email. The clinician badge is
 * joined only while the credential is unexpired, so an expired badge disappears everywhere at once.
 */
import type { Affiliation, PublicUser } from '@circles/shared';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { clinicianCredentials, users } from '../../db/schema.js';
import { iso } from '../../lib/time.js';
import { affiliationsSql, toAffiliations } from '../organizations/affiliations.js';

export const DELETED_USER_NAME = 'Deleted user';

export const publicUserColumns = {
  id: users.id,
  displayName: users.displayName,
  bio: users.bio,
  isAdmin: users.isAdmin,
  createdAt: users.createdAt,
  deletedAt: users.deletedAt,
  clinicianSpecialty: clinicianCredentials.specialty,
  clinicianJurisdiction: clinicianCredentials.jurisdiction,
  clinicianVerifiedAt: clinicianCredentials.verifiedAt,
  clinicianExpiresAt: clinicianCredentials.expiresAt,
  /** Accepted staff roles (organizations/affiliations.ts), read in the same statement. */
  affiliations: sql<Affiliation[] | null>`${affiliationsSql(sql`${users.id}`)}`,
};

/** Join condition for the badge: only a credential that has not expired counts. */
export const activeCredentialJoin = and(
  eq(clinicianCredentials.userId, users.id),
  gt(clinicianCredentials.expiresAt, sql`now()`),
);

export interface PublicUserRow {
  id: string;
  displayName: string;
  bio: string;
  isAdmin: boolean;
  createdAt: Date;
  deletedAt: Date | null;
  clinicianSpecialty: string | null;
  clinicianJurisdiction: string | null;
  clinicianVerifiedAt: Date | null;
  clinicianExpiresAt: Date | null;
  /** Absent where a statement does not read them (then none are shown). */
  affiliations?: unknown;
}

export function toPublicUser(row: PublicUserRow): PublicUser {
  if (row.deletedAt) {
    return {
      id: row.id,
      displayName: DELETED_USER_NAME,
      bio: '',
      isAdmin: false,
      clinician: null,
      affiliations: [],
      createdAt: iso(row.createdAt),
      deleted: true,
    };
  }
  const badge =
    row.clinicianSpecialty && row.clinicianExpiresAt && row.clinicianVerifiedAt && new Date(row.clinicianExpiresAt) > new Date()
      ? {
          specialty: row.clinicianSpecialty,
          jurisdiction: row.clinicianJurisdiction ?? '',
          verifiedAt: iso(row.clinicianVerifiedAt),
          expiresAt: iso(row.clinicianExpiresAt),
        }
      : null;
  return {
    id: row.id,
    displayName: row.displayName,
    bio: row.bio,
    isAdmin: row.isAdmin,
    clinician: badge,
    affiliations: toAffiliations(row.affiliations),
    createdAt: iso(row.createdAt),
  };
}

/** Loads many users in one query (never one query per row). */
export async function loadPublicUsers(db: Queryable, ids: Iterable<string>): Promise<Map<string, PublicUser>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, PublicUser>();
  if (unique.length === 0) return result;
  const rows = await db
    .select(publicUserColumns)
    .from(users)
    .leftJoin(clinicianCredentials, activeCredentialJoin)
    .where(inArray(users.id, unique));
  for (const row of rows) result.set(row.id, toPublicUser(row));
  return result;
}

export async function loadPublicUser(db: Queryable, id: string): Promise<PublicUser | null> {
  return (await loadPublicUsers(db, [id])).get(id) ?? null;
}
