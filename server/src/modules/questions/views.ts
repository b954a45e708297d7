/**
 * Shapes question and answer rows into the contract's Question / Answer. Anonymity is applied here,
 * once: an anonymous question's author is neither loaded nor shown unless the viewer may see it.
 */
import type { Answer, PublicUser, Question } from '@circles/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { questions } from '../../db/schema.js';
import { iso } from '../../lib/time.js';
import { loadPublicUsers } from '../accounts/publicUser.js';

export const questionColumns = {
  id: questions.id,
  groupId: questions.groupId,
  authorId: questions.authorId,
  title: questions.title,
  body: questions.body,
  anonymous: questions.anonymous,
  status: questions.status,
  pinned: questions.pinned,
  pinnedAt: questions.pinnedAt,
  acceptedAnswerId: questions.acceptedAnswerId,
  answerCount: questions.answerCount,
  clinicianAnswerCount: questions.clinicianAnswerCount,
  claimedBy: questions.claimedBy,
  claimedUntil: questions.claimedUntil,
  createdAt: questions.createdAt,
};

export interface QuestionRow {
  id: string;
  groupId: string;
  authorId: string;
  title: string;
  body: string;
  anonymous: boolean;
  status: 'open' | 'answered';
  pinned: boolean;
  pinnedAt: Date | null;
  acceptedAnswerId: string | null;
  answerCount: number;
  clinicianAnswerCount: number;
  claimedBy: string | null;
  claimedUntil: Date | null;
  createdAt: Date;
}

/**
 * How one viewer sees questions: whether anonymous askers are revealed to them (the group's
 * moderators and site admins only), and who they are (for `mine`). A room broadcast has no viewer:
 * it always carries the anonymous form and no `mine`.
 */
export interface QuestionView {
  revealAnonymous: boolean;
  viewerId: string | null;
}

export const BROADCAST_VIEW: QuestionView = { revealAnonymous: false, viewerId: null };

/** Whose PublicUser a viewer needs for these rows (anonymous askers only when revealed). */
export function visibleAuthorIds(rows: readonly QuestionRow[], view: (row: QuestionRow) => QuestionView): string[] {
  return rows.filter((r) => !r.anonymous || view(r).revealAnonymous).map((r) => r.authorId);
}

export function toQuestion(row: QuestionRow, users: ReadonlyMap<string, PublicUser>, view: QuestionView): Question {
  const showAuthor = !row.anonymous || view.revealAnonymous;
  const question: Question = {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    body: row.body,
    author: showAuthor ? (users.get(row.authorId) ?? null) : null,
    anonymous: row.anonymous,
    status: row.status,
    pinned: row.pinned,
    acceptedAnswerId: row.acceptedAnswerId,
    answerCount: row.answerCount,
    createdAt: iso(row.createdAt),
  };
  if (view.viewerId !== null) question.mine = row.authorId === view.viewerId;
  return question;
}

/** Shapes many rows seen by one viewer, loading their visible authors in one query. */
export async function toQuestions(db: Queryable, rows: readonly QuestionRow[], view: QuestionView): Promise<Question[]> {
  const users = await loadPublicUsers(db, visibleAuthorIds(rows, () => view));
  return rows.map((r) => toQuestion(r, users, view));
}

export async function toOneQuestion(db: Queryable, row: QuestionRow, view: QuestionView): Promise<Question> {
  const [question] = await toQuestions(db, [row], view);
  return question!;
}

/** A live (not deleted) question row, or null. */
export async function findQuestionRow(db: Queryable, id: string): Promise<QuestionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(questionColumns)
    .from(questions)
    .where(and(eq(questions.id, id), isNull(questions.deletedAt)));
  return row ?? null;
}

export interface AnswerRow {
  id: string;
  questionId: string;
  authorId: string;
  body: string;
  byClinician: boolean;
  helpfulCount: number;
  votedHelpful: boolean;
  createdAt: Date;
}

/**
 * Who wrote an answer, as a viewer who may not see an anonymous asker is shown it when the asker
 * answers their own question (a follow-up, a thank-you): a stand-in, never the person. The id is not
 * a user id; it names no one.
 */
export const ANONYMOUS_ASKER_ID = 'anonymous-asker';

function anonymousAsker(question: Pick<QuestionRow, 'createdAt'>): PublicUser {
  return {
    id: ANONYMOUS_ASKER_ID,
    displayName: 'Anonymous (asker)',
    bio: '',
    isAdmin: false,
    clinician: null,
    // An affiliation would say who asked: the stand-in has none.
    affiliations: [],
    createdAt: iso(question.createdAt),
  };
}

/** Shapes an answer for one viewer of `question`, hiding an anonymous asker's own answers as the question hides them. */
export function toAnswer(
  row: AnswerRow,
  users: ReadonlyMap<string, PublicUser>,
  question: Pick<QuestionRow, 'authorId' | 'anonymous' | 'createdAt'>,
  view: QuestionView,
): Answer {
  const hideAuthor = question.anonymous && !view.revealAnonymous && row.authorId === question.authorId;
  const answer: Answer = {
    id: row.id,
    questionId: row.questionId,
    author: hideAuthor ? anonymousAsker(question) : users.get(row.authorId)!,
    body: row.body,
    byClinician: row.byClinician,
    helpfulCount: row.helpfulCount,
    votedHelpful: row.votedHelpful,
    createdAt: iso(row.createdAt),
  };
  if (view.viewerId !== null) answer.mine = row.authorId === view.viewerId;
  return answer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are uuids; anything else names nothing (answered NOT_FOUND without asking the database). */
export const isUuid = (id: string) => UUID.test(id);
