/** One notification in the list: what happened, where it leads, when; unread ones stand out. */
import type { Notification } from '@circles/shared';
import { notificationPath } from '@circles/shared/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, timeAgo } from '../../i18n/format';
import { describeNotification } from './describe';

export function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen: (n: Notification) => void }) {
  const { t } = useTranslation('notifications');
  const text = describeNotification(notification);
  // Keys come typed from describe.ts (NotificationKey); their parameters vary by key, hence the loose call.
  const say = t as unknown as (key: string, params?: Record<string, string>) => string;
  const params = text.actionKey ? { ...text.params, action: say(text.actionKey) } : text.params;
  const unread = notification.readAt === null;
  return (
    <li className={`notification${unread ? ' unread' : ''}`}>
      <Link to={notificationPath(notification)} onClick={() => onOpen(notification)} className="notification-link">
        {unread && <span className="badge notification-unread">{t('list.unread')}</span>}{' '}
        <span className="notification-text">{say(text.key, params)}</span>
      </Link>
      {text.excerpt && <blockquote className="notification-excerpt">{text.excerpt}</blockquote>}
      {(text.reason || text.until) && (
        <p className="notification-detail">
          {text.reason && t('moderation.reason', { reason: text.reason })}
          {text.reason && text.until && ' · '}
          {text.until && t('moderation.until', { until: formatDateTime(text.until) })}
        </p>
      )}
      <p className="notification-time muted">
        <time dateTime={notification.createdAt} title={formatDateTime(notification.createdAt)}>
          {timeAgo(notification.createdAt)}
        </time>
      </p>
    </li>
  );
}
