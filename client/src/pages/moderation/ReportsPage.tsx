/**
 * The moderators' queue: a group's open reports, crisis first then oldest, each with what was reported
 * in its context (a message with its neighbours, a question, an answer, a person or an appeal) and
 * one-click decisions — dismiss, remove, mute or ban (lift, for an appeal) — with a note. New reports
 * arrive live (`report:new`) and are announced.
 */
import type { Report, ReportStatus } from '@circles/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moderationApi } from '../../api/moderation';
import { getSocket } from '../../api/socket';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useModeration } from '../../stores/moderation';
import { useSession } from '../../stores/session';
import { useGroupContext } from '../groups/groupContext';
import { canModerate } from '../groups/membership';
import { ReportCard } from './ReportCard';
import { useReportLabels } from './reportLabels';
import '../../styles/moderation.css';

/** The open queue's order: crisis first, then oldest first. */
const queueOrder = (a: Report, b: Report) =>
  Number(b.reason === 'crisis') - Number(a.reason === 'crisis') || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export default function ReportsPage() {
  const { t } = useTranslation(['moderation', 'common']);
  const { group } = useGroupContext();
  const user = useSession((s) => s.user);
  const labels = useReportLabels();
  const [status, setStatus] = useState<ReportStatus>('open');
  const [news, setNews] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t('queue.pageTitle', { name: group.name }));

  const fetchPage = useCallback((cursor: string | null) => moderationApi.reports(group.slug, status, cursor), [group.slug, status]);
  const { items, setItems, nextCursor, error, busy, load } = useCursorList(fetchPage);
  useEffect(() => {
    void load(null);
  }, [load]);
  // The tab's count follows the list the moderator is looking at.
  useEffect(() => {
    if (status === 'open' && items) useModeration.getState().setOpenReports(group.slug, items.length, nextCursor !== null);
  }, [status, items, nextCursor, group.slug]);

  // New reports reach the moderators live.
  useEffect(() => {
    if (status !== 'open') return;
    const socket = getSocket();
    const onReport = ({ report }: { report: Report }) => {
      if (report.groupId !== group.id || report.status !== 'open') return;
      setItems((list) => (list && !list.some((r) => r.id === report.id) ? [...list, report].sort(queueOrder) : list));
      setNews(t('queue.newReport', { reason: labels.reason(report.reason), what: labels.target(report) }));
    };
    socket.on('report:new', onReport);
    return () => {
      socket.off('report:new', onReport);
    };
  }, [group.id, status, setItems, t, labels]);

  if (!canModerate(group, user)) {
    return (
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('queue.title')}</h2>
        <p className="notice">
          {t('queue.notAllowed')} <Link to="..">{t('queue.back')}</Link>
        </p>
      </section>
    );
  }

  const onResolved = (resolved: Report, announcement: string) => {
    // One decision settles every open report about the same thing (an appeal settles only itself).
    const settles = (r: Report) =>
      r.id === resolved.id || (resolved.reason !== 'appeal' && r.reason !== 'appeal' && r.targetType === resolved.targetType && r.targetId === resolved.targetId);
    setItems((list) => list?.filter((r) => !settles(r)) ?? null);
    setNews(announcement);
    headingRef.current?.focus();
  };

  return (
    <section className="reports-page" aria-labelledby="reports-title">
      <div className="page-head">
        <h2 id="reports-title" ref={headingRef} tabIndex={-1}>
          {t('queue.title')}
        </h2>
        <div className="segmented" role="group" aria-label={t('queue.show')}>
          {(['open', 'resolved'] as const).map((s) => (
            <button key={s} type="button" className="chip" aria-pressed={status === s} onClick={() => setStatus(s)}>
              {t(`queue.status.${s}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="muted">{status === 'open' ? t('queue.introOpen') : t('queue.introResolved')}</p>
      <p className={news ? 'success-box' : 'visually-hidden'} role="status">
        {news}
      </p>

      {error ? (
        <ErrorState error={error} groupSlug={group.slug} onRetry={() => void load(null)} />
      ) : !items ? (
        <Loading label={t('queue.loading')} />
      ) : items.length === 0 ? (
        <p className="empty-state">{status === 'open' ? t('queue.empty') : t('queue.emptyResolved')}</p>
      ) : (
        <ol className="report-list">
          {items.map((r) => (
            <li key={r.id}>
              <ReportCard report={r} slug={group.slug} onResolved={onResolved} />
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
