/**
 * A live event's page, inside its group's page. Before it starts: when (in the viewer's time zone), a
 * countdown, "Remind me", "Add to calendar", and the question queue (members may ask ahead). While it
 * is live: the group's live chat (the same chat as the group's chat tab) beside the question queue —
 * stacked on a phone — with the featured question on top, hosts' messages marked, and host controls
 * (start, end, feature, mark answered, slow mode). Afterwards: the transcript and the answered questions.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { formatDuration, viewerTimeZone } from '../../i18n/format';
import { useLiveEvent } from '../../stores/liveEvent';
import { useSession } from '../../stores/session';
import { ChatPanel } from '../chat/ChatRoom';
import { useGroupContext } from '../groups/groupContext';
import { canModerate, isActiveMember } from '../groups/membership';
import { AttendeeActions, Countdown, EventStateLine, HostControls } from './EventActions';
import { EventForm } from './EventForm';
import { FeaturedQuestion, QuestionQueue } from './QuestionQueue';
import { Transcript } from './Transcript';
import { EventWhen, HostsLine, StatusBadge, eventPath } from './parts';

export default function EventPage() {
  const { t } = useTranslation(['events', 'common']);
  const { eventId = '' } = useParams();
  const { group } = useGroupContext();
  const user = useSession((s) => s.user);
  const event = useLiveEvent((s) => s.event);
  const status = useLiveEvent((s) => s.status);
  const error = useLiveEvent((s) => s.error);
  const slowModeSeconds = useLiveEvent((s) => s.slowModeSeconds);
  const [editing, setEditing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(event?.title ?? t('page.title'));

  const settingsRef = useRef(group.settings);
  settingsRef.current = group.settings;
  useEffect(() => {
    void useLiveEvent.getState().open(eventId, { slug: group.slug, settings: settingsRef.current });
    return () => useLiveEvent.getState().close();
  }, [eventId, group.slug]);

  // The live chat leaves the group's room when it closes (at the end): this page stays subscribed.
  const liveStatus = event?.status;
  useEffect(() => {
    if (liveStatus === 'ended') useLiveEvent.getState().rejoin();
  }, [liveStatus]);

  if (status === 'error' && !event) {
    const missing = error instanceof ApiError && error.code === 'NOT_FOUND';
    return (
      <section aria-labelledby="event-error-title" className="event-page">
        <h2 id="event-error-title">{missing ? t('page.notFound') : t('page.loadFailed')}</h2>
        <ErrorState
          error={error}
          groupSlug={group.slug}
          onRetry={() => void useLiveEvent.getState().refresh()}
          advice={
            missing ? (
              <p>
                <Link to={`/groups/${encodeURIComponent(group.slug)}/events`}>{t('page.allEvents')}</Link>
              </p>
            ) : undefined
          }
        />
      </section>
    );
  }
  if (!event || event.id !== eventId) return <Loading label={t('page.loading')} />;
  // An event of another group under this group's address: go to where it belongs.
  if (event.group.slug !== group.slug) return <Navigate to={eventPath(event)} replace />;

  const myId = user?.id ?? '';
  const member = Boolean(user?.isAdmin) || isActiveMember(group);
  const moderator = canModerate(group, user);
  const host = event.hosts.some((h) => h.id === myId) && isActiveMember(group);
  const canRun = host || moderator;
  const canAsk = member && (event.status === 'scheduled' || event.status === 'live');

  const focusQuestions = () => {
    const heading = document.getElementById('questions-title');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  };

  return (
    <article className={`event-page ${event.status}`} aria-labelledby="event-title">
      <p className="breadcrumb">
        <Link to={`/groups/${encodeURIComponent(group.slug)}/events`}>{t('page.allEvents')}</Link>
      </p>
      <header className="event-head card">
        <div className="event-head-main">
          <p className="event-status-line">
            <StatusBadge status={event.status} />
            {host && <span className="badge host">{t('page.youHost')}</span>}
          </p>
          <h2 id="event-title" ref={headingRef} tabIndex={-1}>
            {event.title}
          </h2>
          <p className="event-when-line">
            <EventWhen event={event} />
            <span className="muted small"> {t('page.yourTimeZone', { zone: viewerTimeZone() })}</span>
          </p>
          <p className="muted">
            <HostsLine hosts={event.hosts} />
          </p>
          <EventStateLine event={event} />
          <Countdown event={event} />
          {event.description && <p className="prewrap event-description">{event.description}</p>}
        </div>
        <AttendeeActions event={event} />
        {canRun && (
          <HostControls
            event={event}
            moderator={moderator}
            slowModeSeconds={slowModeSeconds}
            onEdit={() => setEditing(true)}
            onCancelled={(cancelled) => useLiveEvent.getState().applyOwnEvent(cancelled)}
          />
        )}
      </header>

      {editing && event.status === 'scheduled' && (
        <EventForm
          group={group}
          event={event}
          onSaved={(saved) => {
            useLiveEvent.getState().applyOwnEvent(saved);
            setEditing(false);
            requestAnimationFrame(() => headingRef.current?.focus());
          }}
          onCancel={() => setEditing(false)}
        />
      )}

      <FeaturedQuestion event={event} />

      {event.status === 'cancelled' ? (
        <p className="notice">{t('page.cancelledText')}</p>
      ) : (
        <div className="event-body">
          {event.status === 'live' && (
            // On a phone the queue sits below the chat: one step takes you there.
            <button type="button" className="link-button event-jump" onClick={() => focusQuestions()}>
              {t('page.toQuestions')}
            </button>
          )}
          <div className="event-chat-column">
            {event.status === 'live' && (
              <>
                {slowModeSeconds > 0 && (
                  <p className="notice slow-mode-notice" role="status">
                    {t('page.slowMode', { time: formatDuration(slowModeSeconds * 1000) })}
                  </p>
                )}
                <ChatPanel group={group} heading={t('page.liveChat')} />
              </>
            )}
            {event.status === 'scheduled' && (
              <section className="event-chat-placeholder card" aria-labelledby="chat-soon-title">
                <h2 id="chat-soon-title">{t('page.liveChat')}</h2>
                <p>{t('page.chatOpensAtStart')}</p>
              </section>
            )}
            {event.status === 'ended' && <Transcript event={event} myId={myId} />}
          </div>
          <div className="event-questions-column">
            <QuestionQueue event={event} group={group} canAsk={canAsk} canRun={canRun} myId={myId} />
          </div>
        </div>
      )}
      {/* Everyone hears the event start and end, wherever their focus is. */}
      <p className="visually-hidden" aria-live="polite">
        {event.status === 'live' ? t('page.announceLive') : event.status === 'ended' ? t('page.announceEnded') : ''}
      </p>
    </article>
  );
}
