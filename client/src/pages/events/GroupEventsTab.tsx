/**
 * A group's events tab: upcoming events (soonest first) and past ones (latest first). Moderators
 * schedule new events here, and edit or cancel one before it starts. The lists follow the room live:
 * an event that starts, ends, or is edited or cancelled elsewhere shows so at once.
 */
import type { LiveEvent, LiveEventBroadcast } from '@circles/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { eventsApi } from '../../api/events';
import { getSocket } from '../../api/socket';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useGroupRoom } from '../../hooks/useGroupRoom';
import { useSession } from '../../stores/session';
import { useGroupContext } from '../groups/groupContext';
import { canModerate } from '../groups/membership';
import { EventForm } from './EventForm';
import { CancelEventButton } from './CancelEventButton';
import { EventCard, eventPath } from './parts';

export default function GroupEventsTab() {
  const { t } = useTranslation(['events', 'common']);
  const { group } = useGroupContext();
  const user = useSession((s) => s.user);
  const navigate = useNavigate();
  useDocumentTitle(t('tab.pageTitle', { name: group.name }));
  const mayModerate = canModerate(group, user);
  const canRead = group.visibility === 'public' || group.myMembership?.status === 'active' || Boolean(user?.isAdmin);
  const [scheduling, setScheduling] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const scheduleButton = useRef<HTMLButtonElement>(null);

  const fetchUpcoming = useCallback((cursor: string | null) => eventsApi.listForGroup(group.slug, 'upcoming', cursor), [group.slug]);
  const fetchPast = useCallback((cursor: string | null) => eventsApi.listForGroup(group.slug, 'past', cursor), [group.slug]);
  const upcoming = useCursorList<LiveEvent>(fetchUpcoming);
  const past = useCursorList<LiveEvent>(fetchPast);
  const loadUpcoming = upcoming.load;
  const loadPast = past.load;
  const reloadBoth = useCallback(() => {
    void loadUpcoming(null);
    void loadPast(null);
  }, [loadUpcoming, loadPast]);

  useEffect(() => {
    if (canRead) reloadBoth();
  }, [canRead, reloadBoth]);
  useGroupRoom(group.slug, canRead, reloadBoth);

  // An event of this group started, ended, or was edited or cancelled: read the lists again.
  useEffect(() => {
    if (!canRead) return;
    const socket = getSocket();
    const onEvent = ({ event }: LiveEventBroadcast) => {
      if (event.groupId === group.id) reloadBoth();
    };
    socket.on('event:started', onEvent);
    socket.on('event:ended', onEvent);
    socket.on('event:updated', onEvent);
    return () => {
      socket.off('event:started', onEvent);
      socket.off('event:ended', onEvent);
      socket.off('event:updated', onEvent);
    };
  }, [canRead, group.id, reloadBoth]);

  const replaceUpcoming = (event: LiveEvent) => upcoming.setItems((items) => items?.map((e) => (e.id === event.id ? event : e)) ?? null);

  if (!canRead) {
    return (
      <section aria-labelledby="events-title" className="group-events">
        <h2 id="events-title">{t('tab.title')}</h2>
        <p>{t('tab.private')}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="events-title" className="group-events">
      <div className="page-head">
        <h2 id="events-title">{t('tab.title')}</h2>
        {mayModerate && !scheduling && (
          <button type="button" className="button primary" ref={scheduleButton} onClick={() => setScheduling(true)}>
            {t('tab.schedule')}
          </button>
        )}
      </div>
      {scheduling && (
        <EventForm
          group={group}
          onSaved={(event) => navigate(eventPath(event))}
          onCancel={() => {
            setScheduling(false);
            requestAnimationFrame(() => scheduleButton.current?.focus());
          }}
        />
      )}

      <section aria-labelledby="upcoming-title" className="event-list-section">
        <h3 id="upcoming-title">{t('tab.upcoming')}</h3>
        {upcoming.error && !upcoming.items ? (
          <ErrorState error={upcoming.error} groupSlug={group.slug} onRetry={() => void upcoming.load(null)} />
        ) : !upcoming.items ? (
          <Loading label={t('tab.loading')} />
        ) : upcoming.items.length === 0 ? (
          <p className="empty-state">{mayModerate ? t('tab.noneUpcomingModerator') : t('tab.noneUpcoming')}</p>
        ) : (
          <ul className="event-list" aria-labelledby="upcoming-title">
            {upcoming.items.map((event) =>
              editing === event.id ? (
                <li key={event.id} className="event-card-editing">
                  <EventForm
                    group={group}
                    event={event}
                    onSaved={(saved) => {
                      replaceUpcoming(saved);
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <EventCard key={event.id} event={event}>
                  {mayModerate && event.status === 'scheduled' && (
                    <div className="event-card-actions">
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={t('actions.editNamed', { title: event.title })}
                        onClick={() => setEditing(event.id)}
                      >
                        {t('actions.edit')}
                      </button>
                      <CancelEventButton event={event} onCancelled={() => reloadBoth()} />
                    </div>
                  )}
                </EventCard>
              ),
            )}
          </ul>
        )}
        {upcoming.nextCursor && (
          <p className="load-more">
            <button type="button" className="button secondary" disabled={upcoming.busy} onClick={() => void upcoming.load(upcoming.nextCursor)}>
              {upcoming.busy ? t('common:action.loadingMore') : t('tab.moreUpcoming')}
            </button>
          </p>
        )}
      </section>

      <section aria-labelledby="past-title" className="event-list-section">
        <h3 id="past-title">{t('tab.past')}</h3>
        {past.error && !past.items ? (
          <ErrorState error={past.error} groupSlug={group.slug} onRetry={() => void past.load(null)} />
        ) : !past.items ? (
          <Loading label={t('tab.loading')} />
        ) : past.items.length === 0 ? (
          <p className="empty-state">{t('tab.nonePast')}</p>
        ) : (
          <ul className="event-list" aria-labelledby="past-title">
            {past.items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
        )}
        {past.nextCursor && (
          <p className="load-more">
            <button type="button" className="button secondary" disabled={past.busy} onClick={() => void past.load(past.nextCursor)}>
              {past.busy ? t('common:action.loadingMore') : t('tab.morePast')}
            </button>
          </p>
        )}
      </section>
    </section>
  );
}
