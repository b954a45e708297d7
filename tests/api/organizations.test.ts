/**
 * Organizations: creation, the public page (signed out too), edits, verification by a site admin,
 * and hosted groups. Staff invitations are in organizations.staff.test.ts.
 */
import type { Group, Organization, OrganizationPage } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError } from '../helpers/chat.js';
import { eventTimes } from '../helpers/events.js';
import { createGroup, joinGroup, makeAdmin, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { addStaff, createOrganization, inviteStaff, verifyOrganization } from '../helpers/organizations.js';

let t: TestApp;
let admin: TestUser;
let siteAdmin: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await registerUser(t, { displayName: 'Amira Haddad' });
  siteAdmin = await makeAdmin(t, await registerUser(t));
  outsider = await registerUser(t);
});
afterAll(() => t?.close());

describe('creating an organization', () => {
  it('makes the creator its admin; it starts unverified', async () => {
    const org = await createOrganization(t, admin, {
      name: `Riverside Children’s Hospital ${uniqueSuffix()}`,
      kind: 'hospital',
      website: 'https://riverside.example',
      location: 'Ottawa, ON',
      title: 'Community manager',
    });
    expect(org).toMatchObject({ kind: 'hospital', verified: false, verifiedAt: null, website: 'https://riverside.example', location: 'Ottawa, ON', myRole: 'admin' });
    expect(org.slug).toMatch(/^riverside-childrens-hospital-/);
    expect(org.staff).toEqual([{ user: expect.objectContaining({ id: admin.user.id, displayName: 'Amira Haddad' }), title: 'Community manager', role: 'admin' }]);
    expect(JSON.stringify(org)).not.toContain(admin.email);
  });

  it('refuses signed-out callers, bad kinds, bad websites and wrong types', async () => {
    expectError(await t.http().post('/api/organizations').send({ name: 'Nope clinic', kind: 'clinic', description: 'x' }), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/organizations').set(admin.auth).send({ name: 'Nope clinic', kind: 'spa', description: 'x' }), 400, 'VALIDATION_ERROR');
    const badSite = await t.http().post('/api/organizations').set(admin.auth).send({ name: 'Nope clinic', kind: 'clinic', description: 'x', website: 'javascript:alert(1)' });
    expectError(badSite, 400, 'VALIDATION_ERROR');
    expect(badSite.body.details[0].field).toBe('body.website');
    expectError(await t.http().post('/api/organizations').set(admin.auth).send({ name: 123, kind: 'clinic', description: 'x' }), 400, 'VALIDATION_ERROR');
  });

  it('gives two organizations of the same name different slugs', async () => {
    const name = `Same Name Association ${uniqueSuffix()}`;
    const [a, b] = await Promise.all([createOrganization(t, admin, { name }), createOrganization(t, outsider, { name })]);
    expect(a!.slug).not.toBe(b!.slug);
  });
});

describe('the public page and the list', () => {
  it('opens signed out: organization, hosted groups (cards only), upcoming events of its public groups', async () => {
    const org = await createOrganization(t, admin, { name: `Lakeside Clinic ${uniqueSuffix()}` });
    const open = await createGroup(t, admin, { name: `Lakeside Asthma ${uniqueSuffix()}`, visibility: 'public' });
    await t.http().post('/api/groups').set(admin.auth); // no-op noise: an invalid create changes nothing
    const hosted = await t
      .http()
      .post('/api/groups')
      .set(admin.auth)
      .send({ name: `Lakeside Teens ${uniqueSuffix()}`, conditionSlug: 'asthma', description: 'Teens with asthma.', visibility: 'public', organizationSlug: org.slug });
    expect(hosted.status, JSON.stringify(hosted.body)).toBe(201);
    const hostedPrivate = await t
      .http()
      .post('/api/groups')
      .set(admin.auth)
      .send({ name: `Lakeside Parents ${uniqueSuffix()}`, conditionSlug: 'asthma', description: 'Parents only.', visibility: 'private', organizationSlug: org.slug });
    expect(hostedPrivate.status).toBe(201);
    const event = await t
      .http()
      .post(`/api/groups/${hosted.body.slug}/events`)
      .set(admin.auth)
      .send({ title: 'Ask the asthma nurse', description: 'Spacers and sport.', ...eventTimes(t, 60, 120), hostIds: [admin.user.id] });
    expect(event.status, JSON.stringify(event.body)).toBe(201);
    await t
      .http()
      .post(`/api/groups/${hostedPrivate.body.slug}/events`)
      .set(admin.auth)
      .send({ title: 'Private parents evening', description: '', ...eventTimes(t, 60, 120), hostIds: [admin.user.id] })
      .expect(201);

    const res = await t.http().get(`/api/organizations/${org.slug}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['cache-control'] ?? '').not.toContain('no-store');
    const page = res.body as OrganizationPage;
    expect(page.organization).toMatchObject({ slug: org.slug, myRole: null, verified: false });
    expect(page.groups.map((g) => g.slug).sort()).toEqual([hosted.body.slug, hostedPrivate.body.slug].sort());
    expect(page.groups.map((g) => g.slug)).not.toContain(open.slug);
    expect(page.groups.every((g) => g.myMembership === null && g.organization?.slug === org.slug)).toBe(true);
    // Only the public group's event: a private group's events are its members' business.
    expect(page.events.map((e) => e.title)).toEqual(['Ask the asthma nurse']);

    const signedIn = await t.http().get(`/api/organizations/${org.slug}`).set(admin.auth);
    expect(signedIn.body.organization.myRole).toBe('admin');
    expect(signedIn.body.groups.every((g: Group) => g.myMembership?.role === 'owner')).toBe(true);
    expect(signedIn.headers['cache-control']).toContain('no-store');
    expectError(await t.http().get('/api/organizations/no-such-org'), 404, 'NOT_FOUND');
    // A bad token is refused, not taken for signed out.
    expectError(await t.http().get(`/api/organizations/${org.slug}`).set({ Authorization: 'Bearer nonsense' }), 401, 'UNAUTHORIZED');
  });

  it('lists by name, searches words (accents folded), and filters verified ones, signed out', async () => {
    const word = uniqueSuffix().replace(/[^a-z0-9]/g, '');
    const cafe = await createOrganization(t, admin, { name: `Café Santé ${word}` });
    const other = await createOrganization(t, admin, { name: `Other Santé ${word}` });
    await verifyOrganization(t, siteAdmin, other);
    const found = await t.http().get('/api/organizations').query({ q: `cafe ${word}` });
    expect(found.status).toBe(200);
    expect(found.body.items.map((o: Organization) => o.slug)).toEqual([cafe.slug]);
    const verified = await t.http().get('/api/organizations').query({ q: word, verified: 'true' });
    expect(verified.body.items.map((o: Organization) => o.slug)).toEqual([other.slug]);
    const both = await t.http().get('/api/organizations').query({ q: `sante ${word}`, limit: 1 });
    expect(both.body.items).toHaveLength(1);
    const next = await t.http().get('/api/organizations').query({ q: `sante ${word}`, limit: 1, cursor: both.body.nextCursor });
    expect([...both.body.items, ...next.body.items].map((o: Organization) => o.slug)).toEqual([cafe.slug, other.slug]);
    expect(next.body.nextCursor).toBeNull();
    expectError(await t.http().get('/api/organizations').query({ cursor: 'garbage' }), 400, 'VALIDATION_ERROR');
  });
});

describe('editing', () => {
  it('lets its admins edit; others get 403, signed out 401', async () => {
    const org = await createOrganization(t, admin, { website: 'https://old.example' });
    const staffer = await registerUser(t);
    await addStaff(t, admin, org, staffer);
    const res = await t.http().patch(`/api/organizations/${org.slug}`).set(admin.auth).send({ description: 'New words.', website: null, location: 'Montréal, QC' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ description: 'New words.', website: null, location: 'Montréal, QC', slug: org.slug });
    expectError(await t.http().patch(`/api/organizations/${org.slug}`).set(staffer.auth).send({ description: 'Mine now' }), 403, 'FORBIDDEN');
    expectError(await t.http().patch(`/api/organizations/${org.slug}`).set(outsider.auth).send({ description: 'Mine now' }), 403, 'FORBIDDEN');
    expectError(await t.http().patch(`/api/organizations/${org.slug}`).send({ description: 'Mine now' }), 401, 'UNAUTHORIZED');
    expectError(await t.http().patch('/api/organizations/no-such-org').set(admin.auth).send({ description: 'x' }), 404, 'NOT_FOUND');
    // Site admins can do what an organization admin can.
    expect((await t.http().patch(`/api/organizations/${org.slug}`).set(siteAdmin.auth).send({ name: 'Renamed Clinic' })).body.name).toBe('Renamed Clinic');
  });
});

describe('verification', () => {
  it('is for site admins; the badge shows on the page, on affiliations and on hosted groups, and goes away again', async () => {
    const org = await createOrganization(t, admin, { title: 'Director' });
    const group = (
      await t
        .http()
        .post('/api/groups')
        .set(admin.auth)
        .send({ name: `Verified host ${uniqueSuffix()}`, conditionSlug: 'asthma', description: 'Hosted.', visibility: 'public', organizationSlug: org.slug })
    ).body as Group;
    // Unverified: never a badge, anywhere.
    expect(group.organization).toEqual({ slug: org.slug, name: org.name, verified: false });
    const before = await t.http().get(`/api/users/${admin.user.id}`).set(outsider.auth);
    expect(before.body.affiliations).toContainEqual({ orgSlug: org.slug, orgName: org.name, title: 'Director', verified: false });

    expectError(await t.http().post(`/api/admin/organizations/${org.slug}/verify`).set(admin.auth), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/admin/organizations/${org.slug}/verify`), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/admin/organizations/no-such-org/verify').set(siteAdmin.auth), 404, 'NOT_FOUND');
    const verified = await verifyOrganization(t, siteAdmin, org);
    expect(verified.verified).toBe(true);
    expect(Date.parse(verified.verifiedAt!)).not.toBeNaN();

    const after = await t.http().get(`/api/users/${admin.user.id}`).set(outsider.auth);
    expect(after.body.affiliations).toContainEqual({ orgSlug: org.slug, orgName: org.name, title: 'Director', verified: true });
    expect((await t.http().get(`/api/groups/${group.slug}`)).body.organization.verified).toBe(true);
    expect((await t.http().get(`/api/organizations/${org.slug}`)).body.organization.verified).toBe(true);

    const log = await t.http().get('/api/admin/audit-log').set(siteAdmin.auth);
    expect(log.status).toBe(200);
    expect(log.body.items.some((e: { action: string; targetId: string }) => e.action === 'organization_verify' && e.targetId === org.id)).toBe(true);

    const undone = await t.http().delete(`/api/admin/organizations/${org.slug}/verify`).set(siteAdmin.auth);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ verified: false, verifiedAt: null });
    expect((await t.http().get(`/api/users/${admin.user.id}`).set(outsider.auth)).body.affiliations).toContainEqual(
      expect.objectContaining({ orgSlug: org.slug, verified: false }),
    );
  });
});

