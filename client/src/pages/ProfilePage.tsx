import type { Me } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/http';
import { TextAreaField, TextField } from '../components/Field';
import { LanguageChoice } from '../components/LanguageChoice';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { formatDate } from '../i18n/format';
import { isVerifiedClinician, useSession } from '../stores/session';

export default function ProfilePage() {
  const { t } = useTranslation('common');
  useDocumentTitle(t('profile.title'));
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
      setStatus(t('profile.saved'));
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setStatus(err instanceof ApiError ? err.message : t('profile.notSaved'));
    }
  };

  const changePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPwStatus(null);
    try {
      await api.post('/me/password', pw);
      setPw({ currentPassword: '', newPassword: '' });
      setPwStatus(t('profile.passwordChanged'));
    } catch (err) {
      setPwStatus(err instanceof ApiError ? err.message : t('profile.passwordNotChanged'));
    }
  };

  if (!user) return null;
  return (
    <section aria-labelledby="profile-title" className="stack">
      <h1 id="profile-title">{t('profile.title')}</h1>
      <form onSubmit={saveProfile} className="card" noValidate>
        <h2>{t('profile.about')}</h2>
        <p className="muted">{t('profile.signedInAs', { email: user.email })}</p>
        <TextField label={t('field.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} />
        <TextAreaField label={t('profile.bio')} rows={3} value={bio} onChange={(e) => setBio(e.target.value)} error={errors.bio} />
        <button className="button primary" type="submit">{t('profile.save')}</button>
        <p role="status" aria-live="polite">{status}</p>
      </form>
      <LanguageChoice />
      <div className="card">
        <h2>{t('profile.clinician')}</h2>
        {isVerifiedClinician(user) ? (
          <p>
            {t('profile.verified', {
              specialty: user.clinician!.specialty,
              jurisdiction: user.clinician!.jurisdiction,
              date: formatDate(user.clinician!.expiresAt),
            })}
          </p>
        ) : (
          <p>
            {t('profile.areYouClinician')} <Link to="/clinician/apply">{t('profile.apply')}</Link> {t('profile.applyWhy')}
          </p>
        )}
      </div>
      <form onSubmit={changePassword} className="card" noValidate>
        <h2>{t('profile.changePassword')}</h2>
        <TextField
          label={t('profile.currentPassword')}
          type="password"
          autoComplete="current-password"
          value={pw.currentPassword}
          onChange={(e) => setPw((p) => ({ ...p, currentPassword: e.target.value }))}
        />
        <TextField
          label={t('profile.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('profile.passwordHint')}
          value={pw.newPassword}
          onChange={(e) => setPw((p) => ({ ...p, newPassword: e.target.value }))}
        />
        <button className="button primary" type="submit">{t('profile.changePassword')}</button>
        <p role="status" aria-live="polite">{pwStatus}</p>
      </form>
    </section>
  );
}
