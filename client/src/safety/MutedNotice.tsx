/** What a muted member sees instead of a place to post: until when, why, and one appeal. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import type { MuteInfo } from '../stores/moderation';
import { AppealForm } from './AppealForm';
import '../styles/safety.css';

export function MutedNotice({ slug, mute }: { slug: string; mute: MuteInfo }) {
  const { t } = useTranslation('safety');
  const time = formatDateTime(mute.until);
  return (
    <section className="muted-notice" aria-labelledby={`muted-${slug}`}>
      <h3 id={`muted-${slug}`}>
        {mute.reason ? t('muted.untilReason', { time, reason: mute.reason }) : t('muted.until', { time })}
      </h3>
      <p>{t('muted.hint')}</p>
      <AppealForm slug={slug} />
    </section>
  );
}
