/** The clinician's queue: pinned questions waiting for a clinician, oldest first, with claim / release. */
import type { QueueItem, QueueList } from '@circles/shared';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, query } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
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
  useDocumentTitle('Clinician queue');
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
      setAnnouncement(release ? `Released “${item.title}”.` : `Claimed “${item.title}” for 30 minutes.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        setActionError('Another clinician has just taken this question, or it no longer needs a clinician. The queue has been refreshed.');
        await load();
      } else {
        setActionError(err instanceof ApiError ? err.message : 'That did not work. Try again.');
      }
    } finally {
      setBusyId(null);
    }
  };

  if (error) {
    const closed = error instanceof ApiError && error.code === 'FORBIDDEN';
    return (
      <section aria-labelledby="queue-title">
        <h1 id="queue-title">Clinician queue</h1>
        {closed ? (
          <div className="error-box" role="alert">
            <p>The queue is for verified clinicians. Your credential may have expired: an admin can renew it.</p>
            <p>
              <Link to="/clinician/apply">Apply as a clinician</Link>
            </p>
          </div>
        ) : (
          <ErrorMessage error={error} onRetry={load} />
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby="queue-title" className="clinician-queue">
      <div className="page-head">
        <h1 id="queue-title">Clinician queue</h1>
        <button type="button" className="button secondary" onClick={() => load()}>
          Refresh
        </button>
      </div>
      <p className="lede">
        Questions moderators pinned for a clinician, oldest first. Claim one to show other clinicians you are answering it (for 30
        minutes).
      </p>
      {me?.clinician && (
        <p className="muted">
          Your verification ({me.clinician.specialty}, {me.clinician.jurisdiction}) is valid until {formatDateTime(me.clinician.expiresAt)}.
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
        <Loading label="Loading the queue" />
      ) : items.length === 0 ? (
        <p className="empty-state">No questions are waiting for a clinician right now. Thank you!</p>
      ) : (
        <ol className="queue-list" aria-label="Questions waiting for a clinician">
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
                  Asked by <PersonName user={item.author} anonymous={item.anonymous} /> ·{' '}
                  <strong className="waiting">
                    Waiting <time dateTime={item.waitingSince}>{waitedFor(item.waitingSince, now)}</time>
                  </strong>{' '}
                  · {item.answerCount === 1 ? '1 answer' : `${item.answerCount} answers`} so far
                </p>
                <div className="queue-actions">
                  {item.claim ? (
                    <p className={mine ? 'claim-note mine' : 'claim-note'}>
                      {mine ? 'Claimed by you' : <>Taken by {item.claim.by.displayName}</>} until{' '}
                      <time dateTime={item.claim.until}>{formatDateTime(item.claim.until)}</time>
                    </p>
                  ) : (
                    <p className="claim-note">Not claimed</p>
                  )}
                  {mine ? (
                    <>
                      <Link className="button primary" to={`/questions/${item.id}`}>
                        Answer
                      </Link>
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => claimAction(item, true)}
                        disabled={busyId === item.id}
                        aria-label={`Release “${item.title}”`}
                      >
                        Release
                      </button>
                    </>
                  ) : (
                    !taken && (
                      <button
                        type="button"
                        className="button primary"
                        onClick={() => claimAction(item, false)}
                        disabled={busyId === item.id}
                        aria-label={`Claim “${item.title}”`}
                      >
                        Claim
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
          Show more
        </button>
      )}
    </section>
  );
}
