/**
 * Staff and staff invitations. An organization admin invites a person by account or by address with
 * a title ("Nurse educator") and a role; the person accepts or declines; only accepted staff appear
 * anywhere (the page, affiliations beside their name). Removal ends the affiliation at once.
 *
 * Every change takes the organization's row lock first, so "is this the last admin?" cannot be
 * answered stale by two admins leaving at once, and an invitation and its acceptance never cross.
 *
 * Invitations by address never say whether an account has that address: the row keeps the address
 * and no account until the holder accepts, the inviter sees the same answer either way, and the
 * holder (now or once they sign up) finds it in their own invitations.
 */
import type { InviteStaffBody, Organization, StaffInvitation, StaffInvitationList, StaffQuery } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { decodeCursor, encodeCursor, isUuid } from '../groups/cursor.js';
import { microsToTimestamp } from '../groups/groupView.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { notify } from '../notifications/notify.js';
import { loadOrganizationAccess } from './access.js';
import { sendStaffInvitationEmail } from './jobs.js';
import { assertCanRemoveStaff, assertOrgAdmin } from './policy.js';
import { loadOrganization } from './views.js';

interface InvitationRow {
  id: string;
  orgSlug: string;
  orgName: string;
  orgVerified: boolean;
  userId: string | null;
  email: string | null;
  title: string;
  role: 'admin' | 'staff';
  invitedBy: string | null;
  createdAt: string;
  createdMicros: string;
}

const invitationSelect = sql`select s.id, o.slug as "orgSlug", o.name as "orgName", o.verified_at is not null as "orgVerified",
    s.user_id as "userId", s.email, s.title, s.role, s.invited_by as "invitedBy", ${isoSql(sql`s.created_at`)} as "createdAt",
    (extract(epoch from s.created_at) * 1000000)::bigint::text as "createdMicros"
  from organization_staff s join organizations o on o.id = s.organization_id`;

/** Shapes invitation rows, loading every person named in them in one query. */
async function toInvitations(db: Queryable, rows: InvitationRow[]): Promise<StaffInvitation[]> {
  const people = await loadPublicUsers(db, rows.flatMap((r) => [r.userId, r.invitedBy]).filter((id): id is string => id !== null));
  return rows.map((r) => ({
    id: r.id,
    organization: { slug: r.orgSlug, name: r.orgName, verified: Boolean(r.orgVerified) },
    user: r.userId ? (people.get(r.userId) ?? null) : null,
    email: r.userId ? null : r.email,
    title: r.title,
    role: r.role,
    status: 'pending' as const,
    invitedBy: r.invitedBy ? (people.get(r.invitedBy) ?? null) : null,
    createdAt: r.createdAt,
  }));
}

async function emailOf(db: Queryable, userId: string): Promise<string | null> {
  const [row] = await rowsOf<{ email: string | null }>(db, sql`select email from users where id = ${userId}::uuid`);
  return row?.email ?? null;
}

/** The caller's pending invitations (by account, or by their address) in one organization, or in all when `organizationId` is null. */
const myPendingWhere = (userId: string, email: string | null, organizationId: string | null) =>
  sql`s.status = 'pending' and (s.user_id = ${userId}::uuid or (s.user_id is null and s.email = ${email}))
      ${organizationId ? sql`and s.organization_id = ${organizationId}::uuid` : sql``}`;

/**
 * Invites a person to the staff, by account (`userId`) or by address (`email`). Inviting again
 * (still pending) updates the title and role. The person gets a `staff_invite` notification if an
 * account is theirs; an invitation by address waits for whoever signs up with it. Organization
 * admins. NOT_FOUND (no such organization or account), CONFLICT (already staff), FORBIDDEN.
 */
