/**
 * Registers the app-shell service worker (built by vite-plugin-pwa, see vite.config.ts). Loaded by
 * main.tsx after the page's `load` event, as a chunk of its own: the registration and workbox-window
 * never weigh on the first script or compete with the first paint.
 */
import { registerSW } from 'virtual:pwa-register';

export function registerServiceWorker(): void {
  // 'autoUpdate': when a new version's worker takes control, the page reloads once onto the new shell.
  registerSW({ immediate: true });
}
