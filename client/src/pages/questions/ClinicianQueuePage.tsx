/** The clinician's queue: pinned questions waiting for a clinician, oldest first, with claim / release. */
import type { QueueItem, QueueList } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, query } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import { formatDateTime, PersonName, waitedFor } from './parts';
import '../../styles/questions.css';

/** Re-renders every minute so waiting times and claim expiries stay current. */
function useNow(intervalMs = 60_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export default function ClinicianQueuePage() {
  const { t } = useTranslation('questions');
  useDocumentTitle(t('queue.title'));
  const me = useSession((s) => s.user);
  const now = useNow();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await api.get<QueueList>(`/clinician/queue${query({ limit: 50 })}`);
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.get<QueueList>(`/clinician/queue${query({ limit: 50, cursor: nextCursor })}`);
      setItems((list) => [...(list ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  };

  const claimAction = async (item: QueueItem, release: boolean) => {
    setBusyId(item.id);
    setActionError(null);
    try {
      const updated = release
        ? await api.del<QueueItem>(`/questions/${item.id}/claim`)
        : await api.post<QueueItem>(`/questions/${item.id}/claim`);
      setItems((list) => (list ?? []).map((q) => (q.id === item.id ? updated : q)));
      setAnnouncement(release ? t('queue.released', { title: item.title }) : t('queue.claimed', { title: item.title }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        setActionError(t('queue.conflict'));
        await load();
      } else {
        setActionError(err instanceof ApiError ? err.message : t('question.actionFailed'));
      }
    } finally {
      setBusyId(null);
    }
  };

  if (error) {
    const closed = error instanceof ApiError && error.code === 'FORBIDDEN';
    return (
      <section aria-labelledby="queue-title">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <ErrorState
          error={error}
          onRetry={load}
          advice={
            closed ? (
              <>
                <p>{t('queue.forClinicians')}</p>
                <p>
                  <Link to="/clinician/apply">{t('queue.apply')}</Link>
                </p>
              </>
            ) : undefined
          }
        />
      </section>
    );
  }

  return (
    <section aria-labelledby="queue-title" className="clinician-queue">
      <div className="page-head">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <button type="button" className="button secondary" onClick={() => load()}>
          {t('queue.refresh')}
        </button>
      </div>
      <p className="lede">{t('queue.lede')}</p>
      {me?.clinician && (
        <p className="muted">
          {t('queue.validUntil', {
            specialty: me.clinician.specialty,
            jurisdiction: me.clinician.jurisdiction,
            date: formatDateTime(me.clinician.expiresAt),
          })}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {actionError && (
        <p className="error-box" role="alert">
          {actionError}
        </p>
      )}
      {!items ? (
        <Loading label={t('queue.loading')} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('queue.empty')}</p>
      ) : (
        <ol className="queue-list" aria-label={t('queue.list')}>
          {items.map((item) => {
            const mine = item.claim?.by.id === me?.id;
            const taken = item.claim && !mine;
            return (
              <li key={item.id} className={`queue-card${taken ? ' taken' : ''}${mine ? ' claimed-by-me' : ''}`}>
                <p className="queue-group muted">{item.group.name}</p>
                <h2 className="question-card-title">
                  <Link to={`/questions/${item.id}`}>{item.title}</Link>
                </h2>
                <p className="muted">
                  {t('question.askedBy')} <PersonName user={item.author} anonymous={item.anonymous} /> ·{' '}
                  <strong className="waiting">
                    {t('queue.waiting')} <time dateTime={item.waitingSince}>{waitedFor(item.waitingSince, now)}</time>
                  </strong>{' '}
                  · {t('queue.answersSoFar', { count: item.answerCount })}
                </p>
                <div className="queue-actions">
                  {item.claim ? (
                    <p className={mine ? 'claim-note mine' : 'claim-note'}>
                      {mine ? t('queue.claimedByYou') : t('queue.takenBy', { name: item.claim.by.displayName })} {t('queue.until')}{' '}
                      <time dateTime={item.claim.until}>{formatDateTime(item.claim.until)}</time>
                    </p>
                  ) : (
                    <p className="claim-note">{t('queue.notClaimed')}</p>
                  )}
                  {mine ? (
                    <>
                      <Link className="button primary" to={`/questions/${item.id}`}>
                        {t('queue.answer')}
                      </Link>
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => claimAction(item, true)}
                        disabled={busyId === item.id}
                        aria-label={t('queue.releaseLabel', { title: item.title })}
                      >
                        {t('queue.release')}
                      </button>
                    </>
                  ) : (
                    !taken && (
                      <button
                        type="button"
                        className="button primary"
                        onClick={() => claimAction(item, false)}
                        disabled={busyId === item.id}
                        aria-label={t('queue.claimLabel', { title: item.title })}
                      >
                        {t('queue.claim')}
                      </button>
                    )
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {nextCursor && (
        <button type="button" className="button secondary" onClick={loadMore}>
          {t('queue.showMore')}
        </button>
      )}
    </section>
  );
}
