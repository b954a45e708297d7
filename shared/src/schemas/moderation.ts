/**
 * Moderation and safety: reports, the moderators' queue, mutes, bans, removals, suspensions, the audit
 * log, and the safety notice a crisis-flagged post carries back to its author.
 */
import { z } from 'zod';
import { MODERATION_MINUTES_MAX, MODERATION_TEXT_MAX } from '../limits.js';
import { limitQuery, listOf, optionalText, plainText } from './common.js';
import { publicUser } from './users.js';

// ─── reports ────────────────────────────────────────────────────────────────────────────────

export const reportTargetType = z.enum(['message', 'question', 'answer', 'user', 'event_question']);
export type ReportTargetType = z.infer<typeof reportTargetType>;
export const reportReason = z.enum(['spam', 'harassment', 'misinformation', 'crisis', 'personal_data', 'appeal', 'other']);
export type ReportReason = z.infer<typeof reportReason>;
export const reportStatus = z.enum(['open', 'resolved']);
export type ReportStatus = z.infer<typeof reportStatus>;
/**
 * `lift` is an addition to the contract, for appeals: it lifts the mute or ban the appeal is about
 * (the same as DELETE .../mutes/:userId or .../bans/:userId) and resolves the appeal.
 */
export const resolveAction = z.enum(['dismiss', 'remove', 'mute', 'ban', 'lift']);
export type ResolveAction = z.infer<typeof resolveAction>;

export const moderationReason = plainText(1, MODERATION_TEXT_MAX);
export const moderationMinutes = z.number().int().min(1).max(MODERATION_MINUTES_MAX);

export const createReportBody = z.object({
  targetType: reportTargetType,
  targetId: z.string().min(1).max(64),
  reason: reportReason,
  note: optionalText(MODERATION_TEXT_MAX).optional(),
  /** Required when `targetType` is `user` (a person is reported in one group). */
  groupSlug: z.string().min(1).max(100).optional(),
});
export type CreateReportBody = z.infer<typeof createReportBody>;

/**
 * Extra to the contract: what was reported, as the moderators see it, so the queue shows it in
 * context. `body` is null once the content is deleted; for a `user` target only `author` is set.
 */
