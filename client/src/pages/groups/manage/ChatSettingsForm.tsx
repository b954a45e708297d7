/** Slow mode and blocked terms (moderators). */
import type { Group, GroupSettingsResponse } from '@circles/shared';
import { BLOCKED_TERMS_MAX } from '@circles/shared/client';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { groupsApi } from '../../../api/groups';
import { ErrorState } from '../../../components/ErrorState';
import { TextAreaField } from '../../../components/Field';
import { Loading } from '../../../components/Loading';

const SLOW_MODE_CHOICES = [0, 10, 30, 60, 300, 900, 3600];

export function ChatSettingsForm({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const { t } = useTranslation(['groups', 'common']);
  const [settings, setSettings] = useState<GroupSettingsResponse | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [slowMode, setSlowMode] = useState(0);
  const [terms, setTerms] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const slowId = useId();

  const load = async () => {
    setLoadError(null);
    try {
      const s = await groupsApi.settings(group.slug);
      setSettings(s);
      setSlowMode(s.slowModeSeconds);
      setTerms(s.blockedTerms.join('\n'));
    } catch (err) {
      setLoadError(err);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [group.slug]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const blockedTerms = terms
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean);
    if (blockedTerms.length > BLOCKED_TERMS_MAX) {
      setMessage({ ok: false, text: t('settings.tooManyTerms', { max: BLOCKED_TERMS_MAX }) });
      return;
    }
    setBusy(true);
    try {
      const saved = await groupsApi.saveSettings(group.slug, { slowModeSeconds: slowMode, blockedTerms, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setSettings(saved);
      setTerms(saved.blockedTerms.join('\n'));
      setReason('');
      await reload();
      setMessage({ ok: true, text: t('settings.saved') });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : t('settings.notSaved') });
    } finally {
      setBusy(false);
    }
  };

  const label = (seconds: number) =>
    seconds === 0
      ? t('settings.off')
      : seconds % 3600 === 0
        ? t('settings.hours', { count: seconds / 3600 })
        : seconds % 60 === 0
          ? t('settings.minutes', { count: seconds / 60 })
          : t('settings.seconds', { count: seconds });
  const choices = (SLOW_MODE_CHOICES.includes(slowMode) ? SLOW_MODE_CHOICES : [...SLOW_MODE_CHOICES, slowMode]).map((seconds) => ({
    seconds,
    label: label(seconds),
  }));

  return (
    <section aria-labelledby="settings-title" className="card">
      <h2 id="settings-title">{t('settings.title')}</h2>
      {loadError ? (
        <ErrorState error={loadError} groupSlug={group.slug} onRetry={() => void load()} />
      ) : !settings ? (
        <Loading label={t('settings.loading')} />
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={slowId}>{t('settings.slowMode')}</label>
            <p className="hint" id={`${slowId}-hint`}>
              {t('settings.slowModeHint')}
            </p>
            <select id={slowId} value={slowMode} onChange={(e) => setSlowMode(Number(e.target.value))} aria-describedby={`${slowId}-hint`}>
              {choices.map((c) => (
                <option key={c.seconds} value={c.seconds}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <TextAreaField
            label={t('settings.blockedTerms')}
            hint={t('settings.blockedTermsHint')}
            value={terms}
            onChange={(e) => setTerms(e.target.value)}
            rows={5}
          />
          <TextAreaField
            label={t('settings.reason')}
            hint={t('settings.reasonHint')}
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
          />
          {message && (
            <p className={message.ok ? 'success-box' : 'error-box'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('common:action.saving') : t('settings.save')}
          </button>
        </form>
      )}
    </section>
  );
}
