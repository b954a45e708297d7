/** The demo questions: answered and open, some pinned, anonymous ones, and a non-empty clinician queue. */
import type { Question, QueueItem } from '@circles/shared';
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
  return { auth: { Authorization: `Bearer ${res.body.accessToken}` }, id: res.body.user.id as string };
}

describe('demo questions', () => {
  it('give the type 1 board answered and open questions, pinned first', async () => {
    const tom = await signIn('tom');
    const res = await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.type1}/questions`).set(tom.auth);
    expect(res.status).toBe(200);
    const items = res.body.items as Question[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.some((q) => q.status === 'answered')).toBe(true);
    expect(items.some((q) => q.status === 'open')).toBe(true);
    const pinnedFlags = items.map((q) => q.pinned);
    expect(pinnedFlags).toEqual([...pinnedFlags].sort((a, b) => Number(b) - Number(a)));
    for (const q of items) expect(Date.parse(q.createdAt)).toBeLessThan(Date.now());
  });

  it('include an accepted clinician answer', async () => {
    const tom = await signIn('tom');
    const list = await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.type1}/questions?status=answered`).set(tom.auth);
    const answered = list.body.items[0] as Question;
    const detail = await t.http().get(`/api/questions/${answered.id}`).set(tom.auth);
    const accepted = detail.body.answers.find((a: any) => a.id === answered.acceptedAnswerId);
    expect(accepted).toMatchObject({ byClinician: true });
    expect(accepted.author.clinician).not.toBeNull();
    // Clinician answers come first.
    expect(detail.body.answers[0].byClinician).toBe(true);
  });

  it('keep anonymous askers hidden from members and shown to moderators', async () => {
    const grace = await signIn('grace'); // a member of the type 1 circle
    const sofia = await signIn('sofia'); // its moderator
    const memberView = await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.type1}/questions`).set(grace.auth);
    const anonymous = (memberView.body.items as Question[]).find((q) => q.anonymous)!;
    expect(anonymous).toBeDefined();
    expect(anonymous.author).toBeNull();
    const modView = await t.http().get(`/api/questions/${anonymous.id}`).set(sofia.auth);
    expect(modView.body.question.author?.displayName).toBe(DEMO_USERS.ines.displayName);
  });

  it("fill the demo clinician's queue, oldest first, including a private group they belong to", async () => {
    const clinician = await signIn('clinician');
    const res = await t.http().get('/api/clinician/queue').set(clinician.auth);
    expect(res.status).toBe(200);
    const items = res.body.items as QueueItem[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    const waits = items.map((i) => Date.parse(i.waitingSince));
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(items.some((i) => i.group.slug === DEMO_GROUP_SLUGS.type1Parents)).toBe(true);
    expect(items.every((i) => i.pinned && i.claim === null)).toBe(true);
    // The nurse is not in that private group: it is not in her queue.
    const nurse = await signIn('nurse');
    const nurseQueue = await t.http().get('/api/clinician/queue').set(nurse.auth);
    expect((nurseQueue.body.items as QueueItem[]).some((i) => i.group.slug === DEMO_GROUP_SLUGS.type1Parents)).toBe(false);
    expect((nurseQueue.body.items as QueueItem[]).some((i) => i.group.slug === DEMO_GROUP_SLUGS.asthma)).toBe(true);
  });

  it('left answer and accepted notifications for the people involved', async () => {
    const tom = await signIn('tom');
    const inbox = await t.http().get('/api/notifications').set(tom.auth);
    expect(inbox.body.items.some((n: any) => n.type === 'answer')).toBe(true);
    const clinician = await signIn('clinician');
    const theirs = await t.http().get('/api/notifications').set(clinician.auth);
    expect(theirs.body.items.some((n: any) => n.type === 'accepted')).toBe(true);
  });
});
