/**
 * How the built SPA travels: precompressed (brotli, else gzip) with `Vary: Accept-Encoding`, hashed
 * assets cached for a year, the page itself always revalidated; the readable session hint that spares
 * a signed-out visitor a refresh call lives and dies with the refresh cookie.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { registerUser } from '../helpers/factories.js';
import { startBrowserApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startBrowserApp();
});
afterAll(async () => t?.close());

const assets = path.resolve(import.meta.dirname, '../../client/dist/assets');
const entry = readdirSync(assets).find((f) => /^index-.*\.js$/.test(f))!;

/** The bytes as they travel (supertest and fetch would decompress them). */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${t.url}${url}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('static assets', () => {
  it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip, the original otherwise', async () => {
    const original = statSync(path.join(assets, entry)).size;
    const br = await rawGet(`/assets/${entry}`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(original / 3);
    expect(brotliDecompressSync(br.body).length).toBe(original);

    const gz = await rawGet(`/assets/${entry}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).length).toBe(original);

    const plain = await rawGet(`/assets/${entry}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBe(original);
  });

  it('never lets the page itself be cached without revalidation, at / and at a client route', async () => {
    for (const url of ['/', '/groups/some-group/chat']) {
      const res = await t.http().get(url).set('Accept-Encoding', 'br, gzip');
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.text, url).toContain('<div id="root">');
    }
  });

  it('does not serve the compressed copies under their own names', async () => {
    expect((await t.http().get(`/assets/${entry}.br`)).status).toBe(404);
  });
});

/**
 * The first script: the entry index.html loads, every chunk it imports statically (and theirs), and any
 * modulepreload the page asks for — everything a phone must fetch and run before the first paint.
 * Lazily imported chunks (pages, catalogues, the service worker's registration) are not in it.
 */
