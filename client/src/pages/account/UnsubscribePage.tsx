/**
 * The "Stop these emails" link of every notification email, `PUBLIC_ORIGIN/unsubscribe?token=…`
 * (server: notifications/emails.ts). Opening a link never changes anything (mail scanners open links);
 * the button does: POST /api/unsubscribe `{ token }`, signed out or in.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { authCalls } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useSession } from '../../stores/session';
import '../../styles/account.css';

export default function UnsubscribePage() {
  const { t } = useTranslation(['account', 'common']);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = useSession((s) => s.status === 'signedIn');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(done ? t('unsubscribe.doneTitle') : t('unsubscribe.title'));

  const unsubscribe = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await authCalls.send('POST', '/unsubscribe', { token }, null);
      if (!res.ok) throw await authCalls.toApiError(res);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="auth-card" aria-labelledby="unsubscribe-done-title">
        <h1 id="unsubscribe-done-title">{t('unsubscribe.doneTitle')}</h1>
        <p role="status">{t('unsubscribe.done')}</p>
        <p>{signedIn ? <Link to="/settings/notifications">{t('unsubscribe.settings')}</Link> : <Link to="/">{t('unsubscribe.home')}</Link>}</p>
      </section>
    );
  }

  return (
    <section className="auth-card" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t('unsubscribe.title')}</h1>
      {token ? (
        <>
          <p className="lede">{t('unsubscribe.lede')}</p>
          <ErrorState error={error} onRetry={() => void unsubscribe()} />
          <button type="button" className="button primary" disabled={busy} onClick={() => void unsubscribe()}>
            {busy ? t('unsubscribe.busy') : t('unsubscribe.submit')}
          </button>
        </>
      ) : (
        <p>{t('unsubscribe.noToken')}</p>
      )}
    </section>
  );
}
