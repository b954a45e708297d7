/// <reference types="vite/client" />
/**
 * The core journey wholly in French, as a French-speaking newcomer lives it: the front door, signing
 * up, finding and joining a group, the chat (send, react, reply), asking a question, settings and
 * notifications. On every screen, no English is left — checked against the English catalogue: a text
 * on the page (or an accessible name: aria-label, placeholder, title, alt) that reads as an English
 * catalogue text, where the French catalogue says something else, fails — and axe finds nothing
 * serious or critical.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

type Catalogue = Record<string, string>;
const modules = import.meta.glob<{ default: Catalogue }>('../../client/src/i18n/locales/*/*.ts', { eager: true });
const catalogues: Record<string, Record<string, Catalogue>> = {};
for (const [file, module] of Object.entries(modules)) {
  const [, language, namespace] = /locales\/(\w+)\/(\w+)\.ts$/.exec(file)!;
  (catalogues[language!] ??= {})[namespace!] = module.default;
}

const PLACEHOLDER = /\{\{[^}]*\}\}/g;
const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
const frenchTexts = new Set(Object.values(catalogues.fr!).flatMap((c) => Object.values(c)));

/**
 * The English texts that must not appear on a French page: every English catalogue text whose French
 * counterpart differs and which no French text repeats (« Notifications », « Questions » are both),
 * as a whole-line pattern (a `{{value}}` matches anything) with enough words of its own to tell.
 */
const englishPatterns: Array<{ key: string; pattern: RegExp }> = Object.entries(catalogues.en!).flatMap(([namespace, english]) =>
  Object.entries(english).flatMap(([key, text]) => {
    const french = catalogues.fr![namespace]?.[key];
    if (french === undefined || french === text || frenchTexts.has(text)) return [];
    const literal = text.replace(PLACEHOLDER, '');
    if ((literal.match(/\p{L}/gu) ?? []).length < 4) return [];
    const source = text
      .split(PLACEHOLDER)
      .map((part) => escape(part.trim()).replace(/\s+/g, '\\s+'))
      .join('.+?');
    return [{ key: `${namespace}:${key}`, pattern: new RegExp(`^${source}$`) }];
  }),
);

/** The lines of visible text and the accessible names on the page that read as English catalogue texts. */
async function englishLeft(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const lines = document.body.innerText.split('\n');
    const attributes = Array.from(document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')).flatMap((el) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((name) => el.getAttribute(name) ?? ''),
    );
    return [...lines, ...attributes, document.title].map((s) => s.trim()).filter(Boolean);
  });
  const found = new Set<string>();
  for (const text of texts) {
    const match = englishPatterns.find(({ pattern }) => pattern.test(text));
    if (match) found.add(`"${text}" (${match.key})`);
  }
  return [...found];
}

async function allFrench(page: Page, label: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang), label).toBe('fr');
  expect(await englishLeft(page), `English left on ${label}`).toEqual([]);
  await checkA11y(page, `${label} (fr)`);
}

const suite = browserSuite();

