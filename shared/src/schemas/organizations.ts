/**
 * Organizations (hospitals, clinics, patient associations…), their staff, and invitations to groups:
 * every REST body, query and answer of the contract's "Organizations and invitations" section.
 * The affiliation a staff member carries on PublicUser is in users.ts.
 */
import { z } from 'zod';
import { limitQuery, listOf, nameText, optionalText, plainText } from './common.js';
import { group } from './groups.js';
import { liveEvent } from './liveEvents.js';
import { email, publicUser } from './users.js';

export const organizationKind = z.enum(['hospital', 'clinic', 'community-health', 'charity', 'patient-association', 'other']);
export type OrganizationKind = z.infer<typeof organizationKind>;
export const staffRole = z.enum(['admin', 'staff']);
export type StaffRole = z.infer<typeof staffRole>;

export const ORG_NAME_MIN = 3;
export const ORG_NAME_MAX = 100;
export const ORG_DESCRIPTION_MAX = 2000;
export const STAFF_TITLE_MIN = 2;
export const STAFF_TITLE_MAX = 80;

export const orgName = nameText(ORG_NAME_MIN, ORG_NAME_MAX);
export const orgDescription = plainText(1, ORG_DESCRIPTION_MAX);
/** An http(s) address, as people paste it. */
export const website = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'must be a web address starting with http:// or https://' });
export const orgLocation = nameText(2, 120);
export const staffTitle = nameText(STAFF_TITLE_MIN, STAFF_TITLE_MAX);

export const staffMember = z.object({ user: publicUser, title: z.string(), role: staffRole });
export type StaffMember = z.infer<typeof staffMember>;

/** How a group names its host: `Group.organization`. */
export const organizationRef = z.object({ slug: z.string(), name: z.string(), verified: z.boolean() });
export type OrganizationRef = z.infer<typeof organizationRef>;

export const organization = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: organizationKind,
  description: z.string(),
  website: z.string().nullable(),
  location: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  /** Accepted staff only, admins first. */
  staff: z.array(staffMember),
  createdAt: z.string(),
  /** Extra to the contract: the caller's own accepted role here (null signed out or not staff), so the SPA shows only allowed actions. */
  myRole: staffRole.nullable(),
});
export type Organization = z.infer<typeof organization>;
export const organizationList = listOf(organization);
export type OrganizationList = z.infer<typeof organizationList>;

export const createOrganizationBody = z.object({
  name: orgName,
  kind: organizationKind,
  description: orgDescription,
  website: website.optional(),
  location: orgLocation.optional(),
  /** Extra to the contract: the creator's own title there ("Community manager"), shown with their affiliation. */
  title: staffTitle.optional(),
});
export type CreateOrganizationBody = z.infer<typeof createOrganizationBody>;

/** `null` clears the website or the location. */
export const updateOrganizationBody = z.object({
  name: orgName.optional(),
  kind: organizationKind.optional(),
  description: orgDescription.optional(),
  website: website.nullable().optional(),
  location: orgLocation.nullable().optional(),
});
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBody>;

export const listOrganizationsQuery = z.object({
  /** Words of the name (any order, the last one may be a prefix). */
  q: z.string().max(200).optional(),
  /** Extra to the contract: `true` lists only organizations a site admin has verified (the front page). */
  verified: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuery>;

/** The public page: the organization, the groups it hosts (cards), the upcoming events of its public groups. */
export const organizationPage = z.object({
  organization,
  groups: z.array(group),
  events: z.array(liveEvent),
});
export type OrganizationPage = z.infer<typeof organizationPage>;

// ─── staff invitations ────────────────────────────────────────────────────────────────────────

/** By account (`userId`) or by address (`email`: the invitation waits for that address to sign up). */
export const inviteStaffBody = z
  .object({
    userId: z.string().min(1).max(64).optional(),
    email: email.optional(),
    title: staffTitle,
    role: staffRole.default('staff'),
  })
  .refine((b) => (b.userId === undefined) !== (b.email === undefined), { message: 'give userId or email, not both', path: ['userId'] });
export type InviteStaffBody = z.infer<typeof inviteStaffBody>;

/**
 * A pending staff invitation. An invitation by address names the address (`email`) and no user until it
 * is accepted, whether or not an account has it: the inviter never learns who has an account.
 */
export const staffInvitation = z.object({
  id: z.string(),
  organization: organizationRef,
  user: publicUser.nullable(),
  email: z.string().nullable(),
  title: z.string(),
  role: staffRole,
  status: z.literal('pending'),
  invitedBy: publicUser.nullable(),
  createdAt: z.string(),
});
export type StaffInvitation = z.infer<typeof staffInvitation>;
export const staffInvitationList = listOf(staffInvitation);
export type StaffInvitationList = z.infer<typeof staffInvitationList>;

export const staffQuery = z.object({
  status: z.enum(['pending']).default('pending'),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type StaffQuery = z.infer<typeof staffQuery>;

export const staffParams = z.object({ slug: z.string().min(1).max(100), userId: z.string().min(1).max(64) });
export const staffInvitationParams = z.object({ slug: z.string().min(1).max(100), id: z.string().min(1).max(64) });

// ─── group invitations ────────────────────────────────────────────────────────────────────────

/** Invites last 7 days unless told otherwise, and never more than a year (a poster in a waiting room). */
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 366;
export const INVITE_MAX_USES = 100_000;

export const invite = z.object({
  code: z.string(),
  url: z.string(),
  groupSlug: z.string(),
  /** null: unlimited. */
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdBy: publicUser.nullable(),
  createdAt: z.string(),
  /** Extra to the contract: the moderators' note ("Waiting room poster"). */
  note: z.string(),
});
export type Invite = z.infer<typeof invite>;
export const inviteList = listOf(invite);
export type InviteList = z.infer<typeof inviteList>;

export const createInviteBody = z.object({
  maxUses: z.number().int().min(1).max(INVITE_MAX_USES).nullable().optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** Extra to the contract: a short note for the moderators' list ("Waiting room poster, clinic B"). */
  note: optionalText(120).optional(),
});
export type CreateInviteBody = z.infer<typeof createInviteBody>;

export const inviteCodeParams = z.object({ code: z.string().min(1).max(100) });

/**
 * What an invite link shows before anyone signs up: the group's card (name, condition, description,
 * rules, member count, host; the caller's membership when signed in) and when the link expires.
 */
export const inviteCard = z.object({ group, expiresAt: z.string() });
export type InviteCard = z.infer<typeof inviteCard>;

export const acceptInviteResponse = z.object({ group });
export type AcceptInviteResponse = z.infer<typeof acceptInviteResponse>;
