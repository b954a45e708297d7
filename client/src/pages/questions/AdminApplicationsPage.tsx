/** The admins' verification queue: approve (with a credential expiry) or reject, each with a note. */
import type { ClinicianApplication, ClinicianApplicationList, ReviewApplicationBody } from '@circles/shared';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, query } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { formatDateTime } from './parts';
import '../../styles/questions.css';

type StatusFilter = ClinicianApplication['status'];

const oneYearFromNow = () => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return d.toISOString().slice(0, 10);
};

function ApplicationCard({ application, onReviewed }: { application: ClinicianApplication; onReviewed(message: string): void }) {
  const { t } = useTranslation('questions');
  const noteId = useId();
  const expiryId = useId();
  const [note, setNote] = useState('');
  const [expiry, setExpiry] = useState(oneYearFromNow);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = application.user.displayName;

  const review = async (decision: 'approve' | 'reject') => {
    setError(null);
    const body: ReviewApplicationBody = {};
    if (note.trim()) body.note = note.trim();
    if (decision === 'approve') {
      // End of the chosen day, local time.
      const until = new Date(`${expiry}T23:59:59`);
      if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) {
        setError(t('admin.futureExpiry'));
        return;
      }
      body.expiresAt = until.toISOString();
    }
    setBusy(true);
    try {
      await api.post(`/admin/clinician-applications/${application.id}/${decision}`, body);
      onReviewed(decision === 'approve' ? t('admin.approved', { name }) : t('admin.rejected', { name }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('admin.failed'));
      setBusy(false);
    }
  };

  return (
    <li className="card application-card">
      <article aria-labelledby={`${noteId}-title`}>
        <h2 id={`${noteId}-title`}>{name}</h2>
        <dl className="facts">
          <dt>{t('admin.specialty')}</dt>
          <dd>{application.specialty}</dd>
          <dt>{t('admin.jurisdiction')}</dt>
          <dd>{application.jurisdiction}</dd>
          <dt>{t('admin.licence')}</dt>
          <dd>{application.licenseNumber}</dd>
          <dt>{t('admin.applied')}</dt>
          <dd>{formatDateTime(application.createdAt)}</dd>
          {application.user.clinician && (
            <>
              <dt>{t('admin.currentBadge')}</dt>
              <dd>{t('admin.validUntil', { date: formatDateTime(application.user.clinician.expiresAt) })}</dd>
            </>
          )}
          {application.reviewedAt && (
            <>
              <dt>{t('admin.reviewed')}</dt>
              <dd>
                {application.reviewNote
                  ? t('admin.reviewNoteQuoted', { date: formatDateTime(application.reviewedAt), note: application.reviewNote })
                  : formatDateTime(application.reviewedAt)}
              </dd>
            </>
          )}
        </dl>
        {application.note && (
          <blockquote className="applicant-note">
            <p>{application.note}</p>
          </blockquote>
        )}
        {error && (
          <p className="error-box" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={noteId}>{t('admin.noteFor', { name })}</label>
          <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
        </div>
        <div className="field">
          <label htmlFor={expiryId}>{t('admin.badgeUntil')}</label>
          <input id={expiryId} type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
        </div>
        <div className="inline-row">
          <button type="button" className="button primary" onClick={() => review('approve')} disabled={busy} aria-label={t('admin.approveLabel', { name })}>
            {t('admin.approve')}
          </button>
          <button type="button" className="button danger" onClick={() => review('reject')} disabled={busy} aria-label={t('admin.rejectLabel', { name })}>
            {t('admin.reject')}
          </button>
        </div>
      </article>
    </li>
  );
}

export default function AdminApplicationsPage() {
  const { t } = useTranslation('questions');
  useDocumentTitle(t('admin.title'));
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [items, setItems] = useState<ClinicianApplication[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const filterId = useId();

  const load = useCallback(async () => {
    setItems(null);
    try {
      const page = await api.get<ClinicianApplicationList>(`/admin/clinician-applications${query({ status, limit: 50 })}`);
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [status]);
  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = async () => {
    if (!nextCursor) return;
    const page = await api.get<ClinicianApplicationList>(`/admin/clinician-applications${query({ status, limit: 50, cursor: nextCursor })}`);
    setItems((list) => [...(list ?? []), ...page.items]);
    setNextCursor(page.nextCursor);
  };

  if (error) {
    const forbidden = error instanceof ApiError && error.code === 'FORBIDDEN';
    return (
      <section aria-labelledby="admin-title">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <ErrorState error={error} onRetry={load} advice={forbidden ? <p>{t('admin.adminsOnly')}</p> : undefined} />
      </section>
    );
  }

  return (
    <section aria-labelledby="admin-title" className="admin-applications">
      <div className="page-head">
        <h1 id="admin-title">{t('admin.title')}</h1>
        <div className="field inline-field">
          <label htmlFor={filterId}>{t('admin.show')}</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="pending">{t('admin.filter.pending')}</option>
            <option value="approved">{t('admin.filter.approved')}</option>
            <option value="rejected">{t('admin.filter.rejected')}</option>
          </select>
        </div>
      </div>
      <p className="lede">{t('admin.lede')}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {!items ? (
        <Loading label={t('admin.loading')} />
      ) : items.length === 0 ? (
        <p className="empty-state">{t('admin.empty')}</p>
      ) : (
        <ul className="application-list">
          {items.map((a) => (
            <ApplicationCard
              key={a.id}
              application={a}
              onReviewed={(message) => {
                setAnnouncement(message);
                void load();
              }}
            />
          ))}
        </ul>
      )}
      {nextCursor && (
        <button type="button" className="button secondary" onClick={loadMore}>
          {t('admin.showMore')}
        </button>
      )}
    </section>
  );
}
