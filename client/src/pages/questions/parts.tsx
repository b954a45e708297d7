/** Small pieces shared by the question pages: who asked/answered, badges, times, the safety notice. */
import type { PublicUser } from '@circles/shared';

/** The notice every place that invites a health question shows. */
export function MedicalNotice({ id }: { id?: string }) {
  return (
    <p className="medical-notice" role="note" id={id}>
      <strong>Not medical advice.</strong> In an emergency, call your local emergency number.
    </p>
  );
}

export function ClinicianBadge({ user }: { user: PublicUser }) {
  if (!user.clinician) return null;
  return (
    <span className="badge clinician" title={`Verified clinician · ${user.clinician.specialty} · ${user.clinician.jurisdiction}`}>
      Verified clinician · {user.clinician.specialty}
    </span>
  );
}

/** "Anonymous" for an anonymous question whose author this viewer may not see. */
export function PersonName({ user, anonymous = false }: { user: PublicUser | null; anonymous?: boolean }) {
  if (!user) return <span className="person anonymous">{anonymous ? 'Anonymous' : 'Someone'}</span>;
  return (
    <span className="person">
      <span className="person-name">{user.displayName}</span> <ClinicianBadge user={user} />
      {anonymous && <span className="badge muted-badge">asked anonymously</span>}
    </span>
  );
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return absolute.format(new Date(iso));
}

/** A time element with a readable relative label and the exact time on hover and for assistive tech. */
export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={absolute.format(new Date(iso))}>
      {relativeTime(iso)}
    </time>
  );
}

export const formatDateTime = (iso: string) => absolute.format(new Date(iso));

/** How long someone has waited, e.g. "2 days 3 h", "45 min". */
export function waitedFor(since: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ${hours % 24} h`;
}
