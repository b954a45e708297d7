/**
 * Live and truthful, in the browser: unread counts on the home page and in "Your groups" rise as
 * messages arrive (nobody reloads), a reply's quote follows its original when it is edited and
 * deleted, the group open now is marked in the navigation (aria-current="page"), and a page that a
 * retry cannot fix (404 group, 403 private group) offers no "Try again" but says what to do.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

/** The message whose own text (not a quote of it) holds `text`. */
const messageArticle = (page: Page, text: string) => page.locator('article.msg').filter({ has: page.locator('.msg-body', { hasText: text }) });

describe('live and truthful', () => {
  it('counts unread messages live on the home page and beside a group, and marks the group open now', { timeout: 180_000 }, async () => {
    const reader = await registerUser(suite.t, { displayName: 'Rita Reader' });
    const writer = await registerUser(suite.t, { displayName: 'Will Writer' });
    const first = await createGroup(suite.t, writer, { name: 'Morning Walkers With Asthma' });
    const second = await createGroup(suite.t, writer, { name: 'Evening Circle For Migraine' });
    await joinGroup(suite.t, reader, first);
    await joinGroup(suite.t, reader, second);

    // Home: both groups, nothing unread.
    const page = await suite.signedInPage(reader);
    const card = (name: string) => page.locator('li.my-group').filter({ hasText: name });
    await card('Morning Walkers With Asthma').waitFor();
    expect(await card('Morning Walkers With Asthma').locator('.unread-badge').count()).toBe(0);

    // Two messages arrive while the reader looks at the home page: the count rises without a reload.
    await postMessage(suite.t, writer, first, 'Who is walking tomorrow at 7?');
    await card('Morning Walkers With Asthma').getByText('1 unread message').waitFor();
    await postMessage(suite.t, writer, first, 'Bring your inhaler, it will be cold.');
    await card('Morning Walkers With Asthma').getByText('2 unread messages').waitFor();
    expect(await card('Evening Circle For Migraine').locator('.unread-badge').count()).toBe(0);
    await checkA11y(page, 'home with unread counts');

    // The second group's page: "Your groups" marks it as the current page, with the first's count beside.
    await card('Evening Circle For Migraine').getByRole('link', { name: 'Evening Circle For Migraine' }).click();
    await page.getByRole('heading', { name: 'Evening Circle For Migraine', level: 1 }).waitFor();
    const yourGroups = page.getByRole('navigation', { name: 'Your groups' });
    const current = yourGroups.locator('[aria-current="page"]');
    await expect.poll(() => current.textContent()).toContain('Evening Circle For Migraine');
    expect(await current.count()).toBe(1);
    expect(await yourGroups.getByRole('link', { name: /Morning Walkers With Asthma/ }).getAttribute('aria-current')).toBeNull();
    await yourGroups.getByRole('link', { name: /Morning Walkers With Asthma.*2 unread messages/ }).waitFor();
    // Only one thing in the site header is "current" (not "Find groups" on a group's page).
    expect(await page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').count()).toBe(0);

    // A third message to the first group, seen from the second: the count beside rises live.
    await postMessage(suite.t, writer, first, 'Meet at the park gate.');
    await yourGroups.getByRole('link', { name: /Morning Walkers With Asthma.*3 unread messages/ }).waitFor();
    await checkA11y(page, 'group page with "Your groups"');

    // Opening the first group's chat moves the mark there and reads its messages: the count goes.
    await yourGroups.getByRole('link', { name: /Morning Walkers With Asthma/ }).click();
    await page.getByRole('heading', { name: 'Morning Walkers With Asthma', level: 1 }).waitFor();
    await expect.poll(() => yourGroups.locator('[aria-current="page"]').textContent()).toContain('Morning Walkers With Asthma');
    await page.getByRole('link', { name: /^Chat/ }).click();
    await messageArticle(page, 'Meet at the park gate.').waitFor();
    await expect.poll(() => yourGroups.getByRole('link', { name: /Morning Walkers With Asthma/ }).textContent()).not.toMatch(/unread/);

    // A message in the chat being read does not count as unread; one in the other group does.
    await postMessage(suite.t, writer, first, 'See you all there!');
    await messageArticle(page, 'See you all there!').waitFor();
    await postMessage(suite.t, writer, second, 'Dark room, cold cloth: what helps you?');
    await yourGroups.getByRole('link', { name: /Evening Circle For Migraine.*1 unread message/ }).waitFor();
    await expect.poll(() => yourGroups.getByRole('link', { name: /Morning Walkers With Asthma/ }).textContent()).not.toMatch(/unread/);
    await page.context().close();
  });

  it('keeps a reply’s quote true to its original when that is edited, then deleted — live, without a reload', { timeout: 120_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Quote' });
    const bruno = await registerUser(suite.t, { displayName: 'Bruno Quote' });
    const group = await createGroup(suite.t, alice);
    await joinGroup(suite.t, bruno, group);
    const original = await postMessage(suite.t, alice, group, 'My sugar was 14 this morning');
    await postMessage(suite.t, bruno, group, 'That happens to me after pizza', { replyToId: original.id });

    const b = await suite.signedInPage(bruno);
    await b.goto(`/groups/${group.slug}/chat`);
    const quote = messageArticle(b, 'after pizza').locator('.msg-quote');
    await quote.filter({ hasText: 'My sugar was 14 this morning' }).waitFor();

    // Alice edits in her own browser: Bruno's quote follows.
    const a = await suite.signedInPage(alice);
    await a.goto(`/groups/${group.slug}/chat`);
    await messageArticle(a, 'My sugar was 14').getByRole('button', { name: 'Edit' }).click();
    await a.getByLabel('Message').fill('My sugar was 11 this morning');
    await a.getByRole('button', { name: 'Save' }).click();
    await quote.filter({ hasText: 'My sugar was 11 this morning' }).waitFor();
    expect(await b.getByText('My sugar was 14').count()).toBe(0);
    // And Alice's own view of the reply follows her edit too.
    await messageArticle(a, 'after pizza').locator('.msg-quote').filter({ hasText: 'My sugar was 11 this morning' }).waitFor();

    // Alice deletes it: the quote says so, and the words are gone from Bruno's screen.
    await messageArticle(a, 'My sugar was 11').getByRole('button', { name: 'Delete' }).click();
    await a.getByRole('button', { name: 'Delete message' }).click();
    await quote.getByText('deleted', { exact: false }).waitFor();
    expect(await b.getByText('My sugar was 11').count()).toBe(0);
    await checkA11y(b, 'chat with a quote of a deleted message');
    await a.context().close();
    await b.context().close();
  });

  it('offers no "Try again" where a retry cannot help, and says what to do instead', { timeout: 90_000 }, async () => {
    const owner = await registerUser(suite.t, { displayName: 'Olga Owner' });
    const visitor = await registerUser(suite.t, { displayName: 'Victor Visitor' });
    const secret = await createGroup(suite.t, owner, { visibility: 'private', name: 'Quiet Room For Caregivers' });
    const page = await suite.signedInPage(visitor);

    // 404: no such group.
    await page.goto('/groups/no-such-group-here');
    await page.getByRole('heading', { name: 'Group not found', level: 1 }).waitFor();
    const alert = page.getByRole('alert');
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await alert.getByRole('link', { name: 'Find groups' }).waitFor();
    await checkA11y(page, '404 group');

    // 403: a private group's chat, for someone not in it.
    await page.goto(`/groups/${secret.slug}/chat`);
    await page.getByRole('heading', { name: 'Quiet Room For Caregivers', level: 1 }).waitFor();
    const refused = page.locator('.error-state');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('NOT_A_MEMBER');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await checkA11y(page, '403 private chat');

    // 404: a question that does not exist.
    await page.goto(`/questions/00000000-0000-4000-8000-000000000000`);
    await page.locator('.error-state').waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await checkA11y(page, '404 question');
    await page.context().close();
  });
});
