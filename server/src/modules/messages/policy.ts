/**
 * Who may do what with messages. Group membership rules come from groups/policy.ts and the
 * moderation rules every post follows (mutes, blocked terms) from moderation/posting.ts; this file
 * adds the message-specific ones (authorship, slow mode, read markers) in one place.
 */
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { isActiveMember, isModerator, type GroupAccess } from '../groups/policy.js';

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

/** Read markers belong to memberships; a site admin who is not a member has none to move. */
export function hasReadMarker(access: GroupAccess): boolean {
  if (isActiveMember(access)) return true;
  if (access.actor.isAdmin) return false;
  throw new AppError('NOT_A_MEMBER', 'groups.joinToKeepPlace');
}
