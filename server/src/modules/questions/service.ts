/**
 * Health questions: the board (list, search), asking, reading one question with its answers,
 * pinning and accepting. Answers and helpful votes live in answers.ts, the clinician queue in queue.ts.
 */
import type { AskQuestionBody, ListQuestionsQuery, Question, QuestionDetail, QuestionList } from '@circles/shared';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { answerHelpfulVotes, answers, questions } from '../../db/schema.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { loadGroupAccessById, loadGroupAccessBySlug } from '../groups/access.js';
import { assertCanRead, assertModerator, type GroupAccess } from '../groups/policy.js';
import { inTransaction, inTransactionIf } from '../../db/transaction.js';
import { recordAudit } from '../moderation/audit.js';
import { assertNoBlockedTerm, assertNoPersonalData, assertNotMuted, openCrisisReport, readsAsCrisis } from '../moderation/posting.js';
import { notify } from '../notifications/notify.js';
import {
  assertAsker,
  assertCanAsk,
  canAnswer,
  canPin,
  canSeeAnonymousAuthor,
  loadActiveCredential,
} from './policy.js';
import {
  BROADCAST_VIEW,
  findQuestionRow,
  isUuid,
  questionColumns,
  toAnswer,
  toOneQuestion,
  toQuestions,
  type QuestionRow,
  type QuestionView,
} from './views.js';

/** How `actor` sees questions in the group of `access`. */
export const viewFor = (access: GroupAccess): QuestionView => ({
  revealAnonymous: canSeeAnonymousAuthor(access),
  viewerId: access.actor.userId,
});

/**
 * A live question and the actor's standing in its group, after the read check: NOT_FOUND for an
 * unknown id, NOT_A_MEMBER for a private group's question seen from outside.
 */
export async function loadReadableQuestion(db: Queryable, actor: Actor, id: string): Promise<{ row: QuestionRow; access: GroupAccess }> {
  const row = await findQuestionRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'questions.notFound');
  const access = await loadGroupAccessById(db, actor, row.groupId);
  assertCanRead(access);
  return { row, access };
}

// ─── the board ────────────────────────────────────────────────────────────────────────────

/** Opaque list cursors: keyset positions for new/top, an offset for ranked search results. */
type Cursor =
  | { k: 'new'; p: boolean; t: string; i: string }
  | { k: 'top'; p: boolean; h: number; a: number; t: string; i: string }
  | { k: 'q'; o: number };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(raw: string | undefined, kind: Cursor['k']): Cursor | null {
  if (!raw) return null;
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    c = null;
  }
  const o = c as Record<string, unknown> | null;
  const ok =
    o !== null &&
    typeof o === 'object' &&
    o.k === kind &&
    (kind === 'q'
      ? Number.isInteger(o.o) && (o.o as number) >= 0
      : typeof o.p === 'boolean' &&
        typeof o.t === 'string' &&
        !Number.isNaN(Date.parse(o.t)) &&
        typeof o.i === 'string' &&
        isUuid(o.i) &&
        (kind === 'new' || (Number.isInteger(o.h) && Number.isInteger(o.a))));
  if (!ok) throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
  return o as Cursor;
}

/** The created_at text keeps microseconds, so keyset pages never skip rows that share a millisecond. */
const createdAtText = sql<string>`${questions.createdAt}::text`;

/**
 * Lists a group's questions for a reader: pinned first, then newest (`new`) or most helpful
 * (`top`); `q` searches titles and bodies and ranks by relevance. Filters: status, pinned.
 * Errors: NOT_FOUND (group), NOT_A_MEMBER (private group), VALIDATION_ERROR (bad cursor).
 */
