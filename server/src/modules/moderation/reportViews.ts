/**
 * Report rows and their shape on the wire. Moderators see what was reported, in context (its author —
 * an anonymous asker included, as moderators may — its text, whether it is gone); the reporter's own
 * answer carries no `target`. Everything is loaded per page in a fixed number of queries.
 */
import type { Report, ReportTarget, ResolveAction } from '@circles/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { isoSql, rowsOf } from '../messages/rows.js';

export interface ReportRow {
  id: string;
  groupId: string;
  groupSlug: string;
  groupName: string;
  targetType: Report['targetType'];
  targetId: string;
  targetUserId: string | null;
  reason: Report['reason'];
  note: string;
  status: Report['status'];
  reporterId: string | null;
  appealOf: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionAction: string | null;
  resolutionNote: string | null;
  createdAt: string;
  /** Keyset cursor fields. */
  createdMicros: string;
  resolvedMicros: string | null;
}

/** Selects report rows (aliased `r`, joined to their group `g`) matching `where`, in `order`. */
export function selectReports(db: Queryable, where: SQL, order: SQL = sql`r.created_at`, limit?: number): Promise<ReportRow[]> {
  return rowsOf<ReportRow>(
    db,
    sql`select r.id, r.group_id as "groupId", g.slug as "groupSlug", g.name as "groupName", r.target_type as "targetType",
               r.target_id as "targetId", r.target_user_id as "targetUserId", r.reason, r.note, r.status,
               r.reporter_id as "reporterId", r.appeal_of as "appealOf", ${isoSql(sql`r.resolved_at`)} as "resolvedAt",
               r.resolved_by as "resolvedBy", r.resolution_action as "resolutionAction", r.resolution_note as "resolutionNote",
               ${isoSql(sql`r.created_at`)} as "createdAt",
               (extract(epoch from r.created_at) * 1000000)::bigint::text as "createdMicros",
               (extract(epoch from r.resolved_at) * 1000000)::bigint::text as "resolvedMicros"
        from reports r join groups g on g.id = r.group_id
        where ${where}
        order by ${order}
        ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
  );
}

interface ContentRow {
  id: string;
  authorId: string;
  title: string | null;
  body: string | null;
  deleted: boolean;
  createdAt: string;
  questionId: string | null;
  eventId?: string | null;
}

const idsOf = (rows: ReportRow[], type: Report['targetType']) => rows.filter((r) => r.targetType === type).map((r) => r.targetId);

/** The reported messages, questions, answers and event questions, by `${type}:${id}` (four queries at most). */
async function loadContents(db: Queryable, rows: ReportRow[]): Promise<Map<string, ContentRow>> {
  const found = new Map<string, ContentRow>();
  const messageIds = idsOf(rows, 'message').filter((id) => /^\d{1,19}$/.test(id));
  const questionIds = idsOf(rows, 'question');
  const answerIds = idsOf(rows, 'answer');
  const eventQuestionIds = idsOf(rows, 'event_question');
  const [messages, questions, answers, eventQuestions] = await Promise.all([
    messageIds.length === 0
      ? []
      : rowsOf<ContentRow>(
          db,
          sql`select id::text as "id", author_id as "authorId", null as "title", body, deleted_at is not null as "deleted",
                     ${isoSql(sql`created_at`)} as "createdAt", null as "questionId"
              from messages where id = any(${sql.param(messageIds)}::bigint[])`,
        ),
    questionIds.length === 0
      ? []
      : rowsOf<ContentRow>(
          db,
          sql`select id::text as "id", author_id as "authorId", title, body, deleted_at is not null as "deleted",
                     ${isoSql(sql`created_at`)} as "createdAt", null as "questionId"
              from questions where id::text = any(${sql.param(questionIds)}::text[])`,
        ),
    answerIds.length === 0
      ? []
      : rowsOf<ContentRow>(
          db,
          sql`select id::text as "id", author_id as "authorId", null as "title", body, deleted_at is not null as "deleted",
                     ${isoSql(sql`created_at`)} as "createdAt", question_id::text as "questionId"
              from answers where id::text = any(${sql.param(answerIds)}::text[])`,
        ),
    // An event question removed by a moderator stays in the event's record, marked; its event gives the context.
    eventQuestionIds.length === 0
      ? []
      : rowsOf<ContentRow>(
          db,
          sql`select q.id::text as "id", q.author_id as "authorId", e.title, q.body, q.deleted_at is not null as "deleted",
                     ${isoSql(sql`q.created_at`)} as "createdAt", null as "questionId", e.id::text as "eventId"
              from live_event_questions q join live_events e on e.id = q.event_id
              where q.id::text = any(${sql.param(eventQuestionIds)}::text[])`,
        ),
  ]);
  for (const m of messages) found.set(`message:${m.id}`, m);
  for (const q of questions) found.set(`question:${q.id}`, q);
  for (const a of answers) found.set(`answer:${a.id}`, a);
  for (const q of eventQuestions) found.set(`event_question:${q.id}`, q);
  return found;
}

interface AppealedRow {
  id: string;
  action: string;
  reason: string;
  until: string | null;
  at: string;
  actorId: string | null;
}

/** Shapes rows as Reports; `moderatorView` adds what was reported (never for the reporter's own copy). */
export async function toReports(db: Queryable, rows: ReportRow[], moderatorView: boolean): Promise<Report[]> {
  if (rows.length === 0) return [];
  const appealIds = rows.map((r) => r.appealOf).filter((id): id is string => id !== null);
  const [contents, appealed] = await Promise.all([
    moderatorView ? loadContents(db, rows) : new Map<string, ContentRow>(),
    appealIds.length === 0
      ? []
      : rowsOf<AppealedRow>(
          db,
          sql`select id, action, reason, ${isoSql(sql`until`)} as "until", ${isoSql(sql`created_at`)} as "at", actor_id as "actorId"
              from audit_log where id = any(${sql.param(appealIds)}::uuid[])`,
        ),
  ]);
  const appeals = new Map(appealed.map((a) => [a.id, a]));
  const people = new Set<string>();
  for (const r of rows) {
    for (const id of [r.reporterId, r.resolvedBy, moderatorView ? r.targetUserId : null]) if (id) people.add(id);
  }
  for (const c of contents.values()) people.add(c.authorId);
  for (const a of appealed) if (a.actorId) people.add(a.actorId);
  const users = await loadPublicUsers(db, people);
  const user = (id: string | null) => (id ? (users.get(id) ?? null) : null);

  return rows.map((r) => {
    let target: ReportTarget | null = null;
    if (moderatorView) {
      const content = contents.get(`${r.targetType}:${r.targetId}`);
      target = content
        ? {
            author: user(content.authorId),
            title: content.title,
            body: content.deleted ? null : content.body,
            deleted: content.deleted,
            createdAt: content.createdAt,
            questionId: content.questionId,
            ...(content.eventId ? { eventId: content.eventId } : {}),
          }
        : { author: user(r.targetUserId), title: null, body: null, deleted: r.targetType !== 'user', createdAt: null, questionId: null };
    }
    const appeal = r.appealOf ? appeals.get(r.appealOf) : undefined;
    return {
      id: r.id,
      groupId: r.groupId,
      group: { slug: r.groupSlug, name: r.groupName },
      targetType: r.targetType,
      targetId: r.targetId,
      reason: r.reason,
      note: r.note,
      status: r.status,
      reporter: user(r.reporterId),
      createdAt: r.createdAt,
      resolution:
        r.status === 'resolved' && r.resolvedAt
          ? { action: (r.resolutionAction ?? 'dismiss') as ResolveAction, note: r.resolutionNote ?? '', by: user(r.resolvedBy), at: r.resolvedAt }
          : null,
      target,
      appeal: appeal ? { id: appeal.id, action: appeal.action, reason: appeal.reason, until: appeal.until, at: appeal.at, by: user(appeal.actorId) } : null,
    };
  });
}
