/**
 * Who may do what in a group — the one place these rules live. Messages, questions and events call
 * these predicates instead of re-deriving them.
 *
 * Private groups are discoverable (name, description, condition) but their content is not:
 * reading it without active membership answers NOT_A_MEMBER. Site admins can do anything an owner can.
 */
import type { MembershipRole, MembershipStatus } from '@circles/shared';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';

export interface GroupRef {
  id: string;
  slug: string;
  name: string;
  visibility: 'public' | 'private';
  slowModeSeconds: number;
  blockedTerms: string[];
  /** Set once the group was left without any member (its last one deleted their account): read-only. */
  archivedAt: string | null;
}

export interface MembershipRef {
  role: MembershipRole;
  status: MembershipStatus;
}

/** A group as seen by one actor: their membership (if any), whether they are banned from it, their mute. */
export interface GroupAccess {
  actor: Actor;
  group: GroupRef;
  membership: MembershipRef | null;
  banned: boolean;
  /** While a moderator's mute lasts: when it ends (ISO) and why; else null. */
  mutedUntil: string | null;
  muteReason: string | null;
}

export const isActiveMember = (a: GroupAccess) => a.membership?.status === 'active';
export const isOwner = (a: GroupAccess) => a.actor.isAdmin || (isActiveMember(a) && a.membership?.role === 'owner');
export const isModerator = (a: GroupAccess) =>
  isOwner(a) || (isActiveMember(a) && a.membership?.role === 'moderator');

/** Reading messages, questions, events, members: anyone signed in for public groups, members for private. */
export const canRead = (a: GroupAccess) => a.actor.isAdmin || a.group.visibility === 'public' || isActiveMember(a);
/** An archived group is read-only for everyone, admins included: no posts, reactions or new members. */
export const isArchived = (a: GroupAccess) => a.group.archivedAt !== null;
/** Posting needs active membership in every group (admins may always post), and a group that is not archived. */
export const canPost = (a: GroupAccess) => !isArchived(a) && (a.actor.isAdmin || (isActiveMember(a) && !a.banned));

/** FORBIDDEN when the group is archived (read-only). */
export function assertNotArchived(a: { archivedAt: string | Date | null }): void {
  if (a.archivedAt !== null) throw new AppError('FORBIDDEN', 'groups.archived');
}

export function assertCanRead(a: GroupAccess): void {
  if (canRead(a)) return;
  if (a.banned) throw new AppError('BANNED', 'groups.banned');
  throw new AppError('NOT_A_MEMBER', 'groups.joinToRead');
}

export function assertCanPost(a: GroupAccess): void {
  if (canPost(a)) return;
  assertNotArchived(a.group);
  if (a.banned) throw new AppError('BANNED', 'groups.banned');
  if (a.membership?.status === 'pending') throw new AppError('NOT_A_MEMBER', 'groups.requestPending');
  throw new AppError('NOT_A_MEMBER', 'groups.joinToTakePart');
}

export function assertModerator(a: GroupAccess): void {
  assertCanRead(a);
  if (!isModerator(a)) throw new AppError('FORBIDDEN', 'groups.moderatorsOnly');
}

export function assertOwner(a: GroupAccess): void {
  assertCanRead(a);
  if (!isOwner(a)) throw new AppError('FORBIDDEN', 'groups.ownerOnly');
}
