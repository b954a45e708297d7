/**
 * The offline state. The service worker keeps the app's files, so Circles opens without a connection;
 * what it cannot show offline is anyone's data (the worker never keeps API answers). Opened offline before
 * the session could be checked, the page is replaced by a screen that says so; offline later on, a notice
 * stays above the page. Either way Circles carries on by itself when the connection returns.
 */
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Whether the browser says it has a network connection, following its online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}

/** Instead of the page, when Circles was opened without a connection. */
export function OfflineScreen() {
  const { t } = useTranslation('common');
  return (
    <section className="offline-state" aria-labelledby="offline-title">
      <h1 id="offline-title">{t('offline.title')}</h1>
      <p>{t('offline.body')}</p>
    </section>
  );
}

/** Above the page, when the connection drops while Circles is open. */
export function OfflineNotice() {
  const { t } = useTranslation('common');
  return (
    <p className="offline-notice" role="status">
      {t('offline.notice')}
    </p>
  );
}
