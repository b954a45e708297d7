/**
 * Resolving a report: dismiss it, remove what was reported (a message, question or answer, or the
 * person from the group), mute or ban its author — or, for an appeal, lift the mute or ban appealed.
 * The action, its audit row, the notice to the person acted on and the resolution of every open report
 * about the same target happen in one transaction; broadcasts and evictions follow the commit.
 */
import { DEFAULT_MUTE_MINUTES, type Report, type ResolveReportBody } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { inTransaction, type AfterCommit } from '../../db/transaction.js';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadGroupAccessById } from '../groups/access.js';
import { isUuid } from '../groups/cursor.js';
import { lockGroup, removeMembership } from '../groups/membership.js';
import { assertModerator, type GroupAccess } from '../groups/policy.js';
import { softDeleteMessage } from '../messages/removal.js';
import { rowsOf } from '../messages/rows.js';
import { removeEventQuestion } from '../liveEvents/questions.js';
import { hideAnswer, hideQuestion } from '../questions/removal.js';
import { recordAudit } from './audit.js';
import { applyBan, liftBan } from './bans.js';
import { evictFromGroup } from './evictions.js';
import { assertKeepsAnOwner, loadTargetStanding, noSuchPerson, notAMember } from './members.js';
import { applyMute, liftMute } from './mutes.js';
import { sendModerationNotice } from './notices.js';
import { assertCanActOn } from './policy.js';
import { selectReports, toReports, type ReportRow } from './reportViews.js';

const noReport = () => new AppError('NOT_FOUND', 'moderation.reportNotFound');

interface Resolution {
  tx: Queryable;
  after: AfterCommit;
  deps: Deps;
  access: GroupAccess;
  report: ReportRow;
  /** What the person acted on is told: the moderator's note, else the report's reason. */
  reason: string;
}

/**
 * `POST /api/reports/:id/resolve`. The group's moderators, owners, admins (acting on people only of a
 * lower standing). NOT_FOUND, NOT_A_MEMBER, FORBIDDEN, CONFLICT (already resolved), VALIDATION_ERROR
 * (`lift` on a report that is not an appeal).
 */
export async function resolveReport(actor: Actor, id: string, body: ResolveReportBody, deps: Deps): Promise<Report> {
  if (!isUuid(id)) throw noReport();
  const [found] = await selectReports(deps.db, sql`r.id = ${id}::uuid`);
  if (!found) throw noReport();
  const access = await loadGroupAccessById(deps.db, actor, found.groupId);
  assertModerator(access);
  if (body.action === 'lift' && found.reason !== 'appeal') {
    throw new AppError('VALIDATION_ERROR', 'moderation.liftNeedsAppeal');
  }
  return inTransaction(deps, async (tx, after) => {
    await lockGroup(tx, found.groupId);
    const [report] = await selectReports(tx, sql`r.id = ${id}::uuid`);
    if (!report || report.status !== 'open') throw new AppError('CONFLICT', 'moderation.alreadyResolved');
    const note = body.note?.trim() ?? '';
    const r: Resolution = { tx, after, deps, access, report, reason: note || report.reason };
    switch (body.action) {
      case 'dismiss':
        await dismiss(r);
        break;
      case 'remove':
        await removeTarget(r);
        break;
      case 'mute':
        await applyMute(tx, after, deps, access, await subject(r), { minutes: body.minutes ?? DEFAULT_MUTE_MINUTES, reason: r.reason, reportId: id });
        break;
      case 'ban':
        await applyBan(tx, after, deps, access, await subject(r), { minutes: body.minutes, reason: r.reason, reportId: id });
        break;
      case 'lift':
        await liftAppealed(r);
        break;
    }
    // Every open report about the same thing is settled by the same decision (an appeal only settles itself).
    const sameTarget = report.reason === 'appeal' ? sql`false` : sql`(target_type = ${report.targetType} and target_id = ${report.targetId} and reason <> 'appeal')`;
    await tx.execute(sql`
      update reports set status = 'resolved', resolved_at = now(), resolved_by = ${actor.userId}::uuid,
                         resolution_action = ${body.action}, resolution_note = ${note}
      where group_id = ${report.groupId}::uuid and status = 'open' and (id = ${id}::uuid or ${sameTarget})`);
    const [resolved] = await toReports(tx, await selectReports(tx, sql`r.id = ${id}::uuid`), true);
    return resolved!;
  });
}