describe('hosted groups', () => {
  it('only accepted staff host a group; search filters by organization', async () => {
    const org = await createOrganization(t, admin);
    const staffer = await registerUser(t);
    const invited = await registerUser(t);
    await addStaff(t, admin, org, staffer, 'Social worker');
    await inviteStaff(t, admin, org, { userId: invited.user.id });
    const body = (name: string) => ({ name, conditionSlug: 'lupus', description: 'Hosted by the clinic.', visibility: 'public', organizationSlug: org.slug });

    const made = await t.http().post('/api/groups').set(staffer.auth).send(body(`Clinic lupus ${uniqueSuffix()}`));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.organization).toEqual({ slug: org.slug, name: org.name, verified: false });
    expect(made.body.myMembership.role).toBe('owner');

    expectError(await t.http().post('/api/groups').set(outsider.auth).send(body(`Not mine ${uniqueSuffix()}`)), 403, 'FORBIDDEN');
    // A pending invitation gives no power.
    expectError(await t.http().post('/api/groups').set(invited.auth).send(body(`Not yet ${uniqueSuffix()}`)), 403, 'FORBIDDEN');
    const unknown = await t.http().post('/api/groups').set(staffer.auth).send({ ...body(`Ghost ${uniqueSuffix()}`), organizationSlug: 'no-such-org' });
    expectError(unknown, 400, 'VALIDATION_ERROR');
    expect(unknown.body.details[0].field).toBe('body.organizationSlug');
    // A peer-run group has no host.
    expect((await createGroup(t, outsider)).organization).toBeNull();

    const listed = await t.http().get('/api/groups').query({ organization: org.slug });
    expect(listed.body.items.map((g: Group) => g.slug)).toEqual([made.body.slug]);
    const searched = await t.http().get('/api/groups').query({ organization: org.slug, q: 'clinic lupus' }).set(outsider.auth);
    expect(searched.body.items.map((g: Group) => g.slug)).toEqual([made.body.slug]);
    expect((await t.http().get('/api/groups').query({ organization: 'no-such-org' })).body.items).toEqual([]);
  });
});

describe('the signed-out surface of groups', () => {
  it('answers group lists and group cards signed out, never content or members', async () => {
    const owner = await registerUser(t);
    const group = await createGroup(t, owner, { visibility: 'private', name: `Quiet room ${uniqueSuffix()}` });
    const member = await registerUser(t);
    await joinGroup(t, member, group, owner);

    const card = await t.http().get(`/api/groups/${group.slug}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ slug: group.slug, memberCount: 2, myMembership: null, organization: null });
    const list = await t.http().get('/api/groups').query({ q: group.name });
    expect(list.status).toBe(200);
    expect(list.body.items.map((g: Group) => g.slug)).toEqual([group.slug]);
    expect(list.body.items[0].myMembership).toBeNull();

    for (const path of ['members', 'messages', 'questions', 'events', 'requests', 'invites']) {
      expectError(await t.http().get(`/api/groups/${group.slug}/${path}`), 401, 'UNAUTHORIZED');
    }
    expectError(await t.http().post(`/api/groups/${group.slug}/join`), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/groups/no-such-group'), 404, 'NOT_FOUND');
  });
});
