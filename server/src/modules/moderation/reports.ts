/**
 * Reports and appeals: filing one, the moderators' queue, and reports the system opens (a post the
 * crisis detector flags). Resolution is in resolve.ts.
 *
 * One open report per reporter and target (a partial unique index; 409 CONFLICT again). An appeal is
 * a report with reason `appeal` about oneself in a group: it is tied to the latest moderation action
 * about them there (a mute, ban, removal or deletion), one appeal per action, and lands in the queue
 * like any report. Every new report reaches the group's moderators live as `report:new`, to the
 * moderators the audience function counts when it is sent.
 */
import type { CreateReportBody, ListReportsQuery, Report, ReportList } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadGroupAccessBySlug } from '../groups/access.js';
import { decodeCursor, encodeCursor, isUuid } from '../groups/cursor.js';
import { microsToTimestamp } from '../groups/groupView.js';
import { assertModerator } from '../groups/policy.js';
import { rowsOf } from '../messages/rows.js';
import { moderatorAudience } from './audience.js';
import { findReportSubject } from './reportTargets.js';
import { selectReports, toReports } from './reportViews.js';
import { notify } from '../notifications/notify.js';

interface NewReport {
  groupId: string;
  targetType: Report['targetType'];
  targetId: string;
  targetUserId: string | null;
  reason: Report['reason'];
  note: string;
  /** Null: the system. */
  reporterId: string | null;
  appealOf?: string;
}

/** Inserts a report unless the same reporter has one open on the same target (then null). */
async function insertReport(tx: Queryable, r: NewReport): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`insert into reports (group_id, target_type, target_id, target_user_id, reason, note, reporter_id, appeal_of)
        values (${r.groupId}::uuid, ${r.targetType}, ${r.targetId}, ${r.targetUserId}::uuid, ${r.reason}, ${r.note},
                ${r.reporterId}::uuid, ${r.appealOf ?? null}::uuid)
        on conflict do nothing
        returning id`,
  );
  return row?.id ?? null;
}

/**
 * A new report: a `report` notification to each moderator of the group (stored in the caller's
 * transaction, through the notify path), and after commit `report:new` to each moderator the
 * audience function admits at that moment.
 */
export async function deliverReportNew(tx: Queryable, after: AfterCommit, deps: Deps, reportId: string, groupId: string): Promise<void> {
  const [about] = await rowsOf<{ slug: string; name: string; reason: string; targetType: string }>(
    tx,
    sql`select g.slug, g.name, r.reason, r.target_type as "targetType" from reports r join groups g on g.id = r.group_id where r.id = ${reportId}::uuid`,
  );
  if (about) {
    const moderators = await moderatorAudience(tx, groupId);
    await notify(
      tx,
      after,
      moderators.map((userId) => ({
        userId,
        type: 'report' as const,
        data: { groupId, groupSlug: about.slug, groupName: about.name, reportId, reason: about.reason, targetType: about.targetType },
      })),
    );
  }
  after.run(async () => {
    const moderators = await moderatorAudience(deps.db, groupId);
    if (moderators.length === 0) return;
    const [report] = await toReports(deps.db, await selectReports(deps.db, sql`r.id = ${reportId}::uuid`), true);
    if (!report) return;
    for (const userId of moderators) deps.realtime.toUser(userId, 'report:new', { report });
  });
}

async function reporterView(db: Queryable, id: string): Promise<Report> {
  const [report] = await toReports(db, await selectReports(db, sql`r.id = ${id}::uuid`), false);
  return report!;
}

/**
 * `POST /api/reports`: files a report, or an appeal (reason `appeal`). Readers of the target's group
 * (an appeal only needs a decision to appeal). NOT_FOUND, NOT_A_MEMBER, VALIDATION_ERROR, CONFLICT.
 */
export async function createReport(actor: Actor, body: CreateReportBody, deps: Deps): Promise<Report> {
  if (body.reason === 'appeal') return createAppeal(actor, body, deps);
  if (body.targetType === 'user' && body.targetId === actor.userId) {
    throw new AppError('VALIDATION_ERROR', 'moderation.reportYourself');
  }
  const subject = await findReportSubject(deps.db, actor, body);
  return inTransaction(deps, async (tx, after) => {
    const id = await insertReport(tx, {
      groupId: subject.access.group.id,
      targetType: body.targetType,
      targetId: subject.targetId,
      targetUserId: subject.targetUserId,
      reason: body.reason,
      note: body.note ?? '',
      reporterId: actor.userId,
    });
    if (!id) throw new AppError('CONFLICT', 'moderation.alreadyReported');
    await deliverReportNew(tx, after, deps, id, subject.access.group.id);
    return reporterView(tx, id);
  });
}

