/** The demo content's live events: what a newcomer sees coming up on the first start. */
import type { EventQuestion, LiveEvent } from '@circles/shared';
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

describe('demo events', () => {
  it('has an event coming up with a clinician host, questions waiting and a reminder set', async () => {
    const login = await t.http().post('/api/auth/login').send({ email: DEMO_USERS.tom.email, password: DEMO_PASSWORD });
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const res = await t.http().get('/api/me/events').set(auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.items as LiveEvent[];
    const insulin = mine.find((e) => e.group.slug === DEMO_GROUP_SLUGS.type1)!;
    expect(insulin).toMatchObject({ status: 'scheduled', remindMe: true });
    expect(Date.parse(insulin.startsAt)).toBeGreaterThan(Date.now());
    expect(insulin.hosts.map((h) => h.displayName)).toContain(DEMO_USERS.clinician.displayName);
    expect(insulin.hosts.find((h) => h.displayName === DEMO_USERS.clinician.displayName)!.clinician).not.toBeNull();
    const queue = (await t.http().get(`/api/events/${insulin.id}/questions`).set(auth)).body.items as EventQuestion[];
    expect(queue.map((q) => q.upvotes)).toEqual([1, 0]);
    const asthma = (await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.asthma}/events`).set(auth)).body.items as LiveEvent[];
    expect(asthma).toHaveLength(1);
  });
});
