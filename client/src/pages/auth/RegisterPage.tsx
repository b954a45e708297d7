import { registerBody } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';

type Fields = 'displayName' | 'email' | 'password';

export function RegisterPage() {
  useDocumentTitle('Create account');
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
        next[field] ??= `${labels[field]} ${issue.message}`;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await register(values);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') setErrors({ email: 'An account with that email already exists. Sign in instead?' });
      else if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') setErrors(err.fieldErrors() as Partial<Record<Fields, string>>);
      else setFormError(err instanceof ApiError ? err.message : 'Could not create your account. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth-card" aria-labelledby="register-title">
      <h1 id="register-title">Create account</h1>
      <p className="lede">Find people who understand, and answers you can trust.</p>
      <form onSubmit={submit} noValidate>
        {formError && <p className="error-box" role="alert">{formError}</p>}
        <TextField
          label="Display name"
          hint="Shown to others. You don’t have to use your real name."
          autoComplete="nickname"
          value={values.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          required
        />
        <TextField label="Email" type="email" autoComplete="email" value={values.email} onChange={set('email')} error={errors.email} required />
        <TextField
          label="Password"
          type="password"
          hint="At least 10 characters."
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          required
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}

const labels: Record<Fields, string> = { displayName: 'Display name', email: 'Email', password: 'Password' };
