/** Small pieces shared by the event screens: when it happens, its status, its hosts, a card in a list. */
import type { LiveEvent, LiveEventStatus, PublicUser } from '@circles/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatList, formatTimeRange } from '../../i18n/format';
import '../../styles/events.css';
import { personName } from '../../i18n/people';

export const eventPath = (event: Pick<LiveEvent, 'id' | 'group'>) =>
  `/groups/${encodeURIComponent(event.group.slug)}/events/${encodeURIComponent(event.id)}`;

/** "Tue, Mar 3, 2:00 – 3:00 p.m. EST", with both instants machine-readable. */
export function EventWhen({ event }: { event: Pick<LiveEvent, 'startsAt' | 'endsAt'> }) {
  useTranslation('events');
  return (
    <time dateTime={event.startsAt} className="event-when">
      {formatTimeRange(event.startsAt, event.endsAt)}
    </time>
  );
}

export function StatusBadge({ status }: { status: LiveEventStatus }) {
  const { t } = useTranslation('events');
  return <span className={`badge event-status ${status}`}>{t(`status.${status}`)}</span>;
}

/** "Hosted by Dr Quinn (verified clinician) and Morgan" */
export function HostsLine({ hosts }: { hosts: PublicUser[] }) {
  const { t } = useTranslation('events');
  if (hosts.length === 0) return null;
  const names = hosts.map((h) => (h.clinician ? t('hosts.clinician', { name: personName(h) }) : personName(h)));
  return <span className="event-hosts">{t('hosts.line', { names: formatList(names) })}</span>;
}

/** One event in a list: its title (a link to its page), status, time, hosts, and where it happens. */
export function EventCard({ event, showGroup = false, children }: { event: LiveEvent; showGroup?: boolean; children?: ReactNode }) {
  const { t } = useTranslation('events');
  return (
    <li className="event-card card">
      <div className="event-card-head">
        <h3 className="event-card-title">
          <Link to={eventPath(event)}>{event.title}</Link>
        </h3>
        <StatusBadge status={event.status} />
      </div>
      <p className="event-card-meta">
        <EventWhen event={event} />
      </p>
      {showGroup && <p className="event-card-meta muted">{t('card.inGroup', { group: event.group.name })}</p>}
      <p className="event-card-meta muted">
        <HostsLine hosts={event.hosts} />
        {event.remindMe && event.status === 'scheduled' && <span className="event-reminder-set"> · {t('card.reminderSet')}</span>}
      </p>
      {children}
    </li>
  );
}

/** The current time, ticking every `intervalMs` while `active` (for countdowns). */
export function useNow(active: boolean, intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