describe('the core journey in French', () => {
  it('the checker knows enough English to be worth something', () => {
    expect(englishPatterns.length).toBeGreaterThan(500);
    const find = (text: string) => englishPatterns.some(({ pattern }) => pattern.test(text));
    expect(find('Welcome, Élodie')).toBe(true);
    expect(find('Ask a question')).toBe(true);
    expect(find('Bienvenue, Élodie')).toBe(false);
    expect(find('Questions')).toBe(false);
  });

  it('signs up, finds and joins a group, chats, asks a question and opens settings — no English anywhere', { timeout: 240_000 }, async () => {
    const owner = await registerUser(suite.t, { displayName: 'Gabrielle Roy' });
    const group = await createGroup(suite.t, owner, {
      name: `Cercle diabète de type 1 ${uniqueSuffix()}`,
      description: 'Un cercle pour parler de glycémie, de pompes et de la vie de tous les jours.',
      conditionSlug: 'type-1-diabetes',
      visibility: 'public',
    });
    // Someone who has since deleted their account: their message stays, under a name the reader's language says.
    const gone = await registerUser(suite.t, { displayName: 'Marc Gagnon' });
    await joinGroup(suite.t, gone, group);
    await postMessage(suite.t, gone, group, 'Le capteur en continu a tout changé pour nous.');
    await suite.t.http().delete('/api/me').set(gone.auth).send({ password: gone.password }).expect(204);
    await postMessage(suite.t, owner, group, 'Bonjour à toutes et à tous! Présentez-vous quand vous voulez.');
    const context = await suite.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal' });
    const page = await context.newPage();

    // The front door, signed out.
    await page.goto('/');
    await page.getByRole('link', { name: 'Créer un compte' }).first().waitFor();
    await allFrench(page, 'front door');

    // Signing up.
    await page.getByRole('link', { name: 'Créer un compte' }).first().click();
    await page.getByRole('heading', { name: 'Créer un compte' }).waitFor();
    await allFrench(page, 'sign up');
    const email = `elodie.${uniqueSuffix()}@example.test`;
    await page.getByLabel('Nom affiché').fill('Élodie Tremblay');
    await page.getByLabel('Courriel').fill(email);
    await page.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('heading', { name: 'Bienvenue, Élodie Tremblay' }).waitFor();
    await allFrench(page, 'home');

    // Finding and joining the group.
    await page.getByRole('link', { name: 'Trouver des groupes' }).first().click();
    await page.getByRole('link', { name: group.name }).waitFor();
    await allFrench(page, 'find groups');
    await page.getByRole('link', { name: group.name }).click();
    await page.getByRole('heading', { name: group.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Se joindre au groupe' }).click();
    await page.getByRole('button', { name: 'Quitter le groupe' }).waitFor();
    await allFrench(page, 'group page');

    // The chat: send, react, reply.
    await page.getByRole('link', { name: 'Discussion' }).click();
    await page.getByRole('region', { name: 'Conversation' }).waitFor();
    const message = (text: string) => page.locator('article.msg').filter({ hasText: text });
    await message('Bonjour à toutes').waitFor();
    await message('Le capteur en continu').locator('.msg-author').filter({ hasText: /^Utilisateur supprimé$/ }).waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Bonjour! Diagnostiquée l’an dernier, contente de vous trouver.');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await message('Diagnostiquée').getByText('✓ Envoyé').waitFor();
    await message('Bonjour à toutes').getByRole('button', { name: 'Réagir' }).click();
    await page.getByRole('button', { name: /Réagir avec 🤗/ }).click();
    await message('Bonjour à toutes').getByRole('button', { name: /🤗 câlin : 1, dont vous/ }).waitFor();
    await message('Bonjour à toutes').getByRole('button', { name: 'Répondre' }).click();
    await page.getByText('En réponse à').first().waitFor();
    await allFrench(page, 'chat, replying');
    await page.getByLabel('Message', { exact: true }).fill('Merci pour l’accueil!');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await message('Merci pour l’accueil').locator('.msg-quote').filter({ hasText: 'Bonjour à toutes' }).waitFor();
    await allFrench(page, 'chat');

    // Asking a question.
    await page.getByRole('link', { name: 'Questions', exact: true }).click();
    await page.getByRole('link', { name: 'Poser une question' }).click();
    await page.getByRole('heading', { name: 'Poser une question' }).waitFor();
    await allFrench(page, 'ask a question');
    const title = `Comment gérer l’hypoglycémie la nuit? ${uniqueSuffix()}`;
    await page.getByLabel('Votre question').fill(title);
    await page.getByLabel('Détails').fill('Ma glycémie baisse souvent vers trois heures du matin. Des conseils?');
    await page.getByRole('button', { name: 'Poser la question' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    await allFrench(page, 'question page');

    // Settings and notifications.
    await page.getByRole('link', { name: 'Paramètres' }).first().click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByLabel('Nom affiché').waitFor();
    await allFrench(page, 'settings');
    await page.getByRole('link', { name: /^Notifications/ }).first().click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await allFrench(page, 'notifications');
    await context.close();
  });
});
