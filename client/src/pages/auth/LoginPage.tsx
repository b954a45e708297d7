import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { TextField } from '../../components/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';

export function LoginPage() {
  useDocumentTitle('Sign in');
  const login = useSession((s) => s.login);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) return setError('Enter your email and password.');
    setBusy(true);
    try {
      await login({ email, password });
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'RATE_LIMITED'
          ? `Too many attempts. Try again in ${err.retryAfter ?? 60} seconds.`
          : err instanceof ApiError
            ? err.message
            : 'Could not sign in. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p className="lede">Welcome back to your circles.</p>
      <form onSubmit={submit} noValidate>
        {error && <p className="error-box" role="alert">{error}</p>}
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to="/register">Create an account</Link>
      </p>
    </section>
  );
}
