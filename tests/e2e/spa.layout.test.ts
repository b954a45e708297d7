/**
 * The message box in view: at 1280×800 and on a phone (390×844) the composer of a group's chat is on
 * screen without scrolling, stays there while the history scrolls (and if the page is scrolled), and
 * when the visible viewport shrinks as a phone's keyboard opens.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

/** The message box lies wholly inside the viewport. */
async function expectComposerInView(page: Page, label: string) {
  const box = await page.getByLabel('Message', { exact: true }).boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, label).not.toBeNull();
  expect(box!.y, `${label}: top of the message box`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${label}: bottom of the message box (viewport ${viewport.height})`).toBeLessThanOrEqual(viewport.height);
}

describe('the composer in view', () => {
  it('is visible without scrolling at 1280×800 and 390×844, while history scrolls, and above a phone keyboard', { timeout: 120_000 }, async () => {
    const owner = await registerUser(suite.t, { displayName: 'Olive Stone' });
    const member = await registerUser(suite.t, { displayName: 'Mina Park' });
    const group = await createGroup(suite.t, owner, { name: 'Long History Circle' });
    await joinGroup(suite.t, member, group);
    for (let i = 1; i <= 40; i++) await postMessage(suite.t, i % 2 ? owner : member, group, `Message number ${i} of a long conversation`);

    for (const [label, viewport, mobile] of [
      ['desktop 1280×800', { width: 1280, height: 800 }, false],
      ['phone 390×844', { width: 390, height: 844 }, true],
    ] as const) {
      const page = await suite.signedInPage(member, { viewport, mobile });
      await page.goto(`/groups/${group.slug}/chat`);
      await page.getByText('Message number 40 of a long conversation').waitFor();
      expect(await page.evaluate(() => window.scrollY), label).toBe(0);
      await expectComposerInView(page, `${label}, as opened`);
      // The newest message is on screen too, above the box.
      const newest = await page.getByText('Message number 40 of a long conversation').boundingBox();
      expect(newest!.y + newest!.height, `${label}: newest message`).toBeLessThanOrEqual((await page.getByLabel('Message', { exact: true }).boundingBox())!.y);

      // Reading back through the history leaves the box where it is.
      const history = page.getByRole('region', { name: 'Conversation' });
      await history.evaluate((el) => el.scrollTo(0, 0));
      await expect.poll(() => history.evaluate((el) => el.scrollTop)).toBeLessThan(50);
      await expectComposerInView(page, `${label}, history scrolled up`);

      // Scrolling the page itself (towards the group's header) keeps the box docked at the bottom.
      await page.evaluate(() => window.scrollTo(0, 120));
      await expectComposerInView(page, `${label}, page scrolled`);
      await page.evaluate(() => window.scrollTo(0, 0));

      if (mobile) {
        // A phone keyboard takes ~40% of the screen: the visible viewport shrinks, the list gives way.
        await page.getByLabel('Message', { exact: true }).focus();
        await page.setViewportSize({ width: 390, height: 520 });
        await expect.poll(async () => {
          const box = await page.getByLabel('Message', { exact: true }).boundingBox();
          return box ? box.y + box.height : Infinity;
        }).toBeLessThanOrEqual(520);
        await expectComposerInView(page, `${label}, keyboard open`);
      }
      await checkA11y(page, `chat ${label}`);
      await page.context().close();
    }
  });
});
