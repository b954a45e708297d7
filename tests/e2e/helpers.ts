/**
 * Browser tests drive the real built SPA, served by the real app, in Debian's headless Chromium.
 * Every page a test visits goes through checkA11y: no serious or critical axe violations.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestUser } from '../helpers/factories.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startBrowserApp(env: Record<string, string> = {}): Promise<TestApp> {
  const index = path.resolve(import.meta.dirname, '../../client/dist/index.html');
  if (!existsSync(index)) throw new Error('client/dist is missing: run `npm run build -w client` (npm test does it in pretest)');
  return startTestApp({ SERVE_CLIENT: '1', ...env });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No background traffic: this machine has no network beyond loopback.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}

export async function newContext(browser: Browser, t: TestApp, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: t.url,
    // The browser's language decides the SPA's first language: English unless a test asks otherwise.
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? (options.mobile ? { width: 375, height: 740 } : { width: 1280, height: 860 }),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    // The app-shell service worker would serve pages from a cache kept across a test's navigations: only
    // the test of the worker itself lets it run (spa.installable.test.ts).
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Fails the test when axe finds a serious or critical violation on the page as it is now. */
export async function checkA11y(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map((v) => `${v.impact}: ${v.id} — ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`);
  expect(report, `accessibility violations on ${label}`).toEqual([]);
}

/** Registers through the UI and lands signed in. */
export async function registerThroughUi(page: Page, user: { displayName: string; email: string; password: string }) {
  await page.goto('/register');
  await page.getByLabel('Display name').fill(user.displayName);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Welcome, ${user.displayName}` }).waitFor();
}

export async function signInThroughUi(page: Page, user: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^(Welcome|Bienvenue), / }).waitFor();
}

export interface ContextOptions {
  mobile?: boolean;
  /** The browser's language (navigator.languages, Accept-Language); default en-US. */
  locale?: string;
  /** The browser's time zone (IANA name); default the machine's. */
  timezoneId?: string;
  /** A specific screen size (for example a phone's 390×844), instead of the desktop or `mobile` default. */
  viewport?: { width: number; height: number };
  /** 'block' (the default) keeps the service worker out; 'allow' only to test the worker itself. */
  serviceWorkers?: 'allow' | 'block';
}

export interface BrowserSuite {
  /** The app under test; set before the file's tests run. */
  readonly t: TestApp;
  /** A fresh browser context (its own cookies and storage: another person, or another device). */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context, signed in as `user` through the UI. */
  signedInPage(user: TestUser, options?: ContextOptions): Promise<Page>;
}

/** One app serving the built SPA and one browser for a test file: started before its tests, closed after. */
export function browserSuite(): BrowserSuite {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startBrowserApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const started = () => {
    if (!app || !browser) throw new Error('the browser suite has not started (use it inside tests)');
    return { app, browser };
  };
  const suite: BrowserSuite = {
    get t() {
      return started().app;
    },
    newContext: (options = {}) => newContext(started().browser, started().app, options),
    signedInPage: async (user, options = {}) => {
      const page = await (await suite.newContext(options)).newPage();
      await signInThroughUi(page, user);
      return page;
    },
  };
  return suite;
}