export async function listQuestions(actor: Actor, slug: string, query: ListQuestionsQuery, deps: Deps): Promise<QuestionList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertCanRead(access);
  const search = query.q?.trim() ? query.q.trim() : null;
  const kind: Cursor['k'] = search ? 'q' : query.sort;
  const cursor = decodeCursor(query.cursor, kind);

  const where: SQL[] = [eq(questions.groupId, access.group.id), isNull(questions.deletedAt)];
  if (query.status) where.push(eq(questions.status, query.status));
  if (query.pinned !== undefined) where.push(eq(questions.pinned, query.pinned));

  const limit = query.limit;
  let rows: Array<QuestionRow & { cursorAt: string; helpfulTotal: number }>;
  const base = () =>
    deps.db
      .select({ ...questionColumns, cursorAt: createdAtText, helpfulTotal: questions.helpfulTotal })
      .from(questions);

  if (search) {
    const tsquery = sql`websearch_to_tsquery('english', circles_unaccent(${search}))`;
    const offset = cursor?.k === 'q' ? cursor.o : 0;
    rows = await base()
      .where(and(...where, sql`${questions.search} @@ ${tsquery}`))
      .orderBy(desc(questions.pinned), sql`ts_rank(${questions.search}, ${tsquery}) desc`, desc(questions.createdAt), desc(questions.id))
      .limit(limit + 1)
      .offset(offset);
    const more = rows.length > limit;
    const items = await toQuestions(deps.db, rows.slice(0, limit), viewFor(access));
    return { items, nextCursor: more ? encodeCursor({ k: 'q', o: offset + limit }) : null };
  }

  if (query.sort === 'top') {
    if (cursor?.k === 'top') {
      where.push(
        sql`(${questions.pinned}, ${questions.helpfulTotal}, ${questions.answerCount}, ${questions.createdAt}, ${questions.id}) < (${cursor.p}, ${cursor.h}, ${cursor.a}, ${cursor.t}::timestamptz, ${cursor.i}::uuid)`,
      );
    }
    rows = await base()
      .where(and(...where))
      .orderBy(desc(questions.pinned), desc(questions.helpfulTotal), desc(questions.answerCount), desc(questions.createdAt), desc(questions.id))
      .limit(limit + 1);
  } else {
    if (cursor?.k === 'new') {
      where.push(
        sql`(${questions.pinned}, ${questions.createdAt}, ${questions.id}) < (${cursor.p}, ${cursor.t}::timestamptz, ${cursor.i}::uuid)`,
      );
    }
    rows = await base()
      .where(and(...where))
      .orderBy(desc(questions.pinned), desc(questions.createdAt), desc(questions.id))
      .limit(limit + 1);
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    nextCursor = encodeCursor(
      query.sort === 'top'
        ? { k: 'top', p: last.pinned, h: last.helpfulTotal, a: last.answerCount, t: last.cursorAt, i: last.id }
        : { k: 'new', p: last.pinned, t: last.cursorAt, i: last.id },
    );
  }
  return { items: await toQuestions(deps.db, page, viewFor(access)), nextCursor };
}

/**
 * Asks a question in a group. Who: active members. Anonymous questions hide the asker from everyone
 * but the group's moderators; the room hears `question:new` in the anonymous form. A question whose
 * title and body read as a crisis is posted, and a `crisis` report about it opens in the same transaction.
 * Errors: NOT_FOUND, NOT_A_MEMBER, BANNED, MUTED, BLOCKED_TERM, PERSONAL_DATA (unless acknowledged).
 */
export async function askQuestion(
  actor: Actor,
  slug: string,
  input: AskQuestionBody,
  deps: Deps,
): Promise<{ question: Question; crisis: boolean }> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertCanAsk(access);
  assertNotMuted(access);
  assertNoBlockedTerm(access, input.title, input.body);
  assertNoPersonalData(input.acknowledgePersonalData, { title: input.title, body: input.body });
  const crisis = readsAsCrisis(input.title, input.body);
  return inTransactionIf(crisis, deps, async (db, after) => {
    const [row] = await db
      .insert(questions)
      .values({
        groupId: access.group.id,
        authorId: actor.userId,
        title: input.title,
        body: input.body,
        anonymous: input.anonymous ?? false,
      })
      .returning(questionColumns);
    const created = row!;
    after.toGroup(access.group.id, 'question:new', { question: await toOneQuestion(db, created, BROADCAST_VIEW) });
    if (crisis) await openCrisisReport(db, after, deps, { groupId: access.group.id, targetType: 'question', targetId: created.id, authorId: actor.userId });
    return { question: await toOneQuestion(db, created, viewFor(access)), crisis };
  });
}

/**
 * One question with its answers: clinician answers first, then the most helpful, then the oldest;
 * with its group and what the caller may do (answer, pin). Who: readers of the group.
 * Errors: NOT_FOUND, NOT_A_MEMBER.
 */
