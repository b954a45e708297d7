import type { Me } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/http';
import { TextAreaField, TextField } from '../components/Field';
import { LanguageChoice } from '../components/LanguageChoice';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { isVerifiedClinician, useSession } from '../stores/session';

export default function ProfilePage() {
  useDocumentTitle('Profile');
  const { user, setUser } = useSession();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [bio, setBio] = useState(user?.bio ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pw, setPw] = useState({ currentPassword: '', newPassword: '' });
  const [pwStatus, setPwStatus] = useState<string | null>(null);

  const saveProfile = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    try {
      setUser(await api.patch<Me>('/me', { displayName, bio }));
      setErrors({});
      setStatus('Profile saved.');
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setStatus(err instanceof ApiError ? err.message : 'Could not save.');
    }
  };

  const changePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwStatus(null);
    try {
      await api.post('/me/password', pw);
      setPw({ currentPassword: '', newPassword: '' });
      setPwStatus('Password changed. Your other devices have been signed out.');
    } catch (err) {
      setPwStatus(err instanceof ApiError ? err.message : 'Could not change the password.');
    }
  };

  if (!user) return null;
  return (
    <section aria-labelledby="profile-title" className="stack">
      <h1 id="profile-title">Profile</h1>
      <form onSubmit={saveProfile} className="card" noValidate>
        <h2>About you</h2>
        <p className="muted">Signed in as {user.email}. Your email is never shown to others.</p>
        <TextField label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} />
        <TextAreaField label="Bio" rows={3} value={bio} onChange={(e) => setBio(e.target.value)} error={errors.bio} />
        <button className="button primary" type="submit">Save profile</button>
        <p role="status" aria-live="polite">{status}</p>
      </form>
      <LanguageChoice />
      <div className="card">
        <h2>Clinician verification</h2>
        {isVerifiedClinician(user) ? (
          <p>
            Verified {user.clinician!.specialty} ({user.clinician!.jurisdiction}) until{' '}
            {new Date(user.clinician!.expiresAt).toLocaleDateString()}.
          </p>
        ) : (
          <p>
            Are you a licensed clinician? <Link to="/clinician/apply">Apply as a clinician</Link> to answer questions with a verified badge.
          </p>
        )}
      </div>
      <form onSubmit={changePassword} className="card" noValidate>
        <h2>Change password</h2>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={pw.currentPassword}
          onChange={(e) => setPw((p) => ({ ...p, currentPassword: e.target.value }))}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          value={pw.newPassword}
          onChange={(e) => setPw((p) => ({ ...p, newPassword: e.target.value }))}
        />
        <button className="button primary" type="submit">Change password</button>
        <p role="status" aria-live="polite">{pwStatus}</p>
      </form>
    </section>
  );
}
