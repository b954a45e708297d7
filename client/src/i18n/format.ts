/**
 * Dates, times, numbers and lists in the reader's language and time zone, through Intl. The Intl
 * locale is the browser's own variant of the language shown (fr-FR stays fr-FR), else the Canadian
 * one (fr-CA: « 14 h 05 »; en-CA). Formatters are built once per locale.
 */
import type { Locale } from '@circles/shared';
import { currentLocale, i18n } from './index';

function intlLocale(locale: Locale): string {
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages;
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === locale) ?? `${locale}-CA`;
}

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: (tag: string) => T): T {
  const locale = currentLocale();
  const id = `${locale}|${key}`;
  let value = cache.get(id) as T | undefined;
  if (!value) {
    value = make(intlLocale(locale));
    cache.set(id, value);
  }
  return value;
}

const time = () => cached('time', (tag) => new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }));
const weekday = () => cached('day', (tag) => new Intl.DateTimeFormat(tag, { weekday: 'long', month: 'long', day: 'numeric' }));
const date = () => cached('date', (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }));
const dateTime = () => cached('dateTime', (tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }));
const number = () => cached('number', (tag) => new Intl.NumberFormat(tag));
const relative = () => cached('relative', (tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }));
const andList = () => cached('list', (tag) => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }));

/** "2:05 p.m." / « 14 h 05 » */
export const formatTime = (iso: string | Date) => time().format(new Date(iso));
/** "Mar 3, 2026" / « 3 mars 2026 » */
export const formatDate = (iso: string | Date) => date().format(new Date(iso));
/** "Mar 3, 2026, 2:05 p.m." */
export const formatDateTime = (iso: string | Date) => dateTime().format(new Date(iso));
/** "12,345" / « 12 345 » */
export const formatNumber = (n: number) => number().format(n);
/** "Ana, Bo and Cy" / « Ana, Bo et Cy » */
export const formatList = (items: string[]) => andList().format(items);

const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "Today", "Yesterday", else "Tuesday, March 3" — for the chat's day separators. */
export function formatDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const today = dayStart(now);
  const day = dayStart(d);
  if (day === today) return i18n.t('common:time.today');
  if (day === dayStart(new Date(today - 12 * 3_600_000))) return i18n.t('common:time.yesterday');
  return weekday().format(d);
}

export const sameDay = (a: string, b: string) => dayStart(new Date(a)) === dayStart(new Date(b));

/** "5 minutes ago", "yesterday", "3 weeks ago" / « il y a 5 minutes », « hier ». */
export function timeAgo(iso: string, now = Date.now()): string {
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
    ['year', Infinity],
  ];
  let value = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative().format(Math.round(value), unit);
    value /= size;
  }
  return relative().format(Math.round(value), 'year');
}

// ─── events: ranges, time zones, countdowns, the form's datetime-local values ─────────────────

const range = () =>
  cached('range', (tag) => new Intl.DateTimeFormat(tag, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }));
const unit = (u: 'day' | 'hour' | 'minute' | 'second') =>
  cached(`unit-${u}`, (tag) => new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'long' }));

/** The viewer's own time zone, e.g. "America/Toronto". */
export const viewerTimeZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * "Tue, Mar 3, 2:00 – 3:00 p.m. EST" / « mar. 3 mars, 14 h 00 – 15 h 00 HNE »: an event's start and
 * end in the viewer's locale and time zone (with the zone's name, since hosts and members may live
 * in different ones).
 */
export function formatTimeRange(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const f = range();
  return typeof f.formatRange === 'function' ? f.formatRange(start, end) : `${f.format(start)} – ${f.format(end)}`;
}

/**
 * A duration in words, coarse enough to read: "2 days and 3 hours", "1 hour and 5 minutes",
 * "4 minutes and 12 seconds" / « 2 jours et 3 heures ». Never negative.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const parts: Array<[number, 'day' | 'hour' | 'minute' | 'second']> =
    days > 0 ? [[days, 'day'], [hours, 'hour']] : hours > 0 ? [[hours, 'hour'], [minutes, 'minute']] : [[minutes, 'minute'], [seconds, 'second']];
  const nonZero = parts.filter(([n]) => n > 0);
  const shown = nonZero.length > 0 ? nonZero : parts.slice(-1);
  return formatList(shown.map(([n, u]) => unit(u).format(n)));
}

export { fromLocalInputValue, toLocalInputValue } from './localInput';

// ─── warming up ────────────────────────────────────────────────────────────────────────────

/**
 * ICU's data is loaded before the first paint by the page's inline script (client/vite.config.ts);
 * what is left is building each formatter a first page uses (a few milliseconds each on a phone, paid
 * in the middle of its first render otherwise). Called once at startup, this builds them while the page
 * still waits on the network (the session check, the route's chunks), one per task, so the render that
 * follows finds them built.
 */
export function warmUpFormats(): void {
  const now = new Date();
  const steps: Array<() => unknown> = [
    () => formatTime(now),
    () => formatDay(new Date(0).toISOString(), now),
    () => formatDate(now),
    () => formatDateTime(now),
    () => relative().format(-1, 'minute'),
    // String#localeCompare without a locale: its collator is cached by the engine.
    () => 'a'.localeCompare('b'),
  ];
  const next = () => {
    const step = steps.shift();
    if (!step) return;
    try {
      step();
    } catch {
      /* a formatter the browser lacks fails where it is used, as before */
    }
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}
