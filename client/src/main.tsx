import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { startI18n } from './i18n';
import './i18n/language';
import { useSession } from './stores/session';
import './styles.css';

void useSession.getState().bootstrap();

// The first paint waits for the reader's common catalogue (one small chunk, fetched while the session refreshes).
void startI18n().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  ),
);

// The app-shell service worker (installable Circles, offline screen): registered once the page has loaded,
// from a chunk of its own, so it costs the first script nothing. Not in development (Vite serves live files).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener(
    'load',
    () => void import('./pwa/registerServiceWorker').then((m) => m.registerServiceWorker()).catch(() => undefined),
    { once: true },
  );
}
