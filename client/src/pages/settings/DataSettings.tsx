/** Settings › Your data: everything Circles holds about the reader (GET /api/me/export), saved as a JSON file. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';

/** `circles-export-2026-12-02.json`: the day it was taken, so several exports do not overwrite each other. */
const exportFilename = (now = new Date()) => `circles-export-${now.toISOString().slice(0, 10)}.json`;

export default function DataSettings() {
  const { t } = useTranslation('account');
  useDocumentTitle(t('data.title'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  // The export needs the access token: fetched with it, then handed to the browser as a download.
  const download = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const blob = await api.blob('/me/export');
      const filename = exportFilename();
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(t('data.done', { file: filename }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="data-title" className="stack">
      <h1 id="data-title">{t('data.title')}</h1>
      <div className="card">
        <p>{t('data.lede')}</p>
        <p className="muted">{t('data.includes')}</p>
        <ErrorState error={error} onRetry={() => void download()} />
        <button type="button" className="button primary" disabled={busy} aria-busy={busy || undefined} onClick={() => void download()}>
          {busy ? t('data.busy') : t('data.download')}
        </button>
        <p role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </section>
  );
}