export async function inviteStaff(actor: Actor, slug: string, input: InviteStaffBody, deps: Deps): Promise<StaffInvitation> {
  const row = await inTransaction(deps, async (tx, after) => {
    const access = await loadOrganizationAccess(tx, actor, slug, { forUpdate: true });
    assertOrgAdmin(access);
    const org = access.organization;
    let id: string;
    let recipient: string | null;
    if (input.userId !== undefined) {
      const [target] = isUuid(input.userId)
        ? await rowsOf<{ id: string; status: string | null }>(
            tx,
            sql`select u.id, s.status from users u
                left join organization_staff s on s.organization_id = ${org.id}::uuid and s.user_id = u.id
                where u.id = ${input.userId}::uuid and u.deleted_at is null`,
          )
        : [];
      if (!target) throw new AppError('NOT_FOUND', 'accounts.userNotFound');
      if (target.status === 'accepted') throw new AppError('CONFLICT', 'organizations.alreadyStaff');
      [{ id }] = (await rowsOf<{ id: string }>(
        tx,
        sql`insert into organization_staff (organization_id, user_id, title, role, status, invited_by)
            values (${org.id}::uuid, ${target.id}::uuid, ${input.title}, ${input.role}, 'pending', ${actor.userId}::uuid)
            on conflict (organization_id, user_id) do update
              set title = excluded.title, role = excluded.role, invited_by = excluded.invited_by, created_at = now()
            returning id`,
      )) as [{ id: string }];
      recipient = target.id;
    } else {
      const email = input.email!;
      [{ id }] = (await rowsOf<{ id: string }>(
        tx,
        sql`insert into organization_staff (organization_id, email, title, role, status, invited_by)
            values (${org.id}::uuid, ${email}, ${input.title}, ${input.role}, 'pending', ${actor.userId}::uuid)
            on conflict (organization_id, email) where user_id is null do update
              set title = excluded.title, role = excluded.role, invited_by = excluded.invited_by, created_at = now()
            returning id`,
      )) as [{ id: string }];
      const [holder] = await rowsOf<{ id: string }>(tx, sql`select id from users where email = ${email} and deleted_at is null`);
      recipient = holder?.id ?? null;
      // No account has the address: an email tells them (the same answer to the admin either way).
      if (!recipient) await deps.jobs.enqueue(tx, sendStaffInvitationEmail, { invitationId: id });
    }
    if (recipient) {
      const [by] = await rowsOf<{ id: string; displayName: string }>(tx, sql`select id, display_name as "displayName" from users where id = ${actor.userId}::uuid`);
      const data = { orgSlug: org.slug, orgName: org.name, title: input.title, role: input.role, by: by ?? null };
      await notify(tx, after, [{ userId: recipient, type: 'staff_invite', data }]);
    }
    const [created] = await rowsOf<InvitationRow>(tx, sql`${invitationSelect} where s.id = ${id}::uuid`);
    return created!;
  });
  const [invitation] = await toInvitations(deps.db, [row]);
  return invitation!;
}

/** Pending invitations of an organization, oldest first. Organization admins. NOT_FOUND, FORBIDDEN. */
export async function listStaffInvitations(actor: Actor, slug: string, query: StaffQuery, deps: Deps): Promise<StaffInvitationList> {
  const access = await loadOrganizationAccess(deps.db, actor, slug);
  assertOrgAdmin(access);
  let after = sql``;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { t: 'micros', id: 'string' });
    if (!isUuid(c.id)) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
    after = sql`and (s.created_at, s.id) > (${microsToTimestamp(c.t)}, ${c.id}::uuid)`;
  }
  const rows = await rowsOf<InvitationRow>(
    deps.db,
    sql`${invitationSelect} where s.organization_id = ${access.organization.id}::uuid and s.status = 'pending' ${after}
        order by s.created_at, s.id limit ${query.limit + 1}`,
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return { items: await toInvitations(deps.db, page), nextCursor: hasMore && last ? encodeCursor({ t: last.createdMicros, id: last.id }) : null };
}

/** The caller's pending staff invitations (by account or by their address), newest first, all of them. Any signed-in user. */
export async function listMyStaffInvitations(actor: Actor, deps: Deps): Promise<StaffInvitationList> {
  const email = await emailOf(deps.db, actor.userId);
  const rows = await rowsOf<InvitationRow>(
    deps.db,
    sql`${invitationSelect} where ${myPendingWhere(actor.userId, email, null)} order by s.created_at desc, s.id limit 100`,
  );
  return { items: await toInvitations(deps.db, rows), nextCursor: null };
}

/**
 * Accepts the caller's invitation to an organization's staff: from now on they appear on its page
 * and their affiliation shows beside their name (their next message carries it). Accepting while
 * already staff takes the invitation's title and role. The invited person. NOT_FOUND (no invitation).
 */
