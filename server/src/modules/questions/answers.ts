/**
 * Answers and helpful votes. Counters on the question (answers, clinician answers, helpful total)
 * move in the same transaction as the row they count, so the board's ranking never drifts.
 */
import type { Answer, AnswerBody } from '@circles/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { answerHelpfulVotes, answers, questions } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { inTransaction } from '../../db/transaction.js';
import { assertNoBlockedTerm, assertNoPersonalData, assertNotMuted, openCrisisReport, readsAsCrisis } from '../moderation/posting.js';
import { notify } from '../notifications/notify.js';
import { assertCanAnswer, assertNotOwnAnswer, loadActiveCredential } from './policy.js';
import { loadReadableQuestion, viewFor } from './service.js';
import { isUuid, toAnswer } from './views.js';

/**
 * Answers a question. Who: active members of the group; verified clinicians in any public group
 * without joining (in a private group they must be members). A clinician's answer is marked
 * `byClinician` for good, takes the question out of the clinician queue and frees its claim.
 * The asker is notified (their identity is never put in the notification's data). An answer that reads
 * as a crisis is posted, and a `crisis` report about it opens in the same transaction.
 * Errors: NOT_FOUND, NOT_A_MEMBER, BANNED, MUTED, BLOCKED_TERM, PERSONAL_DATA (unless acknowledged).
 */
export async function postAnswer(actor: Actor, questionId: string, input: AnswerBody, deps: Deps): Promise<{ answer: Answer; crisis: boolean }> {
  const { row: question, access } = await loadReadableQuestion(deps.db, actor, questionId);
  const credential = await loadActiveCredential(deps.db, actor.userId);
  assertCanAnswer(access, credential);
  assertNotMuted(access);
  assertNoBlockedTerm(access, input.body);
  assertNoPersonalData(input.acknowledgePersonalData, input.body);
  const crisis = readsAsCrisis(input.body);
  const byClinician = credential !== null;
  const users = await loadPublicUsers(deps.db, [actor.userId]);
  const author = users.get(actor.userId)!;

  return inTransaction(deps, async (tx, after) => {
    const [inserted] = await tx
      .insert(answers)
      .values({ questionId: question.id, authorId: actor.userId, body: input.body, byClinician })
      .returning();
    await tx
      .update(questions)
      .set({
        answerCount: sql`${questions.answerCount} + 1`,
        ...(byClinician
          ? { clinicianAnswerCount: sql`${questions.clinicianAnswerCount} + 1`, claimedBy: null, claimedUntil: null }
          : {}),
      })
      .where(eq(questions.id, question.id));
    await notify(
      tx,
      after,
      question.authorId === actor.userId
        ? []
        : [
            {
              userId: question.authorId,
              type: 'answer' as const,
              data: {
                questionId: question.id,
                answerId: inserted!.id,
                groupId: access.group.id,
                groupSlug: access.group.slug,
                groupName: access.group.name,
                questionTitle: question.title,
                byClinician,
                by: { id: actor.userId, displayName: author.displayName },
              },
            },
          ],
    );
    if (crisis) await openCrisisReport(tx, after, deps, { groupId: access.group.id, targetType: 'answer', targetId: inserted!.id, authorId: actor.userId });
    return { answer: toAnswer({ ...inserted!, votedHelpful: false }, users, question, viewFor(access)), crisis };
  });
}

async function loadVotableAnswer(actor: Actor, answerId: string, deps: Deps) {
  const [answer] = isUuid(answerId)
    ? await deps.db
        .select({ id: answers.id, questionId: answers.questionId, authorId: answers.authorId })
        .from(answers)
        .where(and(eq(answers.id, answerId), isNull(answers.deletedAt)))
    : [];
  if (!answer) throw new AppError('NOT_FOUND', 'questions.answerNotFound');
  await loadReadableQuestion(deps.db, actor, answer.questionId);
  assertNotOwnAnswer(actor, answer.authorId);
  return answer;
}

/**
 * Marks an answer helpful. One vote per user; repeating it changes nothing (idempotent PUT).
 * Who: readers of the group, never the answer's author. Errors: NOT_FOUND, NOT_A_MEMBER, FORBIDDEN.
 */
export async function markHelpful(actor: Actor, answerId: string, deps: Deps): Promise<{ helpfulCount: number }> {
  const answer = await loadVotableAnswer(actor, answerId, deps);
  return deps.db.transaction(async (tx) => {
    const [vote] = await tx
      .insert(answerHelpfulVotes)
      .values({ answerId: answer.id, userId: actor.userId })
      .onConflictDoNothing()
      .returning({ answerId: answerHelpfulVotes.answerId });
    if (!vote) return currentCount(tx, answer.id);
    return bumpCounts(tx, answer.id, answer.questionId, 1);
  });
}

/** Takes the caller's helpful vote back (no vote: nothing changes). Same rules as markHelpful. */
export async function unmarkHelpful(actor: Actor, answerId: string, deps: Deps): Promise<{ helpfulCount: number }> {
  const answer = await loadVotableAnswer(actor, answerId, deps);
  return deps.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(answerHelpfulVotes)
      .where(and(eq(answerHelpfulVotes.answerId, answer.id), eq(answerHelpfulVotes.userId, actor.userId)))
      .returning({ answerId: answerHelpfulVotes.answerId });
    if (!removed) return currentCount(tx, answer.id);
    return bumpCounts(tx, answer.id, answer.questionId, -1);
  });
}

async function currentCount(tx: Tx, answerId: string) {
  const [row] = await tx.select({ helpfulCount: answers.helpfulCount }).from(answers).where(eq(answers.id, answerId));
  return { helpfulCount: row?.helpfulCount ?? 0 };
}

async function bumpCounts(tx: Tx, answerId: string, questionId: string, delta: 1 | -1) {
  const [row] = await tx
    .update(answers)
    .set({ helpfulCount: sql`${answers.helpfulCount} + ${delta}` })
    .where(eq(answers.id, answerId))
    .returning({ helpfulCount: answers.helpfulCount });
  await tx
    .update(questions)
    .set({ helpfulTotal: sql`${questions.helpfulTotal} + ${delta}` })
    .where(eq(questions.id, questionId));
  return { helpfulCount: row?.helpfulCount ?? 0 };
}
