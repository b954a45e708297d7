/**
 * Settings › Delete account: what is erased and what stays, said plainly before anything happens; the
 * password confirms it is the person, and a last confirmation (focus on Cancel: two Enter presses never
 * delete an account) sends DELETE /api/me. Then the session is over: the front door.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { Dialog } from '../../components/Dialog';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import '../../styles/moderation.css';

const ERASED = ['email', 'profile', 'sessions', 'notifications', 'clinician', 'memberships'] as const;
const KEPT = ['messages', 'anonymous', 'groups'] as const;

export default function DeleteAccountSettings() {
  const { t } = useTranslation(['account', 'common']);
  useDocumentTitle(t('delete.title'));
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The dialog has opened (its effect runs first): the safe choice has focus.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!password) return setFieldError(t('delete.passwordMissing'));
    setFieldError(undefined);
    setConfirming(true);
  };

  const erase = async () => {
    setBusy(true);
    try {
      await api.del('/me', { password });
      // The server ended every session and socket. This tab lets go of its own (signing out clears what
      // the device kept, such as chat drafts) and loads the front door afresh: nothing of the person
      // stays in memory.
      useSession.getState().signedOut();
      window.location.replace('/');
    } catch (err) {
      setConfirming(false);
      if (err instanceof ApiError && err.code === 'FORBIDDEN') setFieldError(t('delete.wrongPassword'));
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="delete-title" className="stack">
      <h1 id="delete-title">{t('delete.title')}</h1>
      <p>{t('delete.lede')}</p>
      <div className="card">
        <h2>{t('delete.erasedTitle')}</h2>
        <ul className="account-list">
          {ERASED.map((k) => (
            <li key={k}>{t(`delete.erased.${k}`)}</li>
          ))}
        </ul>
        <h2>{t('delete.keptTitle')}</h2>
        <ul className="account-list">
          {KEPT.map((k) => (
            <li key={k}>{t(`delete.kept.${k}`)}</li>
          ))}
        </ul>
        <p>
          {t('delete.exportFirst')} <Link to="/settings/data">{t('delete.exportLink')}</Link>
        </p>
      </div>
      <form className="card danger-zone" onSubmit={ask} noValidate>
        <TextField
          label={t('delete.password')}
          hint={t('delete.passwordHint')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError}
          required
        />
        <ErrorState error={error} />
        <button type="submit" className="button danger">
          {t('delete.submit')}
        </button>
      </form>
      {confirming && (
        <Dialog title={t('delete.confirmTitle')} description={<p>{t('delete.confirmBody')}</p>} onClose={() => setConfirming(false)}>
          <div className="dialog-actions">
            <button ref={cancelRef} type="button" className="button secondary" onClick={() => setConfirming(false)} disabled={busy}>
              {t('delete.cancel')}
            </button>
            <button type="button" className="button danger" onClick={() => void erase()} disabled={busy} aria-busy={busy || undefined}>
              {busy ? t('delete.busy') : t('delete.confirm')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
