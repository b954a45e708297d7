/**
 * English and French in the browser: the language comes from the browser, switches from the header,
 * is saved on the account when signed in, survives a reload, and sets <html lang>. Every page checked
 * in French passes axe.
 */
import { describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();
const htmlLang = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.lang);

describe('languages in the browser', () => {
  it('starts in the browser’s language and switches from the header, before and after signing in', { timeout: 120_000 }, async () => {
    const user = await registerUser(suite.t, { displayName: 'Élodie Tremblay' });
    const context = await suite.newContext({ locale: 'fr-CA' });
    const page = await context.newPage();

    // A French-speaking browser gets French at once.
    await page.goto('/login');
    await page.getByRole('link', { name: 'Aller au contenu' }).waitFor({ state: 'attached' });
    expect(await htmlLang(page)).toBe('fr');

    // The header switches to English and back; the choice survives a reload.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Skip to content' }).waitFor({ state: 'attached' });
    expect(await htmlLang(page)).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'Français' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'English' }).waitFor();
    expect(await htmlLang(page)).toBe('fr');
    await checkA11y(page, 'sign in (fr)');

    // Signed in, a switch is saved on the account: the API answers in it from then on.
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('link', { name: 'Mes groupes' }).waitFor();
    // Following the browser until now: nothing saved, so the API answers an English client in English.
    expect((await suite.t.http().get('/api/me').set(user.auth)).body.locale).toBe('en');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'My groups' }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('link', { name: 'Mes groupes' }).waitFor();
    await expect.poll(async () => (await suite.t.http().get('/api/me').set(user.auth)).body.locale).toBe('fr');
    // Another device with an English browser opens in the account's language.
    const other = await suite.signedInPage(user, { locale: 'en-US' });
    await other.getByRole('link', { name: 'Mes groupes' }).waitFor();
    expect(await htmlLang(other)).toBe('fr');
    await context.close();
  });
});
