import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every text file of the build, once,
 * at build time; the server sends them as they are (@fastify/static `preCompressed`). Runs last, after
 * every other plugin (the service worker included) has written its files.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'circles:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await readdir(outDir, { recursive: true })).map((f) => path.join(outDir, f));
        await Promise.all(
          files.map(async (file) => {
            if (!COMPRESSIBLE.test(file) || (await stat(file)).size < 1024) return;
            const content = await readFile(file);
            const [br, gz] = await Promise.all([
              promisify(brotliCompress)(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }),
              promisify(gzip)(content, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
          }),
        );
      },
    },
  };
}

/**
 * Installable Circles: the web app manifest and an app-shell service worker (Workbox, generated).
 *
 * - What it keeps: the built files only (HTML, scripts, styles, icons) — they hold no one's data. Every
 *   script chunk is kept, not just the first: a page opened offline after the connection dropped must not
 *   crash on a missing chunk, and the offline screen needs the frame around it.
 * - What it never keeps: no runtime caching at all, so /api (health data, exports), /socket.io, /dev and
 *   /docs always go to the network; navigations to those paths are also kept off the index.html fallback.
 * - A new version takes over at once (skipWaiting + clientsClaim) and the page reloads itself when that
 *   happens (registerType 'autoUpdate', see src/pwa/registerServiceWorker.ts): browsers look for a new
 *   service worker when a page loads, so the reload comes right after opening Circles, before anything is
 *   typed, and no one runs an old shell against a new server. A prompt would leave that choice (and a stale
 *   shell with chunks the server no longer has) to a patient who cannot judge it.
 */
const serviceWorker = VitePWA({
  registerType: 'autoUpdate',
  // Registered from our own code after the page has loaded (no inline script: the CSP forbids it, and the
  // registration must not weigh on the first script).
  injectRegister: false,
  strategies: 'generateSW',
  filename: 'sw.js',
  manifestFilename: 'manifest.webmanifest',
  // The precache globs below already take every icon.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Circles',
    short_name: 'Circles',
    description: 'Find people who share your condition, talk with them, and get trustworthy answers.',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#3b5bdb',
    background_color: '#f8f9fb',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
    // Compressed copies and source maps are not the shell.
    globIgnores: ['**/*.br', '**/*.gz', '**/*.map'],
    // Hashed file names are their own version: no cache-busting query needed.
    dontCacheBustURLsMatching: /^assets\//,
    maximumFileSizeToCacheInBytes: 1024 * 1024,
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/socket\.io(\/|$)/, /^\/dev(\/|$)/, /^\/docs(\/|$)/, /^\/metrics$/],
    runtimeCaching: [],
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // Workbox's runtime inside sw.js: one file, served with `no-cache` like the page.
    inlineWorkboxRuntime: true,
    sourcemap: false,
    disableDevLogs: true,
  },
});

// In development the API runs on :3000 (npm run dev) and Vite proxies to it; in production the
// server serves the built files itself, so the SPA always talks to its own origin.
export default defineConfig({
  plugins: [react(), serviceWorker, precompress()],
  // `react-router` is the app's own router module (react-router's API on wouter, 14 KB lighter in the
  // first script): see src/router.tsx. client/tsconfig.json maps the types the same way.
  resolve: { alias: [{ find: /^react-router$/, replacement: path.resolve(import.meta.dirname, 'src/router.tsx') }] },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/docs': 'http://127.0.0.1:3000',
    },
  },
  // Every browser Circles supports preloads modules natively: no polyfill in the first script.
  // Terser with two compress passes: ~2.5 KB gzipped less than esbuild's minifier on the first script,
  // headroom under its 100 KB budget (tests/e2e/spa.serving.test.ts).
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, ecma: 2020, module: true },
  },
});
