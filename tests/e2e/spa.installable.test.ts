/**
 * Installable Circles: the web app manifest is linked and complete (icons are real PNGs of the stated
 * sizes), the app-shell service worker registers and takes control, the worker's caches hold the built
 * files and never an API answer, and a navigation without a network shows the offline screen (English
 * and Canadian French) while /api stays off the index.html fallback. This is the only browser test that
 * lets a service worker run (every other context blocks it: helpers.ts).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';
import { postMessage } from '../helpers/chat.js';
import { browserSuite, checkA11y, signInThroughUi } from './helpers.js';
import fr from '../../client/src/i18n/locales/fr/common.js';
import en from '../../client/src/i18n/locales/en/common.js';

const suite = browserSuite();

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

/** Every URL in every Cache Storage cache of the page's origin. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
}

/** Opens `/` and waits until the service worker is active and controls the page. */
async function controlledPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  // A first visit: the worker (whose install downloads the whole shell) is not registered while the
  // page loads its first screen (client/src/main.tsx waits 10 s after load).
  await page.waitForTimeout(2_000);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined)).toBe(true);
  const scriptURL = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
  expect(new URL(scriptURL!).pathname).toBe('/sw.js');
  // clientsClaim: the first page is taken over without a reload.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

describe('web app manifest', () => {
  it('is linked from the page with its icons, theme colour and apple-touch-icon', async () => {
    const page = await suite.t.http().get('/');
    expect(page.text).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(page.text).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />');
    expect(page.text).toContain('<meta name="theme-color" content="#3b5bdb" />');

    const res = await suite.t.http().get('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const manifest = JSON.parse(res.text) as {
      name: string;
      short_name: string;
      start_url: string;
      scope: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
    };
    expect(manifest).toMatchObject({
      name: 'Circles',
      short_name: 'Circles',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#3b5bdb',
      background_color: '#f8f9fb',
    });
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
    expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

    for (const icon of [...manifest.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180', type: 'image/png' }]) {
      const file = await suite.t.http().get(icon.src).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(file.status, icon.src).toBe(200);
      expect(file.headers['content-type'], icon.src).toBe(icon.type);
      const { width, height } = pngSize(file.body as Buffer);
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('serves the service worker itself always revalidated, so a new version is seen on the next visit', async () => {
    const res = await suite.t.http().get('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});

describe('app-shell service worker', () => {
  it('registers a while after a first visit has loaded, keeps the built files and never an API answer, and opens offline on the offline screen', { timeout: 120_000 }, async () => {
    const owner = await registerUser(suite.t, { displayName: 'Shell Owner' });
    const member = await registerUser(suite.t, { displayName: 'Shell Member' });
    const group = await createGroup(suite.t, owner, { name: 'Offline Circle' });
    await joinGroup(suite.t, member, group);
    await postMessage(suite.t, owner, group, 'A message with health details in it');

    const context = await suite.newContext({ serviceWorkers: 'allow' });
    const page = await controlledPage(context);

    // Signed in and reading a chat under the worker: plenty of /api traffic (and a socket) goes through it.
    await signInThroughUi(page, member);
    await page.goto(`/groups/${group.slug}/chat`);
    await page.getByText('A message with health details in it').waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

    const urls = await cachedUrls(page);
    expect(urls).toContain('/index.html');
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec((await suite.t.http().get('/')).text)![1]!;
    expect(urls).toContain(entry);
    expect(urls).toContain('/manifest.webmanifest');
    expect(urls.filter((u) => /^\/(api|socket\.io|dev|docs)(\/|$)/.test(u))).toEqual([]);
    expect(urls.filter((u) => /\.(map|br|gz)$/.test(u))).toEqual([]);

    // No network: a navigation (a reload of a client route) still opens Circles, on the offline screen.
    await context.setOffline(true);
    await page.goto(`/groups/${group.slug}/chat`);
    await page.getByRole('heading', { name: en['offline.title'], level: 1 }).waitFor();
    await expect.poll(() => page.getByText(en['offline.body']).isVisible()).toBe(true);
    expect(await page.getByText('A message with health details in it').count()).toBe(0);
    await checkA11y(page, 'offline screen');

    // Back online, the page finds the session again by itself and shows the chat.
    await context.setOffline(false);
    await page.getByText('A message with health details in it').waitFor();
    expect((await cachedUrls(page)).filter((u) => /^\/(api|socket\.io)(\/|$)/.test(u))).toEqual([]);

    // The API is kept off the shell fallback: offline, a navigation to it fails as a network error, never
    // answers with index.html.
    await context.setOffline(true);
    const apiPage = await context.newPage();
    await expect(apiPage.goto('/api/me')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
    await context.close();
  });

  it('shows the offline screen in Canadian French for a French reader', { timeout: 60_000 }, async () => {
    const context = await suite.newContext({ serviceWorkers: 'allow', locale: 'fr-CA' });
    const page = await controlledPage(context);
    await context.setOffline(true);
    await page.goto('/groups');
    await page.getByRole('heading', { name: fr['offline.title'], level: 1 }).waitFor();
    await expect.poll(() => page.getByText(fr['offline.body']).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await checkA11y(page, 'offline screen (fr)');
    await context.close();
  });
});