export const reportTarget = z.object({
  author: publicUser.nullable(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  deleted: z.boolean(),
  createdAt: z.string().nullable(),
  /** For an answer: its question (to open it in context). */
  questionId: z.string().nullable(),
  /** For an event question: its live event (then `title` is the event's title). */
  eventId: z.string().nullable().optional(),
});
export type ReportTarget = z.infer<typeof reportTarget>;

export const reportResolution = z.object({
  action: resolveAction,
  note: z.string(),
  by: publicUser.nullable(),
  at: z.string(),
});

/** Extra to the contract, on appeals: the action appealed. */
export const appealedAction = z.object({
  id: z.string(),
  action: z.string(),
  reason: z.string(),
  until: z.string().nullable(),
  at: z.string(),
  by: publicUser.nullable(),
});

export const report = z.object({
  id: z.string(),
  groupId: z.string(),
  /** Extra: the group's slug and name. */
  group: z.object({ slug: z.string(), name: z.string() }),
  targetType: reportTargetType,
  targetId: z.string(),
  reason: reportReason,
  note: z.string(),
  status: reportStatus,
  /** Null when the system opened the report (a post the crisis detector flagged). */
  reporter: publicUser.nullable(),
  createdAt: z.string(),
  resolution: reportResolution.nullable(),
  /** Extra (moderators' views): the reported content; null in the reporter's own answer. */
  target: reportTarget.nullable(),
  appeal: appealedAction.nullable(),
});
export type Report = z.infer<typeof report>;
export const reportList = listOf(report);
export type ReportList = z.infer<typeof reportList>;

export const listReportsQuery = z.object({
  status: reportStatus.default('open'),
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

export const resolveReportBody = z.object({
  action: resolveAction,
  /** For mute (default 60) and ban (none: until lifted). */
  minutes: moderationMinutes.optional(),
  note: optionalText(MODERATION_TEXT_MAX).optional(),
});
export type ResolveReportBody = z.infer<typeof resolveReportBody>;

// ─── mutes, bans, removals, suspensions ─────────────────────────────────────────────────────

export const muteBody = z.object({ userId: z.string().min(1).max(64), minutes: moderationMinutes, reason: moderationReason });
export type MuteBody = z.infer<typeof muteBody>;
export const banBody = z.object({ userId: z.string().min(1).max(64), reason: moderationReason, minutes: moderationMinutes.optional() });
export type BanBody = z.infer<typeof banBody>;
export const removeMemberBody = z.object({ reason: moderationReason });
export type RemoveMemberBody = z.infer<typeof removeMemberBody>;
export const suspendBody = z.object({ reason: moderationReason, minutes: moderationMinutes.optional() });
export type SuspendBody = z.infer<typeof suspendBody>;
/** A moderator deleting someone else's message may say why (shown to its author). */
export const deleteMessageBody = z.object({ reason: optionalText(MODERATION_TEXT_MAX).optional() }).nullish();
export type DeleteMessageBody = z.infer<typeof deleteMessageBody>;

/** A mute or a ban as the moderators' lists show it. `until` null: until lifted (bans only). */
export const restriction = z.object({
  user: publicUser,
  by: publicUser.nullable(),
  reason: z.string(),
  until: z.string().nullable(),
  createdAt: z.string(),
});
export type Restriction = z.infer<typeof restriction>;
export const restrictionList = listOf(restriction);
export type RestrictionList = z.infer<typeof restrictionList>;

export const moderationUserParams = z.object({ slug: z.string().min(1).max(100), userId: z.string().min(1).max(64) });
export const userIdParams = z.object({ id: z.string().min(1).max(64) });

/** A suspension (site-wide, by an admin). `until` null: until lifted. */
export const suspension = z.object({
  user: publicUser,
  by: publicUser.nullable(),
  reason: z.string(),
  until: z.string().nullable(),
  createdAt: z.string(),
});
export type Suspension = z.infer<typeof suspension>;
export const suspensionList = listOf(suspension);
export type SuspensionList = z.infer<typeof suspensionList>;

// ─── audit log ──────────────────────────────────────────────────────────────────────────────

/** Every action the audit log records; clients translate these. */
export const auditAction = z.enum([
  'remove_member',
  'mute',
  'unmute',
  'ban',
  'unban',
  'role_change',
  'pin_question',
  'unpin_question',
  'approve_join',
  'deny_join',
  'settings_change',
  'group_update',
  'delete_message',
  'delete_question',
  'delete_answer',
  'dismiss_report',
  'suspend',
  'unsuspend',
  'clinician_approve',
  'clinician_reject',
  'organization_verify',
  'organization_unverify',
]);
export type AuditAction = z.infer<typeof auditAction>;

export const auditEntry = z.object({
  id: z.string(),
  /** Null: the system. */
  actor: publicUser.nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  reason: z.string(),
  until: z.string().nullable(),
  createdAt: z.string(),
  /** Extra: the group (null for site-wide actions), the person the action was about, and its particulars. */
  group: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  targetUser: publicUser.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditList = listOf(auditEntry);
export type AuditList = z.infer<typeof auditList>;

export const auditQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: limitQuery,
  /** Extra: only this action. */
  action: z.string().max(64).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

// ─── safety ─────────────────────────────────────────────────────────────────────────────────

export const personalDataKind = z.enum(['phone', 'email', 'address', 'dob', 'health-id']);
export type PersonalDataKind = z.infer<typeof personalDataKind>;

/**
 * One finding of the personal-data guard, as `details` of a 422 PERSONAL_DATA: offsets in UTF-16 code
 * units of the trimmed text. A post with several fields (a question's title and body) adds `field`,
 * the offsets then counting in that field.
 */
export const personalDataDetail = z.object({
  kind: personalDataKind,
  start: z.number().int(),
  end: z.number().int(),
  field: z.string().optional(),
});
export type PersonalDataDetail = z.infer<typeof personalDataDetail>;
