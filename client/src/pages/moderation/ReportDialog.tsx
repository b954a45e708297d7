/**
 * "Report": why something is wrong (one reason, read as a radio group) and an optional note for the
 * moderators. A second report of the same thing answers 409, shown as "You already reported this".
 */
import type { ReportReason, ReportTargetType } from '@circles/shared';
import { MODERATION_TEXT_MAX } from '@circles/shared/client';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { moderationApi } from '../../api/moderation';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/ErrorState';
import '../../styles/moderation.css';

/** The reasons a reader may give (an appeal is not a report a reader files about others). */
export const REPORT_REASONS = ['spam', 'harassment', 'misinformation', 'crisis', 'personal_data', 'other'] as const satisfies readonly ReportReason[];

export interface ReportTarget {
  type: ReportTargetType;
  id: string;
  /** Whose content it is (for the title). */
  authorName: string | null;
  /** Required for a person. */
  groupSlug?: string;
}

export default function ReportDialog({ target, onClose }: { target: ReportTarget; onClose(): void }) {
  const { t } = useTranslation(['moderation', 'common']);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'sent' | 'already' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missingReason, setMissingReason] = useState(false);
  const noteId = useId();
  const legendId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setMissingReason(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await moderationApi.report({
        targetType: target.type,
        targetId: target.id,
        reason,
        note: note.trim() || undefined,
        groupSlug: target.groupSlug,
      });
      setOutcome('sent');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setOutcome('already');
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = target.authorName
    ? t(`report.title.${target.type}`, { name: target.authorName })
    : t(`report.titleAnonymous.${target.type}`);

  if (outcome) {
    return (
      <Dialog title={title} onClose={onClose}>
        <p className={outcome === 'sent' ? 'success-box' : 'notice'} role="status">
          {outcome === 'sent' ? t('report.sent') : t('report.already')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button primary" onClick={onClose} autoFocus>
            {t('report.close')}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} onClose={onClose} description={<p className="hint">{t('report.intro')}</p>}>
      <form onSubmit={submit} noValidate>
        <fieldset className="reason-group" aria-describedby={missingReason ? `${legendId}-error` : undefined}>
          <legend id={legendId}>{t('report.reasonLegend')}</legend>
          {REPORT_REASONS.map((r, i) => (
            <label key={r} className="reason-option">
              <input
                type="radio"
                name="report-reason"
                value={r}
                checked={reason === r}
                onChange={() => {
                  setReason(r);
                  setMissingReason(false);
                }}
                autoFocus={i === 0}
              />
              <span>
                <span className="reason-name">{t(`report.reason.${r}`)}</span>
                <span className="hint reason-hint">{t(`report.reasonHint.${r}`)}</span>
              </span>
            </label>
          ))}
          {missingReason && (
            <p id={`${legendId}-error`} className="field-error" role="alert">
              {t('report.chooseReason')}
            </p>
          )}
        </fieldset>
        {reason === 'crisis' && <p className="notice">{t('report.crisisHint')}</p>}
        <div className="field">
          <label htmlFor={noteId}>{t('report.note')}</label>
          <textarea id={noteId} rows={3} maxLength={MODERATION_TEXT_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ErrorState error={error} onRetry={() => setError(null)} />
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('report.sending') : t('report.send')}
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common:action.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
