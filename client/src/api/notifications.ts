/** Typed calls for the bell, the notifications list and the notification settings (shapes from @circles/shared). */
import type { MarkNotificationsReadBody, NotificationList, NotificationSettings, UpdateNotificationSettingsBody } from '@circles/shared';
import { api, query } from './http';

export const notificationsApi = {
  list: (params: { unread?: boolean; cursor?: string | null; limit?: number } = {}) =>
    api.get<NotificationList>(`/notifications${query({ unread: params.unread ? 'true' : undefined, cursor: params.cursor, limit: params.limit })}`),
  markRead: (body: MarkNotificationsReadBody) => api.post<void>('/notifications/read', body),
  settings: () => api.get<NotificationSettings>('/me/notification-settings'),
  updateSettings: (body: UpdateNotificationSettingsBody) => api.put<NotificationSettings>('/me/notification-settings', body),
};
