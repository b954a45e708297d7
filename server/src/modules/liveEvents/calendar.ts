/**
 * "Add to calendar": one event as an iCalendar file, written by the `ics` library (escaping, line
 * folding and the VCALENDAR frame done right). Times are UTC (`…Z`), so every calendar shows them in
 * its owner's own time zone. The link back goes to the event's page at `PUBLIC_ORIGIN` (never an
 * origin taken from the request).
 */
import { createEvent, type EventAttributes } from 'ics';
import type { Actor, Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { loadReadableEvent } from './service.js';
import { toLiveEvent } from './views.js';

export interface CalendarFile {
  filename: string;
  body: string;
}

/** Where the SPA shows an event. */
export const eventPageUrl = (deps: Pick<Deps, 'config'>, eventId: string) =>
  `${deps.config.publicOrigin ?? `http://localhost:${deps.config.port}`}/events/${eventId}`;

/**
 * The event as an `.ics` file. Readers of its group (NOT_A_MEMBER, NOT_FOUND). A cancelled event
 * keeps its file, marked CANCELLED, so a calendar that imported it can show that.
 */
export async function eventCalendar(actor: Actor, eventId: string, deps: Deps): Promise<CalendarFile> {
  const { event: row } = await loadReadableEvent(deps.db, actor, eventId);
  const event = await toLiveEvent(deps.db, row);
  const url = eventPageUrl(deps, event.id);
  const hosts = event.hosts.map((h) => h.displayName).join(', ');
  const description = [event.description, hosts ? `Hosts: ${hosts}` : '', `${event.group.name}: ${url}`].filter(Boolean).join('\n\n');
  const attributes: EventAttributes = {
    uid: `${event.id}@circles`,
    productId: 'circles/live-events',
    title: event.title,
    description,
    url,
    location: event.group.name,
    start: Date.parse(event.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(event.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    created: Date.parse(event.createdAt),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) {
    deps.log.error({ err: error, eventId }, 'calendar file could not be written');
    throw new AppError('INTERNAL', 'errors.internal');
  }
  const slug = event.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'event';
  return { filename: `${slug}.ics`, body: value };
}
