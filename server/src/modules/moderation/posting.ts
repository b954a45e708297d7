/**
 * The moderation rules every post in a group follows — chat messages and their edits, reactions,
 * questions, answers (and event questions): not while muted, never with one of the group's blocked
 * terms, no personal data unless the author chose to post it anyway. Each domain calls these instead
 * of restating them, so the same settings refuse the same posts everywhere with the same error shapes.
 *
 * The order every domain follows: the payload's schema, then access (may this person post here?),
 * then the mute, then blocked terms, then personal data — so a muted person or a forbidden word is
 * told that first, and "post anyway" is offered only for a post that could otherwise go out.
 */
import type { PersonalDataDetail } from '@circles/shared';
import { findBlockedTerm } from '@circles/shared/safety/blockedTerms';
import { findPersonalData } from '@circles/shared/safety/personalData';
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

/**
 * PERSONAL_DATA (422) when the post holds a phone number, email address, street address, date of birth
 * or health-card / record number, unless the author acknowledged it (`acknowledgePersonalData: true`:
 * they saw the warning and chose to post anyway). Pure: no query, so nothing is written when it refuses.
 *
 * `details` lists every finding, in order: `{ kind, start, end }` with offsets in UTF-16 code units of
 * the trimmed text (the schemas trim, so the texts given here are the stored ones). A post with one
 * text (a message, an answer, an event question) gives that text; a post with several fields (a
 * question's title and body) gives them by name, and each finding then also names its `field`, its
 * offsets counted in that field alone — so a client can highlight the span where the person typed it.
 */
export function assertNoPersonalData(acknowledged: boolean | undefined, post: string | Readonly<Record<string, string>>): void {
  if (acknowledged === true) return;
  let details: PersonalDataDetail[];
  if (typeof post === 'string') {
    details = findPersonalData(post);
  } else {
    details = Object.entries(post).flatMap(([field, text]) => findPersonalData(text).map((span) => ({ field, ...span })));
  }
  if (details.length > 0) throw new AppError('PERSONAL_DATA', 'moderation.personalData', { details });
}
