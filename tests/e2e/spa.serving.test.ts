/**
 * How the built SPA travels: precompressed (brotli, else gzip) with `Vary: Accept-Encoding`, hashed
 * assets cached for a year, the page itself always revalidated; the readable session hint that spares
 * a signed-out visitor a refresh call lives and dies with the refresh cookie.
 */
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
