/**
 * `<input type="datetime-local">` values and instants: a value is read in the viewer's own time zone
 * (daylight-saving changes included) and sent as a UTC instant; an instant shows back as it was typed.
 * No i18n here (format.ts re-exports these), so the conversions are tested on their own.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as an `<input type="datetime-local">` value in the viewer's time zone ("2026-03-03T14:00"). */
export function toLocalInputValue(iso: string | Date): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value, read in the viewer's time zone, as an ISO instant (UTC); null when empty or invalid. */
export function fromLocalInputValue(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
