/**
 * The moderation rules every post in a group follows — chat messages and their edits, reactions,
 * questions, answers (and event questions): not while muted, never with one of the group's blocked
 * terms, no personal data unless the author chose to post it anyway; and a post that reads as a crisis
 * goes out with help for its author and an alert to the moderators. Each domain calls these instead of
 * restating them, so the same settings refuse the same posts everywhere with the same error shapes.
 *
 * The order every domain follows: the payload's schema, then access (may this person post here?),
 * then the mute, then blocked terms, then personal data — so a muted person or a forbidden word is
 * told that first, and "post anyway" is offered only for a post that could otherwise go out.
 */
import type { PersonalDataDetail } from '@circles/shared';
import { findBlockedTerm } from '@circles/shared/safety/blockedTerms';
import { findPersonalData } from '@circles/shared/safety/personalData';
import type { Queryable } from '../../db/client.js';
import type { AfterCommit } from '../../db/transaction.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import type { GroupAccess } from '../groups/policy.js';
import { detectCrisis } from './detectors/crisis.js';
import { openSystemReport } from './reports.js';

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

/**
 * Whether a post reads as someone in crisis — suicide, self-harm, overdose, abuse (detectors/crisis.ts).
 * Pure and well under a millisecond: it runs on every post before anything is written, so a post that
 * does not read as one costs no query. A post with several fields is read as one text (a question's
 * title and body: "I can't go on" above "the pills are ready" is one sign beside another).
 *
 * Such a post is never refused: it is posted as usual, its author's answer carries where to turn
 * (crisisResources.ts `withSafety`), and `openCrisisReport` alerts the group's moderators.
 */
export function readsAsCrisis(...texts: string[]): boolean {
  return detectCrisis(texts.length === 1 ? texts[0]! : texts.join('\n')).crisis;
}

/**
 * Opens the `crisis` report about a post the detector flagged, in the same transaction as the post (a
 * rolled-back post leaves no report), as the system (reporter null; the queue lists crisis reports
 * first). `report:new` reaches the group's moderators after commit, those the audience function counts
 * then. An edit of a post already flagged, with its report still open, opens no second one.
 */
export async function openCrisisReport(
  tx: Queryable,
  after: AfterCommit,
  deps: Deps,
  post: { groupId: string; targetType: 'message' | 'question' | 'answer' | 'event_question'; targetId: string; authorId: string },
): Promise<void> {
  await openSystemReport(tx, after, deps, {
    groupId: post.groupId,
    targetType: post.targetType,
    targetId: post.targetId,
    targetUserId: post.authorId,
    reason: 'crisis',
  });
}
