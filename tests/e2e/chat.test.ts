/**
 * Chat in the browser: two people in two browser contexts talk, react, reply with a mention, edit and
 * delete; links stay plain-text-safe; a message sent while offline survives closing the tab and goes
 * out once when the connection returns; the history is virtualized. Every state passes axe.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fullHistory, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

async function openChat(user: TestUser, slug: string, options: { mobile?: boolean } = {}): Promise<Page> {
  const page = await suite.signedInPage(user, options);
  await page.goto(`/groups/${slug}/chat`);
  await page.getByRole('heading', { name: 'Chat', level: 2 }).waitFor();
  await page.getByRole('region', { name: 'Conversation' }).waitFor();
  return page;
}

const messageArticle = (page: Page, text: string) => page.locator('article.msg').filter({ hasText: text });

describe('chat in the browser', () => {
  it('lets two members talk, react, reply with a mention, edit and delete — live on both sides', { timeout: 180_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Hart' });
    const bruno = await registerUser(suite.t, { displayName: 'Bruno Diaz' });
    const group = await createGroup(suite.t, alice, { name: 'Night Owls With Diabetes' });
    await joinGroup(suite.t, bruno, group);

    const a = await openChat(alice, group.slug);
    const b = await openChat(bruno, group.slug);
    await a.getByText('No messages yet. Say hello!').waitFor();
    await checkA11y(a, 'empty chat');

    // Presence: Alice sees Bruno online.
    await a.getByText('2 online').waitFor();

    // Alice says hello with Enter; Bruno sees it live and his screen reader hears it.
    await a.getByLabel('Message').fill('Hello Bruno, welcome to the circle! More at https://example.org/guide.');
    await a.getByLabel('Message').press('Enter');
    await messageArticle(a, 'Hello Bruno').getByText('✓ Sent').waitFor();
    await messageArticle(b, 'Hello Bruno').waitFor();
    await expect.poll(() => b.locator('[aria-live="polite"]').last().textContent()).toContain('Alice Hart: Hello Bruno');
    const link = messageArticle(b, 'Hello Bruno').getByRole('link', { name: 'https://example.org/guide' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await link.getAttribute('target')).toBe('_blank');
    await checkA11y(b, 'chat with a message');

    // Bruno reacts with the keyboard.
    await messageArticle(b, 'Hello Bruno').getByRole('button', { name: 'React' }).focus();
    await b.keyboard.press('Enter');
    await b.getByRole('button', { name: /React with 🤗/ }).waitFor();
    await checkA11y(b, 'reaction picker open');
    await b.getByRole('button', { name: /React with 🤗/ }).press('Enter');
    await messageArticle(a, 'Hello Bruno').getByRole('button', { name: /🤗 hug: 1/ }).waitFor();
    expect(await messageArticle(b, 'Hello Bruno').getByRole('button', { name: /🤗 hug: 1, including you/ }).getAttribute('aria-pressed')).toBe('true');

    // Bruno replies, mentioning Alice through the suggestions.
    await messageArticle(b, 'Hello Bruno').getByRole('button', { name: 'Reply' }).click();
    await b.getByText('Replying to').waitFor();
    const box = b.getByLabel('Message');
    await box.pressSequentially('Thanks @ali');
    await b.getByRole('option', { name: 'Alice Hart' }).waitFor();
    await checkA11y(b, 'mention suggestions');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Thanks @Alice Hart ');
    await box.pressSequentially('glad to be here');
    await box.press('Enter');
    const reply = messageArticle(a, 'glad to be here');
    await reply.waitFor();
    await reply.locator('.msg-quote').filter({ hasText: 'Hello Bruno' }).waitFor();
    expect(await reply.getAttribute('class')).toContain('mentions-me');
    await expect.poll(() => a.locator('[aria-live="polite"]').last().textContent()).toContain('Bruno Diaz: Thanks @Alice Hart glad to be here');

    // Typing shows on the other side.
    await b.getByLabel('Message').pressSequentially('I was also going to');
    await a.getByText('Bruno Diaz is typing…').waitFor();
    await b.getByLabel('Message').fill('');

    // Alice edits her message by keyboard; Bruno sees the edit.
    await messageArticle(a, 'Hello Bruno').getByRole('button', { name: 'Edit' }).focus();
    await a.keyboard.press('Enter');
    await a.getByText('Editing your message').waitFor();
    await a.getByLabel('Message').fill('Hello Bruno, welcome to our circle!');
    await a.getByRole('button', { name: 'Save' }).click();
    await messageArticle(b, 'welcome to our circle').getByText('(edited)').waitFor();

    // Bruno deletes his reply; it is gone for Alice too.
    await messageArticle(b, 'glad to be here').getByRole('button', { name: 'Delete' }).click();
    await b.getByRole('button', { name: 'Delete message' }).click();
    await a.getByText('This message was deleted.').waitFor();
    expect(await a.locator('article.msg').filter({ hasText: 'glad to be here' }).count()).toBe(0);
    expect(await a.getByText('glad to be here').count()).toBe(0);
    await checkA11y(a, 'chat after edits and a delete');

    // Plain text stays plain text.
    await a.getByLabel('Message').fill('<img src=x onerror=alert(1)> <b>bold</b> javascript:alert(1)');
    await a.getByLabel('Message').press('Enter');
    await messageArticle(b, '<b>bold</b>').waitFor();
    expect(await b.locator('article.msg img').count()).toBe(0);
    expect(await messageArticle(b, '<b>bold</b>').getByRole('link').count()).toBe(0);

    const stored = await fullHistory(suite.t, alice, group);
    expect(stored.map((m) => m.body)).toEqual([
      'Hello Bruno, welcome to our circle!',
      null,
      '<img src=x onerror=alert(1)> <b>bold</b> javascript:alert(1)',
    ]);
    await a.context().close();
    await b.context().close();
  });

  it('keeps what was typed: a draft survives a reload, a message sent offline survives closing the tab and goes out once', { timeout: 120_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Offline' });
    const bruno = await registerUser(suite.t, { displayName: 'Bruno Offline' });
    const group = await createGroup(suite.t, alice);
    await joinGroup(suite.t, bruno, group);
    const b = await openChat(bruno, group.slug);
    const context = b.context();

    await b.getByLabel('Message').fill('A half-written thought');
    await b.waitForTimeout(400); // the draft is saved a moment after typing stops
    await b.reload();
    await b.getByRole('heading', { name: 'Chat', level: 2 }).waitFor();
    await expect.poll(() => b.getByLabel('Message').inputValue()).toBe('A half-written thought');

    await context.setOffline(true);
    await b.getByText(/^Reconnecting…/).waitFor({ timeout: 30_000 });
    await checkA11y(b, 'chat while reconnecting');
    await b.getByLabel('Message').fill('Sent while the train was in the tunnel');
    await b.getByLabel('Message').press('Enter');
    await messageArticle(b, 'in the tunnel').getByText('Sending…').waitFor();
    await b.close();
    expect((await fullHistory(suite.t, alice, group)).map((m) => m.body)).toEqual([]);

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`/groups/${group.slug}/chat`);
    await messageArticle(again, 'in the tunnel').getByText('✓ Sent').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await fullHistory(suite.t, alice, group)).map((m) => m.body)).toEqual(['Sent while the train was in the tunnel']);
    await context.close();
  });

  it('shows a long history through a virtualized list, loading older pages while scrolling up', { timeout: 120_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Archive' });
    const group = await createGroup(suite.t, alice);
    await suite.t.app.deps.db.execute(sql`
      insert into messages (group_id, author_id, client_id, body, created_at)
      select ${group.id}::uuid, ${alice.user.id}::uuid, 'seed-' || i, 'Archived message number ' || i,
             now() - ((10000 - i) || ' minutes')::interval
      from generate_series(1, 10000) i`);
    await postMessage(suite.t, alice, group, 'The newest message');
    const page = await openChat(alice, group.slug);
    await messageArticle(page, 'The newest message').waitFor();
    await checkA11y(page, 'long history');
    expect(await page.locator('article.msg').count()).toBeLessThan(60);

    const region = page.getByRole('region', { name: 'Conversation' });
    await expect
      .poll(async () => {
        await region.evaluate((el) => el.scrollTo({ top: 0 }));
        const first = await page.locator('article.msg').first().textContent();
        return Number(/number (\d+)/.exec(first ?? '')?.[1] ?? 1e9);
      }, { timeout: 20_000 })
      .toBeLessThan(9800);
    // Keep scrolling up until all 10,001 messages are loaded: the page still renders only a screenful.
    await expect
      .poll(
        async () => {
          await region.evaluate((el) => el.scrollTo({ top: 0 }));
          // The "earlier messages" line shows while there is more to load.
          return page.locator('.chat-older').count();
        },
        { timeout: 90_000, interval: 50 },
      )
      .toBe(0);
    await expect
      .poll(async () => {
        await region.evaluate((el) => el.scrollTo({ top: 0 }));
        return page.getByText('Archived message number 1', { exact: true }).count();
      })
      .toBe(1);
    expect(await page.locator('article.msg').count()).toBeLessThan(60);
    await region.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await messageArticle(page, 'The newest message').waitFor();
    expect(await page.locator('article.msg').count()).toBeLessThan(60);
    await page.context().close();
  });

  it('works at phone width, keyboard only', { timeout: 120_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Phone' });
    const group = await createGroup(suite.t, alice);
    await postMessage(suite.t, alice, group, 'Checking in from the waiting room');
    const page = await openChat(alice, group.slug, { mobile: true });
    await messageArticle(page, 'waiting room').waitFor();
    await checkA11y(page, 'chat at 375px');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.getByLabel('Message').focus();
    await page.keyboard.type('Typed with the keyboard only');
    await page.keyboard.press('Enter');
    await messageArticle(page, 'keyboard only').getByText('✓ Sent').waitFor();
    await page.context().close();
  });

  it('marks where unread messages start and moves the read marker as they are seen', { timeout: 120_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Early' });
    const bruno = await registerUser(suite.t, { displayName: 'Bruno Late' });
    const group = await createGroup(suite.t, alice);
    await joinGroup(suite.t, bruno, group);
    await postMessage(suite.t, alice, group, 'Seen long ago');
    const seen = await fullHistory(suite.t, bruno, group);
    await suite.t.http().post(`/api/groups/${group.slug}/read`).set(bruno.auth).send({ messageId: seen.at(-1)!.id }).expect(204);
    for (const text of ['First new one', 'Second new one', 'Third new one']) await postMessage(suite.t, alice, group, text);
    const unread = async () =>
      ((await suite.t.http().get('/api/me/groups').set(bruno.auth)).body.items as Array<{ id: string; unreadCount: number }>).find((g) => g.id === group.id)!
        .unreadCount;
    expect(await unread()).toBe(3);

    const b = await openChat(bruno, group.slug);
    await b.getByText('New messages').waitFor();
    const order = await b.locator('.chat-unread-divider, article.msg .msg-body').allTextContents();
    expect(order.slice(order.indexOf('New messages'))).toEqual(['New messages', 'First new one', 'Second new one', 'Third new one']);
    await checkA11y(b, 'chat with an unread divider');
    await expect.poll(unread, { timeout: 10_000 }).toBe(0);
    await b.context().close();
  });

  it('says nothing about reconnecting while a reloaded room waits for its first connection', { timeout: 120_000 }, async () => {
    const alice = await registerUser(suite.t, { displayName: 'Alice Patient' });
    const group = await createGroup(suite.t, alice);
    await postMessage(suite.t, alice, group, 'Already here before the socket');
    const page = await suite.signedInPage(alice);
    // The socket's connection reaches the server only after 1.5 s: the room opens from its REST page first.
    await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
      await page.waitForTimeout(1_500);
      ws.connectToServer();
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
      new MutationObserver(() => {
        for (const el of Array.from(document.querySelectorAll('.chat [role="status"]'))) if (el.textContent && !seen.includes(el.textContent)) seen.push(el.textContent);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(`/groups/${group.slug}/chat`);
    await messageArticle(page, 'Already here before the socket').waitFor();
    // Connected at last (presence comes over the socket).
    await page.getByText('1 online').waitFor({ timeout: 15_000 });
    const seen = await page.evaluate(() => (window as unknown as { statusesSeen: string[] }).statusesSeen);
    expect(seen.filter((text) => text.startsWith('Reconnecting'))).toEqual([]);

    // A connection that drops is still said out loud.
    await page.context().setOffline(true);
    await page.getByText(/^Reconnecting…/).waitFor({ timeout: 30_000 });
    await page.context().close();
  });
});
