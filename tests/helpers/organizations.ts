/** Organization helpers: create one, invite staff and have them accept, through the public API. */
import type { Organization, StaffInvitation } from '@circles/shared';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { uniqueSuffix, type TestUser } from './factories.js';

export async function createOrganization(
  t: TestApp,
  admin: TestUser,
  overrides: Partial<{ name: string; kind: string; description: string; website: string; location: string; title: string }> = {},
): Promise<Organization> {
  const res = await t
    .http()
    .post('/api/organizations')
    .set(admin.auth)
    .send({
      name: overrides.name ?? `Riverside Clinic ${uniqueSuffix()}`,
      kind: overrides.kind ?? 'clinic',
      description: overrides.description ?? 'A community clinic by the river.',
      ...(overrides.website ? { website: overrides.website } : {}),
      ...(overrides.location ? { location: overrides.location } : {}),
      ...(overrides.title ? { title: overrides.title } : {}),
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Organization;
}

export async function inviteStaff(
  t: TestApp,
  admin: TestUser,
  org: Pick<Organization, 'slug'>,
  who: { userId: string } | { email: string },
  title = 'Nurse educator',
  role: 'admin' | 'staff' = 'staff',
): Promise<StaffInvitation> {
  const res = await t.http().post(`/api/organizations/${org.slug}/staff`).set(admin.auth).send({ ...who, title, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as StaffInvitation;
}

/** Invites `user` and has them accept: an accepted staff member. */
export async function addStaff(
  t: TestApp,
  admin: TestUser,
  org: Pick<Organization, 'slug'>,
  user: TestUser,
  title = 'Nurse educator',
  role: 'admin' | 'staff' = 'staff',
): Promise<void> {
  await inviteStaff(t, admin, org, { userId: user.user.id }, title, role);
  const res = await t.http().post(`/api/organizations/${org.slug}/staff/accept`).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function verifyOrganization(t: TestApp, siteAdmin: TestUser, org: Pick<Organization, 'slug'>): Promise<Organization> {
  const res = await t.http().post(`/api/admin/organizations/${org.slug}/verify`).set(siteAdmin.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Organization;
}
