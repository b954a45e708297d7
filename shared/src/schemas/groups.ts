import { z } from 'zod';
import { condition } from './conditions.js';
import { limitQuery, optionalText, plainText } from './common.js';
import { publicUser } from './users.js';

export const groupVisibility = z.enum(['public', 'private']);
export type GroupVisibility = z.infer<typeof groupVisibility>;
export const membershipRole = z.enum(['owner', 'moderator', 'member']);
export type MembershipRole = z.infer<typeof membershipRole>;
export const membershipStatus = z.enum(['active', 'pending']);
export type MembershipStatus = z.infer<typeof membershipStatus>;

export const groupSettings = z.object({ slowModeSeconds: z.number().int() });

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
  myMembership: z.object({ role: membershipRole, status: membershipStatus }).nullable(),
  settings: groupSettings,
});
export type Group = z.infer<typeof group>;

export const myGroup = group.extend({
  unreadCount: z.number().int(),
  lastMessageAt: z.string().nullable(),
});
export type MyGroup = z.infer<typeof myGroup>;

export const groupName = plainText(3, 80);

export const createGroupBody = z.object({
  name: groupName,
  conditionSlug: z.string().min(1).max(100),
  description: plainText(1, 2000),
  rules: optionalText(4000).optional(),
  visibility: groupVisibility,
});
export type CreateGroupBody = z.infer<typeof createGroupBody>;

export const updateGroupBody = z.object({
  name: groupName.optional(),
  description: plainText(1, 2000).optional(),
  rules: optionalText(4000).optional(),
  visibility: groupVisibility.optional(),
});
export type UpdateGroupBody = z.infer<typeof updateGroupBody>;

export const listGroupsQuery = z.object({
  condition: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type ListGroupsQuery = z.infer<typeof listGroupsQuery>;

export const member = z.object({ user: publicUser, role: membershipRole, joinedAt: z.string() });
export type Member = z.infer<typeof member>;

export const joinRequest = z.object({ user: publicUser, requestedAt: z.string() });
export type JoinRequest = z.infer<typeof joinRequest>;

export const membershipResponse = z.object({
  membership: z.object({ role: membershipRole, status: membershipStatus }),
  group: group,
});

export const setRoleBody = z.object({ role: z.enum(['moderator', 'member']) });

export const blockedTerm = plainText(1, 100);
export const updateSettingsBody = z.object({
  slowModeSeconds: z.number().int().min(0).max(3600).optional(),
  blockedTerms: z.array(blockedTerm).max(200).optional(),
});
export type UpdateSettingsBody = z.infer<typeof updateSettingsBody>;

export const groupSettingsResponse = z.object({
  slowModeSeconds: z.number().int(),
  blockedTerms: z.array(z.string()),
});
