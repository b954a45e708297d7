import { z } from 'zod';
import { BLOCKED_TERMS_MAX, GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, GROUP_NAME_MIN, GROUP_RULES_MAX, JOIN_NOTE_MAX, SLOW_MODE_MAX_SECONDS } from '../limits.js';
import { condition } from './conditions.js';
import { limitQuery, listOf, nameText, optionalText, plainText } from './common.js';
import { publicUser } from './users.js';

export const groupVisibility = z.enum(['public', 'private']);
export type GroupVisibility = z.infer<typeof groupVisibility>;
export const membershipRole = z.enum(['owner', 'moderator', 'member']);
export type MembershipRole = z.infer<typeof membershipRole>;
export const membershipStatus = z.enum(['active', 'pending']);
export type MembershipStatus = z.infer<typeof membershipStatus>;

/** What everyone may know about a group's settings (blocked terms are for its moderators only). */
export const groupSettings = z.object({ slowModeSeconds: z.number().int() });
export type GroupSettings = z.infer<typeof groupSettings>;

/** A membership's role and status (the answer to a join). */
export const membershipState = z.object({ role: membershipRole, status: membershipStatus });
export type MembershipState = z.infer<typeof membershipState>;

/** The caller's own standing in a group; `mutedUntil`/`muteReason` are set while a moderator's mute lasts. */
export const myMembership = membershipState.extend({ mutedUntil: z.string().nullable(), muteReason: z.string().nullable() });
export type MyMembership = z.infer<typeof myMembership>;

export const group = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  rules: z.string(),
  condition: condition,
  visibility: groupVisibility,
  memberCount: z.number().int(),
  createdAt: z.string(),
  /** Set when the group was left without any member: read-only (nobody joins, posts or reacts any more). */
  archivedAt: z.string().nullable(),
  /** The caller's own standing; a pending request is not membership. Always null signed out. */
  myMembership: myMembership.nullable(),
  settings: groupSettings,
  /** The organization hosting the group, if one does (its staff created it). */
  organization: z.object({ slug: z.string(), name: z.string(), verified: z.boolean() }).nullable(),
});
export type Group = z.infer<typeof group>;

export const groupList = listOf(group);
export type GroupList = z.infer<typeof groupList>;

export const myGroup = group.extend({
  /** Messages newer than the caller's read marker, not their own, not deleted. */
  unreadCount: z.number().int(),
  lastMessageAt: z.string().nullable(),
});
export type MyGroup = z.infer<typeof myGroup>;
export const myGroupList = z.object({ items: z.array(myGroup) });
export type MyGroupList = z.infer<typeof myGroupList>;


export const groupName = nameText(GROUP_NAME_MIN, GROUP_NAME_MAX);
export const groupDescription = plainText(1, GROUP_DESCRIPTION_MAX);
export const groupRules = optionalText(GROUP_RULES_MAX);

export const createGroupBody = z.object({
  name: groupName,
  conditionSlug: z.string().min(1).max(100),
  description: groupDescription,
  rules: groupRules.optional(),
  visibility: groupVisibility,
  /** Hosted by this organization: only its accepted staff may say so. */
  organizationSlug: z.string().min(1).max(100).optional(),
});
export type CreateGroupBody = z.infer<typeof createGroupBody>;

export const updateGroupBody = z.object({
  name: groupName.optional(),
  description: groupDescription.optional(),
  rules: groupRules.optional(),
  visibility: groupVisibility.optional(),
});
export type UpdateGroupBody = z.infer<typeof updateGroupBody>;

export const listGroupsQuery = z.object({
  /** A condition slug. */
  condition: z.string().max(100).optional(),
  /** A condition category (as in GET /api/conditions), for browsing a whole area at once. */
  category: z.string().max(100).optional(),
  /** Words to look for in names and descriptions; the last one may be a prefix (instant search). */
  q: z.string().max(200).optional(),
  /** An organization's slug: only the groups it hosts. */
  organization: z.string().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type ListGroupsQuery = z.infer<typeof listGroupsQuery>;

export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type PageQuery = z.infer<typeof pageQuery>;

export const member = z.object({ user: publicUser, role: membershipRole, joinedAt: z.string() });
export type Member = z.infer<typeof member>;
export const memberList = listOf(member);
export type MemberList = z.infer<typeof memberList>;

/**
 * `POST /api/groups/:slug/join` may carry a note for a private group's moderators (who the person is,
 * why they ask): plain text, at most JOIN_NOTE_MAX characters after trimming; empty means none. A
 * public group admits at once and keeps no note. Extra to the contract, which names no body here.
 */
export const joinGroupBody = z.object({ note: optionalText(JOIN_NOTE_MAX).optional() });
export type JoinGroupBody = z.infer<typeof joinGroupBody>;

/**
 * A pending request as the moderators see it: the person (display name, bio, member since — never an
 * email), when they asked, and their note (null when they wrote none). Extra to the contract: `note`.
 */
export const joinRequest = z.object({ user: publicUser, requestedAt: z.string(), note: z.string().nullable() });
export type JoinRequest = z.infer<typeof joinRequest>;
export const joinRequestList = listOf(joinRequest);
export type JoinRequestList = z.infer<typeof joinRequestList>;

/** Answer to a join: the caller's membership (active, or pending approval) and the group as they now see it. */
export const membershipResponse = z.object({
  membership: membershipState,
  group: group,
});
export type MembershipResponse = z.infer<typeof membershipResponse>;

export const memberParams = z.object({ slug: z.string().min(1).max(100), userId: z.string().min(1).max(64) });

/** "owner" is an addition to the contract: it shares ownership, so an owner can hand a group over and leave. */
export const setRoleBody = z.object({ role: membershipRole });
export type SetRoleBody = z.infer<typeof setRoleBody>;

export const blockedTerm = nameText(1, 100);
export const updateSettingsBody = z.object({
  slowModeSeconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS).optional(),
  blockedTerms: z.array(blockedTerm).max(BLOCKED_TERMS_MAX).optional(),
  /** Why (recorded in the audit log with who changed what). */
  reason: optionalText(1000).optional(),
});
export type UpdateSettingsBody = z.infer<typeof updateSettingsBody>;

export const groupSettingsResponse = z.object({
  slowModeSeconds: z.number().int(),
  blockedTerms: z.array(z.string()),
});
export type GroupSettingsResponse = z.infer<typeof groupSettingsResponse>;
