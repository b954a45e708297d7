/** One report in the queue: what, who reported it and why, the content in context, and the decision. */
import type { Message, Report, ResolveReportBody } from '@circles/shared';
import { DEFAULT_MUTE_MINUTES, MODERATION_TEXT_MAX } from '@circles/shared/client';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moderationApi } from '../../api/moderation';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../i18n/format';
import { BAN_CHOICES, durationLabel, MUTE_CHOICES } from './durations';
import { useReportLabels } from './reportLabels';
import { personName } from '../../i18n/people';

interface Props {
  report: Report;
  slug: string;
  onResolved(report: Report, announcement: string): void;
}

/** The reported message between the ones just before and after it. */
function MessageInContext({ report, slug }: { report: Report; slug: string }) {
  const { t } = useTranslation('moderation');
  const [around, setAround] = useState<{ before: Message[]; after: Message[] } | null>(null);
  useEffect(() => {
    let cancelled = false;
    moderationApi
      .neighbours(slug, report.targetId)
      .then((n) => !cancelled && setAround(n))
      .catch(() => !cancelled && setAround({ before: [], after: [] }));
    return () => {
      cancelled = true;
    };
  }, [slug, report.targetId]);
  const line = (m: Message) => (
    <li key={m.id} className="context-line">
      <span className="context-author">{personName(m.author)}</span> <time dateTime={m.createdAt} className="muted">{formatDateTime(m.createdAt)}</time>
      <p className="prewrap">{m.body ?? <em>{t('queue.deleted')}</em>}</p>
    </li>
  );
  const target = report.target;
  return (
    <ol className="report-context" aria-label={t('queue.context')}>
      {around?.before.map(line)}
      <li className="context-line reported">
        <span className="visually-hidden">{t('queue.reportedMessage')} </span>
        <span className="context-author">{personName(target?.author) ?? t('target.someone')}</span>{' '}
        {target?.createdAt && (
          <time dateTime={target.createdAt} className="muted">
            {formatDateTime(target.createdAt)}
          </time>
        )}
        <p className="prewrap">{target?.body ?? <em>{t('queue.deleted')}</em>}</p>
      </li>
      {around?.after.map(line)}
    </ol>
  );
}

function ReportedContent({ report, slug }: { report: Report; slug: string }) {
  const { t } = useTranslation('moderation');
  const labels = useReportLabels();
  const target = report.target;
  if (report.reason === 'appeal' && report.appeal) {
    const a = report.appeal;
    return (
      <div className="report-context">
        <p>
          {t('queue.appealOf', { action: labels.action(a.action), by: personName(a.by) ?? t('target.someone'), time: formatDateTime(a.at) })}
        </p>
        {a.reason && <p>{t('queue.appealReason', { reason: a.reason })}</p>}
        <p>{a.until ? t('queue.appealUntil', { time: formatDateTime(a.until) }) : t('queue.appealNoEnd')}</p>
      </div>
    );
  }
  switch (report.targetType) {
    case 'message':
      return <MessageInContext report={report} slug={slug} />;
    case 'question':
    case 'answer': {
      const questionId = report.targetType === 'question' ? report.targetId : target?.questionId;
      return (
        <div className="report-context">
          {target?.title && <p className="context-title">{target.title}</p>}
          <p className="prewrap">{target?.body ?? <em>{t('queue.deleted')}</em>}</p>
          {questionId && !target?.deleted && <Link to={`/questions/${encodeURIComponent(questionId)}`}>{t('queue.openQuestion')}</Link>}
        </div>
      );
    }
    case 'user':
      return null;
    default:
      return (
        <div className="report-context">
          <p className="prewrap">{target?.body ?? <em>{t('queue.deleted')}</em>}</p>
        </div>
      );
  }
}

