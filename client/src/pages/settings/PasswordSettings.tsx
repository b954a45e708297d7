/** Settings › Password: current and new password (POST /api/me/password); every other session ends. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { NewPasswordFields, newPasswordErrors } from './NewPasswordFields';

type Fields = 'currentPassword' | 'newPassword' | 'confirm';
const EMPTY: Record<Fields, string> = { currentPassword: '', newPassword: '', confirm: '' };

export default function PasswordSettings() {
  const { t } = useTranslation(['account', 'common']);
  useDocumentTitle(t('password.title'));
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: Fields) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    setError(null);
    const next: Partial<Record<Fields, string>> = newPasswordErrors(values, { newPassword: t('password.new'), mismatch: t('password.mismatch') });
    if (!values.currentPassword) next.currentPassword = t('password.currentMissing');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await api.post('/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      setValues(EMPTY);
      setStatus(t('password.changed'));
    } catch (err) {
      // A wrong current password is the server's FORBIDDEN: said next to the field it concerns.
      if (err instanceof ApiError && err.code === 'FORBIDDEN') setErrors({ currentPassword: err.message });
      else if (err instanceof ApiError && err.code === 'VALIDATION_ERROR' && Object.keys(err.fieldErrors()).length > 0) setErrors(err.fieldErrors());
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="password-title" className="stack">
      <h1 id="password-title">{t('password.title')}</h1>
      <p>{t('password.lede')}</p>
      <form onSubmit={submit} className="card" noValidate>
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors.currentPassword}
          required
        />
        <NewPasswordFields
          labels={{ newPassword: t('password.new'), confirm: t('password.confirm'), hint: t('password.hint') }}
          values={values}
          errors={errors}
          onChange={set}
        />
        <ErrorState error={error} />
        <div className="form-actions">
          <button className="button primary" type="submit" disabled={busy}>
            {busy ? t('password.busy') : t('password.submit')}
          </button>
          <Link to="/forgot-password">{t('password.forgot')}</Link>
        </div>
        <p role="status" aria-live="polite">
          {status}
        </p>
      </form>
    </section>
  );
}
