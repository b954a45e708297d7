/**
 * The question queue of a live event: members ask and upvote, hosts feature one and mark them
 * answered. The queue is ordered by upvotes, then age; answered questions leave it but stay in the
 * record. Every change goes to the group's room after it commits.
 */
import type { AskEventQuestionBody, EventQuestion, EventQuestionList, EventQuestionsQuery } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction, inTransactionIf, withEffects, type AfterCommit } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { isoSql, rowsOf } from '../messages/rows.js';
import { assertNoBlockedTerm, assertNoPersonalData, assertNotMuted, openCrisisReport, readsAsCrisis } from '../moderation/posting.js';
import { assertCanPost, assertCanRunEvent, assertLive, assertTakesQuestions } from './policy.js';
import { loadReadableEvent } from './service.js';
import { isUuid, loadEventAccess, type EventRow } from './views.js';

interface QuestionRow {
  id: string;
  eventId: string;
  authorId: string;
  body: string;
  upvotes: number;
  upvotedByMe: boolean;
  status: 'queued' | 'answered';
  featured: boolean;
  createdAt: string;
  answeredAt: string | null;
  /** Keyset position: created_at with microseconds. */
  cursorAt: string;
}

const questionColumns = (viewerId: string | null) => sql`q.id, q.event_id as "eventId", q.author_id as "authorId", q.body, q.upvotes,
  exists (select 1 from live_event_question_upvotes v where v.question_id = q.id and v.user_id = ${viewerId}::uuid) as "upvotedByMe",
  q.status, coalesce(e.featured_question_id = q.id, false) as "featured",
  ${isoSql(sql`q.created_at`)} as "createdAt", ${isoSql(sql`q.answered_at`)} as "answeredAt", q.created_at::text as "cursorAt"`;

async function selectQuestions(db: Queryable, viewerId: string | null, where: SQL, tail: SQL = sql``): Promise<QuestionRow[]> {
  return rowsOf<QuestionRow>(
    db,
    sql`select ${questionColumns(viewerId)} from live_event_questions q join live_events e on e.id = q.event_id
        where q.deleted_at is null and ${where} ${tail}`,
  );
}

async function toEventQuestions(db: Queryable, rows: QuestionRow[]): Promise<EventQuestion[]> {
  const authors = await loadPublicUsers(db, rows.map((r) => r.authorId));
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    body: r.body,
    author: authors.get(r.authorId)!,
    upvotes: Number(r.upvotes),
    upvotedByMe: Boolean(r.upvotedByMe),
    status: r.status,
    featured: Boolean(r.featured),
    createdAt: r.createdAt,
    answeredAt: r.answeredAt,
  }));
}

/** One question of `eventId` as `viewerId` sees it; NOT_FOUND when it is not that event's. */
async function loadQuestion(db: Queryable, viewerId: string | null, eventId: string, questionId: string): Promise<EventQuestion> {
  if (!isUuid(questionId)) throw new AppError('NOT_FOUND', 'questions.notFound');
  const rows = await selectQuestions(db, viewerId, sql`q.id = ${questionId}::uuid and q.event_id = ${eventId}::uuid`);
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'events.questionNotFound');
  return (await toEventQuestions(db, rows))[0]!;
}

/** A broadcast serves everyone: nobody's own upvote. */
const forBroadcast = (question: EventQuestion): EventQuestion => ({ ...question, upvotedByMe: false });

/**
 * Asks a question in an event's queue. Members who may post (NOT_A_MEMBER, BANNED), not while muted
 * (MUTED), never with one of the group's blocked terms (BLOCKED_TERM), no personal data unless acknowledged
 * (PERSONAL_DATA) — the rules every post follows; one that reads as a crisis is queued, and a `crisis`
 * report about it opens in the same transaction.
 * While the event is scheduled or live (CONFLICT after). `event:question_new` goes to the room.
 */
