/**
 * The bell in the header: a link to the notifications list whose accessible name carries the unread
 * count ("Notifications, 3 unread"); the count updates live (stores/notifications.ts).
 */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useNotifications } from '../stores/notifications';

export function NotificationBell() {
  const { t } = useTranslation('common');
  const unread = useNotifications((s) => s.unreadCount);
  const label = unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t('nav.notifications');
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} data-unread={unread}>
      <svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
