/**
 * The clinician queue: which questions it holds (pinned, no clinician answer, readable groups),
 * its order and waiting time, claims (30 minutes, conflicts, expiry, release), and credential expiry.
 */
import type { QueueItem } from '@circles/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questions } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { makeClinician, registerUser, type TestUser } from '../helpers/factories.js';
import { ban, unban } from '../helpers/moderation.js';
import { answer, ask, backdate, expectError, makeCast, pin, type Cast } from '../helpers/questions.js';

let t: TestApp;
let c: Cast;
let otherClinician: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  c = await makeCast(t);
  otherClinician = await makeClinician(t, await registerUser(t));
});
afterAll(() => t?.close());

async function queue(user: TestUser): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let cursor: string | null = null;
  do {
    const res: any = await t
      .http()
      .get(`/api/clinician/queue?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      .set(user.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

const ids = (items: QueueItem[]) => items.map((i) => i.id);

describe('what the queue holds', () => {
  it('holds pinned questions without a clinician answer from the groups the clinician can read, oldest first', async () => {
    const pubOld = await ask(t, c.asker, c.pub, { title: 'Old public question waiting for a clinician' });
    const pubNew = await ask(t, c.member, c.pub, { title: 'New public question waiting for a clinician' });
    const privQ = await ask(t, c.asker, c.priv, { title: 'Private question waiting for a clinician' });
    const unpinned = await ask(t, c.asker, c.pub, { title: 'Unpinned question not for the queue' });
    await backdate(t, pubOld.id, 120);
    await backdate(t, privQ.id, 60);
    for (const q of [pubOld, pubNew, privQ]) await pin(t, c.moderator, q.id);

    const outside = await queue(c.clinician);
    expect(ids(outside)).toContain(pubOld.id);
    expect(ids(outside)).toContain(pubNew.id);
    // Not a member of the private group: its questions are not theirs to see.
    expect(ids(outside)).not.toContain(privQ.id);
    expect(ids(outside)).not.toContain(unpinned.id);

    const inside = await queue(c.memberClinician);
    const mine = ids(inside).filter((id) => [pubOld.id, pubNew.id, privQ.id].includes(id));
    expect(mine).toEqual([pubOld.id, privQ.id, pubNew.id]);

    const item = inside.find((i) => i.id === pubOld.id)!;
    expect(item).toMatchObject({
      id: pubOld.id,
      groupId: c.pub.id,
      pinned: true,
      claim: null,
      group: { slug: c.pub.slug, name: c.pub.name },
      waitingSince: item.createdAt,
    });
    const waitedMinutes = (Date.now() - Date.parse(item.waitingSince)) / 60_000;
    expect(waitedMinutes).toBeGreaterThan(119);
    // Oldest first across the whole queue.
    const times = inside.map((i) => Date.parse(i.waitingSince));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps questions answered only by members; a clinician answer takes them out', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    await answer(t, c.member, q.id, 'Not a clinician, but this helped me.');
    expect(ids(await queue(c.clinician))).toContain(q.id);
    await answer(t, otherClinician, q.id, 'Clinically speaking, this is what to watch for.');
    expect(ids(await queue(c.clinician))).not.toContain(q.id);
    expect(ids(await queue(otherClinician))).not.toContain(q.id);
    // Claiming it now is a conflict: it no longer waits for a clinician.
    expectError(await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth), 409, 'CONFLICT');
  });

  it('drops unpinned questions and leaves out groups the clinician is banned from', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    expect(ids(await queue(c.clinician))).toContain(q.id);
    await t.http().delete(`/api/questions/${q.id}/pin`).set(c.moderator.auth);
    expect(ids(await queue(c.clinician))).not.toContain(q.id);
    expectError(await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth), 409, 'CONFLICT');

    await pin(t, c.moderator, q.id);
    await ban(t, c.owner, c.pub, c.clinician);
    try {
      expect(ids(await queue(c.clinician))).not.toContain(q.id);
      expectError(await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth), 403, 'BANNED');
      expectError(await t.http().post(`/api/questions/${q.id}/answers`).set(c.clinician.auth).send({ body: 'Hi' }), 403, 'BANNED');
    } finally {
      await unban(t, c.owner, c.pub, c.clinician);
    }
    expect(ids(await queue(c.clinician))).toContain(q.id);
  });

  it('closes when the credential expires and reopens on renewal', async () => {
    const lapsing = await makeClinician(t, await registerUser(t));
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    expect(ids(await queue(lapsing))).toContain(q.id);
    await makeClinician(t, lapsing, { expiresAt: new Date(Date.now() - 1000) });
    expectError(await t.http().get('/api/clinician/queue').set(lapsing.auth), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/questions/${q.id}/claim`).set(lapsing.auth), 403, 'FORBIDDEN');
    // No longer a clinician: answering a public group they never joined is refused too.
    expectError(await t.http().post(`/api/questions/${q.id}/answers`).set(lapsing.auth).send({ body: 'Hello' }), 403, 'NOT_A_MEMBER');
    await makeClinician(t, lapsing, { expiresAt: new Date(Date.now() + 86_400_000) });
    expect(ids(await queue(lapsing))).toContain(q.id);
  });

  it('refuses a bad cursor and limit', async () => {
    expectError(await t.http().get('/api/clinician/queue?cursor=zzz').set(c.clinician.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().get('/api/clinician/queue?limit=0').set(c.clinician.auth), 400, 'VALIDATION_ERROR');
  });
});