export function ReportCard({ report, slug, onResolved }: Props) {
  const { t } = useTranslation(['moderation', 'common']);
  const labels = useReportLabels();
  const [note, setNote] = useState('');
  const [muteMinutes, setMuteMinutes] = useState<number>(DEFAULT_MUTE_MINUTES);
  const [banMinutes, setBanMinutes] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = useId();
  const noteId = useId();
  const muteId = useId();
  const banId = useId();
  const author = report.target?.author ?? null;
  const isAppeal = report.reason === 'appeal';
  const open = report.status === 'open';

  const resolve = async (body: ResolveReportBody) => {
    setBusy(true);
    setError(null);
    try {
      // The person acted on is told the reason: without a note, the report's reason in words (never its code).
      const acting = body.action === 'remove' || body.action === 'mute' || body.action === 'ban';
      const why = note.trim() || (acting ? labels.reason(report.reason) : '');
      const resolved = await moderationApi.resolve(report.id, { ...body, note: why || undefined });
      const name = personName(author) ?? t('target.someone');
      const done =
        body.action === 'mute'
          ? t('queue.done.mute', { name, duration: durationLabel(body.minutes ?? DEFAULT_MUTE_MINUTES) })
          : body.action === 'ban'
            ? t('queue.done.ban', { name, duration: durationLabel(body.minutes ?? null) })
            : t(`queue.done.${body.action}`);
      onResolved(resolved, done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const removeLabel =
    report.targetType === 'user' ? t('queue.removeMember') : report.targetType === 'message' ? t('queue.removeMessage') : t('queue.removePost');
  const canRemove = report.targetType === 'user' || !report.target?.deleted;

  return (
    <article className={`card report-card${report.reason === 'crisis' ? ' crisis' : ''}`} aria-labelledby={titleId}>
      <header className="report-head">
        <h3 id={titleId}>
          <span className={`badge reason-${report.reason}`}>{labels.reason(report.reason)}</span> {labels.target(report)}
        </h3>
        <p className="muted small">
          {report.reporter ? t('queue.reportedBy', { name: personName(report.reporter) }) : t('queue.bySystem')} ·{' '}
          <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time>
        </p>
      </header>
      {report.note && (
        <blockquote className="report-note">
          <p className="small muted">{isAppeal ? t('queue.appealNote') : t('queue.note')}</p>
          <p className="prewrap">{report.note}</p>
        </blockquote>
      )}
      <ReportedContent report={report} slug={slug} />

      {!open && report.resolution ? (
        <p className="report-resolution">
          {t('queue.resolvedAs', {
            action: labels.resolution(report.resolution.action),
            name: personName(report.resolution.by) ?? t('target.someone'),
            time: formatDateTime(report.resolution.at),
          })}
          {report.resolution.note && <> — {report.resolution.note}</>}
        </p>
      ) : (
        <div className="report-decide" role="group" aria-label={t('queue.decide')}>
          <div className="field">
            <label htmlFor={noteId}>{t('queue.decisionNote')}</label>
            <p className="hint" id={`${noteId}-hint`}>
              {t('queue.decisionNoteHint', { reason: labels.reason(report.reason) })}
            </p>
            <textarea
              id={noteId}
              rows={2}
              maxLength={MODERATION_TEXT_MAX}
              value={note}
              aria-describedby={`${noteId}-hint`}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          {isAppeal ? (
            <div className="inline-actions">
              <button type="button" className="button primary" disabled={busy} onClick={() => void resolve({ action: 'lift' })}>
                {t('queue.lift')}
              </button>
              <button type="button" className="button secondary" disabled={busy} onClick={() => void resolve({ action: 'dismiss' })}>
                {t('queue.keepDecision')}
              </button>
            </div>
          ) : (
            <>
              <div className="inline-actions">
                <button type="button" className="button secondary" disabled={busy} onClick={() => void resolve({ action: 'dismiss' })}>
                  {t('queue.dismiss')}
                </button>
                {canRemove && (
                  <button type="button" className="button danger" disabled={busy} onClick={() => void resolve({ action: 'remove' })}>
                    {removeLabel}
                  </button>
                )}
              </div>
              {author && (
                <div className="decide-person">
                  <div className="decide-with-length">
                    <label htmlFor={muteId}>{t('queue.muteFor')}</label>
                    <select id={muteId} value={muteMinutes} onChange={(e) => setMuteMinutes(Number(e.target.value))}>
                      {MUTE_CHOICES.map((m) => (
                        <option key={m} value={m}>
                          {durationLabel(m)}
                        </option>
                      ))}
                    </select>
                    <button type="button" className="button danger" disabled={busy} onClick={() => void resolve({ action: 'mute', minutes: muteMinutes })}>
                      {t('queue.mute')}
                    </button>
                  </div>
                  <div className="decide-with-length">
                    <label htmlFor={banId}>{t('queue.banFor')}</label>
                    <select id={banId} value={banMinutes ?? ''} onChange={(e) => setBanMinutes(e.target.value ? Number(e.target.value) : null)}>
                      {BAN_CHOICES.map((m) => (
                        <option key={m ?? 'lifted'} value={m ?? ''}>
                          {durationLabel(m)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="button danger"
                      disabled={busy}
                      onClick={() => void resolve(banMinutes ? { action: 'ban', minutes: banMinutes } : { action: 'ban' })}
                    >
                      {t('queue.ban')}
                    </button>
                  </div>
                </div>
              )}
            </>
          )}
          <ErrorState error={error} groupSlug={slug} onRetry={() => setError(null)} />
        </div>
      )}
    </article>
  );
}
