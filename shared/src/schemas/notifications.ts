import { z } from 'zod';

export const notificationType = z.enum(['mention', 'reply', 'answer', 'accepted', 'join_approved', 'moderation', 'event', 'staff_invite']);
export type NotificationType = z.infer<typeof notificationType>;

/**
 * `data` depends on the type. For `mention` and `reply`: `{ groupId, groupSlug, groupName, messageId,
 * by: { id, displayName }, excerpt }`. Other domains document theirs where they create them.
 */
export const notification = z.object({
  id: z.string(),
  type: notificationType,
  data: z.record(z.string(), z.unknown()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
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
