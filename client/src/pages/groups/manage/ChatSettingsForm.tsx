/** Slow mode and blocked terms (moderators). */
import { BLOCKED_TERMS_MAX, type Group, type GroupSettingsResponse } from '@circles/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { groupsApi } from '../../../api/groups';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextAreaField } from '../../../components/Field';
import { Loading } from '../../../components/Loading';

const SLOW_MODE_CHOICES = [
  { seconds: 0, label: 'Off' },
  { seconds: 10, label: '10 seconds' },
  { seconds: 30, label: '30 seconds' },
  { seconds: 60, label: '1 minute' },
  { seconds: 300, label: '5 minutes' },
  { seconds: 900, label: '15 minutes' },
  { seconds: 3600, label: '1 hour' },
];

export function ChatSettingsForm({ group, reload }: { group: Group; reload(): Promise<void> }) {
  const [settings, setSettings] = useState<GroupSettingsResponse | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [slowMode, setSlowMode] = useState(0);
  const [terms, setTerms] = useState('');
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
      setMessage({ ok: false, text: `Keep the list to ${BLOCKED_TERMS_MAX} terms or fewer.` });
      return;
    }
    setBusy(true);
    try {
      const saved = await groupsApi.saveSettings(group.slug, { slowModeSeconds: slowMode, blockedTerms });
      setSettings(saved);
      setTerms(saved.blockedTerms.join('\n'));
      await reload();
      setMessage({ ok: true, text: 'Settings saved.' });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : 'Could not save. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  const choices = SLOW_MODE_CHOICES.some((c) => c.seconds === slowMode)
    ? SLOW_MODE_CHOICES
    : [...SLOW_MODE_CHOICES, { seconds: slowMode, label: `${slowMode} seconds` }];

  return (
    <section aria-labelledby="settings-title" className="card">
      <h2 id="settings-title">Chat settings</h2>
      {loadError ? (
        <ErrorMessage error={loadError} onRetry={() => void load()} />
      ) : !settings ? (
        <Loading label="Loading settings" />
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={slowId}>Slow mode</label>
            <p className="hint" id={`${slowId}-hint`}>
              How long each member waits between messages. Helps a heated conversation cool down.
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
            label="Blocked terms"
            hint="One word or phrase per line. Messages, questions and answers containing them are refused."
            value={terms}
            onChange={(e) => setTerms(e.target.value)}
            rows={5}
          />
          {message && (
            <p className={message.ok ? 'success-box' : 'error-box'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </form>
      )}
    </section>
  );
}
