/**
 * Serves the built SPA from client/dist on the API's port: the hashed assets as files, and the page
 * itself (index.html, at / and at every client route; the fallback is in errors.ts) with the chunks of
 * the route's first screen named in its head.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import path from 'node:path';
import { Negotiator } from '@fastify/accept-negotiator';
import fastifyStatic from '@fastify/static';
import { routePreloads, SESSION_HINT_COOKIE, STARTUP_NAMESPACES, type PreloadedPage } from '@circles/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { localeOf } from '../i18n/index.js';
import { findUp } from '../lib/findUp.js';

export function clientDistFolder(): string | null {
  const index = findUp('client/dist/index.html');
  return index ? path.dirname(index) : null;
}

/**
 * CSP sources (`'sha256-…'`) for the inline scripts of the built page (client/vite.config.ts puts one
 * there: Intl's warm-up): the policy allows exactly these and nothing else inline.
 */
export function inlineScriptHashes(root: string | null): string[] {
  if (!root) return [];
  const page = readFileSync(path.join(root, 'index.html'), 'utf8');
  return [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}

/** An entry of Vite's build manifest (client/dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  name?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** One version of the page, with its compressed copies (made once, like the built files' own). */
interface PageVersion {
  html: string;
  br: Buffer;
  gzip: Buffer;
}

/** The SPA's page, as sent for one request. */
export interface SpaPages {
  page(request: FastifyRequest): PageVersion;
}

function versionOf(html: string): PageVersion {
  const bytes = Buffer.from(html);
  return { html, br: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(bytes, { level: 9 }) };
}

/**
 * index.html with `<link rel="modulepreload">` (and `rel="preload"` for styles) for what the route's
 * first screen needs: its page chunks with everything they import, and the translation catalogues of the
 * reader's language (Accept-Language, the same guess the SPA makes from navigator.languages). The
 * browser finds them while it parses the page and fetches them beside the first script; left to the
 * script, they would be asked for only once it had downloaded and run — on a phone, a round trip and
 * ~100 ms of main thread later. Which route needs what is shared with the SPA (routePreloads); without
 * a manifest (an old build) the page goes out as built.
 */
export function createSpaPages(root: string): SpaPages {
  const page = readFileSync(path.join(root, 'index.html'), 'utf8');
  const manifestFile = path.join(root, '.vite', 'manifest.json');
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>) : null;
  if (!manifest) {
    const asBuilt = versionOf(page);
    return { page: () => asBuilt };
  }

  const pageKeys = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isDynamicEntry && chunk.name) pageKeys.set(chunk.name, key);

  /** The chunk's file, its static imports' (not the first script's, already in the page) and their styles. */
  const closure = (key: string, scripts: Set<string>, styles: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || key === 'index.html' || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const imported of chunk.imports ?? []) closure(imported, scripts, styles);
  };

  // A handful of distinct pages (route kind × signed in × language): each is built once.
  const built = new Map<string, PageVersion>();
  return {
    page(request) {
      const pathname = request.url.split('?')[0] ?? '/';
      const { pages, namespaces } = routePreloads(pathname, request.cookies?.[SESSION_HINT_COOKIE] !== undefined);
      const locale = localeOf({ headers: request.headers });
      const id = `${locale}|${pages.join(',')}|${namespaces.join(',')}`;
      let version = built.get(id);
      if (version === undefined) {
        const scripts = new Set<string>();
        const styles = new Set<string>();
        for (const name of pages satisfies PreloadedPage[]) closure(pageKeys.get(name) ?? '', scripts, styles);
        for (const namespace of [...STARTUP_NAMESPACES, ...namespaces]) closure(`src/i18n/locales/${locale}/${namespace}.ts`, scripts, styles);
        const links = [
          ...[...styles].map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`),
          ...[...scripts].map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
        ];
        version = versionOf(links.length ? page.replace('</head>', `\n    ${links.join('\n    ')}\n  </head>`) : page);
        built.set(id, version);
      }
      return version;
    },
  };
}

const encodings = new Negotiator<'br' | 'gzip'>({ supportedValues: ['br', 'gzip'] });

/** Sends the SPA's page for a client route (never cached without revalidation: a new version takes over at once). */
export function sendSpaPage(pages: SpaPages, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const version = pages.page(request);
  // The negotiator @fastify/static uses for the built files: q-values honoured, brotli first on a tie.
  const encoding = encodings.negotiate(String(request.headers['accept-encoding'] ?? ''));
  reply
    .header('Cache-Control', 'no-cache')
    // The chunks named depend on the route, the session hint cookie and the language.
    .header('Vary', 'Accept-Encoding, Accept-Language, Cookie')
    .type('text/html; charset=utf-8');
  if (encoding) reply.header('Content-Encoding', encoding);
  return reply.send(encoding ? version[encoding] : version.html);
}

export const spaPlugin = fp(async (app: FastifyInstance, opts: { root: string; pages: SpaPages }) => {
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: false,
    // The page itself is sent by `sendSpaPage`, at / as at every other client route.
    index: false,
    // `vite build` writes a brotli and a gzip copy beside each text asset (client/vite.config.ts): the
    // browser gets the smallest one it accepts, with no compression work per request.
    preCompressed: true,
    // The copies are found beside the original; they need no route of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    // Hashed asset names never change content; everything else (the service worker, the manifest)
    // must always be revalidated so a new version takes over at once.
    setHeaders: (res, filePath) => {
      res.header('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The SPA's page, not part of the API: kept out of the API document.
  app.get('/', { config: { public: true }, schema: { hide: true } }, (request, reply) => sendSpaPage(opts.pages, request, reply));
});
