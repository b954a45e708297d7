/** Shown in a group's page when the reader has just lost access to it (`group:removed`), with the reason. */
import type { GroupRemovedReason } from '@circles/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AppealForm } from './AppealForm';
import '../styles/safety.css';

/** Decisions about the person that they may appeal. */
const APPEALABLE: ReadonlySet<GroupRemovedReason> = new Set(['banned', 'removed']);

export function RemovedNotice({ slug, reason }: { slug: string; reason: GroupRemovedReason }) {
  const { t } = useTranslation('safety');
  return (
    <section className="removed-notice" role="alert" aria-labelledby={`removed-${slug}`}>
      <h2 id={`removed-${slug}`}>{t(`removed.title.${reason}`)}</h2>
      <p>{t(`removed.text.${reason}`)}</p>
      {APPEALABLE.has(reason) && <AppealForm slug={slug} />}
      <p>
        <Link to="/">{t('removed.home')}</Link>
      </p>
    </section>
  );
}
