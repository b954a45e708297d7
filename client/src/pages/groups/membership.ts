import type { Group, Me } from '@circles/shared';

/** Owners, moderators and site admins may manage a group (the server enforces the same rule). */
export const canModerate = (group: Group, user: Me | null) =>
  Boolean(user?.isAdmin) || (group.myMembership?.status === 'active' && group.myMembership.role !== 'member');

/** Owners and site admins may change roles. */
export const canChangeRoles = (group: Group, user: Me | null) =>
  Boolean(user?.isAdmin) || (group.myMembership?.status === 'active' && group.myMembership.role === 'owner');

export const isActiveMember = (group: Group) => group.myMembership?.status === 'active';