export async function getQuestion(actor: Actor, id: string, deps: Deps): Promise<QuestionDetail> {
  const { row, access } = await loadReadableQuestion(deps.db, actor, id);
  const answerRows = await deps.db
    .select({
      id: answers.id,
      questionId: answers.questionId,
      authorId: answers.authorId,
      body: answers.body,
      byClinician: answers.byClinician,
      helpfulCount: answers.helpfulCount,
      createdAt: answers.createdAt,
      votedHelpful: sql<boolean>`exists (select 1 from ${answerHelpfulVotes} v where v.answer_id = ${answers.id} and v.user_id = ${actor.userId})`,
    })
    .from(answers)
    .where(and(eq(answers.questionId, row.id), isNull(answers.deletedAt)))
    .orderBy(desc(answers.byClinician), desc(answers.helpfulCount), asc(answers.createdAt), asc(answers.id));
  const view = viewFor(access);
  const hidden = row.anonymous && !view.revealAnonymous ? row.authorId : null;
  const [users, credential] = await Promise.all([
    // The anonymous asker's PublicUser is not even loaded for a viewer who may not see it.
    loadPublicUsers(deps.db, answerRows.map((a) => a.authorId).filter((id) => id !== hidden)),
    loadActiveCredential(deps.db, actor.userId),
  ]);
  return {
    question: await toOneQuestion(deps.db, row, view),
    answers: answerRows.map((a) => toAnswer({ ...a, votedHelpful: Boolean(a.votedHelpful) }, users, row, view)),
    group: { id: access.group.id, slug: access.group.slug, name: access.group.name, visibility: access.group.visibility },
    abilities: { answer: canAnswer(access, credential), pin: canPin(access) },
  };
}

/**
 * Pins (or unpins) a question so clinicians see it in their queue. Who: the group's moderators.
 * The room hears `question:pinned` (anonymous form) either way; the change is audited.
 * Errors: NOT_FOUND, NOT_A_MEMBER, FORBIDDEN.
 */
export async function setPinned(actor: Actor, id: string, pinned: boolean, deps: Deps): Promise<Question> {
  const { row, access } = await loadReadableQuestion(deps.db, actor, id);
  assertModerator(access);
  if (row.pinned === pinned) return toOneQuestion(deps.db, row, viewFor(access));
  return inTransaction(deps, async (tx, after) => {
    const [changed] = await tx
      .update(questions)
      // Unpinning takes the question out of the clinician queue, so a claim on it no longer means anything.
      .set(pinned ? { pinned: true, pinnedAt: sql`now()` } : { pinned: false, pinnedAt: null, claimedBy: null, claimedUntil: null })
      .where(eq(questions.id, row.id))
      .returning(questionColumns);
    if (!changed) throw new AppError('NOT_FOUND', 'questions.notFound');
    await recordAudit(tx, {
      groupId: access.group.id,
      actorId: actor.userId,
      action: pinned ? 'pin_question' : 'unpin_question',
      targetType: 'question',
      targetId: row.id,
    });
    after.toGroup(access.group.id, 'question:pinned', { question: await toOneQuestion(tx, changed, BROADCAST_VIEW) });
    return toOneQuestion(tx, changed, viewFor(access));
  });
}

/**
 * Accepts one of the question's answers; the question becomes `answered`. Who: the asker only —
 * checked against the stored author, which is never exposed for anonymous questions. Accepting
 * another answer later moves the mark. The answer's author is notified (unless it is the asker).
 * Errors: NOT_FOUND (question, or an answer not on this question), NOT_A_MEMBER, FORBIDDEN.
 */
export async function acceptAnswer(actor: Actor, id: string, answerId: string, deps: Deps): Promise<Question> {
  const { row, access } = await loadReadableQuestion(deps.db, actor, id);
  assertAsker(actor, row.authorId);
  const [target] = isUuid(answerId)
    ? await deps.db
        .select({ id: answers.id, authorId: answers.authorId })
        .from(answers)
        .where(and(eq(answers.id, answerId), eq(answers.questionId, row.id), isNull(answers.deletedAt)))
    : [];
  if (!target) throw new AppError('NOT_FOUND', 'questions.answerNotInQuestion');
  if (row.acceptedAnswerId === target.id) return toOneQuestion(deps.db, row, viewFor(access));

  return inTransaction(deps, async (tx, after) => {
    const [changed] = await tx
      .update(questions)
      .set({ acceptedAnswerId: target.id, status: 'answered' })
      .where(eq(questions.id, row.id))
      .returning(questionColumns);
    // The data names the question, never who asked it: the asker may be anonymous.
    await notify(
      tx,
      after,
      target.authorId === row.authorId
        ? []
        : [
            {
              userId: target.authorId,
              type: 'accepted' as const,
              data: {
                questionId: row.id,
                answerId: target.id,
                groupId: access.group.id,
                groupSlug: access.group.slug,
                groupName: access.group.name,
                questionTitle: row.title,
              },
            },
          ],
    );
    return toOneQuestion(tx, changed!, viewFor(access));
  });
}