function initialScripts(): string[] {
  const dist = path.dirname(assets);
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const pending = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    // Static `import … from "./x.js"` / `import "./x.js"` / `export … from "./x.js"`; never `import("./x.js")`.
    for (const m of code.matchAll(/\b(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      pending.push(path.posix.join(path.posix.dirname(file), m[1]!));
    }
  }
  return [...seen];
}

describe('script budget', () => {
  it('keeps the first script (entry and its static imports) within 100 KB gzipped', () => {
    const files = initialScripts();
    expect(files[0]).toBe(`assets/${entry}`);
    const gzipped = files.map((f) => ({ file: f, bytes: gzipSync(readFileSync(path.join(path.dirname(assets), f)), { level: 9 }).length }));
    const total = gzipped.reduce((sum, f) => sum + f.bytes, 0);
    expect(total, `initial JS ${total} bytes gzipped: ${JSON.stringify(gzipped)}`).toBeLessThanOrEqual(100_000);
  });
});

describe("a deep link's page", () => {
  type Chunk = { file: string; name?: string; isDynamicEntry?: boolean; imports?: string[]; css?: string[] };
  const manifest = JSON.parse(readFileSync(path.resolve(assets, '../.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const pageFile = (name: string) => Object.values(manifest).find((c) => c.isDynamicEntry && c.name === name)!.file;
  const catalogue = (lang: string, ns: string) => manifest[`src/i18n/locales/${lang}/${ns}.ts`]!.file;
  const preloads = (html: string) => [...html.matchAll(/<link rel="(?:modulepreload|preload)"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!);
  const page = (url: string, headers: Record<string, string> = {}) => {
    const req = t.http().get(url);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req;
  };

  it("keeps a group's chat to a handful of script files (a phone fetches them over a few connections, a round trip each)", async () => {
    const res = await page('/groups/any-group/chat', { Cookie: 'circles_session=1' });
    const catalogues = new Set(Object.entries(manifest).filter(([key]) => key.startsWith('src/i18n/locales/')).map(([, c]) => c.file));
    const scripts = preloads(res.text).filter((file) => file.endsWith('.js') && !catalogues.has(file));
    // The two page chunks, the modules pages share and the live connection (client/vite.config.ts,
    // sharedChunks); left to Rollup's default splitting this was 20 files.
    expect(scripts.length, scripts.join(' ')).toBeLessThanOrEqual(4);
    expect(scripts).toContain(pageFile('GroupPage'));
    expect(scripts).toContain(pageFile('ChatRoom'));
  });

  it("names the route's page chunks, what they import, their styles and the reader's catalogues", async () => {
    const res = await page('/groups/any-group/chat', { Cookie: 'circles_session=1', 'Accept-Language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(res.status).toBe(200);
    expect(res.headers.vary).toMatch(/accept-language/i);
    const named = preloads(res.text);
    for (const file of [pageFile('GroupPage'), pageFile('ChatRoom'), catalogue('fr', 'common'), catalogue('fr', 'chat'), catalogue('fr', 'groups')]) {
      expect(named).toContain(file);
    }
    expect(named).not.toContain(catalogue('en', 'common'));
    // Everything a page chunk imports comes along (but never the first script, already in the page).
    const chat = Object.values(manifest).find((c) => c.file === pageFile('ChatRoom'))!;
    for (const key of chat.imports ?? []) if (key !== 'index.html') expect(named).toContain(manifest[key]!.file);
    for (const css of chat.css ?? []) expect(res.text).toContain(`<link rel="preload" as="style" crossorigin href="/${css}">`);
    expect(named).not.toContain(`assets/${entry}`);
    // Each named file is there to fetch.
    for (const file of named) expect((await t.http().get(`/${file}`)).status, file).toBe(200);
  });

  it('goes brotli- or gzip-compressed when the browser accepts it, as it is otherwise', async () => {
    const br = await rawGet('/groups/any-group/chat', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const html = brotliDecompressSync(br.body).toString();
    expect(html).toContain('<div id="root">');
    expect(gunzipSync((await rawGet('/', 'gzip')).body).toString()).toContain('<div id="root">');
    const plain = await rawGet('/', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('<div id="root">');
    // The first script's styles are in the page: the first paint waits for no other request.
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
  });

  it('allows its one inline script (Intl warm-up) by hash, and nothing else inline', async () => {
    const html = readFileSync(path.resolve(assets, '../index.html'), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    const csp = String((await page('/')).headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc.split(' ').sort()).toEqual(['script-src', "'self'", `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`].sort());
  });

  it('names signed-in pages only with the session hint, and nothing route-specific elsewhere', async () => {
    const visitor = preloads((await page('/groups/any-group/chat', { 'Accept-Language': 'en' })).text);
    expect(visitor).toContain(pageFile('GroupPage'));
    expect(visitor).not.toContain(pageFile('ChatRoom'));
    expect(preloads((await page('/')).text)).toContain(pageFile('FrontDoorPage'));
    const home = preloads((await page('/', { Cookie: 'circles_session=1' })).text);
    expect(home).toContain(pageFile('HomePage'));
    expect(home).not.toContain(pageFile('FrontDoorPage'));
    expect(preloads((await page('/questions/some-id')).text)).not.toContain(pageFile('QuestionPage'));
    expect(preloads((await page('/questions/some-id', { Cookie: 'circles_session=1' })).text)).toContain(pageFile('QuestionPage'));
    // A route without a preload list: only the startup catalogues.
    expect(preloads((await page('/login', { 'Accept-Language': 'en' })).text).sort()).toEqual([catalogue('en', 'common'), catalogue('en', 'conditions')].sort());
  });
});

describe('session hint cookie', () => {
  const hintOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().find((c) => c.startsWith('circles_session='));

  it('comes with sign-in and each refresh, readable by the page, and goes with sign-out', async () => {
    const u = await registerUser(t);
    const login = await t.http().post('/api/auth/login').send({ email: u.email, password: u.password });
    const hint = hintOf(login.headers['set-cookie']);
    expect(hint).toMatch(/^circles_session=1;/);
    expect(hint).toMatch(/Path=\//);
    expect(hint).not.toMatch(/HttpOnly/i);

    const refresh = await t.http().post('/api/auth/refresh').set('Cookie', u.refreshCookie);
    expect(refresh.status).toBe(200);
    expect(hintOf(refresh.headers['set-cookie'])).toMatch(/^circles_session=1;/);

    const logout = await t.http().post('/api/auth/logout').set(u.auth);
    expect(logout.status).toBe(204);
    expect(hintOf(logout.headers['set-cookie'])).toMatch(/^circles_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('is cleared when a refresh fails', async () => {
    const res = await t.http().post('/api/auth/refresh').set('Cookie', 'circles_refresh=made-up; circles_session=1');
    expect(res.status).toBe(401);
    expect(hintOf(res.headers['set-cookie'])).toMatch(/^circles_session=;/);
  });
});
