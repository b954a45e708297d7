/**
 * Moderation in the browser: a member reports a message from its menu (a second report says so); the
 * moderator, with the queue open, sees it arrive live in its conversation and resolves it by muting the
 * author, who sees — live, and again after a reload — that they are muted, until when and why, instead
 * of the message box, and appeals once. The audit log and the mutes list show the decision; lifting the
 * mute gives the author the message box back live. A moderator mutes from a message's menu too; the
 * personal-data warning highlights what it found and "Post anyway" sends. A banned member sees why at
 * once and may appeal from outside; a suspended account sees the suspended screen, live and after a
 * reload; an answer is reported from the question page and shown in the queue with its question. The
 * queue, the audit log and every dialog and state pass axe; the member's side runs at 390×844.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fullHistory, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, type TestUser } from '../helpers/factories.js';
import { browserSuite, checkA11y, type ContextOptions } from './helpers.js';

const suite = browserSuite();
const PHONE = { viewport: { width: 390, height: 844 }, mobile: true } satisfies ContextOptions;

async function openChat(user: TestUser, slug: string, options: ContextOptions = {}): Promise<Page> {
  const page = await suite.signedInPage(user, options);
  await page.goto(`/groups/${slug}/chat`);
  await page.getByRole('heading', { name: 'Chat', level: 2 }).waitFor();
  await page.getByRole('region', { name: 'Conversation' }).waitFor();
  return page;
}

const messageArticle = (page: Page, text: string) => page.locator('article.msg').filter({ hasText: text });

/** How the SPA words a date and time for this browser ("Mar 3, 2026, 2:05 PM"). */
const shownTime = (page: Page, iso: string) =>
  page.evaluate((at) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)), iso);

async function reportFromMenu(page: Page, text: string) {
  await messageArticle(page, text).getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Report' }).click();
}

