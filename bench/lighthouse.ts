/**
 * `npm run lighthouse`: Lighthouse 12 (mobile profile, its default throttling) against a running
 * production build (`npm start` in another terminal), in Debian's chromium. Three pages: the front
 * page signed out, a group's chat and a question page signed in as a demo patient (a fresh sign-in
 * through the API for each, its cookies put into a fresh browser profile, so the SPA starts as after
 * a reload). Prints performance / accessibility / best practices and the heaviest opportunities.
 *
 *   BASE_URL (default http://localhost:3000) · CHROMIUM_PATH (default /usr/bin/chromium)
 *   LIGHTHOUSE_EMAIL / LIGHTHOUSE_PASSWORD (default the demo patient maya@circles.example)
 *   LIGHTHOUSE_JSON=dir to keep each full report
 *   LIGHTHOUSE_RUNS=n (default 1): audit each page n times and report the run with the median
 *     performance score, as Lighthouse's own docs advise (one run varies by several points)
 *   LIGHTHOUSE_PAGES=front,chat,question (default all three)
 *
 * A run whose trace Chromium failed to record (Lighthouse's runtimeError, e.g. NO_NAVSTART) is done again.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags, type RunnerResult } from 'lighthouse';
import puppeteer, { type CookieData } from 'puppeteer-core';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EMAIL = process.env.LIGHTHOUSE_EMAIL ?? 'maya@circles.example';
const PASSWORD = process.env.LIGHTHOUSE_PASSWORD ?? 'circles-demo-2026';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

interface Session {
  cookies: CookieData[];
  accessToken: string;
}

/** Signs in through the API; the refresh and hint cookies go into the browser (single-use: one per run). */
async function signIn(): Promise<Session> {
  const res = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${EMAIL} failed: ${res.status} ${await res.text()}`);
  const { hostname } = new URL(BASE_URL);
  const cookies = res.headers.getSetCookie().map((line): CookieData => {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const [name, ...value] = pair!.split('=');
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
    return {
      name: name!,
      value: value.join('='),
      domain: hostname,
      path: attr('path') ?? '/',
      httpOnly: attributes.some((a) => a.toLowerCase() === 'httponly'),
      sameSite: 'Strict',
    };
  });
  return { cookies, accessToken: ((await res.json()) as { accessToken: string }).accessToken };
}

async function apiGet<T>(session: Session, url: string): Promise<T> {
  const res = await fetch(`${BASE_URL}/api${url}`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

/** The demo patient's first group with chat, and a question in one of her groups. */
async function findPages(): Promise<{ chat: string; question: string }> {
  const session = await signIn();
  const { items } = await apiGet<{ items: Array<{ slug: string }> }>(session, '/me/groups');
  if (!items.length) throw new Error(`${EMAIL} belongs to no group: is the demo content seeded (SEED_DEMO=1)?`);
  let question: string | null = null;
  for (const group of items) {
    const list = await apiGet<{ items: Array<{ id: string }> }>(session, `/groups/${group.slug}/questions`);
    if (list.items[0]) {
      question = `/questions/${list.items[0].id}`;
      break;
    }
  }
  if (!question) throw new Error('no question found in the demo groups');
  return { chat: `/groups/${items[0]!.slug}/chat`, question };
}

/** One audit, again (up to twice) when Lighthouse could not measure the page at all. */
async function auditOnce(pagePath: string, signedIn: boolean): Promise<RunnerResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await audit(pagePath, signedIn);
    if (!result.lhr.runtimeError || attempt === 3) return result;
    console.error(`           (${result.lhr.runtimeError.code} on ${pagePath}: measuring again)`);
  }
}

/** The run with the median performance score of `runs` audits. */
async function auditMedian(pagePath: string, signedIn: boolean, runs: number): Promise<RunnerResult> {
  const results: RunnerResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await auditOnce(pagePath, signedIn));
  const performance = (r: RunnerResult) => r.lhr.categories.performance?.score ?? 0;
  if (runs > 1) console.log(`           runs: ${results.map((r) => Math.round(performance(r) * 100)).join(', ')}`);
  return results.sort((a, b) => performance(a) - performance(b))[Math.floor((results.length - 1) / 2)]!;
}

async function audit(pagePath: string, signedIn: boolean): Promise<RunnerResult> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page = await browser.newPage();
    if (signedIn) await browser.setCookie(...(await signIn()).cookies);
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      // The fresh profile is the cold start; resetting storage would also drop the session cookies.
      disableStorageReset: true,
    };
    const result = await lighthouse(`${BASE_URL}${pagePath}`, flags, undefined, page);
    await browser.disconnect();
    if (!result) throw new Error(`no Lighthouse result for ${pagePath}`);
    return result;
  } finally {
    chrome.kill();
  }
}

function summarize(label: string, result: RunnerResult): string {
  const { lhr } = result;
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? '—';
  const lines = [
    `${label.padEnd(10)} performance ${score('performance')} · accessibility ${score('accessibility')} · best practices ${score('best-practices')}`,
    `           FCP ${metric('first-contentful-paint')} · LCP ${metric('largest-contentful-paint')} · TBT ${metric('total-blocking-time')} · CLS ${metric('cumulative-layout-shift')} · JS ${metric('total-byte-weight')} total`,
  ];
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  if (failing.length) lines.push(`           to look at: ${failing.slice(0, 8).join(', ')}`);
  return lines.join('\n');
}

async function main() {
  const health = await fetch(BASE_URL).catch(() => null);
  if (!health?.ok) throw new Error(`nothing answers at ${BASE_URL}: start the production build first (npm start)`);
  const pages = await findPages();
  const only = process.env.LIGHTHOUSE_PAGES?.split(',').map((p) => p.trim());
  const runs = (
    [
      ['front', '/', false],
      ['chat', pages.chat, true],
      ['question', pages.question, true],
    ] satisfies Array<[string, string, boolean]>
  ).filter(([label]) => !only || only.includes(label));
  const repeat = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1) || 1);
  console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile profile, ${BASE_URL}`);
  for (const [label, pagePath, signedIn] of runs) {
    const result = await auditMedian(pagePath, signedIn, repeat);
    console.log(summarize(label, result));
    if (process.env.LIGHTHOUSE_JSON) {
      await mkdir(process.env.LIGHTHOUSE_JSON, { recursive: true });
      await writeFile(path.join(process.env.LIGHTHOUSE_JSON, `${label}.json`), result.report as string);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