export async function askQuestion(
  actor: Actor,
  eventId: string,
  input: AskEventQuestionBody,
  deps: Deps,
): Promise<{ question: EventQuestion; crisis: boolean }> {
  const { event, access } = await loadEventAccess(deps.db, actor, eventId);
  assertCanPost(access);
  assertNotMuted(access);
  assertNoBlockedTerm(access, input.body);
  assertTakesQuestions(event);
  assertNoPersonalData(input.acknowledgePersonalData, input.body);
  const crisis = readsAsCrisis(input.body);
  return inTransactionIf(crisis, deps, async (db, after) => {
    const [row] = await rowsOf<{ id: string }>(
      db,
      sql`insert into live_event_questions (event_id, author_id, body)
          select id, ${actor.userId}::uuid, ${input.body} from live_events
          where id = ${eventId}::uuid and status in ('scheduled', 'live')
          returning id`,
    );
    if (!row) throw new AppError('CONFLICT', 'events.noMoreQuestions');
    const question = await loadQuestion(db, actor.userId, eventId, row.id);
    after.toGroup(event.groupId, 'event:question_new', { eventId, question: forBroadcast(question) });
    if (crisis) await openCrisisReport(db, after, deps, { groupId: event.groupId, targetType: 'event_question', targetId: row.id, authorId: actor.userId });
    return { question, crisis };
  });
}

/**
 * Upvotes a queued question, or withdraws the caller's upvote. Members who may post. One upvote per
 * member and question — the table's primary key decides, so parallel requests cannot make two — and
 * a repeated upvote (or a withdrawal of none) changes nothing and broadcasts nothing. CONFLICT when
 * the question was answered or the event is over. `event:question_updated` goes to the room.
 */
export async function setUpvote(actor: Actor, eventId: string, questionId: string, on: boolean, deps: Deps): Promise<EventQuestion> {
  const { event, access } = await loadEventAccess(deps.db, actor, eventId);
  assertCanPost(access);
  assertTakesQuestions(event);
  const current = await loadQuestion(deps.db, actor.userId, eventId, questionId);
  if (current.status !== 'queued') throw new AppError('CONFLICT', 'events.questionAnswered');
  return withEffects(deps, async (after) => {
    // One statement: the vote row and the count change together, and only when the vote row did.
    const [changed] = await rowsOf<{ upvotes: number }>(
      deps.db,
      on
        ? sql`with vote as (
                insert into live_event_question_upvotes (question_id, user_id) values (${questionId}::uuid, ${actor.userId}::uuid)
                on conflict do nothing returning question_id)
              update live_event_questions q set upvotes = q.upvotes + 1 from vote where q.id = vote.question_id returning q.upvotes`
        : sql`with vote as (
                delete from live_event_question_upvotes where question_id = ${questionId}::uuid and user_id = ${actor.userId}::uuid
                returning question_id)
              update live_event_questions q set upvotes = q.upvotes - 1 from vote where q.id = vote.question_id returning q.upvotes`,
    );
    const question = await loadQuestion(deps.db, actor.userId, eventId, questionId);
    if (changed) after.toGroup(event.groupId, 'event:question_updated', { eventId, question: forBroadcast(question) });
    return question;
  });
}

/** The event (locked) and the question, for the host actions below. */
async function loadForHost(tx: Queryable, actor: Actor, eventId: string, questionId: string): Promise<{ event: EventRow; question: EventQuestion }> {
  const { event, access } = await loadEventAccess(tx, actor, eventId, { forUpdate: true });
  assertCanRunEvent(access, event);
  return { event, question: await loadQuestion(tx, actor.userId, eventId, questionId) };
}

/**
 * Marks a question answered: it leaves the queue and stays in the record (no longer featured). A host
 * or a moderator, while the event is live or after it ended (CONFLICT before it starts). Marking it
 * again changes nothing. `event:question_updated` goes to the room.
 */
export async function markAnswered(actor: Actor, eventId: string, questionId: string, deps: Deps): Promise<EventQuestion> {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, after) => {
    const { event, question } = await loadForHost(tx, actor, eventId, questionId);
    if (event.status !== 'live' && event.status !== 'ended') throw new AppError('CONFLICT', 'events.answerWhenLive');
    if (question.status === 'answered') return question;
    await tx.execute(sql`update live_event_questions set status = 'answered', answered_at = ${now.toISOString()}::timestamptz,
                           answered_by = ${actor.userId}::uuid where id = ${questionId}::uuid`);
    await tx.execute(sql`update live_events set featured_question_id = null where id = ${eventId}::uuid and featured_question_id = ${questionId}::uuid`);
    const answered = await loadQuestion(tx, actor.userId, eventId, questionId);
    after.toGroup(event.groupId, 'event:question_updated', { eventId, question: forBroadcast(answered) });
    return answered;
  });
}

