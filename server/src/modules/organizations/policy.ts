/**
 * Who may do what with an organization — the one place these rules live.
 *
 * Anyone, signed out too, may read an organization's page and its accepted staff. Its admins (accepted
 * staff with role "admin") edit it and manage its staff; any accepted staff member may host a group
 * for it; a staff member may leave. Site admins verify organizations and may do anything an
 * organization admin can (as they can in any group). Pending invitations give no power at all.
 */
import type { StaffRole } from '@circles/shared';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';

export interface OrganizationRef {
  id: string;
  slug: string;
  name: string;
  verified: boolean;
}

/** An organization as seen by one caller (null signed out): their accepted role in it, if any. */
export interface OrganizationAccess {
  actor: Actor | null;
  organization: OrganizationRef;
  myRole: StaffRole | null;
}

export const isOrgStaff = (a: OrganizationAccess) => a.myRole !== null;
export const isOrgAdmin = (a: OrganizationAccess) => Boolean(a.actor?.isAdmin) || a.myRole === 'admin';
/** Hosting a group: accepted staff of the organization (and site admins). */
export const canHostGroups = (a: OrganizationAccess) => Boolean(a.actor?.isAdmin) || isOrgStaff(a);

export function assertOrgAdmin(a: OrganizationAccess): void {
  if (!isOrgAdmin(a)) throw new AppError('FORBIDDEN', 'organizations.adminsOnly');
}

export function assertCanHostGroups(a: OrganizationAccess): void {
  if (!canHostGroups(a)) throw new AppError('FORBIDDEN', 'organizations.staffOnlyHost');
}

/** Removing someone from the staff: an organization admin, or that person (to leave). */
export function assertCanRemoveStaff(a: OrganizationAccess, userId: string): void {
  if (a.actor?.userId === userId || isOrgAdmin(a)) return;
  throw new AppError('FORBIDDEN', 'organizations.adminsOnly');
}

/** Verifying an organization is for site admins only. */
export function assertSiteAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new AppError('FORBIDDEN', 'organizations.siteAdminsOnly');
}