export async function acceptStaffInvitation(actor: Actor, slug: string, deps: Deps): Promise<Organization> {
  const orgId = await inTransaction(deps, async (tx) => {
    const access = await loadOrganizationAccess(tx, actor, slug, { forUpdate: true });
    const org = access.organization;
    const email = await emailOf(tx, actor.userId);
    // Invitations by account first: (org, user) is unique, so at most one; then any by address.
    const pending = await rowsOf<{ id: string; userId: string | null; title: string; role: 'admin' | 'staff' }>(
      tx,
      sql`select s.id, s.user_id as "userId", s.title, s.role from organization_staff s
          where ${myPendingWhere(actor.userId, email, org.id)} order by (s.user_id is null), s.created_at desc`,
    );
    const chosen = pending[0];
    if (!chosen) throw new AppError('NOT_FOUND', 'organizations.noInvitation');
    const others = pending.slice(1).map((p) => p.id);
    if (others.length > 0) await tx.execute(sql`delete from organization_staff where id = any(${sql.param(others)}::uuid[])`);
    if (access.myRole !== null) {
      await tx.execute(sql`update organization_staff set title = ${chosen.title}, role = ${chosen.role}
                           where organization_id = ${org.id}::uuid and user_id = ${actor.userId}::uuid`);
      await tx.execute(sql`delete from organization_staff where id = ${chosen.id}::uuid`);
    } else {
      await tx.execute(sql`update organization_staff set user_id = ${actor.userId}::uuid, email = null, status = 'accepted', accepted_at = now()
                           where id = ${chosen.id}::uuid`);
    }
    return org.id;
  });
  return loadOrganization(deps.db, { id: orgId }, actor.userId);
}

/** Declines the caller's invitation(s) to an organization's staff. The invited person. NOT_FOUND (no invitation). */
export async function declineStaffInvitation(actor: Actor, slug: string, deps: Deps): Promise<Organization> {
  const access = await loadOrganizationAccess(deps.db, actor, slug);
  const email = await emailOf(deps.db, actor.userId);
  const deleted = await rowsOf<{ id: string }>(
    deps.db,
    sql`delete from organization_staff s where ${myPendingWhere(actor.userId, email, access.organization.id)} returning s.id`,
  );
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'organizations.noInvitation');
  return loadOrganization(deps.db, { id: access.organization.id }, actor.userId);
}

/**
 * Removes a person from the staff (or withdraws their pending invitation): their affiliation ends at
 * once, everywhere it was shown. An organization keeps at least one admin. Organization admins, or the
 * person themselves (to leave). NOT_FOUND, CONFLICT (last admin), FORBIDDEN.
 */
export async function removeStaff(actor: Actor, slug: string, userId: string, deps: Deps): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const access = await loadOrganizationAccess(tx, actor, slug, { forUpdate: true });
    assertCanRemoveStaff(access, userId);
    const notFound = () => new AppError('NOT_FOUND', 'organizations.staffNotFound');
    if (!isUuid(userId)) throw notFound();
    const [row] = await rowsOf<{ role: 'admin' | 'staff'; status: 'pending' | 'accepted' }>(
      tx,
      sql`select role, status from organization_staff where organization_id = ${access.organization.id}::uuid and user_id = ${userId}::uuid`,
    );
    if (!row) throw notFound();
    if (row.status === 'accepted' && row.role === 'admin') {
      const [admins] = await rowsOf<{ n: number }>(
        tx,
        sql`select count(*)::int as n from organization_staff s join users u on u.id = s.user_id
            where s.organization_id = ${access.organization.id}::uuid and s.status = 'accepted' and s.role = 'admin' and u.deleted_at is null`,
      );
      if (Number(admins?.n ?? 0) <= 1) throw new AppError('CONFLICT', 'organizations.lastAdmin');
    }
    await tx.execute(sql`delete from organization_staff where organization_id = ${access.organization.id}::uuid and user_id = ${userId}::uuid`);
  });
}

/** Withdraws a pending invitation by its id (the way to withdraw one made by address). Organization admins. NOT_FOUND, FORBIDDEN. */
export async function withdrawStaffInvitation(actor: Actor, slug: string, invitationId: string, deps: Deps): Promise<void> {
  const access = await loadOrganizationAccess(deps.db, actor, slug);
  assertOrgAdmin(access);
  const deleted = isUuid(invitationId)
    ? await rowsOf<{ id: string }>(
        deps.db,
        sql`delete from organization_staff where id = ${invitationId}::uuid and organization_id = ${access.organization.id}::uuid
              and status = 'pending' returning id`,
      )
    : [];
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'organizations.invitationNotFound');
}
