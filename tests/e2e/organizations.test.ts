/**
 * An organization's admin invites staff in the browser; the person accepts from their home page;
 * their next message carries the affiliation to another member, live. Creating an organization and
 * its manage screen pass axe.
 */
import { describe, expect, it } from 'vitest';
import { createGroup, joinGroup, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();

describe('organizations in the browser', () => {
  it('an admin invites staff who accept, and their next message shows the affiliation to another member live', { timeout: 180_000 }, async () => {
    const t = suite.t;
    const word = uniqueSuffix().replace(/[^a-z0-9]/g, '');
    const admin = await registerUser(t, { displayName: `Alex Admin ${word}`.slice(0, 40) });
    const amira = await registerUser(t, { displayName: `Amira Haddad ${word}`.slice(0, 40) });
    const reader = await registerUser(t, { displayName: `Ravi Reader ${word}`.slice(0, 40) });
    const group = await createGroup(t, admin, { name: `Asthma families ${word}` });
    await joinGroup(t, amira, group);
    await joinGroup(t, reader, group);

    // The admin creates the organization and invites Amira by email.
    const adminPage = await suite.signedInPage(admin);
    await adminPage.goto('/orgs/new');
    await adminPage.getByRole('heading', { name: 'Add an organization' }).waitFor();
    await checkA11y(adminPage, 'create organization');
    const orgName = `Riverside Children’s ${word}`;
    await adminPage.getByLabel('Name').fill(orgName);
    await adminPage.getByLabel('Kind').selectOption({ label: 'Hospital' });
    await adminPage.getByLabel('Description').fill('A children’s hospital by the river.');
    await adminPage.getByLabel('Location').fill('Ottawa, ON');
    await adminPage.getByLabel('Your title there').fill('Community manager');
    await adminPage.getByRole('button', { name: 'Create organization' }).click();
    await adminPage.getByRole('heading', { level: 1, name: orgName }).waitFor();
    await adminPage.getByText('Community manager').waitFor();
    await checkA11y(adminPage, 'organization page (admin)');
    await adminPage.getByRole('link', { name: 'Manage organization' }).click();
    await adminPage.getByRole('heading', { name: 'Invite staff' }).waitFor();
    await adminPage.getByLabel('Their email').fill(amira.email);
    await adminPage.getByLabel('Title').fill('Nurse educator');
    await adminPage.getByRole('button', { name: 'Send invitation' }).click();
    await adminPage.getByText(`Invitation sent to ${amira.email}.`).first().waitFor();
    await checkA11y(adminPage, 'manage organization');

    // Amira accepts from her home page.
    const amiraPage = await suite.signedInPage(amira);
    await amiraPage.getByRole('heading', { name: 'Staff invitations' }).waitFor();
    await checkA11y(amiraPage, 'home with a staff invitation');
    await amiraPage.getByRole('button', { name: `Accept invitation from ${orgName}` }).click();
    await amiraPage.getByText(`You are now on the staff of ${orgName}.`, { exact: false }).first().waitFor();

    // The reader is in the chat; Amira's next message shows who she speaks for, live.
    const readerPage = await suite.signedInPage(reader);
    await readerPage.goto(`/groups/${group.slug}/chat`);
    const composerOf = (page: typeof readerPage) => page.getByRole('textbox', { name: /message/i }).first();
    await composerOf(readerPage).waitFor();
    await amiraPage.goto(`/groups/${group.slug}/chat`);
    await composerOf(amiraPage).fill('Happy to help with spacer technique questions.');
    await composerOf(amiraPage).press('Enter');
    const message = readerPage.locator('article.msg').filter({ hasText: 'Happy to help with spacer technique questions.' });
    await message.waitFor();
    await message.getByText(`Nurse educator, ${orgName}`).waitFor();
    expect(await message.textContent()).not.toContain(amira.email);
    await checkA11y(readerPage, 'chat with an affiliation');
    for (const page of [adminPage, amiraPage, readerPage]) await page.context().close();
  });
});
