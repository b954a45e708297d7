/**
 * The way in, on a phone (390×844): a visitor opens an invite link, sees the group's card, creates an
 * account and joins in one form, and lands in the group's chat. The front door and an organization's
 * page open signed out. A signed-in person joins with one click. The moderators' invite links panel.
 * Every page visited passes axe.
 */
import type { Invite } from '@circles/shared';
import { describe, expect, it } from 'vitest';
import { createGroup, joinGroup, makeAdmin, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { createOrganization, verifyOrganization } from '../helpers/organizations.js';
import { browserSuite, checkA11y } from './helpers.js';

const suite = browserSuite();
const PHONE = { width: 390, height: 844 };

describe('invitations in the browser', () => {
  it('a visitor opens an invite on a phone, signs up and lands in the group’s chat', { timeout: 150_000 }, async () => {
    const t = suite.t;
    const word = uniqueSuffix().replace(/[^a-z0-9]/g, '');
    const owner = await registerUser(t, { displayName: 'Dr. Lena Park' });
    const siteAdmin = await makeAdmin(t, await registerUser(t));
    const org = await createOrganization(t, owner, { name: `Maple Children’s Hospital ${word}`, kind: 'hospital', location: 'Ottawa, ON', title: 'Pediatric endocrinologist' });
    await verifyOrganization(t, siteAdmin, org);
    const created = await t
      .http()
      .post('/api/groups')
      .set(owner.auth)
      .send({
        name: `Teens with Type 1 ${word}`,
        conditionSlug: 'type-1-diabetes',
        description: 'A private circle for teenagers living with type 1 diabetes, hosted by the diabetes clinic.',
        rules: 'Be kind.\nNo selling.',
        visibility: 'private',
        organizationSlug: org.slug,
      });
    expect(created.status).toBe(201);
    const group = created.body;
    const invite = (await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({ maxUses: 50 })).body as Invite;

    const context = await suite.newContext({ mobile: true });
    const page = await context.newPage();
    await page.setViewportSize(PHONE);

    // The front door, signed out.
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: /Peer support for people living with a health condition/ }).waitFor();
    await page.getByRole('link', { name: 'Create a free account' }).first().waitFor();
    await page.getByRole('link', { name: org.name, exact: true }).waitFor();
    await checkA11y(page, 'front door (phone)');

    // The organization's page, signed out.
    await page.getByRole('link', { name: org.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(org.name) }).waitFor();
    await page.getByText('Pediatric endocrinologist').waitFor();
    await page.getByRole('link', { name: group.name }).waitFor();
    await checkA11y(page, 'organization page, signed out (phone)');

    // The group opens signed out as its card: no chat, no members, a way in.
    await page.getByRole('link', { name: group.name }).click();
    await page.getByRole('heading', { level: 1, name: group.name }).waitFor();
    await page.getByRole('link', { name: 'Create an account to join' }).waitFor();
    expect(await page.getByRole('link', { name: 'Chat' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Members' }).count()).toBe(0);
    await checkA11y(page, 'group card, signed out (phone)');

    // The invite link.
    await page.goto(`/invite/${invite.code}`);
    await page.getByRole('heading', { level: 1, name: group.name }).waitFor();
    await page.getByText(`Hosted by ${org.name}`).waitFor();
    await page.getByText('This group is private: the invitation lets you in directly.').waitFor();
    await page.getByRole('heading', { name: 'Create an account and join' }).waitFor();
    await checkA11y(page, 'invite page, signed out (phone)');
    // The form is reachable without hunting: its button is on the first two screens of a phone.
    const button = page.getByRole('button', { name: 'Create an account and join' });
    const box = await button.boundingBox();
    expect(box!.y).toBeLessThan(PHONE.height * 2);

    // A mistake is explained in place.
    await button.click();
    await page.getByText(/Display name must be at least 2 characters/).waitFor();
    await checkA11y(page, 'invite page with errors (phone)');

    await page.getByLabel('Display name').fill(`Noor ${word}`.slice(0, 40));
    await page.getByLabel('Email').fill(`noor-${word}@example.test`);
    await page.getByLabel('Password').fill('a safe passphrase');
    await button.click();
    await page.waitForURL(new RegExp(`/groups/${group.slug}/chat$`));
    await page.getByRole('textbox', { name: /message/i }).first().waitFor();
    await checkA11y(page, 'group chat after joining by invite (phone)');

    const members = await t.http().get(`/api/groups/${group.slug}/members`).set(owner.auth);
    expect(members.body.items.map((m: { user: { displayName: string } }) => m.user.displayName)).toContain(`Noor ${word}`.slice(0, 40));
    await context.close();
  });

  it('a signed-in person joins with one click; an expired link says what to do; moderators manage links', { timeout: 150_000 }, async () => {
    const t = suite.t;
    const owner = await registerUser(t, { displayName: 'Owen Owner' });
    const group = await createGroup(t, owner, { name: `Open circle ${uniqueSuffix()}`, visibility: 'public' });
    const invite = (await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({})).body as Invite;
    const person = await registerUser(t, { displayName: 'Pat Person' });

    const page = await suite.signedInPage(person);
    await page.goto(`/invite/${invite.code}`);
    await page.getByRole('button', { name: `Join ${group.name}` }).click();
    await page.waitForURL(new RegExp(`/groups/${group.slug}/chat$`));
    await checkA11y(page, 'chat after one-click join');

    await t.http().delete(`/api/invites/${invite.code}`).set(owner.auth).expect(204);
    await page.goto(`/invite/${invite.code}`);
    await page.getByRole('heading', { name: 'This invitation can no longer be used' }).waitFor();
    await page.getByText('Ask the person who shared it for a new invite link.').waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await checkA11y(page, 'revoked invite');

    // The moderators' panel: create a limited link, see it, download its QR code, turn it off.
    const member = await registerUser(t);
    await joinGroup(t, member, group);
    const ownerPage = await suite.signedInPage(owner);
    await ownerPage.goto(`/groups/${group.slug}/manage`);
    await ownerPage.getByRole('heading', { name: 'Invite links' }).waitFor();
    await ownerPage.getByLabel('Expires after').selectOption({ label: '30 days' });
    await ownerPage.getByLabel('Use limit').fill('20');
    await ownerPage.getByLabel('Note (only moderators see it)').fill('Waiting room poster');
    await ownerPage.getByRole('button', { name: 'Create invite link' }).click();
    await ownerPage.getByText('Waiting room poster').waitFor();
    await ownerPage.getByText('Used 0 of 20 times').waitFor();
    await checkA11y(ownerPage, 'manage: invite links');
    const [download] = await Promise.all([ownerPage.waitForEvent('download'), ownerPage.getByRole('button', { name: 'Download QR code' }).first().click()]);
    expect(download.suggestedFilename()).toBe(`circles-invite-${group.slug}.svg`);
    const svg = await download.createReadStream().then(
      (stream) =>
        new Promise<string>((resolve) => {
          let data = '';
          stream.on('data', (c) => (data += c));
          stream.on('end', () => resolve(data));
        }),
    );
    expect(svg).toContain('<svg');
    await ownerPage.getByRole('button', { name: 'Turn off link' }).first().click();
    await ownerPage.getByText('Turned off').first().waitFor();
    await page.context().close();
    await ownerPage.context().close();
  });
});
