/**
 * The whole app for a suspended account (403 SUSPENDED or a refused socket): what happened, the reason
 * and the end when known, a way to check again once it ends, and signing out.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { formatDateTime } from '../i18n/format';
import { useSession } from '../stores/session';
import '../styles/safety.css';

export default function SuspendedScreen() {
  const { t } = useTranslation('safety');
  const suspended = useSession((s) => s.suspended);
  const navigate = useNavigate();
  const [checking, setChecking] = useState(false);
  const [still, setStill] = useState(false);
  useDocumentTitle(t('suspended.title'));

  const checkAgain = async () => {
    setChecking(true);
    setStill(false);
    const free = await useSession.getState().recheckSuspension();
    setChecking(false);
    if (!free) setStill(true);
  };

  const signOut = async () => {
    await useSession.getState().logout();
    void navigate('/login');
  };

  return (
    <section className="suspended-screen card" aria-labelledby="suspended-title">
      <h1 id="suspended-title">{t('suspended.title')}</h1>
      <p>{t('suspended.text')}</p>
      {suspended?.reason && <p>{t('suspended.reason', { reason: suspended.reason })}</p>}
      <p>{suspended?.until ? t('suspended.until', { time: formatDateTime(suspended.until) }) : t('suspended.unknownEnd')}</p>
      <p className="muted">{t('suspended.help')}</p>
      <p role="status">{still ? t('suspended.still') : ''}</p>
      <div className="inline-actions">
        <button type="button" className="button primary" onClick={() => void checkAgain()} disabled={checking}>
          {t('suspended.checkAgain')}
        </button>
        <button type="button" className="button secondary" onClick={() => void signOut()}>
          {t('suspended.signOut')}
        </button>
      </div>
    </section>
  );
}