/** The moderation actions about a person that they may appeal. */
const APPEALABLE = ['mute', 'ban', 'remove_member', 'delete_message', 'delete_question', 'delete_answer'];

async function createAppeal(actor: Actor, body: CreateReportBody, deps: Deps): Promise<Report> {
  if (body.targetType !== 'user' || body.targetId !== actor.userId || !body.groupSlug) {
    throw new AppError('VALIDATION_ERROR', 'moderation.appealAboutYourself');
  }
  // A banned or removed person appeals from outside: no read access is needed, only the decision.
  const access = await loadGroupAccessBySlug(deps.db, actor, body.groupSlug);
  const groupId = access.group.id;
  return inTransaction(deps, async (tx, after) => {
    const [decision] = await rowsOf<{ id: string }>(
      tx,
      sql`select id from audit_log
          where group_id = ${groupId}::uuid and target_user_id = ${actor.userId}::uuid and action = any(${sql.param(APPEALABLE)}::text[])
          order by created_at desc, id desc limit 1`,
    );
    if (!decision) throw new AppError('NOT_FOUND', 'moderation.nothingToAppeal');
    const id = await insertReport(tx, {
      groupId,
      targetType: 'user',
      targetId: actor.userId,
      targetUserId: actor.userId,
      reason: 'appeal',
      note: body.note ?? '',
      reporterId: actor.userId,
      appealOf: decision.id,
    });
    if (!id) throw new AppError('CONFLICT', 'moderation.alreadyAppealed');
    await deliverReportNew(tx, after, deps, id, groupId);
    return reporterView(tx, id);
  });
}

/**
 * Opens a report as the system (reporter null) in the caller's transaction, unless the system already
 * has one open on that target, and sends `report:new` after commit. For the crisis path.
 */
export async function openSystemReport(
  tx: Queryable,
  after: AfterCommit,
  deps: Deps,
  report: Omit<NewReport, 'reporterId' | 'appealOf' | 'note'> & { note?: string },
): Promise<void> {
  const id = await insertReport(tx, { ...report, note: report.note ?? '', reporterId: null });
  if (id) await deliverReportNew(tx, after, deps, id, report.groupId);
}

/**
 * `GET /api/groups/:slug/reports?status=`: open reports with crisis reports first, then oldest first;
 * resolved ones most recently resolved first. Moderators, owners, admins. NOT_FOUND, NOT_A_MEMBER, FORBIDDEN.
 */
export async function listReports(actor: Actor, slug: string, query: ListReportsQuery, deps: Deps): Promise<ReportList> {
  const access = await loadGroupAccessBySlug(deps.db, actor, slug);
  assertModerator(access);
  const groupId = access.group.id;
  const badCursor = () => new AppError('VALIDATION_ERROR', 'lists.badCursor');
  const take = query.limit + 1;
  let rows;
  if (query.status === 'open') {
    const crisis = sql`(case when r.reason = 'crisis' then 1 else 0 end)`;
    let after = sql``;
    if (query.cursor) {
      const c = decodeCursor(query.cursor, { c: 'number', t: 'micros', id: 'string' });
      if (!isUuid(c.id)) throw badCursor();
      after = sql`and (${crisis} < ${Number(c.c)}::int or (${crisis} = ${Number(c.c)}::int
                  and (r.created_at, r.id) > (${microsToTimestamp(c.t)}, ${c.id}::uuid)))`;
    }
    rows = await selectReports(deps.db, sql`r.group_id = ${groupId}::uuid and r.status = 'open' ${after}`, sql`${crisis} desc, r.created_at, r.id`, take);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await toReports(deps.db, page, true),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ c: last.reason === 'crisis' ? 1 : 0, t: last.createdMicros, id: last.id }) : null,
    };
  }
  let after = sql``;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, { t: 'micros', id: 'string' });
    if (!isUuid(c.id)) throw badCursor();
    after = sql`and (r.resolved_at, r.id) < (${microsToTimestamp(c.t)}, ${c.id}::uuid)`;
  }
  rows = await selectReports(deps.db, sql`r.group_id = ${groupId}::uuid and r.status = 'resolved' ${after}`, sql`r.resolved_at desc, r.id desc`, take);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await toReports(deps.db, page, true),
    nextCursor: rows.length > query.limit && last?.resolvedMicros ? encodeCursor({ t: last.resolvedMicros, id: last.id }) : null,
  };
}
