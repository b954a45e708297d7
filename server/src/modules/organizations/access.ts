/** Loads an organization with the caller's accepted role in it, in one query, for the policy to judge. */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { rowsOf } from '../messages/rows.js';
import type { OrganizationAccess } from './policy.js';

interface AccessRow {
  id: string;
  slug: string;
  name: string;
  verified: boolean;
  myRole: 'admin' | 'staff' | null;
}

/** NOT_FOUND when no organization has this slug. With `forUpdate` (in a transaction) its row is locked. */
export async function loadOrganizationAccess(
  db: Queryable,
  actor: Actor | null,
  slug: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrganizationAccess> {
  const [row] = await rowsOf<AccessRow>(
    db,
    sql`select o.id, o.slug, o.name, o.verified_at is not null as "verified",
          (select s.role from organization_staff s where s.organization_id = o.id and s.user_id = ${actor?.userId ?? null}::uuid
             and s.status = 'accepted') as "myRole"
        from organizations o where o.slug = ${slug}
        ${options.forUpdate ? sql`for update` : sql``}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'organizations.notFound');
  return {
    actor,
    organization: { id: row.id, slug: row.slug, name: row.name, verified: Boolean(row.verified) },
    myRole: row.myRole ?? null,
  };
}
