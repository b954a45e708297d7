/**
 * A moderator mutes, bans or removes someone from the group, always with a reason (the person is told
 * it, and the audit log keeps it) and, for a mute or a ban, how long.
 */
import type { PublicUser } from '@circles/shared';
import { DEFAULT_MUTE_MINUTES, MODERATION_TEXT_MAX } from '@circles/shared/client';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationApi } from '../../api/moderation';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime } from '../../i18n/format';
import { BAN_CHOICES, durationLabel, MUTE_CHOICES } from './durations';
import '../../styles/moderation.css';
import { personName } from '../../i18n/people';

export type MemberAction = 'mute' | 'ban' | 'remove';

interface Props {
  action: MemberAction;
  slug: string;
  user: Pick<PublicUser, 'id' | 'displayName' | 'deleted'>;
  onClose(): void;
  /** After it is done: what to announce. */
  onDone(announcement: string): void;
}

export default function MemberActionDialog({ action, slug, user, onClose, onDone }: Props) {
  const { t } = useTranslation(['moderation', 'common']);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | null>(action === 'mute' ? DEFAULT_MUTE_MINUTES : null);
  const [reasonError, setReasonError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonId = useId();
  const minutesId = useId();
  const name = personName(user);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const why = reason.trim();
    if (!why) {
      setReasonError(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (action === 'mute') {
        const mute = await moderationApi.mute(slug, { userId: user.id, minutes: minutes ?? DEFAULT_MUTE_MINUTES, reason: why });
        onDone(t('member.mute.done', { name, time: formatDateTime(mute.until ?? new Date()) }));
      } else if (action === 'ban') {
        await moderationApi.ban(slug, { userId: user.id, reason: why, ...(minutes ? { minutes } : {}) });
        onDone(t('member.ban.done', { name }));
      } else {
        await moderationApi.removeMember(slug, user.id, why);
        onDone(t('member.remove.done', { name }));
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const choices: ReadonlyArray<number | null> = action === 'mute' ? MUTE_CHOICES : BAN_CHOICES;
  return (
    <Dialog title={t(`member.${action}.title`, { name })} onClose={onClose} description={<p className="hint">{t(`member.${action}.intro`)}</p>}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={reasonId}>{t('member.reason')}</label>
          <p className="hint" id={`${reasonId}-hint`}>
            {t('member.reasonHint')}
          </p>
          <textarea
            id={reasonId}
            rows={3}
            maxLength={MODERATION_TEXT_MAX}
            value={reason}
            required
            autoFocus
            aria-invalid={reasonError || undefined}
            aria-describedby={reasonError ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(false);
            }}
          />
          {reasonError && (
            <p id={`${reasonId}-error`} className="field-error">
              {t('member.reasonMissing')}
            </p>
          )}
        </div>
        {action !== 'remove' && (
          <div className="field">
            <label htmlFor={minutesId}>{t('member.duration')}</label>
            <select id={minutesId} value={minutes ?? ''} onChange={(e) => setMinutes(e.target.value ? Number(e.target.value) : null)}>
              {choices.map((m) => (
                <option key={m ?? 'lifted'} value={m ?? ''}>
                  {durationLabel(m)}
                </option>
              ))}
            </select>
          </div>
        )}
        <ErrorState error={error} groupSlug={slug} onRetry={() => setError(null)} />
        <div className="dialog-actions">
          <button type="submit" className="button danger" disabled={busy}>
            {t(`member.${action}.confirm`)}
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common:action.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
