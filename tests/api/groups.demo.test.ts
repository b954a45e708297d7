/** The demo content's groups: what a newcomer sees on the first start. */
import type { Group } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_SLUGS } from '../../server/src/demo/groups.js';
import { seedDemo } from '../../server/src/demo/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/demo/users.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.app.deps);
});
afterAll(() => t?.close());

async function signIn(key: keyof typeof DEMO_USERS) {
  const res = await t.http().post('/api/auth/login').send({ email: DEMO_USERS[key].email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}

describe('demo groups', () => {
  it('offers a dozen groups across conditions, public and private, with members', async () => {
    const auth = await signIn('tom');
    const res = await t.http().get('/api/groups').query({ limit: 100 }).set(auth);
    const items = res.body.items as Group[];
    expect(items.map((g) => g.slug).sort()).toEqual(Object.values(DEMO_GROUP_SLUGS).sort());
    expect(new Set(items.map((g) => g.condition.slug)).size).toBeGreaterThanOrEqual(11);
    expect(items.some((g) => g.visibility === 'private')).toBe(true);
    expect(items.every((g) => g.memberCount >= 3 && g.rules.length > 0 && g.description.length > 80)).toBe(true);
    expect(new Date(items.at(-1)!.createdAt).getTime()).toBeLessThan(Date.now() - 30 * 86_400_000);
  });

  it('has moderators and pending requests to act on', async () => {
    const omar = await signIn('omar');
    const requests = await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.dementia}/requests`).set(omar);
    expect(requests.body.items.map((r: { user: { displayName: string } }) => r.user.displayName)).toEqual([DEMO_USERS.tom.displayName]);
    const members = await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.asthma}/members`).set(omar);
    expect(members.body.items.find((m: { role: string }) => m.role === 'moderator').user.displayName).toBe(DEMO_USERS.nurse.displayName);
  });

  it('puts the demo clinicians in the diabetes and asthma groups', async () => {
    const doctor = await (await t.http().get('/api/me/groups').set(await signIn('clinician'))).body.items.map((g: Group) => g.slug);
    expect(doctor).toEqual(expect.arrayContaining([DEMO_GROUP_SLUGS.type1, DEMO_GROUP_SLUGS.type2]));
    const nurse = await (await t.http().get('/api/me/groups').set(await signIn('nurse'))).body.items.map((g: Group) => g.slug);
    expect(nurse).toEqual(expect.arrayContaining([DEMO_GROUP_SLUGS.asthma]));
  });

  it('is found by condition words', async () => {
    const auth = await signIn('maya');
    const found = await t.http().get('/api/groups').query({ q: 'insulin pump' }).set(auth);
    expect(found.body.items[0].slug).toBe(DEMO_GROUP_SLUGS.type1);
    const crohn = await t.http().get('/api/groups').query({ q: "crohn's" }).set(auth);
    expect(crohn.body.items.map((g: Group) => g.slug)).toContain(DEMO_GROUP_SLUGS.crohns);
  });
});
