/**
 * Staff of an organization: invitations by account and by address (which never tell whether an
 * account exists), the staff_invite notification, accept / decline, removal and leaving, the last
 * admin, and who may do each.
 */
import type { Notification, OrganizationPage, StaffInvitation } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError } from '../helpers/chat.js';
import { makeAdmin, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { connected, nextEvent } from '../helpers/sockets.js';
import { addStaff, createOrganization, inviteStaff } from '../helpers/organizations.js';

let t: TestApp;
let admin: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  admin = await registerUser(t, { displayName: 'Org Admin' });
  outsider = await registerUser(t);
});
afterAll(() => t?.close());

const page = async (slug: string) => (await t.http().get(`/api/organizations/${slug}`)).body as OrganizationPage;
const myInvitations = async (user: TestUser) => {
  const res = await t.http().get('/api/me/staff-invitations').set(user.auth);
  expect(res.status).toBe(200);
  return res.body.items as StaffInvitation[];
};
const notifications = async (user: TestUser) => (await t.http().get('/api/notifications').set(user.auth)).body.items as Notification[];

describe('inviting by account', () => {
  it('notifies the person live; they appear only once they accept', async () => {
    const org = await createOrganization(t, admin, { name: `Staffed Hospital ${uniqueSuffix()}` });
    const nurse = await registerUser(t, { displayName: 'Nia Nurse' });
    const socket = await connected(t, nurse.token);
    const live = nextEvent(socket, 'notification:new');
    const invitation = await inviteStaff(t, admin, org, { userId: nurse.user.id }, 'Nurse educator');
    expect(invitation).toMatchObject({
      organization: { slug: org.slug, name: org.name, verified: false },
      user: { id: nurse.user.id, displayName: 'Nia Nurse' },
      email: null,
      title: 'Nurse educator',
      role: 'staff',
      status: 'pending',
      invitedBy: { id: admin.user.id },
    });
    const pushed = (await live).notification as Notification;
    expect(pushed).toMatchObject({ type: 'staff_invite', data: { orgSlug: org.slug, orgName: org.name, title: 'Nurse educator', by: { id: admin.user.id, displayName: 'Org Admin' } } });
    socket.disconnect();
    expect((await notifications(nurse)).map((n) => n.type)).toContain('staff_invite');

    // Pending: not on the page, no affiliation, listed for the admins and for the person.
    expect((await page(org.slug)).organization.staff.map((s) => s.user.id)).not.toContain(nurse.user.id);
    expect((await t.http().get(`/api/users/${nurse.user.id}`).set(outsider.auth)).body.affiliations).toEqual([]);
    const pending = await t.http().get(`/api/organizations/${org.slug}/staff`).query({ status: 'pending' }).set(admin.auth);
    expect(pending.body.items.map((i: StaffInvitation) => i.user?.id)).toEqual([nurse.user.id]);
    expect((await myInvitations(nurse)).map((i) => i.organization.slug)).toEqual([org.slug]);

    const accepted = await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(nurse.auth);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.myRole).toBe('staff');
    expect((await page(org.slug)).organization.staff).toContainEqual({
      user: expect.objectContaining({ id: nurse.user.id, affiliations: [{ orgSlug: org.slug, orgName: org.name, title: 'Nurse educator', verified: false }] }),
      title: 'Nurse educator',
      role: 'staff',
    });
    expect(await myInvitations(nurse)).toEqual([]);
    expect((await t.http().get(`/api/organizations/${org.slug}/staff`).set(admin.auth)).body.items).toEqual([]);
    // Accepting twice: there is nothing left to accept.
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(nurse.auth), 404, 'NOT_FOUND');
  });

  it('inviting again updates the pending invitation; inviting accepted staff is a conflict', async () => {
    const org = await createOrganization(t, admin);
    const person = await registerUser(t);
    await inviteStaff(t, admin, org, { userId: person.user.id }, 'Volunteer');
    await inviteStaff(t, admin, org, { userId: person.user.id }, 'Peer supporter', 'admin');
    const pending = (await t.http().get(`/api/organizations/${org.slug}/staff`).set(admin.auth)).body.items as StaffInvitation[];
    expect(pending.map((i) => [i.title, i.role])).toEqual([['Peer supporter', 'admin']]);
    await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(person.auth).expect(200);
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ userId: person.user.id, title: 'Again', role: 'staff' }), 409, 'CONFLICT');
    // The new admin may invite too.
    await inviteStaff(t, person, org, { userId: outsider.user.id });
  });

  it('declining removes the invitation and nothing shows', async () => {
    const org = await createOrganization(t, admin);
    const person = await registerUser(t);
    await inviteStaff(t, admin, org, { userId: person.user.id });
    const declined = await t.http().post(`/api/organizations/${org.slug}/staff/decline`).set(person.auth);
    expect(declined.status).toBe(200);
    expect(declined.body.myRole).toBeNull();
    expect(await myInvitations(person)).toEqual([]);
    expect((await t.http().get(`/api/organizations/${org.slug}/staff`).set(admin.auth)).body.items).toEqual([]);
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff/decline`).set(person.auth), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(outsider.auth), 404, 'NOT_FOUND');
  });

  it('refuses non-admins, unknown people, bad bodies and signed-out callers', async () => {
    const org = await createOrganization(t, admin);
    const staffer = await registerUser(t);
    await addStaff(t, admin, org, staffer);
    const body = { userId: outsider.user.id, title: 'Helper', role: 'staff' };
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(staffer.auth).send(body), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(outsider.auth).send(body), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).send(body), 401, 'UNAUTHORIZED');
    expectError(await t.http().get(`/api/organizations/${org.slug}/staff`).set(staffer.auth), 403, 'FORBIDDEN');
    expectError(await t.http().get(`/api/organizations/${org.slug}/staff`), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/me/staff-invitations'), 401, 'UNAUTHORIZED');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ ...body, userId: '00000000-0000-0000-0000-000000000000' }), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ ...body, userId: 'not-a-uuid' }), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ title: 'Helper', role: 'staff' }), 400, 'VALIDATION_ERROR');
    expectError(
      await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ ...body, email: 'both@example.test' }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ ...body, role: 'owner' }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ ...body, title: 'x' }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post('/api/organizations/no-such-org/staff').set(admin.auth).send(body), 404, 'NOT_FOUND');
  });
});

describe('inviting by address', () => {
  it('answers the same whether or not an account has the address, and waits for it to sign up', async () => {
    const org = await createOrganization(t, admin);
    const existing = await registerUser(t);
    const newcomerEmail = `newcomer-${uniqueSuffix()}@example.test`;
    const forExisting = await inviteStaff(t, admin, org, { email: existing.email.toUpperCase() }, 'Dietitian');
    const forNewcomer = await inviteStaff(t, admin, org, { email: newcomerEmail }, 'Dietitian');
    const shape = (i: StaffInvitation) => ({ ...i, id: 'x', email: 'x', createdAt: 'x' });
    expect(shape(forExisting)).toEqual(shape(forNewcomer));
    expect(forExisting).toMatchObject({ user: null, email: existing.email, status: 'pending' });
    const pending = (await t.http().get(`/api/organizations/${org.slug}/staff`).set(admin.auth)).body.items as StaffInvitation[];
    expect(pending.every((i) => i.user === null)).toBe(true);

    // The account holder sees it (and was notified); the newcomer sees it once signed up.
    expect((await myInvitations(existing)).map((i) => i.id)).toEqual([forExisting.id]);
    expect((await notifications(existing)).some((n) => n.type === 'staff_invite')).toBe(true);
    const newcomer = await registerUser(t, { email: newcomerEmail });
    expect((await myInvitations(newcomer)).map((i) => [i.id, i.title])).toEqual([[forNewcomer.id, 'Dietitian']]);
    await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(newcomer.auth).expect(200);
    expect((await page(org.slug)).organization.staff.map((s) => s.user.id)).toContain(newcomer.user.id);
    expect(JSON.stringify(await page(org.slug))).not.toContain(newcomerEmail);
    // Someone else cannot take it.
    expectError(await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(outsider.auth), 404, 'NOT_FOUND');
  });

  it('emails an address that has no account (by a job), never one that has', async () => {
    const org = await createOrganization(t, admin, { name: `Mailing Clinic ${uniqueSuffix()}` });
    const stranger = `stranger-${uniqueSuffix()}@example.test`;
    const existing = await registerUser(t);
    await inviteStaff(t, admin, org, { email: stranger }, 'Dietitian');
    await inviteStaff(t, admin, org, { email: existing.email }, 'Dietitian');
    const outbox = t.app.deps.mailer.outbox!;
    const before = outbox.length;
    await t.app.deps.jobs.runDue();
    const toStranger = outbox.slice(before).filter((m) => m.to === stranger);
    expect(toStranger).toHaveLength(1);
    expect(toStranger[0]!.subject).toContain(org.name);
    expect(toStranger[0]!.text).toContain('“Dietitian”');
    expect(toStranger[0]!.text).toContain('http://localhost:3000/register');
    // The account holder hears through the notification (and its own email path), not this job.
    expect(outbox.slice(before).filter((m) => m.to === existing.email && m.subject.includes('join its staff'))).toEqual([]);
  });

  it('an admin withdraws an invitation by address; accepting both kinds at once leaves one row', async () => {
    const org = await createOrganization(t, admin);
    const email = `maybe-${uniqueSuffix()}@example.test`;
    const invitation = await inviteStaff(t, admin, org, { email });
    expectError(await t.http().delete(`/api/organizations/${org.slug}/staff-invitations/${invitation.id}`).set(outsider.auth), 403, 'FORBIDDEN');
    await t.http().delete(`/api/organizations/${org.slug}/staff-invitations/${invitation.id}`).set(admin.auth).expect(204);
    expectError(await t.http().delete(`/api/organizations/${org.slug}/staff-invitations/${invitation.id}`).set(admin.auth), 404, 'NOT_FOUND');

    const person = await registerUser(t);
    await inviteStaff(t, admin, org, { email: person.email }, 'By address');
    await inviteStaff(t, admin, org, { userId: person.user.id }, 'By account');
    expect(await myInvitations(person)).toHaveLength(2);
    await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(person.auth).expect(200);
    expect(await myInvitations(person)).toEqual([]);
    const mine = (await page(org.slug)).organization.staff.filter((s) => s.user.id === person.user.id);
    expect(mine.map((s) => s.title)).toEqual(['By account']);
  });
});

describe('removal and leaving', () => {
  it('removal ends the affiliation at once; staff may leave; the last admin may not', async () => {
    const org = await createOrganization(t, admin);
    const [a, b] = [await registerUser(t), await registerUser(t)];
    await addStaff(t, admin, org, a);
    await addStaff(t, admin, org, b);
    expect((await t.http().get(`/api/users/${a.user.id}`).set(outsider.auth)).body.affiliations).toHaveLength(1);

    expectError(await t.http().delete(`/api/organizations/${org.slug}/staff/${a.user.id}`).set(b.auth), 403, 'FORBIDDEN');
    expectError(await t.http().delete(`/api/organizations/${org.slug}/staff/${a.user.id}`), 401, 'UNAUTHORIZED');
    await t.http().delete(`/api/organizations/${org.slug}/staff/${a.user.id}`).set(admin.auth).expect(204);
    expect((await t.http().get(`/api/users/${a.user.id}`).set(outsider.auth)).body.affiliations).toEqual([]);
    expect((await page(org.slug)).organization.staff.map((s) => s.user.id)).not.toContain(a.user.id);
    expectError(await t.http().delete(`/api/organizations/${org.slug}/staff/${a.user.id}`).set(admin.auth), 404, 'NOT_FOUND');

    await t.http().delete(`/api/organizations/${org.slug}/staff/${b.user.id}`).set(b.auth).expect(204);
    expect((await page(org.slug)).organization.staff.map((s) => s.user.id)).toEqual([admin.user.id]);

    expectError(await t.http().delete(`/api/organizations/${org.slug}/staff/${admin.user.id}`).set(admin.auth), 409, 'CONFLICT');
    // With a second admin, the first may leave.
    const second = await registerUser(t);
    await addStaff(t, admin, org, second, 'Co-director', 'admin');
    await t.http().delete(`/api/organizations/${org.slug}/staff/${admin.user.id}`).set(admin.auth).expect(204);
    expect((await page(org.slug)).organization.staff.map((s) => [s.user.id, s.role])).toEqual([[second.user.id, 'admin']]);
  });

  it('an admin withdraws a pending invitation by account with the same route', async () => {
    const org = await createOrganization(t, admin);
    const person = await registerUser(t);
    await inviteStaff(t, admin, org, { userId: person.user.id });
    await t.http().delete(`/api/organizations/${org.slug}/staff/${person.user.id}`).set(admin.auth).expect(204);
    expect(await myInvitations(person)).toEqual([]);
  });

  it('a site admin manages any organization', async () => {
    const siteAdmin = await makeAdmin(t, await registerUser(t));
    const org = await createOrganization(t, admin);
    const person = await registerUser(t);
    await inviteStaff(t, siteAdmin, org, { userId: person.user.id });
    expect((await t.http().get(`/api/organizations/${org.slug}/staff`).set(siteAdmin.auth)).body.items).toHaveLength(1);
  });
});
