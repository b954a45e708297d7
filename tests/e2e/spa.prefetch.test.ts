/**
 * A signed-in deep link (a reload of a group's chat or of a question) asks for its page's first data
 * beside the session check (client/src/api/prefetch.ts), not after the first render: those requests start
 * before `/api/me` has answered, and each is made once (the pages take the early answers). An early
 * answer that failed is asked for again (the page as it always was). And nothing is lost: a message
 * sent after the early page of messages was read, before the socket connected, still shows.
 */
import type { Group, Message } from '@circles/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { ask } from '../helpers/questions.js';
import { browserSuite } from './helpers.js';

const suite = browserSuite();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ApiEvent {
  kind: 'request' | 'response';
  method: string;
  /** Path and query, as the SPA asked. */
  path: string;
}

/** Every API request and response of the page, in the order the browser saw them. */
function recordApi(page: Page): ApiEvent[] {
  const log: ApiEvent[] = [];
  const path = (url: string) => {
    const u = new URL(url);
    return u.pathname.startsWith('/api/') ? u.pathname + u.search : null;
  };
  page.on('request', (r) => {
    const p = path(r.url());
    if (p) log.push({ kind: 'request', method: r.method(), path: p });
  });
  page.on('response', (r) => {
    const p = path(r.url());
    if (p) log.push({ kind: 'response', method: r.request().method(), path: p });
  });
  return log;
}

/** Holds `/api/me`'s answer back a little, so what starts before it answers is plain to see. */
async function slowMe(page: Page, ms = 700): Promise<void> {
  await page.route(
    (url) => url.pathname === '/api/me',
    async (route) => {
      await sleep(ms);
      await route.continue();
    },
  );
}

/** Each path was asked for once (GET), and before `/api/me` answered. */
function expectAskedEarlyOnce(log: ApiEvent[], paths: string[]): void {
  const meAnswered = log.findIndex((e) => e.kind === 'response' && e.path === '/api/me');
  expect(meAnswered, JSON.stringify(log, null, 1)).toBeGreaterThan(-1);
  for (const path of paths) {
    const asked = log.flatMap((e, i) => (e.kind === 'request' && e.method === 'GET' && e.path === path ? [i] : []));
    expect(asked.length, `${path} asked for once: ${JSON.stringify(log, null, 1)}`).toBe(1);
    expect(asked[0]!, `${path} asked for before /api/me answered: ${JSON.stringify(log, null, 1)}`).toBeLessThan(meAnswered);
  }
}

async function memberPage(): Promise<{ alice: TestUser; bruno: TestUser; group: Group; page: Page }> {
  const alice = await registerUser(suite.t, { displayName: 'Alice Early' });
  const bruno = await registerUser(suite.t, { displayName: 'Bruno Early' });
  const group = await createGroup(suite.t, alice, { name: `Early Birds ${Date.now().toString(36)}` });
  await joinGroup(suite.t, bruno, group);
  const page = await suite.signedInPage(bruno, { mobile: true });
  return { alice, bruno, group, page };
}

const messageArticle = (page: Page, text: string) => page.locator('article.msg').filter({ hasText: text });

/** Resolves once the page's Socket.IO connection is open (the server's CONNECT packet has arrived). */
function socketConnected(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).startsWith('40')) resolve();
      });
    });
  });
}

/**
 * Reloads the chat with the first page of messages held back: the server reads it, then Alice posts (not
 * live to Bruno: his socket is not connected yet), and the page gets it only once his socket is connected
 * (so the connection's own catch-up has nothing to anchor on). Alice's message must show all the same.
 */
async function reloadWithAMessageInTheGap(page: Page, alice: TestUser, group: Group, text: string): Promise<Message> {
  // /api/me answers late: the socket (which connects once signed in) cannot connect before Alice posts.
  await slowMe(page);
  const connected = socketConnected(page);
  let posted: Message | null = null;
  await page.route(
    (url) => url.pathname === `/api/groups/${group.slug}/messages` && url.search === '?limit=50',
    async (route) => {
      const response = await route.fetch();
      posted = await postMessage(suite.t, alice, group, text);
      await connected;
      await sleep(300);
      await route.fulfill({ response });
    },
    { times: 1 },
  );
  await page.goto(`/groups/${group.slug}/chat`);
  await page.getByRole('region', { name: 'Conversation' }).waitFor();
  await expect.poll(() => posted !== null).toBe(true);
  return posted!;
}

