/**
 * English and French in the browser: the language comes from the browser, switches from the header,
 * is saved on the account when signed in, survives a reload, and sets <html lang>. Every page checked
 * in French passes axe.
 */
import { describe, expect, it } from 'vitest';
import { createGroup, joinGroup, registerUser, uniqueSuffix } from '../helpers/factories.js';
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
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await page.getByLabel('Courriel').fill(user.email);
    await page.getByLabel('Mot de passe').fill(user.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
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

  it('shows the home page and a group page wholly in French, with <html lang="fr">, after a reload too', { timeout: 120_000 }, async () => {
    const owner = await registerUser(suite.t, { displayName: 'Gabrielle Roy' });
    const group = await createGroup(suite.t, owner, { name: `Cercle diabète ${uniqueSuffix()}`, conditionSlug: 'type-1-diabetes', visibility: 'public' });
    const user = await registerUser(suite.t, { displayName: 'Louis Cyr' });
    await joinGroup(suite.t, user, group);
    const page = await suite.signedInPage(user);

    // The header switch, signed in.
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Bienvenue, Louis Cyr' }).waitFor();
    expect(await htmlLang(page)).toBe('fr');
    await page.getByRole('link', { name: 'Trouver des groupes' }).first().waitFor();
    await page.getByText('Diabète de type 1').first().waitFor();
    await page.getByText('Aucun message pour l’instant').waitFor();
    expect(await page.title()).toBe('Mes groupes · Circles');
    for (const english of ['Welcome', 'My groups', 'Find groups', 'Sign out', 'No messages yet']) {
      expect(await page.getByText(english, { exact: false }).count(), english).toBe(0);
    }
    await checkA11y(page, 'home (fr)');

    // A group page: header, tabs, membership, about.
    await page.getByRole('link', { name: group.name }).click();
    await page.getByRole('heading', { name: group.name, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections du groupe' }).getByRole('link', { name: 'Discussion' }).waitFor();
    await page.getByRole('button', { name: 'Quitter le groupe' }).waitFor();
    await page.getByRole('heading', { name: 'À propos de ce groupe' }).waitFor();
    await page.getByText('Toute personne connectée à Circles').waitFor();
    for (const english of ['About this group', 'Leave group', 'Members', 'Who can read', 'Type 1 diabetes']) {
      expect(await page.getByText(english, { exact: true }).count(), english).toBe(0);
    }
    await checkA11y(page, 'group page (fr)');

    // The chat tab, in French, with its message box.
    await page.getByRole('link', { name: 'Discussion' }).click();
    await page.getByLabel('Message', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Envoyer' }).waitFor();
    await checkA11y(page, 'chat (fr)');

    // A reload keeps French (saved on the account and on this device).
    await page.reload();
    await page.getByRole('button', { name: 'Envoyer' }).waitFor();
    expect(await htmlLang(page)).toBe('fr');
    expect(await page.getByRole('button', { name: 'English' }).count()).toBe(1);
    await page.context().close();
  });
});
