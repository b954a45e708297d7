/** The home page's list of upcoming (and live) events across the groups I belong to, soonest first. */
import type { LiveEvent } from '@circles/shared';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi } from '../../api/events';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { EventCard } from './parts';

export default function MyEvents() {
  const { t } = useTranslation(['events', 'common']);
  const fetchPage = useCallback((cursor: string | null) => eventsApi.mine(cursor), []);
  const { items, nextCursor, error, busy, load } = useCursorList<LiveEvent>(fetchPage);
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section aria-labelledby="my-events-title" className="my-events">
      <h2 id="my-events-title">{t('mine.title')}</h2>
      {error && !items ? (
        <ErrorState error={error} onRetry={() => void load(null)} />
      ) : !items ? (
        <Loading label={t('mine.loading')} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('mine.empty')}</p>
      ) : (
        <ul className="event-list" aria-labelledby="my-events-title">
          {items.map((event) => (
            <EventCard key={event.id} event={event} showGroup />
          ))}
        </ul>
      )}
      {error && items ? <ErrorState error={error} onRetry={() => void load(nextCursor)} /> : null}
      {nextCursor && (
        <p className="load-more">
          <button type="button" className="button secondary" disabled={busy} onClick={() => void load(nextCursor)}>
            {busy ? t('common:action.loadingMore') : t('mine.more')}
          </button>
        </p>
      )}
    </section>
  );
}
