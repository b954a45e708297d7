// The schema itself, so the form and the API refuse the same things; this page is a lazy route.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { registerBody, validationMessage } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';

type Fields = 'displayName' | 'email' | 'password';

export default function RegisterPage() {
  const { t } = useTranslation('common');
  useDocumentTitle(t('register.title'));
  const labels: Record<Fields, string> = { displayName: t('field.displayName'), email: t('field.email'), password: t('field.password') };
  const register = useSession((s) => s.register);
  const [values, setValues] = useState<Record<Fields, string>>({ displayName: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: Fields) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    // The same schema the server validates with: errors show before a round trip.
    const parsed = registerBody.safeParse(values);
    if (!parsed.success) {
      const next: Partial<Record<Fields, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Fields;
        const { key, params } = validationMessage(issue);
        next[field] ??= t('field.problem', { field: labels[field], problem: t(key, params) });
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await register(values);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setErrors({ email: t('register.emailTaken') });
      else if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') setErrors(err.fieldErrors() as Partial<Record<Fields, string>>);
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
        <TextField
          label={labels.displayName}
          hint={t('register.displayNameHint')}
          autoComplete="nickname"
          value={values.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          required
        />
        <TextField label={labels.email} type="email" autoComplete="email" value={values.email} onChange={set('email')} error={errors.email} required />
        <TextField
          label={labels.password}
          type="password"
          hint={t('register.passwordHint')}
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          required
        />
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
