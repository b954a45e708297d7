/** The demo content's organizations: two verified ones with staff, hosted groups and a live invite, all visible signed out. */
import type { Group, Organization, OrganizationPage } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_SLUGS } from '../../server/src/demo/groups.js';
import { DEMO_ORGANIZATIONS } from '../../server/src/demo/organizations.js';
import { seedDemo } from '../../server/src/demo/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/demo/users.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let inviteCode: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ inviteCode } = await seedDemo(t.app.deps));
});
afterAll(() => t?.close());

describe('demo organizations', () => {
  it('shows a verified children’s hospital and a verified patient association on the front door, signed out', async () => {
    const res = await t.http().get('/api/organizations').query({ verified: 'true' });
    expect(res.status).toBe(200);
    const byKind = Object.fromEntries((res.body.items as Organization[]).map((o) => [o.slug, o.kind]));
    expect(byKind).toEqual({ [DEMO_ORGANIZATIONS.hospital]: 'hospital', [DEMO_ORGANIZATIONS.association]: 'patient-association' });
  });

  it('gives each staff with titles and hosted groups; staff carry the affiliation beside their name', async () => {
    const hospital = (await t.http().get(`/api/organizations/${DEMO_ORGANIZATIONS.hospital}`)).body as OrganizationPage;
    expect(hospital.organization.staff.map((s) => [s.user.displayName, s.title])).toEqual([
      [DEMO_USERS.nurse.displayName, 'Respiratory nurse educator'],
      [DEMO_USERS.clinician.displayName, 'Pediatric endocrinologist'],
    ]);
    expect(hospital.groups.map((g) => g.slug).sort()).toEqual([DEMO_GROUP_SLUGS.asthma, DEMO_GROUP_SLUGS.type1Parents].sort());
    const association = (await t.http().get(`/api/organizations/${DEMO_ORGANIZATIONS.association}`)).body as OrganizationPage;
    expect(association.groups.map((g) => g.slug)).toEqual([DEMO_GROUP_SLUGS.crohns]);
    const doctor = hospital.organization.staff.find((s) => s.user.displayName === DEMO_USERS.clinician.displayName)!.user;
    // A clinician badge and an affiliation side by side.
    expect(doctor.clinician).not.toBeNull();
    expect(doctor.affiliations).toEqual([expect.objectContaining({ orgSlug: DEMO_ORGANIZATIONS.hospital, verified: true })]);
  });

  it('has a live invite to the private parents’ group that a newcomer can open and use', async () => {
    const card = await t.http().get(`/api/invites/${inviteCode}`);
    expect(card.status).toBe(200);
    expect((card.body.group as Group).slug).toBe(DEMO_GROUP_SLUGS.type1Parents);
    expect(card.body.group.organization).toMatchObject({ slug: DEMO_ORGANIZATIONS.hospital, verified: true });
    const joined = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'newcomer@example.test', password: DEMO_PASSWORD, displayName: 'Newcomer', inviteCode });
    expect(joined.body.invite).toEqual({ joined: true, groupSlug: DEMO_GROUP_SLUGS.type1Parents });
  });
});
