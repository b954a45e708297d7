import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';
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
 * One inline script in the page's head: it creates two Intl objects, which loads ICU's data (20–35 ms on
 * a desktop in Chromium, four times that on a mid-range phone). Every page needs it (plurals, dates,
 * times) and there is no way to make it cheaper; paid while the page's scripts download, it no longer
 * sits between the first paint and the page's content, where a long task blocks taps and scrolling.
 * It runs in a task of its own, just after the HTML is parsed, not inside the parse: Lighthouse's phone
 * model starts the requests the parse finds (the page's modulepreloads) only once that task has ended,
 * so ICU's loading inside it held back every script of the page. The server allows exactly this script
 * by its hash in the CSP (server/src/plugins/spa.ts).
 */
function warmUpIntlInline(): Plugin {
  // A time format loads the most (ICU's core, the locale's date patterns, the time zone); plurals are
  // what every page uses first. The SPA's own formatters, made later, then cost a millisecond or two.
  const script = 'setTimeout(function(){try{var l=navigator.language;new Intl.DateTimeFormat(l,{hour:"numeric",minute:"2-digit"}).format(0);new Intl.PluralRules(l).select(1)}catch(e){}})';
  return {
    name: 'circles:warm-up-intl',
    transformIndexHtml: () => [{ tag: 'script', children: script, injectTo: 'head' }],
  };
}

/**
 * The app's styles (one stylesheet, ~8 KB compressed: see `cssCodeSplit`) go inside the page as a
 * `<style>`: the first paint then waits for nothing but the page itself. As a `<link>`, the stylesheet
 * was one more request before any pixel, and on a phone's connection it shared the line with the
 * route's chunks the page names. (The CSP allows inline styles.)
 */
function inlineEntryStyles(): Plugin {
  return {
    name: 'circles:inline-entry-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          return asset?.type === 'asset' ? `<style>${String(asset.source)}</style>` : tag;
        });
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

/**
 * Fewer, larger chunks for the code pages share. Left to itself, Rollup makes one chunk per combination
 * of pages that share a module: a group's chat needed 21 script files, most under 1 KB compressed. A
 * phone fetches them from one origin over at most 6 connections, a round trip each, so the page's own
 * chunks held back the first script itself (Lighthouse's simulated phone: first script done 0.5 s
 * later). Two chunks instead:
 *
 * - `realtime`: socket.io-client with its dependencies and src/api/socket.ts, and the shared modules that
 *   import them (the chat and moderation stores…): whatever needs the live connection.
 * - `shared`: every other module of ours (client/src, shared/src) that two or more pages use, that is
 *   not in the first script and brings no third-party package with it (a module that does, such as the
 *   chat room with its virtualizer, stays in its own chunk, loaded only by the pages that need it).
 *
 * Pages keep their own chunks, the first script stays as it was (its modules are named `index` here:
 * a manual chunk takes every static dependency not already in one, React included), and translation
 * catalogues stay one file per language and namespace.
 */
function sharedChunks() {
  let chunkOf: Map<string, string> | null = null;
  const isBuildingBlock = (id: string) =>
    /\/client\/src\/(api|stores|components|hooks|safety|i18n|pages\/groups)\/|\/shared\/src\//.test(id) && !/\/node_modules\/|\/i18n\/locales\/|\.css$/.test(id);
  const isSocketModule = (id: string) => /\/client\/src\/api\/socket\.ts$/.test(id);

  function assign(graph: Rollup.ManualChunkMeta): Map<string, string> {
    const ids = [...graph.getModuleIds()];
    // Static imports only (a dynamic import is a chunk boundary), each module's closure computed once.
    const closures = new Map<string, Set<string>>();
    const closure = (root: string): Set<string> => {
      let seen = closures.get(root);
      if (seen) return seen;
      seen = new Set([root]);
      const stack = [root];
      while (stack.length) {
        for (const next of graph.getModuleInfo(stack.pop()!)?.importedIds ?? []) {
          if (!seen.has(next)) {
            seen.add(next);
            stack.push(next);
          }
        }
      }
      closures.set(root, seen);
      return seen;
    };
    const assigned = new Map<string, string>();
    const firstScript = new Set(ids.filter((id) => graph.getModuleInfo(id)?.isEntry).flatMap((id) => [...closure(id)]));
    for (const id of firstScript) assigned.set(id, 'index');
    // The live connection: src/api/socket.ts and everything it brings (socket.io-client and its parts).
    const realtime = new Set(ids.filter(isSocketModule).flatMap((id) => [...closure(id)]).filter((id) => !firstScript.has(id)));
    for (const id of realtime) assigned.set(id, 'realtime');

    const pages = new Set(ids.filter((id) => (graph.getModuleInfo(id)?.dynamicImporters.length ?? 0) > 0 && !firstScript.has(id)));
    const pagesUsing = new Map<string, number>();
    for (const page of pages) for (const id of closure(page)) pagesUsing.set(id, (pagesUsing.get(id) ?? 0) + 1);
    for (const [id, count] of pagesUsing) {
      if (count < 2 || assigned.has(id) || !isBuildingBlock(id) || pages.has(id)) continue;
      const needs = [...closure(id)].filter((dep) => !firstScript.has(dep));
      if (needs.some((dep) => dep.includes('/node_modules/') && !realtime.has(dep))) continue;
      assigned.set(id, needs.some((dep) => realtime.has(dep)) ? 'realtime' : 'shared');
    }
    return assigned;
  }

  return (id: string, graph: Rollup.ManualChunkMeta): string | undefined => (chunkOf ??= assign(graph)).get(id);
}

// In development the API runs on :3000 (npm run dev) and Vite proxies to it; in production the
// server serves the built files itself, so the SPA always talks to its own origin.
export default defineConfig({
  plugins: [react(), warmUpIntlInline(), inlineEntryStyles(), serviceWorker, precompress()],
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
    // dist/.vite/manifest.json: which chunks (and CSS) each page module needs; the server reads it to
    // name a deep link's chunks in the page it sends (server/src/plugins/spa.ts).
    manifest: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
    // One stylesheet for the whole app (~40 KB, ~8 KB compressed), inside the page (inlineEntryStyles):
    // a page's own stylesheet arriving later made the browser restyle the whole document once more,
    // ~25 ms of main thread on a phone for each, in the middle of the page's first render.
    cssCodeSplit: false,
    rollupOptions: { output: { manualChunks: sharedChunks() } },
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, ecma: 2020, module: true },
  },
});
