/**
 * Groups in the browser: find a group by its condition, join it and see it in "my groups"; ask to join
 * a private group and be approved by its owner in a second browser. Every page visited passes axe.
 */
import { describe, expect, it } from 'vitest';
import { createGroup, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { browserSuite, checkA11y, registerThroughUi, signInThroughUi } from './helpers.js';

const suite = browserSuite();

describe('groups in the browser', () => {
  it('finds a group by condition, joins it, sees it in my groups; a private group admits after the owner approves', { timeout: 120_000 }, async () => {
    const word = uniqueSuffix().replace(/[^a-z0-9]/g, '');
    const owner = await registerUser(suite.t, { displayName: 'Olu Owner' });
    const open = await createGroup(suite.t, owner, {
      name: `Breathe Easy ${word}`,
      conditionSlug: 'asthma',
      description: 'Inhalers, spacers and peak flow diaries: everyday asthma, shared.',
      rules: 'Be kind.\nNo miracle cures.',
      visibility: 'public',
    });
    const closed = await createGroup(suite.t, owner, {
      name: `Lupus Kitchen Table ${word}`,
      conditionSlug: 'lupus',
      description: 'A private circle for flares, fatigue and hydroxychloroquine questions.',
      visibility: 'private',
    });

    const newcomer = { displayName: `Nia ${word}`.slice(0, 40), email: `nia-${word}@example.test`, password: 'a safe passphrase' };
    const a = await suite.newContext();
    const page = await a.newPage();
    await registerThroughUi(page, newcomer);
    await page.getByText('You haven’t joined any groups yet').waitFor();
    await checkA11y(page, 'home, no groups yet');

    // Browse by category, then condition.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find groups' }).click();
    await page.getByRole('heading', { name: 'Find groups', level: 1 }).waitFor();
    await checkA11y(page, 'find groups');
    await page.getByRole('button', { name: 'Lungs and breathing' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Lungs and breathing' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Condition').selectOption({ label: 'Asthma' });
    await page.getByRole('link', { name: open.name }).waitFor();
    expect(await page.getByRole('link', { name: closed.name }).count()).toBe(0);
    await checkA11y(page, 'groups for asthma');

    // Instant search by a word of the description, different case, no submit.
    await page.getByRole('button', { name: 'All' }).click();
    await page.getByLabel('Condition').selectOption({ label: 'Any condition' });
    await page.getByLabel('Search groups').fill('PEAK FLO');
    await page.getByRole('link', { name: open.name }).waitFor();
    await page.getByRole('status').filter({ hasText: /1 group for/ }).waitFor();

    // Join with the keyboard.
    await page.getByRole('link', { name: open.name }).click();
    await page.getByRole('heading', { name: open.name, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Group rules' }).waitFor();
    await checkA11y(page, 'public group, not a member');
    await page.getByRole('button', { name: 'Join group' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Leave group' }).waitFor();
    await page.getByText('2 members').waitFor();
    await checkA11y(page, 'public group, member');

    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members', level: 2 }).waitFor();
    await page.getByText(newcomer.displayName).waitFor();
    await checkA11y(page, 'members tab');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My groups' }).click();
    await page.getByRole('heading', { name: `Welcome, ${newcomer.displayName}` }).waitFor();
    await page.getByRole('main').getByRole('link', { name: open.name }).waitFor();
    await checkA11y(page, 'home with my groups');

    // Ask to join the private group.
    await page.goto('/groups');
    await page.getByLabel('Search groups').fill(`kitchen ${word}`);
    await page.getByRole('link', { name: closed.name }).click();
    await page.getByRole('heading', { name: closed.name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Request to join' }).click();
    // A note for the moderators: too long is refused with a clear error, then sent.
    const noteBox = page.getByLabel('A note for the moderators (optional)');
    await noteBox.fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Your note is too long: 501 characters, at most 500.', { exact: false }).waitFor();
    expect(await noteBox.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page, 'private group, request with a note');
    await noteBox.fill('My daughter was just diagnosed; our nurse at the clinic told us about this group.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('button', { name: 'Request pending' }).waitFor();
    expect(await page.getByRole('button', { name: 'Request pending' }).isDisabled()).toBe(true);
    await checkA11y(page, 'private group, request pending');

    // The owner approves in a second browser.
    const b = await suite.newContext();
    const ownerPage = await b.newPage();
    await signInThroughUi(ownerPage, { email: owner.email, password: owner.password });
    await ownerPage.getByRole('main').getByRole('link', { name: closed.name }).click();
    await ownerPage.getByRole('link', { name: 'Manage' }).click();
    await ownerPage.getByRole('heading', { name: /Join requests/ }).waitFor();
    await ownerPage.getByRole('button', { name: `Approve ${newcomer.displayName}` }).waitFor();
    // Told apart by what they wrote and how long they have been here — never by an email.
    const request = ownerPage.locator('.request-list li').filter({ hasText: newcomer.displayName });
    await request.getByText('My daughter was just diagnosed; our nurse at the clinic told us about this group.').waitFor();
    await request.getByText(/^Member of Circles since /).waitFor();
    expect(await request.textContent()).not.toContain(newcomer.email);
    await checkA11y(ownerPage, 'manage: join requests');
    await ownerPage.getByRole('button', { name: `Approve ${newcomer.displayName}` }).click();
    await ownerPage.getByText('No one is waiting to join').waitFor();
    await ownerPage.getByText('2 members').waitFor();

    // The requester's page follows at once (notification), and "my groups" has both groups.
    await page.getByRole('button', { name: 'Leave group' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My groups' }).click();
    await page.getByRole('main').getByRole('link', { name: closed.name }).waitFor();
    await page.getByRole('main').getByRole('link', { name: open.name }).waitFor();
    await a.close();
    await b.close();
  });

  it('creates a group, and works at phone width', { timeout: 90_000 }, async () => {
    const word = uniqueSuffix().replace(/[^a-z0-9]/g, '');
    const context = await suite.newContext({ mobile: true });
    const page = await context.newPage();
    await registerThroughUi(page, { displayName: `Sam ${word}`.slice(0, 40), email: `sam-${word}@example.test`, password: 'a safe passphrase' });
    await page.goto('/groups/new');
    await page.getByRole('heading', { name: 'Start a group' }).waitFor();
    // Errors tell the user what to fix.
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please fix the highlighted fields' }).waitFor();
    await page.getByText('Choose the condition this group is about.').waitFor();
    await checkA11y(page, 'create group with errors (mobile)');

    await page.getByLabel('Group name').fill(`Café Migraine ${word}`);
    await page.getByLabel('Condition').selectOption({ label: 'Migraine' });
    await page.getByLabel('Description').fill('Dark rooms, triptans and patience.');
    await page.getByLabel('Private').check();
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { name: `Café Migraine ${word}`, level: 1 }).waitFor();
    expect(page.url()).toContain(`/groups/cafe-migraine-${word}`);
    await page.getByRole('link', { name: 'Manage' }).click();
    await page.getByText('No one is waiting to join').waitFor();
    await page.getByLabel('Slow mode').selectOption({ label: '30 seconds' });
    await page.getByLabel('Blocked terms').fill('miracle cure');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await checkA11y(page, 'manage (mobile)');

    await page.goto('/groups?q=nothing-matches-this-zzz');
    await page.getByText('Try a shorter word').waitFor();
    await checkA11y(page, 'find groups, no results (mobile)');
    await page.goto('/groups/no-such-group-here');
    await page.getByRole('heading', { name: 'Group not found' }).waitFor();
    await context.close();
  });
});