describe('a deep link asks for its first data beside the session check', () => {
  it('starts the chat page’s requests before /api/me answers, each once, and shows the room', { timeout: 120_000 }, async () => {
    const { alice, group, page } = await memberPage();
    for (const body of ['First of three', 'Second of three', 'Third of three']) await postMessage(suite.t, alice, group, body);
    await slowMe(page);
    const log = recordApi(page);

    await page.goto(`/groups/${group.slug}/chat`);
    await page.getByRole('heading', { name: group.name }).waitFor();
    await messageArticle(page, 'Third of three').waitFor();
    // What the first screen asks for has all been answered (the members, for mentions, may come last).
    const answered = (prefix: string) => log.some((e) => e.kind === 'response' && e.path.startsWith(prefix));
    await expect.poll(() => answered(`/api/groups/${group.slug}/members`) && answered('/api/me/groups')).toBe(true);
    await sleep(500); // time for a second ask, if one were made

    expectAskedEarlyOnce(log, [
      `/api/groups/${group.slug}`,
      `/api/groups/${group.slug}/messages?limit=50`,
      '/api/me/groups',
      `/api/groups/${group.slug}/members?limit=50`,
      '/api/notifications?unread=true&limit=1',
    ]);
    await page.context().close();
  });

  it('starts the question’s request before /api/me answers, once', { timeout: 120_000 }, async () => {
    const { alice, group, page } = await memberPage();
    const question = await ask(suite.t, alice, group, { title: 'What helps with early mornings?' });
    await slowMe(page);
    const log = recordApi(page);

    await page.goto(`/questions/${question.id}`);
    await page.getByRole('heading', { name: 'What helps with early mornings?' }).waitFor();
    expectAskedEarlyOnce(log, [`/api/questions/${question.id}`]);
    await page.context().close();
  });

  it('asks again when the early answer failed: the page shows as it always did', { timeout: 120_000 }, async () => {
    const { alice, group, page } = await memberPage();
    await postMessage(suite.t, alice, group, 'Still here after a hiccup');
    // The first ask for the group (the early one) fails; the page's own ask succeeds.
    await page.route((url) => url.pathname === `/api/groups/${group.slug}`, (route) => route.fulfill({ status: 503, body: '' }), { times: 1 });
    await page.route(
      (url) => url.pathname === `/api/groups/${group.slug}/messages`,
      (route) => route.abort('connectionreset'),
      { times: 1 },
    );
    const log = recordApi(page);

    await page.goto(`/groups/${group.slug}/chat`);
    await page.getByRole('heading', { name: group.name }).waitFor();
    await messageArticle(page, 'Still here after a hiccup').waitFor();
    expect(log.filter((e) => e.kind === 'request' && e.path === `/api/groups/${group.slug}`)).toHaveLength(2);
    expect(log.filter((e) => e.kind === 'request' && e.path === `/api/groups/${group.slug}/messages?limit=50`)).toHaveLength(2);
    await page.context().close();
  });

  it('loses no message sent between the early page of messages and the socket’s connection', { timeout: 120_000 }, async () => {
    const { alice, group, page } = await memberPage();
    for (const body of ['Before the reload, one', 'Before the reload, two']) await postMessage(suite.t, alice, group, body);

    await reloadWithAMessageInTheGap(page, alice, group, 'Sent in the gap');
    await messageArticle(page, 'Before the reload, two').waitFor();
    await messageArticle(page, 'Sent in the gap').waitFor();
    // Once, in its place.
    await expect.poll(() => page.locator('article.msg').allTextContents()).toHaveLength(3);
    const texts = await page.locator('article.msg').allTextContents();
    expect(texts.findIndex((t) => t.includes('Sent in the gap'))).toBe(2);
    await page.context().close();
  });

  it('loses no message sent in the gap to a room that was empty when its early page was read', { timeout: 120_000 }, async () => {
    const { alice, group, page } = await memberPage();
    await reloadWithAMessageInTheGap(page, alice, group, 'The very first message');
    await messageArticle(page, 'The very first message').waitFor();
    await page.context().close();
  });
});
