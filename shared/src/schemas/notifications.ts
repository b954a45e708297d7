import { z } from 'zod';
import { notificationTypes } from '../notificationLinks.js';

export { notificationPath, notificationTypes } from '../notificationLinks.js';

/**
 * Notifications: one discriminated union, `type` → the shape of `data`. The server creates every
 * notification through one path (server/src/modules/notifications/notify.ts) with these types, so a
 * client can switch on `type` and read `data` without guessing.
 *
 * Group fields (`groupId`, `groupSlug`, `groupName`) say where it happened; `excerpt` and titles are
 * there only because the recipient may read that group when the notification is delivered.
 */
export const notificationType = z.enum(notificationTypes);
export type NotificationType = z.infer<typeof notificationType>;

const person = z.object({ id: z.string(), displayName: z.string() });
const groupRef = { groupId: z.string(), groupSlug: z.string(), groupName: z.string() };

/** `mention` and `reply`: a message that names you, or answers yours. */
export const messageNotificationData = z.object({ ...groupRef, messageId: z.string(), by: person, excerpt: z.string() });
/** `answer`: someone answered your question (the data never says who asked: you may have asked anonymously). */
export const answerNotificationData = z.object({
  ...groupRef,
  questionId: z.string(),
  answerId: z.string(),
  questionTitle: z.string(),
  byClinician: z.boolean(),
  by: person,
});
/** `accepted`: the asker accepted your answer. */
export const acceptedNotificationData = z.object({ ...groupRef, questionId: z.string(), answerId: z.string(), questionTitle: z.string() });
/** `join_approved` / `join_denied`: your request to join a private group. */
export const joinDecisionNotificationData = z.object(groupRef);
/** `join_request`: to the group's moderators, someone asks to join. */
export const joinRequestNotificationData = z.object({ ...groupRef, by: person });
/** `report`: to the group's moderators, a new report is waiting (`reporter` is never named here). */
export const reportNotificationData = z.object({
  ...groupRef,
  reportId: z.string(),
  reason: z.string(),
  targetType: z.string(),
});
/**
 * `moderation`: what a moderator or admin did about you or your content, why, until when. Group
 * fields are null for a site-wide action (a suspension).
 */
export const moderationNotificationData = z.object({
  action: z.string(),
  groupId: z.string().nullable(),
  groupSlug: z.string().nullable(),
  groupName: z.string().nullable(),
  reason: z.string(),
  until: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
});
/** `event`: a reminder 15 minutes before an event you asked to be reminded of, or its start. */
export const eventNotificationData = z.object({
  eventId: z.string(),
  groupId: z.string(),
  groupSlug: z.string(),
  groupName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  kind: z.enum(['reminder', 'started']),
});
/** `staff_invite`: an organization invites you to join its staff (accept or decline from your invitations). */
export const staffInviteNotificationData = z.object({
  orgSlug: z.string(),
  orgName: z.string(),
  title: z.string(),
  role: z.enum(['admin', 'staff']),
  /** Who invited you (an organization admin). */
  by: person.nullable(),
});
/** `clinician_decision`: a site admin approved or rejected your clinician application. */
export const clinicianDecisionNotificationData = z.object({
  applicationId: z.string(),
  decision: z.enum(['approved', 'rejected']),
  note: z.string().nullable(),
});

/** What each type carries in `data`. */
export const notificationDataSchemas = {
  mention: messageNotificationData,
  reply: messageNotificationData,
  answer: answerNotificationData,
  accepted: acceptedNotificationData,
  join_approved: joinDecisionNotificationData,
  join_denied: joinDecisionNotificationData,
  join_request: joinRequestNotificationData,
  report: reportNotificationData,
  moderation: moderationNotificationData,
  event: eventNotificationData,
  staff_invite: staffInviteNotificationData,
  clinician_decision: clinicianDecisionNotificationData,
} as const satisfies Record<NotificationType, z.ZodType>;

export type NotificationData<T extends NotificationType = NotificationType> = T extends NotificationType
  ? z.infer<(typeof notificationDataSchemas)[T]>
  : never;
export type MessageNotificationData = z.infer<typeof messageNotificationData>;
export type EventNotificationData = z.infer<typeof eventNotificationData>;
export type ModerationNotificationData = z.infer<typeof moderationNotificationData>;
export type StaffInviteNotificationData = z.infer<typeof staffInviteNotificationData>;

/** `{ type, data }` for one type: what a service hands to the notify path. */
export type NotificationContent = { [T in NotificationType]: { type: T; data: NotificationData<T> } }[NotificationType];

const common = { id: z.string(), readAt: z.string().nullable(), createdAt: z.string() };
const variant = <T extends NotificationType>(type: T) =>
  z.object({ ...common, type: z.literal(type), data: notificationDataSchemas[type] as (typeof notificationDataSchemas)[T] });

export const notification = z.discriminatedUnion('type', [
  variant('mention'),
  variant('reply'),
  variant('answer'),
  variant('accepted'),
  variant('join_approved'),
  variant('join_denied'),
  variant('join_request'),
  variant('report'),
  variant('moderation'),
  variant('event'),
  variant('staff_invite'),
  variant('clinician_decision'),
]);
export type Notification = z.infer<typeof notification>;

export const listNotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationList = z.object({
  items: z.array(notification),
  nextCursor: z.string().nullable(),
  /** Extra to the contract: how many are unread in all (for a badge), whatever the page. */
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationList>;

export const markNotificationsReadBody = z
  .object({
    ids: z.array(z.uuid()).min(1).max(100).optional(),
    all: z.boolean().optional(),
  })
  .refine((b) => b.all === true || (b.ids?.length ?? 0) > 0, { message: 'give ids or all: true', path: ['ids'] });
export type MarkNotificationsReadBody = z.infer<typeof markNotificationsReadBody>;

// ─── settings ─────────────────────────────────────────────────────────────────────────────

/**
 * Per group, what reaches the bell: `all`; `mentions` (mentions, replies, answers to your questions and
 * your accepted answers); `none`. Notices about yourself (moderation, join decisions, staff invitations,
 * clinician decisions) always arrive.
 */
export const groupNotificationLevel = z.enum(['all', 'mentions', 'none']);
export type GroupNotificationLevel = z.infer<typeof groupNotificationLevel>;
/** What reaches the inbox: nothing; mentions, replies and notices about you right away; or one daily digest. */
export const emailNotificationLevel = z.enum(['off', 'mentions', 'daily']);
export type EmailNotificationLevel = z.infer<typeof emailNotificationLevel>;

export const notificationSettings = z.object({
  email: emailNotificationLevel,
  /** Every group the person is a member of (or has asked to join), by slug. */
  groups: z.record(z.string(), groupNotificationLevel),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;

/** A PUT replaces the fields it gives (within `groups`, the groups it names). */
export const updateNotificationSettingsBody = z.object({
  email: emailNotificationLevel.optional(),
  groups: z
    .record(z.string().min(1).max(100), groupNotificationLevel)
    .refine((g) => Object.keys(g).length <= 500, { message: 'too many groups' })
    .optional(),
});
export type UpdateNotificationSettingsBody = z.infer<typeof updateNotificationSettingsBody>;

/** `POST /api/unsubscribe`: the token from an email's link (signed out). */
export const unsubscribeBody = z.object({ token: z.string().min(10).max(500) });
export type UnsubscribeBody = z.infer<typeof unsubscribeBody>;
export const unsubscribeResponse = z.object({ email: emailNotificationLevel });
