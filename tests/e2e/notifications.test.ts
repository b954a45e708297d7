/**
 * Notifications in the browser, on a phone (390×844): another member mentions and replies to someone →
 * their bell's count rises live, without a reload → the list → the item opens on the message in the
 * chat → the count drops; "Mark all as read"; a group set to "Nothing" brings no notification. Every
 * page passes axe.
 */
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();
const PHONE = { viewport: { width: 390, height: 844 } };

const bell = (page: Page, name: string) => page.getByRole('link', { name, exact: true });
const unreadRows = async (userId: string) =>
  (
    (await suite.t.app.deps.db.execute(sql`select count(*)::int as n from notifications where user_id = ${userId}::uuid and read_at is null`)) as unknown as {
      rows: Array<{ n: number }>;
    }
  ).rows[0]!.n;

describe('notifications in the browser', () => {
  it('a mention and a reply ring the bell live; the list opens each on its message; settings silence a group', { timeout: 240_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Moreau' });
    const bruno = await registerUser(suite.t, { displayName: 'Bruno Tremblay' });
    const group = await createGroup(suite.t, bruno, { name: 'Asthma Parents Montreal' });
    await joinGroup(suite.t, alice, group);
    const mine = await postMessage(suite.t, alice, group, 'Does anyone use a spacer with a mask for a toddler?');

    const page = await suite.signedInPage(alice, PHONE);
    await bell(page, 'Notifications').waitFor();
    await checkA11y(page, 'home with the bell');

    // Bruno mentions Alice, then replies to her message: the bell counts both, live.
    const mention = await postMessage(suite.t, bruno, group, 'Good morning @Alice Moreau, the clinic has spacers this week');
    await bell(page, 'Notifications, 1 unread').waitFor();
    expect(await page.locator('.bell-count').textContent()).toBe('1');
    await postMessage(suite.t, bruno, group, 'We use one every night, it works well', { replyToId: mine.id });
    await bell(page, 'Notifications, 2 unread').waitFor();

    // The list, by keyboard: the bell is a link in the header, even on a phone.
    await bell(page, 'Notifications, 2 unread').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('2 unread').waitFor();
    const mentionItem = page.getByRole('link', { name: /Bruno Tremblay mentioned you in Asthma Parents Montreal/ });
    const replyItem = page.getByRole('link', { name: /Bruno Tremblay replied to your message in Asthma Parents Montreal/ });
    await mentionItem.waitFor();
    await replyItem.waitFor();
    await page.getByText('the clinic has spacers this week').waitFor();
    await checkA11y(page, 'notifications list');

    // Opening the mention lands on that message in the chat, focused; it is read now.
    await mentionItem.click();
    await page.waitForURL(new RegExp(`/groups/${group.slug}/chat\\?message=${mention.id}$`));
    const target = page.locator('article.msg').filter({ hasText: 'the clinic has spacers this week' });
    await target.waitFor();
    await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
    await bell(page, 'Notifications, 1 unread').waitFor();
    expect(await unreadRows(alice.user.id)).toBe(1);
    await checkA11y(page, 'chat opened from a notification');

    // Back to the list: the mention is read, the reply is not; "Mark all as read" clears the rest.
    await bell(page, 'Notifications, 1 unread').click();
    await page.getByText('1 unread').waitFor();
    expect(await mentionItem.locator('.notification-unread').count()).toBe(0);
    expect(await replyItem.locator('.notification-unread').count()).toBe(1);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('All notifications marked as read.').waitFor();
    await bell(page, 'Notifications').waitFor();
    expect(await unreadRows(alice.user.id)).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark all as read' }).isDisabled()).toBe(true);

    // Settings: this group to "Nothing", email to a daily digest.
    await page.getByRole('link', { name: 'Notification settings' }).first().click();
    await page.getByRole('heading', { name: 'Notification settings', level: 1 }).waitFor();
    const level = page.getByLabel('Asthma Parents Montreal');
    expect(await level.inputValue()).toBe('all');
    expect(await page.getByLabel('Mentions, replies and notices about me, right away').isChecked()).toBe(true);
    await checkA11y(page, 'notification settings');
    await level.selectOption('none');
    await page.getByLabel('One daily digest').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const saved = await suite.t.http().get('/api/me/notification-settings').set(alice.auth).expect(200);
    expect(saved.body).toEqual({ email: 'daily', groups: { [group.slug]: 'none' } });

    // Silenced: another mention brings nothing, to the bell or the database.
    await postMessage(suite.t, bruno, group, 'And @Alice Moreau, bring the blue inhaler');
    const other = await registerUser(suite.t, { displayName: 'Other Person' });
    const elsewhere = await createGroup(suite.t, other, { name: 'Another Asthma Group' });
    await joinGroup(suite.t, alice, elsewhere);
    // A mention in a group still at "Everything" arrives: by then the silenced one would have too.
    await postMessage(suite.t, other, elsewhere, 'Welcome @Alice Moreau');
    await bell(page, 'Notifications, 1 unread').waitFor();
    const list = await suite.t.http().get('/api/notifications').set(alice.auth).expect(200);
    expect(list.body.items.filter((n: { readAt: string | null }) => n.readAt === null).map((n: { data: { groupSlug: string } }) => n.data.groupSlug)).toEqual([elsewhere.slug]);

    // The page settles after a reload too, and the screen fits the phone (no sideways scroll).
    await page.reload();
    await bell(page, 'Notifications, 1 unread').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
