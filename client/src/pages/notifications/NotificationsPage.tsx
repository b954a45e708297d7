/**
 * The notifications list: newest first, each linking to what it is about (a message in the group's
 * chat, a question, an event, an invitation…) and marked read as it is opened; "Mark all as read".
 * New ones appear live at the top (stores/notifications.ts).
 */
import type { Notification } from '@circles/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useNotifications } from '../../stores/notifications';
import { NotificationItem } from './NotificationItem';
import '../../styles/notifications.css';

export default function NotificationsPage() {
  const { t } = useTranslation(['notifications', 'common']);
  useDocumentTitle(t('list.title'));
  const items = useNotifications((s) => s.items);
  const status = useNotifications((s) => s.status);
  const error = useNotifications((s) => s.error);
  const unread = useNotifications((s) => s.unreadCount);
  const nextCursor = useNotifications((s) => s.nextCursor);
  const loadingMore = useNotifications((s) => s.loadingMore);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);

  useEffect(() => {
    void useNotifications.getState().load();
  }, []);

  const open = (n: Notification) => {
    void useNotifications.getState().markRead(n.id).catch(() => undefined);
  };

  const markAll = async () => {
    setActionError(null);
    try {
      await useNotifications.getState().markAllRead();
      setAnnouncement(t('list.allRead'));
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <section aria-labelledby="notifications-title" className="notifications-page">
      <div className="page-head">
        <h1 id="notifications-title">{t('list.title')}</h1>
        <Link to="/settings/notifications">{t('list.settings')}</Link>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {status === 'ready' && (
        <div className="notifications-toolbar">
          <p className="muted">{t('list.unreadCount', { count: unread })}</p>
          <button type="button" className="button secondary" onClick={() => void markAll()} disabled={unread === 0}>
            {t('list.markAll')}
          </button>
        </div>
      )}
      <ErrorState error={actionError} />
      {status === 'loading' && <Loading label={t('list.loading')} />}
      {status === 'error' && <ErrorState error={error} onRetry={() => void useNotifications.getState().load()} />}
      {status === 'ready' && items.length === 0 && <p className="muted">{t('list.empty')}</p>}
      {status === 'ready' && items.length > 0 && (
        <ol className="notification-list">
          {items.map((n) => (
            <NotificationItem key={n.id} notification={n} onOpen={open} />
          ))}
        </ol>
      )}
      {status === 'ready' && error !== null && <ErrorState error={error} onRetry={() => void useNotifications.getState().loadMore()} />}
      {status === 'ready' && nextCursor && (
        <p>
          <button type="button" className="button secondary" onClick={() => void useNotifications.getState().loadMore()} disabled={loadingMore}>
            {t('list.more')}
          </button>
        </p>
      )}
    </section>
  );
}
