/**
 * What a person can do with an event from its header: the countdown to its start, "Remind me", "Add to
 * calendar", and — for its hosts and the group's moderators — start, end and slow mode; moderators
 * also edit or cancel it before it starts.
 */
import type { LiveEvent } from '@circles/shared';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi } from '../../api/events';
import { ErrorState } from '../../components/ErrorState';
import { formatDuration, formatTime } from '../../i18n/format';
import { useLiveEvent } from '../../stores/liveEvent';
import { CancelEventButton } from './CancelEventButton';
import { useNow } from './parts';

/** Slow mode switched on from the event page: one message every 30 seconds per member. */
export const EVENT_SLOW_MODE_SECONDS = 30;

export function Countdown({ event }: { event: LiveEvent }) {
  const { t } = useTranslation('events');
  const now = useNow(event.status === 'scheduled');
  if (event.status !== 'scheduled') return null;
  const left = Date.parse(event.startsAt) - now;
  return (
    <p className="event-countdown" role="timer" aria-atomic="true">
      {left > 0 ? t('countdown.startsIn', { time: formatDuration(left) }) : t('countdown.waiting')}
    </p>
  );
}

/** Where the event stands now, in words: live since…, ended at…, cancelled. */
export function EventStateLine({ event }: { event: LiveEvent }) {
  const { t } = useTranslation('events');
  if (event.status === 'live' && event.startedAt) return <p className="event-state live">{t('state.liveSince', { time: formatTime(event.startedAt) })}</p>;
  if (event.status === 'ended') return <p className="event-state">{event.endedAt ? t('state.endedAt', { time: formatTime(event.endedAt) }) : t('state.ended')}</p>;
  if (event.status === 'cancelled') return <p className="event-state cancelled">{t('state.cancelled')}</p>;
  return null;
}

function calendarFilename(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'event'}.ics`;
}

/** "Remind me" and "Add to calendar", for anyone who may read the event. */
export function AttendeeActions({ event }: { event: LiveEvent }) {
  const { t } = useTranslation('events');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);
  const href = `/api/events/${encodeURIComponent(event.id)}/event.ics`;
  const filename = calendarFilename(event.title);

  const toggleReminder = async () => {
    setBusy(true);
    setError(null);
    try {
      useLiveEvent.getState().applyOwnEvent(await eventsApi.remindMe(event.id, !event.remindMe));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // The file needs the access token: fetched with it, then handed to the browser as a download.
  const addToCalendar = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    setDownloading(true);
    setError(null);
    try {
      const blob = await eventsApi.calendarFile(event.id);
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/calendar' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err);
    } finally {
      setDownloading(false);
    }
  };

  if (event.status === 'ended' || event.status === 'cancelled') return null;
  return (
    <div className="event-actions" role="group" aria-label={t('actions.forYou')}>
      {event.status === 'scheduled' && (
        <button type="button" className="button secondary" aria-pressed={event.remindMe} disabled={busy} onClick={() => void toggleReminder()}>
          {t('actions.remindMe')}
        </button>
      )}
      <a className="button secondary" href={href} download={filename} onClick={(e) => void addToCalendar(e)} aria-busy={downloading || undefined}>
        {t('actions.addToCalendar')}
      </a>
      {event.status === 'scheduled' && (
        <p className="hint event-actions-hint" role="status">
          {event.remindMe ? t('actions.reminderOn') : t('actions.reminderOff')}
        </p>
      )}
      {error ? <ErrorState error={error} groupSlug={event.group.slug} /> : null}
    </div>
  );
}

interface HostControlProps {
  event: LiveEvent;
  /** A moderator of the group (also edits, cancels, and switches slow mode). */
  moderator: boolean;
  slowModeSeconds: number;
  onEdit(): void;
  onCancelled(event: LiveEvent): void;
}

/** Start, end and slow mode for hosts and moderators. */
export function HostControls({ event, moderator, slowModeSeconds, onEdit, onCancelled }: HostControlProps) {
  const { t } = useTranslation('events');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirmingEnd) confirmRef.current?.querySelector('button')?.focus();
  }, [confirmingEnd]);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const start = () => run('start', async () => useLiveEvent.getState().applyOwnEvent(await eventsApi.start(event.id)));
  const end = () =>
    run('end', async () => {
      useLiveEvent.getState().applyOwnEvent(await eventsApi.end(event.id));
      setConfirmingEnd(false);
    });
  const slowOn = slowModeSeconds > 0;
  const toggleSlowMode = () => run('slow', () => useLiveEvent.getState().setSlowMode(slowOn ? 0 : EVENT_SLOW_MODE_SECONDS));

  if (event.status !== 'scheduled' && event.status !== 'live') return null;
  return (
    <section className="host-controls" aria-labelledby="host-controls-title">
      <h3 id="host-controls-title">{t('host.title')}</h3>
      <div className="host-controls-row">
        {event.status === 'scheduled' && (
          <button type="button" className="button primary" disabled={busy !== null} onClick={() => void start()}>
            {busy === 'start' ? t('host.starting') : t('host.start')}
          </button>
        )}
        {event.status === 'live' && !confirmingEnd && (
          <button type="button" className="button danger" disabled={busy !== null} onClick={() => setConfirmingEnd(true)}>
            {t('host.end')}
          </button>
        )}
        {moderator && (
          <button type="button" className="button secondary" aria-pressed={slowOn} disabled={busy !== null} onClick={() => void toggleSlowMode()}>
            {t('host.slowMode')}
          </button>
        )}
        {moderator && event.status === 'scheduled' && (
          <button type="button" className="button secondary" aria-label={t('actions.editNamed', { title: event.title })} onClick={onEdit}>
            {t('actions.edit')}
          </button>
        )}
        {moderator && event.status === 'scheduled' && <CancelEventButton event={event} onCancelled={onCancelled} />}
      </div>
      {confirmingEnd && (
        <div
          className="event-confirm"
          role="group"
          aria-label={t('host.confirmEnd')}
          ref={confirmRef}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setConfirmingEnd(false);
          }}
        >
          <p>{t('host.endQuestion')}</p>
          <button type="button" className="button danger small" disabled={busy !== null} onClick={() => void end()}>
            {busy === 'end' ? t('host.ending') : t('host.endConfirm')}
          </button>{' '}
          <button type="button" className="button secondary small" onClick={() => setConfirmingEnd(false)}>
            {t('host.keepGoing')}
          </button>
        </div>
      )}
      <p className="hint">
        {slowOn ? t('host.slowModeOn', { time: formatDuration(slowModeSeconds * 1000) }) : t('host.slowModeOff')}
        {!moderator && ` ${t('host.slowModeModerators')}`}
      </p>
      {error ? <ErrorState error={error} groupSlug={event.group.slug} /> : null}
    </section>
  );
}