describe('moderation in the browser', () => {
  it('a report reaches the queue live; muting its author from there shows them until when and why; appeal, audit log, lift', { timeout: 240_000 }, async () => {
    const mona = await registerUser(suite.t, { displayName: 'Mona Moderator' });
    const ana = await registerUser(suite.t, { displayName: 'Ana Author' });
    const rae = await registerUser(suite.t, { displayName: 'Rae Reporter' });
    const group = await createGroup(suite.t, mona, { name: 'Thyroid Friends Circle' });
    await joinGroup(suite.t, ana, group);
    await joinGroup(suite.t, rae, group);
    await postMessage(suite.t, rae, group, 'Morning all, how did everyone sleep?');
    await postMessage(suite.t, ana, group, 'Buy my miracle supplements, cheaper than your meds');
    await postMessage(suite.t, rae, group, 'Please do not sell things here.');

    // The moderator keeps the queue open.
    const m = await suite.signedInPage(mona);
    await m.goto(`/groups/${group.slug}/reports`);
    await m.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
    await m.getByText('No open reports. All clear.').waitFor();
    await checkA11y(m, 'empty queue');

    // The author has the chat open on a phone.
    const a = await openChat(ana, group.slug, PHONE);
    await messageArticle(a, 'miracle supplements').waitFor();
    expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A member reports the message from its menu, by keyboard.
    const r = await openChat(rae, group.slug);
    await messageArticle(r, 'miracle supplements').getByRole('button', { name: 'More' }).focus();
    await r.keyboard.press('Enter');
    await r.getByRole('menu', { name: 'More actions for the message by Ana Author' }).waitFor();
    await checkA11y(r, 'message menu open');
    await expect.poll(() => r.evaluate(() => document.activeElement?.textContent)).toBe('Report');
    await r.keyboard.press('Enter');
    const dialog = r.getByRole('dialog', { name: 'Report a message by Ana Author' });
    await dialog.waitFor();
    // A reason is required.
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Choose a reason.').waitFor();
    await dialog.getByRole('radio', { name: /Spam or advertising/ }).check();
    await dialog.getByLabel('Anything the moderators should know? (optional)').fill('Selling supplements again');
    await checkA11y(r, 'report dialog');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Thank you. The group’s moderators will look at it.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Reporting it again answers 409: shown as such.
    await reportFromMenu(r, 'miracle supplements');
    await dialog.getByRole('radio', { name: /Harassment or hate/ }).check();
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('You already reported this').waitFor();
    await r.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The report arrives in the open queue live, with the message between its neighbours.
    const card = m.getByRole('article', { name: /Message by Ana Author/ });
    await card.waitFor();
    await m.getByRole('status').filter({ hasText: 'New report: Spam, Message by Ana Author' }).waitFor();
    await m.getByRole('link', { name: /^Reports\W+1 open$/ }).waitFor();
    await card.getByText('Reported by Rae Reporter').waitFor();
    await card.getByText('Selling supplements again').waitFor();
    const context = card.getByRole('list', { name: 'The message in its conversation' });
    expect(await context.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('how did everyone sleep'),
      expect.stringContaining('miracle supplements'),
      expect.stringContaining('Please do not sell things here.'),
    ]);
    await checkA11y(m, 'queue with a report');

    // One click: mute the author for 8 hours, with a note.
    await card.getByLabel('Note (optional; the person acted on is told)').fill('No selling in this group');
    await card.getByLabel('Mute for').selectOption({ label: '8 hours' });
    await card.getByRole('button', { name: 'Mute author' }).click();
    await m.getByRole('status').filter({ hasText: 'Ana Author is muted for 8 hours. The report is resolved.' }).waitFor();
    await m.getByText('No open reports. All clear.').waitFor();
    await m.getByRole('link', { name: 'Reports', exact: true }).waitFor();
    const mutes = await suite.t.http().get(`/api/groups/${group.slug}/mutes`).set(mona.auth).expect(200);
    expect(mutes.body.items).toHaveLength(1);
    const until = mutes.body.items[0].until as string;
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(7.9 * 3_600_000);

    // The author sees it live: until when and why, instead of the message box.
    const mutedLine = `You are muted until ${await shownTime(a, until)} — No selling in this group`;
    await a.getByRole('heading', { name: mutedLine }).waitFor();
    expect(await a.getByLabel('Message', { exact: true }).count()).toBe(0);
    await checkA11y(a, 'muted member at 390px');
    // …and again after a reload (from the group's own membership).
    await a.reload();
    await a.getByRole('heading', { name: mutedLine }).waitFor();
    expect(await a.getByLabel('Message', { exact: true }).count()).toBe(0);

    // One appeal, which reaches the queue live.
    await a.getByRole('button', { name: 'Appeal' }).click();
    await a.getByLabel('Why should the moderators look at this again? (optional)').fill('I will stop, sorry');
    await a.getByRole('button', { name: 'Send appeal' }).click();
    await a.getByText('Your appeal was sent to the group’s moderators.').waitFor();
    const appeal = m.getByRole('article', { name: /Appeal from Ana Author/ });
    await appeal.waitFor();
    await appeal.getByText('I will stop, sorry').waitFor();
    await appeal.getByText(/Appeals: Muted by Mona Moderator/).waitFor();
    await checkA11y(m, 'queue with an appeal');
    const again = await suite.t
      .http()
      .post('/api/reports')
      .set(ana.auth)
      .send({ targetType: 'user', targetId: ana.user.id, reason: 'appeal', groupSlug: group.slug });
    expect(again.status).toBe(409);

    // The audit log records the mute: who, about whom, why, until when.
    await m.getByRole('link', { name: 'Audit log' }).click();
    await m.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
    const entry = m.getByRole('article', { name: /^Muted, / });
    await entry.getByText('about Ana Author').waitFor();
    await entry.getByText('No selling in this group').waitFor();
    await entry.getByText(await shownTime(m, until)).waitFor();
    await checkA11y(m, 'audit log');
    await m.getByLabel('Action').selectOption({ label: 'Ban lifted' });
    await m.getByText('Nothing recorded yet.').waitFor();

    // The mutes list lifts it; the author gets the message box back live.
    await m.getByRole('link', { name: 'Manage' }).click();
    await m.getByRole('button', { name: 'Lift mute for Ana Author' }).click();
    await m.getByText('Ana Author can post again.').waitFor();
    await a.getByLabel('Message', { exact: true }).waitFor();
    await a.getByLabel('Message', { exact: true }).fill('Understood, thank you');
    await a.getByLabel('Message', { exact: true }).press('Enter');
    await messageArticle(a, 'Understood, thank you').getByText('✓ Sent').waitFor();
    await Promise.all([a.context().close(), r.context().close(), m.context().close()]);
  });

  it('a moderator mutes from a message’s menu; the personal-data warning highlights and “Post anyway” sends', { timeout: 180_000 }, async () => {
    const mona = await registerUser(suite.t, { displayName: 'Mona Menu' });
    const ana = await registerUser(suite.t, { displayName: 'Ana Menu' });
    const group = await createGroup(suite.t, mona);
    await joinGroup(suite.t, ana, group);

    const a = await openChat(ana, group.slug, PHONE);
    // The warning: the phone number is marked; "Edit" keeps the text; "Post anyway" sends it once.
    const box = a.getByLabel('Message', { exact: true });
    await box.fill('Call me at 613-555-0142 after my appointment');
    await box.press('Enter');
    const prompt = a.getByRole('alertdialog', { name: 'This may share personal information' });
    await prompt.waitFor();
    expect(await prompt.locator('mark').allTextContents()).toEqual(['613-555-0142']);
    await prompt.getByText(/It looks like it contains a phone number/).waitFor();
    await checkA11y(a, 'personal-data warning');
    await prompt.getByRole('button', { name: 'Edit' }).click();
    await prompt.waitFor({ state: 'detached' });
    expect(await box.inputValue()).toBe('Call me at 613-555-0142 after my appointment');
    await box.press('Enter');
    await prompt.getByRole('button', { name: 'Post anyway' }).click();
    await messageArticle(a, 'after my appointment').getByText('✓ Sent').waitFor();
    expect(await box.inputValue()).toBe('');
    expect((await fullHistory(suite.t, mona, group)).map((m) => m.body)).toEqual(['Call me at 613-555-0142 after my appointment']);

    // Asking a question: each field's findings are marked under its own label; "Post anyway" asks it.
    await a.goto(`/groups/${group.slug}/questions/ask`);
    await a.getByLabel('Your question').fill('Who else sees Dr. Lee at the clinic on Monday?');
    await a.getByLabel('Details').fill('Write to me at ana.menu@example.com if you do.');
    await a.getByRole('button', { name: 'Ask a question' }).click();
    const askPrompt = a.getByRole('alertdialog', { name: 'This may share personal information' });
    await askPrompt.waitFor();
    expect(await askPrompt.locator('mark').allTextContents()).toEqual(['ana.menu@example.com']);
    await askPrompt.getByText('It looks like it contains an email address.', { exact: false }).waitFor();
    await askPrompt.getByRole('button', { name: 'Post anyway' }).click();
    await a.getByRole('heading', { name: 'Who else sees Dr. Lee at the clinic on Monday?', level: 1 }).waitFor();

    // The moderator mutes Ana from the message's menu, with a reason and a length.
    const m = await openChat(mona, group.slug);
    await messageArticle(m, 'after my appointment').getByRole('button', { name: 'More' }).click();
    await m.getByRole('menuitem', { name: 'Mute Ana Menu' }).click();
    const dialog = m.getByRole('dialog', { name: 'Mute Ana Menu' });
    await dialog.getByRole('button', { name: 'Mute' }).click();
    await dialog.getByText('Give a reason.').waitFor();
    await dialog.getByLabel('Reason').fill('Please keep phone numbers private');
    await dialog.getByLabel('For how long').selectOption({ label: '15 minutes' });
    await checkA11y(m, 'mute dialog');
    await dialog.getByRole('button', { name: 'Mute' }).click();
    await m.getByRole('status').filter({ hasText: /^Ana Menu is muted until / }).waitFor();
    await a.getByRole('heading', { name: /^You are muted until .* — Please keep phone numbers private$/ }).waitFor();
    expect(await box.count()).toBe(0);
    await Promise.all([a.context().close(), m.context().close()]);
  });

  it('a banned member sees why at once and appeals; a suspended account sees the suspended screen; an answer is reported', { timeout: 180_000 }, async () => {
    const mona = await registerUser(suite.t, { displayName: 'Mona Bans' });
    const bo = await registerUser(suite.t, { displayName: 'Bo Banned' });
    const admin = await makeAdmin(suite.t, await registerUser(suite.t, { displayName: 'Site Admin' }));
    const group = await createGroup(suite.t, mona);
    await joinGroup(suite.t, bo, group);
    const question = await suite.t
      .http()
      .post(`/api/groups/${group.slug}/questions`)
      .set(mona.auth)
      .send({ title: 'How do you manage morning fatigue?', body: 'Looking for what helped you.' })
      .expect(201);
    await suite.t.http().post(`/api/questions/${question.body.id}/answers`).set(bo.auth).send({ body: 'Skip your medication, it is poison' }).expect(201);

    // The moderator reports nothing herself, but a member's report of an answer shows its question.
    const reporter = await registerUser(suite.t, { displayName: 'Rita Reports' });
    await joinGroup(suite.t, reporter, group);
    const r = await suite.signedInPage(reporter, PHONE);
    await r.goto(`/questions/${question.body.id}`);
    await r.getByRole('button', { name: 'Report the answer by Bo Banned' }).click();
    const dialog = r.getByRole('dialog', { name: 'Report an answer by Bo Banned' });
    await dialog.getByRole('radio', { name: /Harmful health misinformation/ }).check();
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Thank you. The group’s moderators will look at it.').waitFor();
    await r.context().close();
    const m = await suite.signedInPage(mona);
    await m.goto(`/groups/${group.slug}/reports`);
    const card = m.getByRole('article', { name: /Answer by Bo Banned/ });
    await card.getByText('Skip your medication, it is poison').waitFor();
    await card.getByRole('link', { name: 'Open the question' }).waitFor();

    // A crisis report filed later arrives live above it: crisis first.
    const worrying = await postMessage(suite.t, bo, group, 'I do not see the point of going on anymore');
    await suite.t.http().post('/api/reports').set(reporter.auth).send({ targetType: 'message', targetId: worrying.id, reason: 'crisis' }).expect(201);
    await m.getByRole('article', { name: /Crisis Message by Bo Banned/ }).waitFor();
    await expect.poll(() => m.locator('.report-card h3').allTextContents()).toEqual([expect.stringMatching(/^Crisis/), expect.stringMatching(/Answer by Bo Banned/)]);

    // From another tab, the moderator sees how many reports wait, counted live.
    await m.getByRole('link', { name: 'Members' }).click();
    await m.getByRole('link', { name: /^Reports\W+2 open$/ }).waitFor();
    await suite.t.http().post('/api/reports').set(reporter.auth).send({ targetType: 'question', targetId: question.body.id, reason: 'other', note: 'Duplicate' }).expect(201);
    await m.getByRole('link', { name: /^Reports\W+3 open$/ }).waitFor();
    await m.getByRole('link', { name: /^Reports/ }).click();

    // Banned while looking at the group: told why at once.
    const b = await openChat(bo, group.slug, PHONE);
    await card.getByLabel('Ban for').selectOption({ label: '7 days' });
    await card.getByRole('button', { name: 'Ban author' }).click();
    await m.getByRole('status').filter({ hasText: 'Bo Banned is banned (7 days). The report is resolved.' }).waitFor();
    const notice = b.getByRole('alert').filter({ hasText: 'You were banned from this group' });
    await notice.getByText('A moderator banned you.', { exact: false }).waitFor();
    await checkA11y(b, 'banned member');
    await notice.getByRole('button', { name: 'Appeal' }).click();
    await b.getByRole('button', { name: 'Send appeal' }).click();
    await b.getByText('Your appeal was sent to the group’s moderators.').waitFor();
    await m.getByRole('article', { name: /Appeal from Bo Banned/ }).waitFor();

    // Suspended by an admin: the whole app gives way to the suspended screen, live and after a reload.
    await b.goto('/groups');
    await b.getByRole('heading', { name: 'Find groups', level: 1 }).waitFor();
    await suite.t.http().post(`/api/admin/users/${bo.user.id}/suspend`).set(admin.auth).send({ reason: 'Spam in several groups' }).expect(200);
    await b.getByRole('heading', { name: 'Your account is suspended', level: 1 }).waitFor({ timeout: 20_000 });
    await checkA11y(b, 'suspended screen');
    await b.reload();
    await b.getByRole('heading', { name: 'Your account is suspended', level: 1 }).waitFor();
    await b.getByRole('button', { name: 'Check again' }).click();
    await b.getByText('Your account is still suspended.').waitFor();
    // Lifted: "Check again" lets them back in.
    await suite.t.http().delete(`/api/admin/users/${bo.user.id}/suspend`).set(admin.auth).expect(204);
    await b.getByRole('button', { name: 'Check again' }).click();
    await b.getByRole('heading', { name: 'Find groups', level: 1 }).waitFor();
    await Promise.all([b.context().close(), m.context().close()]);
  });

  it("a moderator opening a group's chat is told how many reports wait, on the Reports tab", { timeout: 60_000 }, async () => {
    const mona = await registerUser(suite.t, { displayName: 'Mona Moderator' });
    const rae = await registerUser(suite.t, { displayName: 'Rae Reporter' });
    const group = await createGroup(suite.t, mona, { name: 'Waiting Reports Circle' });
    await joinGroup(suite.t, rae, group);
    for (const text of ['First thing to report', 'Second thing to report']) {
      const message = await postMessage(suite.t, mona, group, text);
      await suite.t.http().post('/api/reports').set(rae.auth).send({ targetType: 'message', targetId: message.id, reason: 'spam' }).expect(201);
    }
    // The count comes a moment after the page's first screen (client/src/pages/groups/GroupPage.tsx).
    const m = await openChat(mona, group.slug);
    await m.getByRole('link', { name: /^Reports\W+2 open$/ }).waitFor();
    // Not for a member: no Reports tab at all.
    const r = await openChat(rae, group.slug);
    await r.getByRole('link', { name: 'Chat' }).waitFor();
    expect(await r.getByRole('link', { name: /^Reports/ }).count()).toBe(0);
  });

  it('a post that reads as a crisis shows its author where to turn (tel: links) and reaches the moderators first, flagged automatically', { timeout: 120_000 }, async () => {
    const mona = await registerUser(suite.t, { displayName: 'Mona Crisis' });
    const cal = await registerUser(suite.t, { displayName: 'Cal Struggling' });
    const group = await createGroup(suite.t, mona);
    await joinGroup(suite.t, cal, group);
    const m = await suite.signedInPage(mona);
    await m.goto(`/groups/${group.slug}/reports`);
    await m.getByText('No open reports. All clear.').waitFor();

    // In the chat: the message is posted, and its author sees the resources at once.
    const c = await openChat(cal, group.slug, PHONE);
    await c.getByLabel('Message', { exact: true }).fill('I want to end my life tonight, I cannot do this anymore');
    await c.getByLabel('Message', { exact: true }).press('Enter');
    await messageArticle(c, 'end my life').getByText('✓ Sent').waitFor();
    const panel = c.getByRole('alert').filter({ has: c.getByRole('heading', { name: 'You matter, and help is here right now' }) });
    await panel.waitFor();
    const calls = await panel.getByRole('link', { name: /^Call / }).evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((href) => /^tel:\+?\d+$/.test(href ?? ''))).toBe(true);
    expect(calls).toContain('tel:988');
    await checkA11y(c, 'crisis panel in the chat at 390px');
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });

    // The moderators' queue gets it live, first, from the system.
    const card = m.getByRole('article', { name: /^Crisis Message by Cal Struggling/ });
    await card.getByText('Flagged automatically').waitFor();
    await card.getByText('I want to end my life tonight').waitFor();

    // An answer that reads as a crisis shows the same panel on the question page.
    const question = await suite.t
      .http()
      .post(`/api/groups/${group.slug}/questions`)
      .set(mona.auth)
      .send({ title: 'What gets you through the hard weeks?', body: 'Share what helps.' })
      .expect(201);
    await c.goto(`/questions/${question.body.id}`);
    await c.getByLabel('Answer', { exact: true }).fill('Honestly nothing, I keep thinking about killing myself');
    await c.getByRole('button', { name: 'Post answer' }).click();
    await c.getByRole('heading', { name: 'You matter, and help is here right now' }).waitFor();
    expect(await c.getByRole('link', { name: 'Call 988' }).first().getAttribute('href')).toBe('tel:988');
    await Promise.all([c.context().close(), m.context().close()]);
  });
});
