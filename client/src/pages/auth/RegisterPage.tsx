import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import { AccountFields, accountErrors, accountErrorsFrom, NO_ACCOUNT_VALUES, type AccountErrors, type AccountField } from './AccountFields';

export default function RegisterPage() {
  const { t } = useTranslation('common');
  useDocumentTitle(t('register.title'));
  const register = useSession((s) => s.register);
  const [values, setValues] = useState(NO_ACCOUNT_VALUES);
  const [errors, setErrors] = useState<AccountErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: AccountField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const next = accountErrors(values);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await register(values);
    } catch (err) {
      const byField = accountErrorsFrom(err);
      if (byField) setErrors(byField);
      else setFormError(err instanceof ApiError ? err.message : t('register.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth-card" aria-labelledby="register-title">
      <h1 id="register-title">{t('register.title')}</h1>
      <p className="lede">{t('register.lede')}</p>
      <form onSubmit={submit} noValidate>
        {formError && <p className="error-box" role="alert">{formError}</p>}
        <AccountFields values={values} errors={errors} onChange={set} displayNameHint={t('register.displayNameHint')} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('register.busy') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/login">{t('register.signIn')}</Link>
      </p>
    </section>
  );
}
