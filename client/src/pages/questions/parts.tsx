/** Small pieces shared by the question pages: who asked/answered, badges, times, the safety notice. */
import type { PublicUser } from '@circles/shared';
import { useTranslation } from 'react-i18next';
import { Affiliations } from '../../components/Affiliations';
import { i18n } from '../../i18n';
import { formatDateTime, timeAgo } from '../../i18n/format';
import { personName } from '../../i18n/people';

export { formatDateTime } from '../../i18n/format';

/** The notice every place that invites a health question shows. */
export function MedicalNotice({ id }: { id?: string }) {
  const { t } = useTranslation('questions');
  return (
    <p className="medical-notice" role="note" id={id}>
      <strong>{t('notice.strong')}</strong> {t('notice.text')}
    </p>
  );
}

export function ClinicianBadge({ user }: { user: PublicUser }) {
  const { t } = useTranslation('questions');
  if (!user.clinician) return null;
  const { specialty, jurisdiction } = user.clinician;
  return (
    <span className="badge clinician" title={t('person.clinicianTitle', { specialty, jurisdiction })}>
      {t('person.clinicianBadge', { specialty })}
    </span>
  );
}

/** "Anonymous" for an anonymous question whose author this viewer may not see. */
export function PersonName({ user, anonymous = false }: { user: PublicUser | null; anonymous?: boolean }) {
  const { t } = useTranslation('questions');
  if (!user) return <span className="person anonymous">{anonymous ? t('person.anonymous') : t('person.someone')}</span>;
  return (
    <span className="person">
      <span className="person-name">{personName(user)}</span> <Affiliations user={user} /> <ClinicianBadge user={user} />
      {anonymous && <span className="badge muted-badge">{t('person.askedAnonymously')}</span>}
    </span>
  );
}

/** "5 minutes ago" within a month, else the date and time. */
export function relativeTime(iso: string, now = Date.now()): string {
  return Math.abs(Date.parse(iso) - now) < 30 * 86_400_000 ? timeAgo(iso, now) : formatDateTime(iso);
}

/** A time element with a readable relative label and the exact time on hover and for assistive tech. */
export function Time({ iso }: { iso: string }) {
  useTranslation('questions');
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relativeTime(iso)}
    </time>
  );
}

/** How long someone has waited, e.g. "2 days 3 h", "45 min". */
export function waitedFor(since: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 60) return i18n.t('questions:waited.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return i18n.t('questions:waited.hours', { hours, minutes: minutes % 60 });
  const days = Math.floor(hours / 24);
  return i18n.t('questions:waited.days', { count: days, hours: hours % 24 });
}
