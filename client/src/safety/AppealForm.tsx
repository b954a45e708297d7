/**
 * One appeal of the latest moderation decision about the reader in a group (a mute, a ban, a removal,
 * a deleted post): a report with reason `appeal` about themselves, which lands in the moderators' queue.
 */
import { MODERATION_TEXT_MAX } from '@circles/shared/client';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { moderationApi } from '../api/moderation';
import { ErrorState } from '../components/ErrorState';
import { useModeration } from '../stores/moderation';
import { useSession } from '../stores/session';

export function AppealForm({ slug }: { slug: string }) {
  const { t } = useTranslation(['safety', 'common']);
  const myId = useSession((s) => s.user?.id ?? '');
  const appealed = useModeration((s) => Boolean(s.appealed[slug]));
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'sent' | 'already' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const noteId = useId();

  if (outcome || appealed) {
    return (
      <p className="appeal-outcome" role="status">
        {outcome === 'already' ? t('appeal.already') : t('appeal.sent')}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        {t('appeal.button')}
      </button>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await moderationApi.appeal(slug, myId, note.trim());
      setOutcome('sent');
      useModeration.getState().setAppealed(slug);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        setOutcome('already');
        useModeration.getState().setAppealed(slug);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="appeal-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={noteId}>{t('appeal.label')}</label>
        <textarea id={noteId} rows={3} maxLength={MODERATION_TEXT_MAX} value={note} autoFocus onChange={(e) => setNote(e.target.value)} />
      </div>
      <ErrorState error={error} groupSlug={slug} onRetry={() => setError(null)} />
      <div className="inline-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('appeal.send')}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('common:action.cancel')}
        </button>
      </div>
    </form>
  );
}
