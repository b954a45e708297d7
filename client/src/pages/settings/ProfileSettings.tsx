/** Settings › Profile: display name and bio (PATCH /api/me), language, and clinician verification. */
import type { Me } from '@circles/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField, TextField } from '../../components/Field';
import { LanguageChoice } from '../../components/LanguageChoice';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { formatDate } from '../../i18n/format';
import { isVerifiedClinician, useSession } from '../../stores/session';

export default function ProfileSettings() {
  const { t } = useTranslation(['account', 'common']);
  useDocumentTitle(t('profile.title'));
  const { user, setUser } = useSession();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [bio, setBio] = useState(user?.bio ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const saveProfile = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    setError(null);
    setBusy(true);
    try {
      setUser(await api.patch<Me>('/me', { displayName, bio }));
      setErrors({});
      setStatus(t('profile.saved'));
    } catch (err) {
      const fields = err instanceof ApiError && err.code === 'VALIDATION_ERROR' ? err.fieldErrors() : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!user) return null;
  return (
    <section aria-labelledby="profile-title" className="stack">
      <h1 id="profile-title">{t('profile.title')}</h1>
      <form onSubmit={saveProfile} className="card" noValidate>
        <h2>{t('profile.about')}</h2>
        <p className="muted">{t('profile.signedInAs', { email: user.email })}</p>
        <TextField
          label={t('common:field.displayName')}
          hint={t('common:register.displayNameHint')}
          autoComplete="nickname"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={errors.displayName}
        />
        <TextAreaField label={t('profile.bio')} hint={t('profile.bioHint')} rows={3} value={bio} onChange={(e) => setBio(e.target.value)} error={errors.bio} />
        <ErrorState error={error} />
        <button className="button primary" type="submit" disabled={busy}>
          {t('profile.save')}
        </button>
        <p role="status" aria-live="polite">
          {status}
        </p>
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
    </section>
  );
}
