/** Helpers for the questions suites: a cast of people around a public and a private group, and Q&A factories. */
import type { Answer, Group, Question } from '@circles/shared';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { questions } from '../../server/src/db/schema.js';
import type { TestApp } from './app.js';
import { createGroup, joinGroup, makeAdmin, makeClinician, registerUser, setRole, uniqueSuffix, type TestUser } from './factories.js';

export const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
};

/**
 * owner / moderator / member / asker belong to both groups; outsider to none; admin is a site
 * admin in neither; clinician is a verified clinician in neither; memberClinician is a verified
 * clinician and a member of the private group; expiredClinician's credential has lapsed.
 */
export interface Cast {
  owner: TestUser;
  moderator: TestUser;
  member: TestUser;
  asker: TestUser;
  outsider: TestUser;
  admin: TestUser;
  clinician: TestUser;
  memberClinician: TestUser;
  expiredClinician: TestUser;
  pub: Group;
  priv: Group;
}

export async function makeCast(t: TestApp): Promise<Cast> {
  const [owner, moderator, member, asker, outsider, adminUser, clinicianUser, memberClinicianUser, expiredUser] = await Promise.all(
    ['Olive Owner', 'Mo Moderator', 'Mel Member', 'Asa Asker', 'Otto Outsider', 'Ada Admin', 'Dr Clara', 'Dr Priya', 'Dr Lapsed'].map(
      (name) => registerUser(t, { displayName: `${name} ${uniqueSuffix()}`.slice(0, 40) }),
    ),
  );
  const pub = await createGroup(t, owner!, { visibility: 'public', name: `Public ${uniqueSuffix()}` });
  const priv = await createGroup(t, owner!, { visibility: 'private', name: `Private ${uniqueSuffix()}` });
  for (const g of [pub, priv]) {
    for (const u of [moderator!, member!, asker!]) await joinGroup(t, u, g, owner);
    await setRole(t, owner!, g, moderator!, 'moderator');
  }
  const admin = await makeAdmin(t, adminUser!);
  const clinician = await makeClinician(t, clinicianUser!);
  const memberClinician = await makeClinician(t, memberClinicianUser!);
  await joinGroup(t, memberClinician, priv, owner);
  const expiredClinician = await makeClinician(t, expiredUser!, { expiresAt: new Date(Date.now() - 86_400_000) });
  return { owner: owner!, moderator: moderator!, member: member!, asker: asker!, outsider: outsider!, admin, clinician, memberClinician, expiredClinician, pub, priv };
}

let titleCounter = 0;

export async function ask(
  t: TestApp,
  user: TestUser,
  group: Group,
  overrides: Partial<{ title: string; body: string; anonymous: boolean }> = {},
): Promise<Question> {
  const res = await t
    .http()
    .post(`/api/groups/${group.slug}/questions`)
    .set(user.auth)
    .send({
      title: overrides.title ?? `How do you manage question number ${++titleCounter}?`,
      body: overrides.body ?? 'I would love to hear what has worked for others.',
      ...(overrides.anonymous !== undefined ? { anonymous: overrides.anonymous } : {}),
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Question;
}

export async function answer(t: TestApp, user: TestUser, questionId: string, body = 'Here is what helped me.'): Promise<Answer> {
  const res = await t.http().post(`/api/questions/${questionId}/answers`).set(user.auth).send({ body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Answer;
}

export async function pin(t: TestApp, moderator: TestUser, questionId: string): Promise<Question> {
  const res = await t.http().post(`/api/questions/${questionId}/pin`).set(moderator.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Question;
}

export async function vote(t: TestApp, user: TestUser, answerId: string): Promise<void> {
  const res = await t.http().put(`/api/answers/${answerId}/helpful`).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Backdates a question so that ordering by age is deterministic. */
export async function backdate(t: TestApp, questionId: string, minutesAgo: number): Promise<void> {
  await t.app.deps.db
    .update(questions)
    .set({ createdAt: new Date(Date.now() - minutesAgo * 60_000) })
    .where(eq(questions.id, questionId));
}
