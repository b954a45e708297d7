/**
 * Notification types and where each leads in the SPA, without zod (the SPA's first script imports these
 * through `@circles/shared/client`; the schemas in schemas/notifications.ts build on the same list).
 */
import type { NotificationContent } from './schemas/notifications.js';

export const notificationTypes = [
  'mention',
  'reply',
  'answer',
  'accepted',
  'join_approved',
  'join_denied',
  'join_request',
  'report',
  'moderation',
  'event',
  'staff_invite',
  'clinician_decision',
] as const;

/** Where a notification leads in the app (a path of the SPA): the same for the bell and for emails. */
export function notificationPath(n: NotificationContent): string {
  switch (n.type) {
    case 'mention':
    case 'reply':
      return `/groups/${encodeURIComponent(n.data.groupSlug)}/chat?message=${encodeURIComponent(n.data.messageId)}`;
    case 'answer':
    case 'accepted':
      return `/questions/${encodeURIComponent(n.data.questionId)}`;
    case 'join_approved':
    case 'join_denied':
      return `/groups/${encodeURIComponent(n.data.groupSlug)}`;
    case 'join_request':
      return `/groups/${encodeURIComponent(n.data.groupSlug)}/members`;
    case 'report':
      return `/groups/${encodeURIComponent(n.data.groupSlug)}/reports`;
    case 'moderation':
      return n.data.groupSlug ? `/groups/${encodeURIComponent(n.data.groupSlug)}` : '/';
    case 'event':
      return `/groups/${encodeURIComponent(n.data.groupSlug)}/events/${encodeURIComponent(n.data.eventId)}`;
    case 'staff_invite':
      // Invitations are accepted or declined from the home page.
      return '/';
    case 'clinician_decision':
      return '/clinician/apply';
  }
}
