/**
 * Removing a question or an answer (a moderator resolving a report with "remove"). Both stay as rows
 * with `deletedAt` set, which every read already skips; an answer's counters on its question move in
 * the same statement, and an accepted answer that goes leaves the question open again.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { rowsOf } from '../messages/rows.js';

/** Hides a question (and frees its clinician claim). Null when it was already gone. */
export async function hideQuestion(db: Queryable, id: string): Promise<{ authorId: string } | null> {
  const [row] = await rowsOf<{ authorId: string }>(
    db,
    sql`update questions set deleted_at = now(), pinned = false, pinned_at = null, claimed_by = null, claimed_until = null
        where id = ${id}::uuid and deleted_at is null returning author_id as "authorId"`,
  );
  return row ?? null;
}

/** Hides an answer and takes it out of its question's counts. Null when it was already gone. */
export async function hideAnswer(db: Queryable, id: string): Promise<{ authorId: string; questionId: string } | null> {
  const [row] = await rowsOf<{ authorId: string; questionId: string }>(
    db,
    sql`with hidden as (
          update answers set deleted_at = now() where id = ${id}::uuid and deleted_at is null
          returning id, question_id, author_id, by_clinician, helpful_count
        ), counted as (
          update questions q set
            answer_count = q.answer_count - 1,
            clinician_answer_count = q.clinician_answer_count - (case when h.by_clinician then 1 else 0 end),
            helpful_total = q.helpful_total - h.helpful_count,
            status = case when q.accepted_answer_id = h.id then 'open' else q.status end,
            accepted_answer_id = case when q.accepted_answer_id = h.id then null else q.accepted_answer_id end
          from hidden h where q.id = h.question_id
        )
        select author_id as "authorId", question_id as "questionId" from hidden`,
  );
  return row ?? null;
}