async function subject(r: Resolution) {
  if (!r.report.targetUserId) throw noSuchPerson();
  return loadTargetStanding(r.tx, r.access.group.id, r.report.targetUserId);
}

async function dismiss(r: Resolution): Promise<void> {
  await recordAudit(r.tx, {
    groupId: r.access.group.id,
    actorId: r.access.actor.userId,
    action: 'dismiss_report',
    targetType: 'report',
    targetId: r.report.id,
    targetUserId: r.report.targetUserId,
    reason: r.reason,
    data: { reportReason: r.report.reason, targetType: r.report.targetType, targetId: r.report.targetId },
  });
  if (r.report.reason === 'appeal' && r.report.reporterId) {
    await sendModerationNotice(r.tx, r.after, { userId: r.report.reporterId, action: 'appeal_declined', group: r.access.group, reason: r.reason });
  }
}

/** Removes the reported content, or the reported person from the group. */
async function removeTarget(r: Resolution): Promise<void> {
  const { tx, after, access, report } = r;
  const groupId = access.group.id;
  const audit = async (
    action: 'delete_message' | 'delete_question' | 'delete_answer' | 'remove_member',
    targetType: 'message' | 'question' | 'answer' | 'event_question' | 'user',
    authorId: string,
  ) => {
    const target = { targetType, targetId: report.targetId };
    await recordAudit(tx, { groupId, actorId: access.actor.userId, action, ...target, targetUserId: authorId, reason: r.reason, data: { reportId: report.id } });
    await sendModerationNotice(tx, after, { userId: authorId, action, group: access.group, reason: r.reason, ...target });
  };
  switch (report.targetType) {
    case 'message': {
      if (!(await softDeleteMessage(tx, report.targetId)) || !report.targetUserId) return;
      after.toGroup(groupId, 'message:deleted', { id: report.targetId, groupId });
      await audit('delete_message', 'message', report.targetUserId);
      return;
    }
    case 'question': {
      const hidden = await hideQuestion(tx, report.targetId);
      if (hidden) await audit('delete_question', 'question', hidden.authorId);
      return;
    }
    case 'answer': {
      const hidden = await hideAnswer(tx, report.targetId);
      if (hidden) await audit('delete_answer', 'answer', hidden.authorId);
      return;
    }
    case 'user': {
      const target = await subject(r);
      if (target.status !== 'active') throw notAMember();
      assertCanActOn(access, target);
      await assertKeepsAnOwner(tx, access, target);
      await removeMembership(tx, groupId, target.userId);
      await audit('remove_member', 'user', target.userId);
      evictFromGroup(after, r.deps, { userId: target.userId, group: access.group, reason: 'removed' });
      return;
    }
    case 'event_question': {
      const removed = await removeEventQuestion(tx, after, report.targetId);
      if (removed) await audit('delete_question', 'event_question', removed.authorId);
      return;
    }
  }
}

/** Grants an appeal: lifts the mute or ban it is about (if still in force) and tells the appellant. */
async function liftAppealed(r: Resolution): Promise<void> {
  const appellant = r.report.reporterId;
  if (!appellant) throw noReport();
  const [decision] = r.report.appealOf
    ? await rowsOf<{ action: string }>(r.tx, sql`select action from audit_log where id = ${r.report.appealOf}::uuid`)
    : [];
  if (decision?.action === 'mute') await liftMute(r.tx, r.after, r.deps, r.access, appellant, r.reason);
  if (decision?.action === 'ban') await liftBan(r.tx, r.after, r.deps, r.access, appellant, r.reason);
  await sendModerationNotice(r.tx, r.after, { userId: appellant, action: 'appeal_granted', group: r.access.group, reason: r.reason });
}
