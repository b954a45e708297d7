/**
 * Ordering and search: answers (clinician first, then helpfulness, then age), the board (pinned
 * first, new and top sorts, filters, cursor pages) and full-text search within one group.
 */
import type { Question } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, makeClinician, registerUser, type TestUser } from '../helpers/factories.js';
import { answer, ask, backdate, expectError, pin, vote } from '../helpers/questions.js';
import type { Group } from '@circles/shared';

let t: TestApp;
let owner: TestUser;
let voters: TestUser[];
let clinicianA: TestUser;
let clinicianB: TestUser;
let memberA: TestUser;
let memberB: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  const people = await Promise.all(Array.from({ length: 9 }, () => registerUser(t)));
  [owner, memberA, memberB, clinicianA, clinicianB] = people as [TestUser, TestUser, TestUser, TestUser, TestUser];
  voters = people.slice(5);
  await makeClinician(t, clinicianA);
  await makeClinician(t, clinicianB);
});
afterAll(() => t?.close());

async function freshGroup(): Promise<Group> {
  const g = await createGroup(t, owner, { visibility: 'public' });
  for (const u of [memberA, memberB]) await joinGroup(t, u, g);
  return g;
}

async function list(g: Group, qs = ''): Promise<{ items: Question[]; nextCursor: string | null }> {
  const res = await t.http().get(`/api/groups/${g.slug}/questions${qs ? `?${qs}` : ''}`).set(memberA.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function listAll(g: Group, qs: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(g, `${qs}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(2);
    ids.push(...page.items.map((q) => q.id));
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(50);
  } while (cursor);
  return ids;
}

describe('answers on a question', () => {
  it('come clinician answers first, then by helpfulness, then oldest first', async () => {
    const g = await freshGroup();
    const q = await ask(t, memberA, g);
    const memberOld = await answer(t, memberB, q.id, 'member, old, no votes');
    const memberVoted = await answer(t, memberA, q.id, 'member, two votes');
    const clinicianPlain = await answer(t, clinicianA, q.id, 'clinician, no votes');
    const memberNew = await answer(t, owner, q.id, 'member, new, no votes');
    const clinicianVoted = await answer(t, clinicianB, q.id, 'clinician, one vote');
    await vote(t, voters[0]!, memberVoted.id);
    await vote(t, voters[1]!, memberVoted.id);
    await vote(t, voters[0]!, clinicianVoted.id);

    const res = await t.http().get(`/api/questions/${q.id}`).set(voters[0]!.auth);
    expect(res.body.answers.map((a: any) => a.id)).toEqual([clinicianVoted.id, clinicianPlain.id, memberVoted.id, memberOld.id, memberNew.id]);
    expect(res.body.answers.map((a: any) => a.byClinician)).toEqual([true, true, false, false, false]);
    expect(res.body.answers.map((a: any) => a.helpfulCount)).toEqual([1, 0, 2, 0, 0]);
    expect(res.body.answers.map((a: any) => a.votedHelpful)).toEqual([true, false, true, false, false]);
    expect(res.body.answers[0].author.clinician).toMatchObject({ specialty: expect.any(String) });
    expect(res.body.question.answerCount).toBe(5);
  });

  it('keeps byClinician on answers given while the credential was valid', async () => {
    const g = await freshGroup();
    const lapsing = await makeClinician(t, await registerUser(t));
    const q = await ask(t, memberA, g);
    await answer(t, lapsing, q.id);
    await makeClinician(t, lapsing, { expiresAt: new Date(Date.now() - 1000) });
    const res = await t.http().get(`/api/questions/${q.id}`).set(memberA.auth);
    expect(res.body.answers[0].byClinician).toBe(true);
    // ...but the badge on the PublicUser is gone.
    expect(res.body.answers[0].author.clinician).toBeNull();
  });
});

describe('the board', () => {
  it('shows pinned questions first, each part newest first', async () => {
    const g = await freshGroup();
    const oldPinned = await ask(t, memberA, g);
    const oldest = await ask(t, memberA, g);
    const middle = await ask(t, memberB, g);
    const newPinned = await ask(t, memberB, g);
    const newest = await ask(t, memberA, g);
    await backdate(t, oldPinned.id, 50);
    await backdate(t, oldest.id, 40);
    await backdate(t, middle.id, 30);
    await backdate(t, newPinned.id, 20);
    await backdate(t, newest.id, 10);
    await pin(t, owner, oldPinned.id);
    await pin(t, owner, newPinned.id);
    const page = await list(g);
    expect(page.items.map((q) => q.id)).toEqual([newPinned.id, oldPinned.id, newest.id, middle.id, oldest.id]);
    expect(page.items.map((q) => q.pinned)).toEqual([true, true, false, false, false]);
    expect(page.nextCursor).toBeNull();
    // The same order across cursor pages, nothing repeated or skipped.
    expect(await listAll(g, 'sort=new')).toEqual(page.items.map((q) => q.id));
  });

  it('sort=top ranks by helpful votes (then answers, then newest), pinned still first', async () => {
    const g = await freshGroup();
    const none = await ask(t, memberA, g);
    const two = await ask(t, memberA, g);
    const one = await ask(t, memberA, g);
    const pinnedNone = await ask(t, memberA, g);
    const answeredNoVotes = await ask(t, memberA, g);
    const a2 = await answer(t, memberB, two.id);
    await vote(t, voters[0]!, a2.id);
    await vote(t, voters[1]!, a2.id);
    const a1 = await answer(t, memberB, one.id);
    await vote(t, voters[0]!, a1.id);
    await answer(t, memberB, answeredNoVotes.id);
    await pin(t, owner, pinnedNone.id);
    const page = await list(g, 'sort=top');
    expect(page.items.map((q) => q.id)).toEqual([pinnedNone.id, two.id, one.id, answeredNoVotes.id, none.id]);
    expect(await listAll(g, 'sort=top')).toEqual(page.items.map((q) => q.id));
  });

  it('filters by status and pinned', async () => {
    const g = await freshGroup();
    const open = await ask(t, memberA, g);
    const answered = await ask(t, memberA, g);
    const pinned = await ask(t, memberA, g);
    const a = await answer(t, memberB, answered.id);
    await t.http().post(`/api/questions/${answered.id}/accept`).set(memberA.auth).send({ answerId: a.id });
    await pin(t, owner, pinned.id);
    const ids = async (qs: string) => (await list(g, qs)).items.map((q) => q.id).sort();
    expect(await ids('status=answered')).toEqual([answered.id]);
    expect(await ids('status=open')).toEqual([open.id, pinned.id].sort());
    expect(await ids('pinned=true')).toEqual([pinned.id]);
    expect(await ids('pinned=false')).toEqual([open.id, answered.id].sort());
    expect(await ids('status=open&pinned=true')).toEqual([pinned.id]);
  });

  it('pages through many questions with cursors', async () => {
    const g = await freshGroup();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await ask(t, memberA, g)).id);
    const all = await listAll(g, 'sort=new');
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
    expect([...all].sort()).toEqual([...made].sort());
    // A cursor from the other sort is refused rather than misread.
    const newPage = await list(g, 'limit=2');
    expectError(
      await t.http().get(`/api/groups/${g.slug}/questions?sort=top&cursor=${newPage.nextCursor}`).set(memberA.auth),
      400,
      'VALIDATION_ERROR',
    );
  });
});

describe('search', () => {
  it('finds questions by title and body words, ranked, only within the group', async () => {
    const g = await freshGroup();
    const other = await freshGroup();
    const inTitle = await ask(t, memberA, g, { title: 'Insulin pump site irritation', body: 'My skin gets red around the cannula.' });
    const inBody = await ask(t, memberA, g, { title: 'Travelling with supplies', body: 'How do you keep insulin cool on long trips?' });
    await ask(t, memberA, g, { title: 'Best snacks for lows at night', body: 'Looking for ideas that are easy to keep by the bed.' });
    await ask(t, memberA, other, { title: 'Insulin question in another group', body: 'Should never show up.' });

    const found = await list(g, 'q=insulin');
    expect(found.items.map((q) => q.id)).toEqual([inTitle.id, inBody.id]);
    // Stemming and case: "PUMPS" finds "pump".
    expect((await list(g, 'q=PUMPS')).items.map((q) => q.id)).toEqual([inTitle.id]);
    // Several words: all must match.
    expect((await list(g, 'q=insulin%20trips')).items.map((q) => q.id)).toEqual([inBody.id]);
    expect((await list(g, 'q=nothing-like-this')).items).toEqual([]);
  });

  it('ignores accents and survives search syntax', async () => {
    const g = await freshGroup();
    const q = await ask(t, memberA, g, { title: 'Café visits and caffeine sensitivity', body: 'Does coffee make your symptoms worse?' });
    expect((await list(g, 'q=cafe')).items.map((x) => x.id)).toEqual([q.id]);
    for (const weird of ['"unclosed', 'a & | ! b', '():*', "o'brien", '-', '🙂']) {
      const res = await t.http().get(`/api/groups/${g.slug}/questions?q=${encodeURIComponent(weird)}`).set(memberA.auth);
      expect(res.status, `${weird}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  it('keeps pinned matches first and pages search results', async () => {
    const g = await freshGroup();
    const matches: string[] = [];
    for (let i = 0; i < 5; i++) matches.push((await ask(t, memberA, g, { title: `Fatigue after meals, story ${i}`, body: 'fatigue fatigue' })).id);
    const pinned = await ask(t, memberA, g, { title: 'Other topic entirely', body: 'but mentions fatigue once' });
    await pin(t, owner, pinned.id);
    const first = await list(g, 'q=fatigue&limit=2');
    expect(first.items[0]!.id).toBe(pinned.id);
    const all = await listAll(g, 'q=fatigue');
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    expect(all[0]).toBe(pinned.id);
  });
});
