import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App, preloadRoute } from './App';
import { prefetchRoute } from './api/prefetch';
import { startI18n } from './i18n';
import './i18n/language';
import { useSession } from './stores/session';
import './styles.css';

// As soon as the refresh brings a token, the route's first data is asked for beside /me (api/prefetch.ts).
const session = useSession.getState().bootstrap({ onAccessToken: (token) => prefetchRoute(window.location.pathname, token) });
// Without a session cookie the bootstrap has already settled on signed out (synchronously).
preloadRoute(window.location.pathname, useSession.getState().status !== 'signedOut');
// Intl's data loads while the page waits on the network, not in the middle of its first render.
void import('./i18n/format').then((format) => format.warmUpFormats()).catch(() => undefined);

// The first render waits for the reader's common catalogue and the session check (fetched together, while
// the route's chunks load); until then the app shell in index.html shows. Pages then fetch as who the reader
// is (a group's page asked before the refresh came back would show the public card: no composer), and
// the frame is not rendered twice (loading, then signed in). The render is a transition so React renders
// in slices, yielding between them: on a slow phone one unbroken render of the whole frame is a long task
// that delays everything else on the page (tap, scroll, the next chunk's evaluation).
void Promise.allSettled([startI18n(), session]).then(() => {
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </StrictMode>,
    ),
  );
});

// The app-shell service worker (installable Circles, offline screen), registered from a chunk of its own so
// it costs the first script nothing; not in development (Vite serves live files).
// - A worker from an earlier visit controls the page: register once the page has loaded. The browser has
//   already looked for a new version while opening the page; a new one takes over and the page reloads
//   onto it right away, before anything is typed.
// - First visit: installing the worker downloads every built file (~1.1 MB) over the connection the page
//   is using for its first screen, its data and its live chat. It waits until the page has been open a
//   while (on Lighthouse's simulated phone, registering at load cost the chat ~10 points of performance).
const FIRST_INSTALL_DELAY_MS = 10_000;
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => void import('./pwa/registerServiceWorker').then((m) => m.registerServiceWorker()).catch(() => undefined);
  const delay = navigator.serviceWorker.controller ? 0 : FIRST_INSTALL_DELAY_MS;
  window.addEventListener('load', () => setTimeout(register, delay), { once: true });
}
