/**
 * The moderation rules every post in a group follows — chat messages and their edits, reactions,
 * questions, answers (and event questions): not while muted, never with one of the group's blocked
 * terms. Each domain calls these instead of restating them, so the same settings refuse the same
 * posts everywhere with the same error shapes.
 */
import { findBlockedTerm } from '@circles/shared/safety/blockedTerms';
import { AppError } from '../../lib/appError.js';
import type { GroupAccess } from '../groups/policy.js';

/** MUTED, with `details: { until, reason }`, for a post by someone whose mute is in force. */
export function mutedError(until: string, reason: string | null): AppError {
  return new AppError('MUTED', 'messages.muted', { params: { until: new Date(until) }, details: { until, reason: reason ?? '' } });
}

/** MUTED while the actor's mute in the group lasts (read with their access: no extra query). */
export function assertNotMuted(access: GroupAccess): void {
  if (access.mutedUntil) throw mutedError(access.mutedUntil, access.muteReason);
}

/** BLOCKED_TERM (with `details.term`) when any of the texts contains one of the group's blocked terms. */
export function assertNoBlockedTerm(access: GroupAccess, ...texts: string[]): void {
  for (const text of texts) {
    const match = findBlockedTerm(text, access.group.blockedTerms);
    if (match) throw new AppError('BLOCKED_TERM', 'moderation.blockedTerm', { details: { term: match.term } });
  }
}
