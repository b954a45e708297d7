/**
 * Demo content for the first start on an empty database: people, groups, conversations, questions and live events,
 * so a newcomer sees at once what Circles is for. Runs only when SEED_DEMO is on and there are no users.
 */
import { sql } from 'drizzle-orm';
import { clinicianCredentials, users } from '../db/schema.js';
import type { Deps } from '../deps.js';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserIds, type DemoUserKey } from './users.js';
import { seedDemoGroups } from './groups.js';
import { seedDemoConversations } from './conversations.js';
import { seedDemoQuestions } from './questions.js';
import { seedDemoEvents } from './events.js';
import { seedDemoOrganizations } from './organizations.js';

export async function isDatabaseEmpty(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ count: sql<number>`count(*)::int` }).from(users);
  return (row?.count ?? 0) === 0;
}

/** Seeds everything; returns the demo invite link's code (printed at the first start). */
export async function seedDemo(deps: Deps): Promise<{ inviteCode: string }> {
  const passwordHash = await deps.passwords.hash(DEMO_PASSWORD);
  const ids = {} as DemoUserIds;
  for (const [key, person] of Object.entries(DEMO_USERS) as Array<[DemoUserKey, (typeof DEMO_USERS)[DemoUserKey]]>) {
    const [row] = await deps.db
      .insert(users)
      .values({ email: person.email, passwordHash, displayName: person.displayName, bio: person.bio, isAdmin: person.isAdmin })
      .returning({ id: users.id });
    ids[key] = row!.id;
  }
  const now = Date.now();
  await deps.db.insert(clinicianCredentials).values([
    {
      userId: ids.clinician,
      specialty: 'Endocrinology',
      jurisdiction: 'Ontario, CA',
      verifiedAt: new Date(now - 30 * 86_400_000),
      expiresAt: new Date(now + 335 * 86_400_000),
    },
    {
      userId: ids.nurse,
      specialty: 'Respiratory nursing',
      jurisdiction: 'British Columbia, CA',
      verifiedAt: new Date(now - 60 * 86_400_000),
      expiresAt: new Date(now + 305 * 86_400_000),
    },
  ]);
  const groupIds = await seedDemoGroups(deps, ids);
  await seedDemoConversations(deps, ids, groupIds);
  await seedDemoQuestions(deps, ids, groupIds);
  await seedDemoEvents(deps, ids);
  return seedDemoOrganizations(deps, ids);
}
