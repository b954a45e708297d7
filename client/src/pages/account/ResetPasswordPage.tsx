/**
 * The emailed reset link, `PUBLIC_ORIGIN/reset-password?token=…` (server: accounts/passwordReset.ts):
 * a new password twice, then POST /api/auth/password-reset/confirm. The server ends every session, this
 * tab's included, so the next step is to sign in. A used or expired link (410 EXPIRED) says so and
 * offers a new one.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, authCalls } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import { NewPasswordFields, newPasswordErrors } from '../settings/NewPasswordFields';
import '../../styles/account.css';

type Fields = 'newPassword' | 'confirm';

export default function ResetPasswordPage() {
  const { t } = useTranslation(['account', 'common']);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [values, setValues] = useState<Record<Fields, string>>({ newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<'done' | 'expired' | null>(token ? null : 'expired');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(outcome === 'done' ? t('reset.doneTitle') : outcome === 'expired' ? t('reset.expiredTitle') : t('reset.title'));
  const set = (field: Fields) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const next = newPasswordErrors(values, { newPassword: t('reset.new'), mismatch: t('reset.mismatch') });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const res = await authCalls.send('POST', '/auth/password-reset/confirm', { token, newPassword: values.newPassword }, null);
      if (!res.ok) throw await authCalls.toApiError(res);
      // Every session of the account has ended, this tab's too if it was theirs.
      if (useSession.getState().status === 'signedIn') useSession.getState().signedOut();
      setOutcome('done');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'EXPIRED') setOutcome('expired');
      else if (err instanceof ApiError && err.code === 'VALIDATION_ERROR' && err.fieldErrors().newPassword) setErrors({ newPassword: err.fieldErrors().newPassword });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (outcome === 'done') {
    return (
      <section className="auth-card" aria-labelledby="reset-done-title">
        <h1 id="reset-done-title">{t('reset.doneTitle')}</h1>
        <p role="status">{t('reset.done')}</p>
        <p>
          <Link className="button primary" to="/login">
            {t('reset.signIn')}
          </Link>
        </p>
      </section>
    );
  }

  if (outcome === 'expired') {
    return (
      <section className="auth-card" aria-labelledby="reset-expired-title">
        <h1 id="reset-expired-title">{t('reset.expiredTitle')}</h1>
        <p>{token ? t('reset.expired') : t('reset.noToken')}</p>
        <p>
          <Link className="button primary" to="/forgot-password">
            {t('reset.askAgain')}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      <p className="lede">{t('reset.lede')}</p>
      <form onSubmit={submit} noValidate>
        <NewPasswordFields
          labels={{ newPassword: t('reset.new'), confirm: t('reset.confirm'), hint: t('password.hint') }}
          values={values}
          errors={errors}
          onChange={set}
        />
        <ErrorState error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('reset.busy') : t('reset.submit')}
        </button>
      </form>
    </section>
  );
}
