/** A group's audit log (moderators): every moderation action — who, what, about whom, why, until when — newest first. */
import type { AuditEntry } from '@circles/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moderationApi } from '../../api/moderation';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { useGroupContext } from '../groups/groupContext';
import { canModerate } from '../groups/membership';
import { AUDIT_ACTIONS, useReportLabels } from './reportLabels';
import '../../styles/moderation.css';
import { personName } from '../../i18n/people';

function Entry({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('moderation');
  const labels = useReportLabels();
  return (
    <article className="audit-entry" aria-label={`${labels.action(entry.action)}, ${formatDateTime(entry.createdAt)}`}>
      <p className="audit-line">
        <strong>{labels.action(entry.action)}</strong>
        {entry.targetUser && <> · {t('audit.about', { name: personName(entry.targetUser) })}</>}
      </p>
      <dl className="audit-facts">
        <div>
          <dt>{t('audit.by')}</dt>
          <dd>{personName(entry.actor) ?? t('audit.system')}</dd>
        </div>
        <div>
          <dt>{t('audit.when')}</dt>
          <dd>
            <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
          </dd>
        </div>
        {entry.reason && (
          <div>
            <dt>{t('audit.reason')}</dt>
            <dd className="prewrap">{entry.reason}</dd>
          </div>
        )}
        {(entry.until || entry.action === 'ban' || entry.action === 'mute') && (
          <div>
            <dt>{t('audit.until')}</dt>
            <dd>{entry.until ? <time dateTime={entry.until}>{formatDateTime(entry.until)}</time> : t('audit.untilLifted')}</dd>
          </div>
        )}
      </dl>
    </article>
  );
}

export default function AuditLogPage() {
  const { t } = useTranslation(['moderation', 'common']);
  const { group } = useGroupContext();
  const user = useSession((s) => s.user);
  const labels = useReportLabels();
  const [action, setAction] = useState('');
  const filterId = useId();
  useDocumentTitle(t('audit.pageTitle', { name: group.name }));
  const fetchPage = useCallback((cursor: string | null) => moderationApi.auditLog(group.slug, cursor, action || undefined), [group.slug, action]);
  const { items, nextCursor, error, busy, load } = useCursorList(fetchPage);
  useEffect(() => {
    void load(null);
  }, [load]);

  if (!canModerate(group, user)) {
    return (
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <p className="notice">
          {t('queue.notAllowed')} <Link to="..">{t('queue.back')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="audit-page" aria-labelledby="audit-title">
      <div className="page-head">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <div className="field audit-filter">
          <label htmlFor={filterId}>{t('audit.filter')}</label>
          <select id={filterId} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {labels.action(a)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      {error ? (
        <ErrorState error={error} groupSlug={group.slug} onRetry={() => void load(null)} />
      ) : !items ? (
        <Loading label={t('audit.loading')} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('audit.empty')}</p>
      ) : (
        <ol className="audit-list">
          {items.map((e) => (
            <li key={e.id}>
              <Entry entry={e} />
            </li>
          ))}
        </ol>
      )}
      {nextCursor && (
        <p className="load-more">
          <button type="button" className="button secondary" disabled={busy} onClick={() => void load(nextCursor)}>
            {busy ? t('common:action.loadingMore') : t('common:action.showMore')}
          </button>
        </p>
      )}
    </section>
  );
}