/**
 * Features a queued question: the one the hosts are taking now (the one featured before stops being
 * featured). A host or a moderator, while the event is live (CONFLICT otherwise, and for an answered
 * question). `event:question_featured` goes to the room.
 */
export async function featureQuestion(actor: Actor, eventId: string, questionId: string, deps: Deps): Promise<EventQuestion> {
  return inTransaction(deps, async (tx, after) => {
    const { event, question } = await loadForHost(tx, actor, eventId, questionId);
    assertLive(event);
    if (question.status !== 'queued') throw new AppError('CONFLICT', 'events.questionAnswered');
    if (question.featured) return question;
    await tx.execute(sql`update live_events set featured_question_id = ${questionId}::uuid where id = ${eventId}::uuid`);
    const featured = await loadQuestion(tx, actor.userId, eventId, questionId);
    after.toGroup(event.groupId, 'event:question_featured', { eventId, question: forBroadcast(featured) });
    return featured;
  });
}

// ─── reading the queue ─────────────────────────────────────────────────────────────────────

interface QueueCursor {
  /** 0 queued, 1 answered */
  s: number;
  /** upvotes */
  u: number;
  /** created_at with microseconds */
  t: string;
  i: string;
}

function decodeCursor(raw: string | undefined): QueueCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<QueueCursor>;
    if ((c.s === 0 || c.s === 1) && Number.isInteger(c.u) && typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t)) && typeof c.i === 'string' && isUuid(c.i)) {
      return c as QueueCursor;
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'lists.badCursor');
}

/** The one order of every list: queued before answered, then most upvoted, then oldest. */
const orderColumns = sql`case when q.status = 'queued' then 0 else 1 end, -q.upvotes, q.created_at, q.id`;

/**
 * An event's questions for readers of its group: `queued` (the queue), `answered` (the record) or
 * `all` (queued ones first), each most upvoted first, then oldest first. A page boundary may shift
 * while votes come in; the live events keep a client's copy current.
 */
export async function listQuestions(actor: Actor, eventId: string, query: EventQuestionsQuery, deps: Deps): Promise<EventQuestionList> {
  await loadReadableEvent(deps.db, actor, eventId);
  const cursor = decodeCursor(query.cursor);
  const statusFilter = query.status === 'all' ? sql`` : sql`and q.status = ${query.status}`;
  const keyset = cursor ? sql`and (${orderColumns}) > (${cursor.s}, ${-cursor.u}, ${cursor.t}::timestamptz, ${cursor.i}::uuid)` : sql``;
  const rows = await selectQuestions(
    deps.db,
    actor.userId,
    sql`q.event_id = ${eventId}::uuid ${statusFilter} ${keyset}`,
    sql`order by ${orderColumns} limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(JSON.stringify({ s: last.status === 'queued' ? 0 : 1, u: Number(last.upvotes), t: last.cursorAt, i: last.id })).toString('base64url')
      : null;
  return { items: await toEventQuestions(deps.db, page), nextCursor };
}

// ─── removal by a moderator ────────────────────────────────────────────────────────────────

/**
 * Takes a question out of its event for good (a report resolved with `remove`): it leaves the queue
 * and stops being featured, in the caller's transaction; `event:question_removed` goes to the room
 * after commit. The row stays, marked, for the report's context and the audit trail. Null when it
 * was already removed.
 */
export async function removeEventQuestion(
  tx: Queryable,
  after: AfterCommit,
  questionId: string,
): Promise<{ authorId: string; eventId: string; groupId: string } | null> {
  const [removed] = await rowsOf<{ authorId: string; eventId: string; groupId: string }>(
    tx,
    sql`update live_event_questions q set deleted_at = now()
        from live_events e
        where q.id = ${questionId}::uuid and e.id = q.event_id and q.deleted_at is null
        returning q.author_id as "authorId", q.event_id as "eventId", e.group_id as "groupId"`,
  );
  if (!removed) return null;
  await tx.execute(sql`update live_events set featured_question_id = null where id = ${removed.eventId}::uuid and featured_question_id = ${questionId}::uuid`);
  after.toGroup(removed.groupId, 'event:question_removed', { eventId: removed.eventId, questionId });
  return removed;
}
