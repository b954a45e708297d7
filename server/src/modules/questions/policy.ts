/**
 * Who may do what with health questions and answers. Group membership rules come from
 * groups/policy.ts; this file adds the questions-specific ones: clinicians answering outside their
 * groups, who may see an anonymous asker, who may accept, vote and work the clinician queue.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { clinicianCredentials } from '../../db/schema.js';
import type { Actor } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { assertCanPost, canPost, isArchived, isModerator, type GroupAccess } from '../groups/policy.js';

/** An unexpired clinician credential, or null. Expiry is checked by the database clock. */
export interface ActiveCredential {
  specialty: string;
  jurisdiction: string;
  expiresAt: Date;
}

export async function loadActiveCredential(db: Queryable, userId: string): Promise<ActiveCredential | null> {
  const [row] = await db
    .select({
      specialty: clinicianCredentials.specialty,
      jurisdiction: clinicianCredentials.jurisdiction,
      expiresAt: clinicianCredentials.expiresAt,
    })
    .from(clinicianCredentials)
    .where(and(eq(clinicianCredentials.userId, userId), gt(clinicianCredentials.expiresAt, sql`now()`)));
  return row ?? null;
}

/**
 * The clinician queue and claims are for verified clinicians only. An expired credential closes the
 * queue until an admin renews it.
 */
export function assertClinician(credential: ActiveCredential | null): asserts credential is ActiveCredential {
  if (!credential) {
    throw new AppError('FORBIDDEN', 'questions.cliniciansOnly');
  }
}

/**
 * An anonymous asker's identity is visible to the group's moderators (site admins included) and to
 * no one else — not even fellow members. This is the single predicate every surface uses.
 */
export const canSeeAnonymousAuthor = (access: GroupAccess) => isModerator(access);

/**
 * Asking needs active membership (as for any post in a group).
 */
export function assertCanAsk(access: GroupAccess): void {
  assertCanPost(access);
}

/**
 * Answering: members of the group; verified clinicians may also answer in any public group without
 * joining. In a private group a clinician must be an active member like anyone else. A banned user
 * never answers.
 */
export const canAnswer = (access: GroupAccess, credential: ActiveCredential | null) =>
  canPost(access) ||
  (!isArchived(access) && !access.banned && credential !== null && access.group.visibility === 'public');

export function assertCanAnswer(access: GroupAccess, credential: ActiveCredential | null): void {
  if (canAnswer(access, credential)) return;
  assertCanPost(access);
}

/** Pinning for clinicians is a moderation act. */
export const canPin = (access: GroupAccess) => isModerator(access);

/** Accepting an answer is the asker's decision alone (authorized by the stored author, never shown). */
export function assertAsker(actor: Actor, authorId: string): void {
  if (actor.userId !== authorId) throw new AppError('FORBIDDEN', 'questions.askerOnlyAccepts');
}

/** A helpful vote on one's own answer would let anyone inflate their own ranking. */
export function assertNotOwnAnswer(actor: Actor, answerAuthorId: string): void {
  if (actor.userId === answerAuthorId) throw new AppError('FORBIDDEN', 'questions.ownAnswerHelpful');
}

/** Releasing a claim held by another clinician would undo their work in progress. */
export function assertMayRelease(actor: Actor, claimedBy: string | null, claimActive: boolean): void {
  if (claimActive && claimedBy && claimedBy !== actor.userId) {
    throw new AppError('FORBIDDEN', 'questions.heldByOther');
  }
}
