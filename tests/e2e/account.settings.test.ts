/**
 * The account side of the SPA, in the browser: a forgotten password from the sign-in page to the new
 * password (the link taken from an email received by a real SMTP server in this process), the settings
 * area (profile, password change errors, data export as a downloaded JSON file), deleting the account
 * (Cancel has focus; then signed out for good, their message shown as "Deleted user" to another member),
 * and the unsubscribe link of a notification email, followed signed out. Every page passes axe in
 * English, and the settings work at 390×844.
 */
import { readFile } from 'node:fs/promises';
import type { Group } from '@circles/shared';
import type { ParsedMail } from 'mailparser';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { CHROMIUM_PATH, checkA11y, signInThroughUi, startBrowserApp } from './helpers.js';

let smtp: TestSmtp | undefined;
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startBrowserApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Circles <hello@circles.example.org>' });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

/** A fresh person's browser (no service worker: every request reaches the app under test). */
async function newContext(options: { phone?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: t.url,
    locale: 'en-US',
    serviceWorkers: 'block',
    acceptDownloads: true,
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    isMobile: options.phone ?? false,
    hasTouch: options.phone ?? false,
  });
  context.setDefaultTimeout(10_000);
  return context;
}

async function signedInPage(user: TestUser, options: { phone?: boolean } = {}): Promise<Page> {
  const page = await (await newContext(options)).newPage();
  await signInThroughUi(page, user);
  return page;
}

/** The email jobs have run (a minute later on the app's clock). */
async function sendDue() {
  t.clock.advanceMinutes(1);
  await t.app.deps.jobs.runDue();
}

