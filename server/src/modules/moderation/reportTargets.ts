/**
 * What a report can be about, and who may report it: a reader of the thing's group. Each kind of
 * target is found here (deleted content answers NOT_FOUND: there is nothing left to report), with the
 * person a resolution would act on — the content's author, or the reported person.
 */
import type { CreateReportBody } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import type { Actor } from '../../deps.js';
import { msg, type MessageKey } from '../../i18n/index.js';
import { AppError, validationError } from '../../lib/appError.js';
import { loadGroupAccessById, loadGroupAccessBySlug } from '../groups/access.js';
import { isUuid } from '../groups/cursor.js';
import { assertCanRead, type GroupAccess } from '../groups/policy.js';
import { loadMessageRef, rowsOf } from '../messages/rows.js';
import { findQuestionRow } from '../questions/views.js';

export interface ReportSubject {
  access: GroupAccess;
  /** The canonical id of the target. */
  targetId: string;
  targetUserId: string | null;
}

const nothing = (key: MessageKey) => new AppError('NOT_FOUND', key);

async function readable(db: Queryable, actor: Actor, groupId: string): Promise<GroupAccess> {
  const access = await loadGroupAccessById(db, actor, groupId);
  assertCanRead(access);
  return access;
}

/** The target of a new report and the reporter's access to its group. NOT_FOUND, NOT_A_MEMBER, VALIDATION_ERROR. */
export async function findReportSubject(db: Queryable, actor: Actor, body: CreateReportBody): Promise<ReportSubject> {
  switch (body.targetType) {
    case 'message': {
      const ref = /^\d{1,19}$/.test(body.targetId) ? await loadMessageRef(db, body.targetId) : null;
      if (!ref || ref.deleted) throw nothing('messages.notFound');
      return { access: await readable(db, actor, ref.groupId), targetId: ref.id, targetUserId: ref.authorId };
    }
    case 'question': {
      const row = await findQuestionRow(db, body.targetId);
      if (!row) throw nothing('questions.notFound');
      return { access: await readable(db, actor, row.groupId), targetId: row.id, targetUserId: row.authorId };
    }
    case 'answer': {
      const [row] = isUuid(body.targetId)
        ? await rowsOf<{ id: string; authorId: string; groupId: string }>(
            db,
            sql`select a.id, a.author_id as "authorId", q.group_id as "groupId"
                from answers a join questions q on q.id = a.question_id
                where a.id = ${body.targetId}::uuid and a.deleted_at is null and q.deleted_at is null`,
          )
        : [];
      if (!row) throw nothing('questions.answerNotFound');
      return { access: await readable(db, actor, row.groupId), targetId: row.id, targetUserId: row.authorId };
    }
    case 'user': {
      if (!body.groupSlug) {
        throw validationError([{ field: 'body.groupSlug', problem: msg('validation.required') }]);
      }
      const access = await loadGroupAccessBySlug(db, actor, body.groupSlug);
      assertCanRead(access);
      const [person] = isUuid(body.targetId)
        ? await rowsOf<{ id: string }>(db, sql`select id from users where id = ${body.targetId}::uuid and deleted_at is null`)
        : [];
      if (!person) throw nothing('moderation.personNotFound');
      return { access, targetId: person.id, targetUserId: person.id };
    }
    case 'event_question': {
      const [row] = isUuid(body.targetId)
        ? await rowsOf<{ id: string; authorId: string; groupId: string }>(
            db,
            sql`select q.id, q.author_id as "authorId", e.group_id as "groupId"
                from live_event_questions q join live_events e on e.id = q.event_id
                where q.id = ${body.targetId}::uuid and q.deleted_at is null`,
          )
        : [];
      if (!row) throw nothing('events.questionNotFound');
      return { access: await readable(db, actor, row.groupId), targetId: row.id, targetUserId: row.authorId };
    }
  }
}