describe('claims', () => {
  it('lasts 30 minutes and shows as taken to other clinicians; a second claim is 409 CONFLICT', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    const claim = await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body.claim.by.id).toBe(c.clinician.user.id);
    const minutes = (Date.parse(claim.body.claim.until) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.1);

    const seenByOther = (await queue(otherClinician)).find((i) => i.id === q.id)!;
    expect(seenByOther.claim).toMatchObject({ by: { id: c.clinician.user.id, displayName: c.clinician.user.displayName }, until: claim.body.claim.until });
    expect(seenByOther.claim!.by).not.toHaveProperty('email');

    expectError(await t.http().post(`/api/questions/${q.id}/claim`).set(otherClinician.auth), 409, 'CONFLICT');
    // Releasing another clinician's claim is refused.
    expectError(await t.http().delete(`/api/questions/${q.id}/claim`).set(otherClinician.auth), 403, 'FORBIDDEN');
    const [row] = await t.app.deps.db.select({ claimedBy: questions.claimedBy }).from(questions).where(eq(questions.id, q.id));
    expect(row!.claimedBy).toBe(c.clinician.user.id);

    // The holder may claim again (extending it) and release it; then it is free for others.
    expect((await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth)).status).toBe(200);
    const released = await t.http().delete(`/api/questions/${q.id}/claim`).set(c.clinician.auth);
    expect(released.status).toBe(200);
    expect(released.body.claim).toBeNull();
    expect((await t.http().post(`/api/questions/${q.id}/claim`).set(otherClinician.auth)).status).toBe(200);
    await t.http().delete(`/api/questions/${q.id}/claim`).set(otherClinician.auth);
  });

  it('only one of two simultaneous claims wins', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    const [a, b] = await Promise.all([
      t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth),
      t.http().post(`/api/questions/${q.id}/claim`).set(otherClinician.auth),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('an expired claim is free: it shows as unclaimed and anyone may take it', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth);
    await t.app.deps.db.update(questions).set({ claimedUntil: new Date(Date.now() - 1000) }).where(eq(questions.id, q.id));
    expect((await queue(otherClinician)).find((i) => i.id === q.id)!.claim).toBeNull();
    // Releasing a lapsed claim held by someone else is harmless, not forbidden.
    expect((await t.http().delete(`/api/questions/${q.id}/claim`).set(otherClinician.auth)).status).toBe(200);
    const retake = await t.http().post(`/api/questions/${q.id}/claim`).set(otherClinician.auth);
    expect(retake.status).toBe(200);
    expect(retake.body.claim.by.id).toBe(otherClinician.user.id);
  });

  it('a clinician answer frees the claim and the question leaves the queue', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth);
    const a = await answer(t, c.clinician, q.id, 'Here is the clinical view.');
    expect(a.byClinician).toBe(true);
    const [row] = await t.app.deps.db.select({ claimedBy: questions.claimedBy }).from(questions).where(eq(questions.id, q.id));
    expect(row!.claimedBy).toBeNull();
    expect(ids(await queue(c.clinician))).not.toContain(q.id);
  });

  it('answers unknown questions with 404', async () => {
    expectError(await t.http().post('/api/questions/00000000-0000-4000-8000-000000000000/claim').set(c.clinician.auth), 404, 'NOT_FOUND');
    expectError(await t.http().delete('/api/questions/bad/claim').set(c.clinician.auth), 404, 'NOT_FOUND');
  });
});
