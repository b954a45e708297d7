/**
 * Demo organizations: a children's hospital and a patient association (both fictional), verified by
 * the demo site admin, with staff who accepted their invitations, the groups they host, and a live
 * invite link to a private group — so a newcomer sees organizations, affiliations and invitations at
 * once. Made through the same service functions the API uses.
 */
import { eq, inArray } from 'drizzle-orm';
import { groups } from '../db/schema.js';
import type { Actor, Deps } from '../deps.js';
import { createInvite } from '../modules/invites/service.js';
import { createOrganization, setOrganizationVerified } from '../modules/organizations/service.js';
import { acceptStaffInvitation, inviteStaff } from '../modules/organizations/staff.js';
import { DEMO_GROUP_SLUGS } from './groups.js';
import type { DemoUserIds, DemoUserKey } from './users.js';

export const DEMO_ORGANIZATIONS = {
  hospital: 'riverside-childrens-hospital',
  association: 'prairie-crohns-and-colitis-association',
} as const;

/** Seeds the organizations; returns the code of the live invite link (printed at the first start). */
export async function seedDemoOrganizations(deps: Deps, users: DemoUserIds): Promise<{ inviteCode: string }> {
  const actor = (key: DemoUserKey, isAdmin = false): Actor => ({ userId: users[key], sessionId: 'demo-seed', isAdmin });

  const hospital = await createOrganization(
    actor('nurse'),
    {
      name: 'Riverside Children’s Hospital',
      kind: 'hospital',
      description:
        'A children’s hospital on the river, caring for kids and teens from newborns to 18. Our diabetes and asthma clinics host circles here so families can meet each other between appointments — and hear from the nurses and doctors who know them.',
      website: 'https://riverside-childrens.example',
      location: 'Ottawa, ON',
      title: 'Respiratory nurse educator',
    },
    deps,
  );
  await inviteStaff(actor('nurse'), hospital.slug, { userId: users.clinician, title: 'Pediatric endocrinologist', role: 'staff' }, deps);
  await acceptStaffInvitation(actor('clinician'), hospital.slug, deps);

  const association = await createOrganization(
    actor('sofia'),
    {
      name: 'Prairie Crohn’s and Colitis Association',
      kind: 'patient-association',
      description:
        'Run by and for people living with Crohn’s disease and ulcerative colitis across the prairies: peer support, practical guides for school and work, and a voice with health services.',
      website: 'https://prairie-ibd.example',
      location: 'Winnipeg, MB',
      title: 'Community manager',
    },
    deps,
  );
  await inviteStaff(actor('sofia'), association.slug, { userId: users.grace, title: 'Peer support volunteer', role: 'staff' }, deps);
  await acceptStaffInvitation(actor('grace'), association.slug, deps);

  for (const slug of [hospital.slug, association.slug]) await setOrganizationVerified(actor('admin', true), slug, true, deps);

  // The groups they host (created by their staff in the story; attached here for the seed).
  await deps.db
    .update(groups)
    .set({ organizationId: hospital.id })
    .where(inArray(groups.slug, [DEMO_GROUP_SLUGS.type1Parents, DEMO_GROUP_SLUGS.asthma]));
  await deps.db.update(groups).set({ organizationId: association.id }).where(eq(groups.slug, DEMO_GROUP_SLUGS.crohns));

  // A live invite to the private parents' group, as the clinic would print it for its waiting room.
  const invite = await createInvite(
    actor('liam'),
    DEMO_GROUP_SLUGS.type1Parents,
    { note: 'Diabetes clinic waiting room poster', expiresAt: new Date(deps.clock.now().getTime() + 90 * 86_400_000).toISOString() },
    deps,
  );
  return { inviteCode: invite.code };
}