const mailsTo = (email: string) => smtp!.to(email);
const linksIn = (mail: ParsedMail) => [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
/** The link's path and query, opened on the app under test. */
const local = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

const apiLogin = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

/** The focused element's text. */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('forgotten password', () => {
  it('from the sign-in page to a new password through the emailed link; the old password and the used link stop working', { timeout: 120_000 }, async () => {
    const user = await registerUser(t, { displayName: `Reset ${uniqueSuffix()}`.slice(0, 40) });
    const page = await (await newContext()).newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await checkA11y(page, 'forgot password');

    // Nothing typed: said next to the field, nothing sent.
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('Enter your email.').waitFor();

    // An address with no account gets the same answer, and no email.
    const stranger = `nobody-${uniqueSuffix()}@example.test`;
    await page.getByLabel('Email').fill(stranger);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.getByText(`If an account exists for ${stranger}, we sent a link to it.`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Use another email' }).click();

    await page.getByLabel('Email').fill(user.email.toUpperCase());
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.getByText(`If an account exists for ${user.email.toUpperCase()}, we sent a link to it.`, { exact: false }).waitFor();
    await checkA11y(page, 'forgot password: sent');

    expect(mailsTo(user.email)).toHaveLength(0); // by a background job, never inside the request
    await sendDue();
    expect(mailsTo(stranger)).toHaveLength(0);
    const [mail] = mailsTo(user.email);
    expect(mail?.subject).toBe('Reset your Circles password');
    const link = linksIn(mail!).find((l) => l.includes('/reset-password?token='));
    // The SPA's route is exactly the server's link: PUBLIC_ORIGIN (here the default origin) + /reset-password?token=…
    expect(link?.startsWith(`${t.app.deps.config.linkOrigin}/reset-password?token=`)).toBe(true);

    await page.goto(local(link!));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await checkA11y(page, 'reset password');

    // Too short, then two different passwords: refused in the form, the link still unspent.
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('New password must be at least 10 characters').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await page.getByLabel('Confirm new password').fill('a brand new passphrose');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await checkA11y(page, 'reset password with errors');
    expect((await apiLogin(user.email, user.password)).status).toBe(200);

    await page.getByLabel('Confirm new password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await checkA11y(page, 'reset password: done');
    // Every session ended: the refresh token from registration no longer works.
    expect((await t.http().post('/api/auth/refresh').set('Cookie', user.refreshCookie)).status).toBe(401);

    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    await page.getByLabel('Password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${user.user.displayName}` }).waitFor();

    // The link was single-use: opened again, it says so and offers a new one (410 EXPIRED).
    await page.goto(local(link!));
    await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
    await page.getByLabel('Confirm new password').fill('yet another passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await checkA11y(page, 'reset password: used link');
    expect((await apiLogin(user.email, 'yet another passphrase')).status).toBe(401);
    expect((await apiLogin(user.email, 'a brand new passphrase')).status).toBe(200);
    await page.context().close();
  });
});

describe('settings', () => {
  it('profile, password change with its errors, and the data export downloaded as JSON', { timeout: 120_000 }, async () => {
    const owner = await registerUser(t);
    const user = await registerUser(t, { displayName: `Sam ${uniqueSuffix()}`.slice(0, 40) });
    const group: Group = await createGroup(t, owner, { name: `Export circle ${uniqueSuffix()}`.slice(0, 60) });
    await joinGroup(t, user, group);
    await postMessage(t, user, group, 'My own words about the new inhaler');

    const page = await signedInPage(user);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    const sections = page.getByRole('navigation', { name: 'Settings' });
    expect(await sections.getByRole('link').allTextContents()).toEqual(['Profile', 'Password', 'Notifications', 'Your data', 'Delete account']);
    expect(await sections.getByRole('link', { name: 'Notifications' }).getAttribute('href')).toBe('/settings/notifications');
    await checkA11y(page, 'settings: profile');

    // Profile: the contract's fields, errors from the server beside the field.
    await page.getByLabel('Display name').fill('S');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.getByLabel('Display name').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Display name').fill('Sam Renamed');
    await page.getByLabel('Bio').fill('Asthma since childhood.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    const me = (await t.http().get('/api/me').set(user.auth)).body;
    expect([me.displayName, me.bio]).toEqual(['Sam Renamed', 'Asthma since childhood.']);

    // Password: a wrong current password is said beside it, and the password stays.
    await sections.getByRole('link', { name: 'Password' }).click();
    await page.getByRole('heading', { name: 'Password', level: 1 }).waitFor();
    await checkA11y(page, 'settings: password');
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('another good passphrase');
    await page.getByLabel('Confirm new password').fill('another good passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your current password is incorrect').waitFor();
    await expect.poll(() => page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page, 'settings: password with errors');
    expect((await apiLogin(user.email, 'another good passphrase')).status).toBe(401);
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('Confirm new password').fill('another good passphrose');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords are not the same.').waitFor();
    await page.getByLabel('Confirm new password').fill('another good passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other devices have been signed out.').waitFor();
    expect((await apiLogin(user.email, 'another good passphrase')).status).toBe(200);
    // The session that changed it goes on.
    await page.reload();
    await page.getByRole('heading', { name: 'Password', level: 1 }).waitFor();

    // Your data: a JSON file with the person's profile, membership and message.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Your data' }).click();
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    await checkA11y(page, 'settings: your data');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^circles-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.profile).toMatchObject({ id: user.user.id, email: user.email, display_name: 'Sam Renamed', bio: 'Asthma since childhood.' });
    expect(data.messages.map((m: { body: string }) => m.body)).toContain('My own words about the new inhaler');
    expect(data.memberships.map((m: { group_id: string }) => m.group_id)).toContain(group.id);
    expect(JSON.stringify(data)).not.toContain(owner.email);
    await page.getByText(/^Downloaded circles-export-/).waitFor();
    await page.context().close();
  });

  it('works at 390×844 and by keyboard', { timeout: 120_000 }, async () => {
    const user = await registerUser(t);
    const page = await signedInPage(user, { phone: true });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    for (const [link, heading] of [['Password', 'Password'], ['Your data', 'Your data'], ['Delete account', 'Delete account']] as const) {
      // The section link reached and followed with the keyboard; focus lands on the new section's heading.
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: link }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expect.poll(() => focusedText(page)).toBe(heading);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `no sideways scrolling on ${heading}`).toBeLessThanOrEqual(0);
      await checkA11y(page, `settings at phone size: ${heading}`);
    }
    await page.context().close();
  });
});

describe('deleting the account', () => {
  it('says what goes and what stays, focuses Cancel, then signs out for good; their message reads "Deleted user"', { timeout: 150_000 }, async () => {
    const owner = await registerUser(t, { displayName: `Owner ${uniqueSuffix()}`.slice(0, 40) });
    const leaver = await registerUser(t, { displayName: `Leaver ${uniqueSuffix()}`.slice(0, 40) });
    const group = await createGroup(t, owner, { name: `Staying circle ${uniqueSuffix()}`.slice(0, 60) });
    await joinGroup(t, leaver, group);
    await postMessage(t, leaver, group, 'Thanks all, the breathing exercise helped');

    const page = await signedInPage(leaver);
    await page.goto('/settings/delete');
    await page.getByRole('heading', { name: 'Delete account', level: 1 }).waitFor();
    for (const text of ['What is erased', 'What stays']) await page.getByRole('heading', { name: text }).waitFor();
    for (const text of ['Your email address and password', 'Your sessions', 'Your notifications and notification settings', 'Your clinician applications', '“Deleted user”', 'Questions you asked anonymously stay anonymous.', 'longest-serving moderator', 'archived']) {
      await page.getByText(text, { exact: false }).first().waitFor();
    }
    await checkA11y(page, 'delete account');

    // No password: nothing asked, nothing sent.
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Enter your password to confirm.').waitFor();

    // The last confirmation opens with Cancel focused: Enter keeps the account.
    await page.getByLabel('Your password').fill(leaver.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await dialog.waitFor();
    await expect.poll(() => focusedText(page)).toBe('Cancel');
    await checkA11y(page, 'delete account: confirmation');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect((await apiLogin(leaver.email, leaver.password)).status).toBe(200);

    // A wrong password: refused beside the field, the account stays.
    await page.getByLabel('Your password').fill('not the right one');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByText('That password is not right.').waitFor();
    expect((await apiLogin(leaver.email, leaver.password)).status).toBe(200);

    await page.getByLabel('Your password').fill(leaver.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete my account' }).click();
    // Signed out, on the front door.
    await page.getByRole('heading', { name: 'Peer support for people living with a health condition' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Peer support for people living with a health condition' }).waitFor();

    // The account can never sign in again.
    await page.goto('/login');
    await page.getByLabel('Email').fill(leaver.email);
    await page.getByLabel('Password').fill(leaver.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    expect((await apiLogin(leaver.email, leaver.password)).status).toBe(401);

    // Another member still reads the message, by "Deleted user".
    const other = await signedInPage(owner);
    await other.goto(`/groups/${group.slug}/chat`);
    const message = other.locator('article.msg').filter({ hasText: 'the breathing exercise helped' });
    await message.waitFor();
    expect(await message.textContent()).toContain('Deleted user');
    expect(await message.textContent()).not.toContain(leaver.user.displayName);
    await checkA11y(other, 'chat with a deleted user’s message');
    await page.context().close();
    await other.context().close();
  });
});

describe('unsubscribe link of a notification email', () => {
  it('opens signed out, changes nothing until the button, then turns notification emails off', { timeout: 120_000 }, async () => {
    const owner = await registerUser(t);
    const reader = await registerUser(t, { displayName: `Reader ${uniqueSuffix()}`.slice(0, 40) });
    const group = await createGroup(t, owner, { visibility: 'public', name: `Mail circle ${uniqueSuffix()}`.slice(0, 60) });
    await joinGroup(t, reader, group);
    await sendDue();
    await postMessage(t, owner, group, `Hello @${reader.user.displayName}, welcome`);
    await sendDue();
    const [mail] = mailsTo(reader.email);
    expect(mail, 'a mention email').toBeDefined();
    const link = linksIn(mail!).find((l) => l.includes('/unsubscribe?token=') && !l.includes('/api/'));
    expect(link?.startsWith(`${t.app.deps.config.linkOrigin}/unsubscribe?token=`)).toBe(true);

    const page = await (await newContext()).newPage();
    await page.goto(local(link!));
    await page.getByRole('heading', { name: 'Stop notification emails' }).waitFor();
    await checkA11y(page, 'unsubscribe');
    const settings = async () => (await t.http().get('/api/me/notification-settings').set(reader.auth)).body.email;
    expect(await settings()).toBe('mentions'); // opening the link changed nothing

    await page.getByRole('button', { name: 'Stop notification emails' }).click();
    await page.getByRole('heading', { name: 'You will not get notification emails any more' }).waitFor();
    await checkA11y(page, 'unsubscribe: done');
    expect(await settings()).toBe('off');

    // A damaged link says so; nothing changes.
    await page.goto('/unsubscribe?token=not-a-real-token-at-all');
    await page.getByRole('button', { name: 'Stop notification emails' }).click();
    await page.getByRole('alert').filter({ hasText: 'This unsubscribe link is not valid' }).waitFor();
    await checkA11y(page, 'unsubscribe: bad link');
    await page.context().close();
  });
});
