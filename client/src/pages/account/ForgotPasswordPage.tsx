/**
 * "Forgot password?": asks for a reset link (POST /api/auth/password-reset). The answer is the same
 * whether or not an account holds the address, and so is this page: "if an account exists, we sent a link".
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, authCalls } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import '../../styles/account.css';

export default function ForgotPasswordPage() {
  const { t } = useTranslation(['account', 'common']);
  const signedIn = useSession((s) => s.status === 'signedIn');
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(sentTo ? t('forgot.sentTitle') : t('forgot.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const address = email.trim();
    if (!address) return setFieldError(t('forgot.missing'));
    setFieldError(undefined);
    setBusy(true);
    try {
      const res = await authCalls.send('POST', '/auth/password-reset', { email: address }, null);
      if (!res.ok) throw await authCalls.toApiError(res);
      setSentTo(address);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') setFieldError(err.fieldErrors().email ?? err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <section className="auth-card" aria-labelledby="forgot-sent-title">
        <h1 id="forgot-sent-title">{t('forgot.sentTitle')}</h1>
        <p role="status">{t('forgot.sent', { email: sentTo })}</p>
        <p className="form-actions">
          <button type="button" className="button secondary" onClick={() => setSentTo(null)}>
            {t('forgot.again')}
          </button>
          {!signedIn && <Link to="/login">{t('forgot.back')}</Link>}
        </p>
      </section>
    );
  }

  return (
    <section className="auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgot.title')}</h1>
      <p className="lede">{t('forgot.lede')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('forgot.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError}
          required
        />
        <ErrorState error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('forgot.busy') : t('forgot.submit')}
        </button>
      </form>
      {!signedIn && (
        <p>
          <Link to="/login">{t('forgot.back')}</Link>
        </p>
      )}
    </section>
  );
}
