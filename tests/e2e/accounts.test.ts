import { describe, expect, it } from 'vitest';
import { uniqueSuffix } from '../helpers/factories.js';
import { browserSuite, checkA11y, registerThroughUi } from './helpers.js';

const suite = browserSuite();

describe('accounts in the browser', () => {
  it('registers, signs out, signs back in — every page free of serious accessibility problems', { timeout: 120_000 }, async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    const user = { displayName: 'Robin Ng', email: `robin-${uniqueSuffix()}@example.test`, password: 'a safe passphrase' };

    // A signed-out visitor finds the front door, and the way to sign in from it.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Peer support for people living with a health condition' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkA11y(page, 'sign in');

    // Field errors are shown next to the field, before any round trip.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create account' }).waitFor();
    await checkA11y(page, 'register');
    await page.getByLabel('Display name').fill('R');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByText(/at least 10 characters/).count()).toBeGreaterThan(0);
    await checkA11y(page, 'register with errors');

    await registerThroughUi(page, user);
    await checkA11y(page, 'home');

    // The session survives a reload (silent refresh from the httpOnly cookie).
    await page.reload();
    await page.getByRole('heading', { name: `Welcome, ${user.displayName}` }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Signed out for real: a reload does not bring the session back.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // A wrong password gets one clear message.
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    await checkA11y(page, 'sign in with error');

    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${user.displayName}` }).waitFor();
    await context.close();
  });

  it('works at phone width with the menu button', { timeout: 120_000 }, async () => {
    const context = await suite.newContext({ mobile: true });
    const page = await context.newPage();
    const user = { displayName: 'Mo Bile', email: `mobile-${uniqueSuffix()}@example.test`, password: 'a safe passphrase' };
    await registerThroughUi(page, user);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await checkA11y(page, 'profile (mobile)');
    await context.close();
  });
});
