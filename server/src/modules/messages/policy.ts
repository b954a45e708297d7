/**
 * Who may do what with messages. Group membership rules come from groups/policy.ts; this file adds
 * the message-specific ones (authorship, mutes, slow mode, blocked terms) in one place.
 */
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isActiveMember, isModerator, type GroupAccess } from '../groups/policy.js';

import { assertCanRead } from '../groups/policy.js';
import { findBlockedTerm } from '@circles/shared/safety/blockedTerms';

export { assertCanPost, assertCanRead } from '../groups/policy.js';

export interface MessageRef {
  id: string;
  groupId: string;
  authorId: string;
  deleted: boolean;
}

/** Only the author may change what they wrote. */
export const canEditMessage = (actor: Actor, message: MessageRef) => message.authorId === actor.userId;

/** The author, the group's moderators and owners, and site admins may remove a message. */
export const canDeleteMessage = (access: GroupAccess, message: MessageRef) =>
  message.authorId === access.actor.userId || isModerator(access);

export function assertCanEditMessage(actor: Actor, message: MessageRef): void {
  if (!canEditMessage(actor, message)) throw new AppError('FORBIDDEN', 'messages.editAuthorOnly');
}

export function assertCanDeleteMessage(access: GroupAccess, message: MessageRef): void {
  if (!canDeleteMessage(access, message)) {
    throw new AppError('FORBIDDEN', 'messages.deleteAuthorOrModerator');
  }
}

/** A removed message answers NOT_FOUND: there is nothing left to act on. */
export function assertNotDeleted(message: MessageRef): void {
  if (message.deleted) throw new AppError('NOT_FOUND', 'messages.deleted');
}

/** Muted members may read but not post until the mute ends. */
export function assertNotMuted(mutedUntil: string | null): void {
  if (mutedUntil) {
    throw new AppError('MUTED', 'messages.muted', { params: { until: new Date(mutedUntil) }, details: { until: mutedUntil } });
  }
}

/** Moderators are exempt from slow mode; everyone else waits `slowModeSeconds` between messages. */
export function assertSlowModeAllows(access: GroupAccess, secondsSinceLastMessage: number | null): void {
  const slow = access.group.slowModeSeconds;
  if (slow <= 0 || isModerator(access) || secondsSinceLastMessage === null) return;
  if (secondsSinceLastMessage < slow) {
    const retryAfter = Math.max(1, Math.ceil(slow - secondsSinceLastMessage));
    throw new AppError('SLOW_MODE', 'messages.slowMode', {
      params: { count: retryAfter },
      retryAfter,
    });
  }
}

/**
 * The live room: readers of the group, except someone banned from it. A ban removes them from the room
 * at once and they cannot come back into it (even where the group's history is public).
 */
export function assertCanJoinRoom(access: GroupAccess): void {
  assertCanRead(access);
  if (access.banned && !access.actor.isAdmin) throw new AppError('BANNED', 'groups.banned');
}

/** Read markers belong to memberships; a site admin who is not a member has none to move. */
export function hasReadMarker(access: GroupAccess): boolean {
  if (isActiveMember(access)) return true;
  if (access.actor.isAdmin) return false;
  throw new AppError('NOT_A_MEMBER', 'groups.joinToKeepPlace');
}

/**
 * The first of the group's blocked terms that the text contains as a whole word or phrase, however it is
 * disguised (case, accents, spacing, look-alike characters: see shared/src/safety/blockedTerms.ts), or null.
 */
export { findBlockedTerm } from '@circles/shared/safety/blockedTerms';

export function assertNoBlockedTerm(access: GroupAccess, text: string): void {
  const match = findBlockedTerm(text, access.group.blockedTerms);
  if (match) {
    throw new AppError('BLOCKED_TERM', 'messages.blockedTerm', { details: { term: match.term } });
  }
}
