/**
 * Keyboard only: "Skip to message box" reaches the composer; the message list is one tab stop moved
 * through with arrow keys; reply, react and delete are reached from a message; a deletion's
 * confirmation focuses "Cancel" so Enter twice deletes nothing; Escape closes and returns focus;
 * a navigation moves focus to the new page's heading.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().slice(0, 200), label: el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '' : '' };
  });

async function tabUntil(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max: number, key = 'Tab'): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (match(await focused(page))) return i;
  }
  throw new Error(`not reached in ${max} presses of ${key}; focus on ${JSON.stringify(await focused(page))}`);
}

describe('keyboard only', () => {
  it('reaches the composer, sends, replies, reacts and cancels a deletion with Enter twice', { timeout: 150_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Keys' });
    const bruno = await registerUser(suite.t, { displayName: 'Bruno Keys' });
    const group = await createGroup(suite.t, alice, { name: 'Keyboard Circle' });
    await joinGroup(suite.t, bruno, group);
    for (let i = 1; i <= 30; i++) await postMessage(suite.t, alice, group, `Alice says number ${i}`);

    const page = await suite.signedInPage(bruno, { viewport: { width: 1280, height: 800 } });
    await page.goto(`/groups/${group.slug}/chat`);
    await page.getByText('Alice says number 30').waitFor();

    // From the top of the page: "Skip to content", then "Skip to message box".
    const presses = await tabUntil(page, (f) => f.text === 'Skip to message box', 3);
    expect(presses).toBe(2);
    await page.keyboard.press('Enter');
    expect((await focused(page)).label).toBe('Message');

    // Send with the keyboard.
    await page.keyboard.type('Hello from the keyboard');
    await page.keyboard.press('Enter');
    await page.locator('article.msg').filter({ hasText: 'Hello from the keyboard' }).getByText('✓ Sent').waitFor();

    // The list is one tab stop: Shift+Tab from the box lands in it within a few presses (not 40).
    const back = await tabUntil(page, (f) => f.tag === 'ARTICLE', 8, 'Shift+Tab');
    expect(back).toBeLessThanOrEqual(7);
    expect((await focused(page)).text).toContain('Hello from the keyboard');
    // Arrow keys move between messages.
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent ?? ''))).toContain('Alice says number 30');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent ?? ''))).toContain('Alice says number 29');
    // Only one message is in the tab order.
    expect(await page.locator('article.msg[tabindex="0"]').count()).toBe(1);
    await checkA11y(page, 'chat, a message focused');

    // Reply to number 29: Tab reaches its actions.
    await tabUntil(page, (f) => f.text === 'Reply', 1);
    await page.keyboard.press('Enter');
    expect((await focused(page)).label).toBe('Message');
    await page.keyboard.type('A keyboard reply');
    await page.keyboard.press('Enter');
    const reply = page.locator('article.msg').filter({ hasText: 'A keyboard reply' });
    await reply.getByText('Alice Keys').waitFor();
    await reply.getByText('✓ Sent').waitFor();

    // React to Alice's number 30 and close the picker with Escape: focus returns to "React".
    await tabUntil(page, (f) => f.tag === 'ARTICLE', 8, 'Shift+Tab');
    await page.keyboard.press('End');
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent ?? ''))).toContain('A keyboard reply');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent ?? ''))).toContain('Alice says number 30');
    await tabUntil(page, (f) => f.text === 'React', 2);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /React with 🤗/ }).waitFor();
    expect((await focused(page)).text).toMatch(/React with/);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focused(page)).text).toBe('React');

    // Delete my reply… then Enter twice: the confirmation focused "Cancel", nothing is deleted.
    await tabUntil(page, (f) => f.tag === 'ARTICLE', 4, 'Shift+Tab');
    await page.keyboard.press('End');
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent ?? ''))).toContain('A keyboard reply');
    await tabUntil(page, (f) => f.text === 'Delete', 4);
    await page.keyboard.press('Enter');
    await reply.getByRole('group', { name: 'Confirm deletion' }).waitFor();
    expect((await focused(page)).text).toBe('Cancel');
    await checkA11y(page, 'deletion confirmation');
    await page.keyboard.press('Enter');
    await expect.poll(() => reply.getByRole('group', { name: 'Confirm deletion' }).count()).toBe(0);
    expect((await focused(page)).text).toBe('Delete');
    expect(await reply.getByText('A keyboard reply').count()).toBe(1);
    // Escape closes the confirmation too, and returns to "Delete".
    await page.keyboard.press('Enter');
    await reply.getByRole('group', { name: 'Confirm deletion' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => reply.getByRole('group', { name: 'Confirm deletion' }).count()).toBe(0);
    expect((await focused(page)).text).toBe('Delete');
    expect((await suite.t.http().get(`/api/groups/${group.slug}/messages`).set(bruno.auth)).body.items.some((m: { body: string | null }) => m.body === 'A keyboard reply')).toBe(true);

    // A navigation puts focus on the new page's heading.
    await page.getByRole('link', { name: 'Find groups' }).click();
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');
    await page.getByRole('link', { name: 'My groups' }).click();
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Welcome, Bruno Keys/);
  });
});
