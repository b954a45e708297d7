/**
 * `/events/:id` — the address calendar files and reminders link to — leads to the event's page
 * inside its group (`/groups/:slug/events/:id`).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import type { LiveEvent } from '@circles/shared';
import { eventsApi } from '../../api/events';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { eventPath } from './parts';

export default function EventRedirect() {
  const { t } = useTranslation('events');
  const { id = '' } = useParams();
  const [event, setEvent] = useState<LiveEvent | null>(null);
  const [error, setError] = useState<unknown>(null);
  useDocumentTitle(t('page.title'));

  const load = (eventId: string) => {
    setError(null);
    eventsApi.get(eventId).then(setEvent, setError);
  };
  useEffect(() => load(id), [id]);

  if (event) return <Navigate to={eventPath(event)} replace />;
  if (error) {
    return (
      <section aria-labelledby="event-error-title">
        <h1 id="event-error-title">{t('page.loadFailed')}</h1>
        <ErrorState error={error} onRetry={() => load(id)} />
      </section>
    );
  }
  return <Loading label={t('page.loading')} />;
}
