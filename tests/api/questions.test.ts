/**
 * Health questions: the permission matrix of every route (signed out, outsider, member, moderator,
 * owner, site admin, clinician, expired clinician), posting rules, and refused requests that must
 * change nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, questions } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { afterMinutes, mute } from '../helpers/moderation.js';
import { answer, ask, expectError, makeCast, pin, type Cast } from '../helpers/questions.js';
import type { TestUser } from '../helpers/factories.js';

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await startTestApp();
  c = await makeCast(t);
});
afterAll(() => t?.close());

type Role = 'anonymous' | 'outsider' | 'member' | 'moderator' | 'owner' | 'admin' | 'clinician' | 'expiredClinician' | 'memberClinician' | 'asker';
type Where = 'pub' | 'priv';

const user = (role: Role): TestUser | null => (role === 'anonymous' ? null : c[role]);
const authOf = (role: Role): Record<string, string> => user(role)?.auth ?? {};
const groupOf = (where: Where) => c[where];

async function questionCount(groupId: string) {
  const [row] = await t.app.deps.db.select({ n: sql<number>`count(*)::int` }).from(questions).where(eq(questions.groupId, groupId));
  return row!.n;
}

async function answerCount(questionId: string) {
  const [row] = await t.app.deps.db.select({ n: sql<number>`count(*)::int` }).from(answers).where(eq(answers.questionId, questionId));
  return row!.n;
}

function expectOutcome(res: { status: number; body: any }, status: number, code?: string) {
  if (code) expectError(res, status, code);
  else expect(res.status, JSON.stringify(res.body)).toBe(status);
}

// ─── permission matrix ────────────────────────────────────────────────────────────────────

const readMatrix: Array<[Role, Where, number, string?]> = [
  ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
  ['outsider', 'pub', 200],
  ['member', 'pub', 200],
  ['moderator', 'pub', 200],
  ['owner', 'pub', 200],
  ['admin', 'pub', 200],
  ['clinician', 'pub', 200],
  ['expiredClinician', 'pub', 200],
  ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
  ['outsider', 'priv', 403, 'NOT_A_MEMBER'],
  ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
  ['expiredClinician', 'priv', 403, 'NOT_A_MEMBER'],
  ['member', 'priv', 200],
  ['moderator', 'priv', 200],
  ['owner', 'priv', 200],
  ['admin', 'priv', 200],
  ['memberClinician', 'priv', 200],
];

describe('GET /api/groups/:slug/questions', () => {
  it.each(readMatrix)('%s in a %s group → %i %s', async (role, where, status, code) => {
    const g = groupOf(where);
    await ask(t, c.asker, g);
    const res = await t.http().get(`/api/groups/${g.slug}/questions`).set(authOf(role));
    expectOutcome(res, status, code);
    if (status === 200) expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('answers an unknown group with 404', async () => {
    expectError(await t.http().get('/api/groups/no-such-group-here/questions').set(c.member.auth), 404, 'NOT_FOUND');
  });
});

describe('GET /api/questions/:id', () => {
  it.each(readMatrix)('%s in a %s group → %i %s', async (role, where, status, code) => {
    const q = await ask(t, c.asker, groupOf(where));
    const res = await t.http().get(`/api/questions/${q.id}`).set(authOf(role));
    expectOutcome(res, status, code);
    if (status === 200) {
      expect(res.body.question).toMatchObject({ id: q.id, title: q.title, status: 'open', pinned: false, answerCount: 0 });
      expect(res.body.answers).toEqual([]);
      const g = groupOf(where);
      expect(res.body.group).toEqual({ id: g.id, slug: g.slug, name: g.name, visibility: g.visibility });
      // What the caller may do matches what the routes allow (checked route by route below).
      const canAnswer = !['outsider', 'expiredClinician'].includes(role);
      const canPin = ['moderator', 'owner', 'admin'].includes(role);
      expect(res.body.abilities).toEqual({ answer: canAnswer, pin: canPin });
    }
  });

  it('answers unknown and malformed ids with 404', async () => {
    expectError(await t.http().get('/api/questions/00000000-0000-4000-8000-000000000000').set(c.member.auth), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/questions/not-a-uuid').set(c.member.auth), 404, 'NOT_FOUND');
  });
});

describe('POST /api/groups/:slug/questions', () => {
  const matrix: Array<[Role, Where, number, string?]> = [
    ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
    ['outsider', 'pub', 403, 'NOT_A_MEMBER'],
    ['clinician', 'pub', 403, 'NOT_A_MEMBER'],
    ['expiredClinician', 'pub', 403, 'NOT_A_MEMBER'],
    ['member', 'pub', 201],
    ['moderator', 'pub', 201],
    ['owner', 'pub', 201],
    ['admin', 'pub', 201],
    ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
    ['outsider', 'priv', 403, 'NOT_A_MEMBER'],
    ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['member', 'priv', 201],
    ['moderator', 'priv', 201],
    ['owner', 'priv', 201],
    ['admin', 'priv', 201],
    ['memberClinician', 'priv', 201],
  ];
  it.each(matrix)('%s in a %s group → %i %s', async (role, where, status, code) => {
    const g = groupOf(where);
    const before = await questionCount(g.id);
    const res = await t
      .http()
      .post(`/api/groups/${g.slug}/questions`)
      .set(authOf(role))
      .send({ title: 'Does anyone else get morning headaches?', body: 'Since starting the new dose I wake up with one.' });
    expectOutcome(res, status, code);
    expect(await questionCount(g.id)).toBe(before + (status === 201 ? 1 : 0));
    if (status === 201) {
      expect(res.body).toMatchObject({
        groupId: g.id,
        title: 'Does anyone else get morning headaches?',
        anonymous: false,
        status: 'open',
        pinned: false,
        acceptedAnswerId: null,
        answerCount: 0,
        mine: true,
      });
      expect(res.body.author.id).toBe(user(role)!.user.id);
      expect(res.body.author).not.toHaveProperty('email');
    }
  });

  it('refuses a member with a pending request to a private group', async () => {
    const res = await t.http().post(`/api/groups/${c.priv.slug}/join`).set(c.clinician.auth);
    expect(res.status).toBe(202);
    const ask = await t
      .http()
      .post(`/api/groups/${c.priv.slug}/questions`)
      .set(c.clinician.auth)
      .send({ title: 'A question while pending approval', body: 'Hello' });
    expectError(ask, 403, 'NOT_A_MEMBER');
    await t.http().post(`/api/groups/${c.priv.slug}/requests/${c.clinician.user.id}/deny`).set(c.owner.auth);
  });
});

describe('POST /api/questions/:id/answers', () => {
  const matrix: Array<[Role, Where, number, string?, boolean?]> = [
    ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
    ['outsider', 'pub', 403, 'NOT_A_MEMBER'],
    ['expiredClinician', 'pub', 403, 'NOT_A_MEMBER'],
    ['member', 'pub', 201, undefined, false],
    ['moderator', 'pub', 201, undefined, false],
    ['owner', 'pub', 201, undefined, false],
    ['admin', 'pub', 201, undefined, false],
    // Verified clinicians answer in any public group without joining it.
    ['clinician', 'pub', 201, undefined, true],
    ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
    ['outsider', 'priv', 403, 'NOT_A_MEMBER'],
    // ...but in a private group they must be members.
    ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['expiredClinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['member', 'priv', 201, undefined, false],
    ['moderator', 'priv', 201, undefined, false],
    ['owner', 'priv', 201, undefined, false],
    ['admin', 'priv', 201, undefined, false],
    ['memberClinician', 'priv', 201, undefined, true],
  ];
  it.each(matrix)('%s in a %s group → %i %s', async (role, where, status, code, byClinician) => {
    const q = await ask(t, c.asker, groupOf(where));
    const res = await t.http().post(`/api/questions/${q.id}/answers`).set(authOf(role)).send({ body: 'Keep a symptom diary for two weeks.' });
    expectOutcome(res, status, code);
    expect(await answerCount(q.id)).toBe(status === 201 ? 1 : 0);
    if (status === 201) {
      expect(res.body).toMatchObject({
        questionId: q.id,
        body: 'Keep a symptom diary for two weeks.',
        byClinician,
        helpfulCount: 0,
        votedHelpful: false,
      });
      expect(res.body.author.id).toBe(user(role)!.user.id);
      const detail = await t.http().get(`/api/questions/${q.id}`).set(c.asker.auth);
      expect(detail.body.question.answerCount).toBe(1);
      expect(detail.body.answers).toHaveLength(1);
    }
  });

  it('answers an unknown question with 404', async () => {
    const res = await t.http().post('/api/questions/00000000-0000-4000-8000-000000000000/answers').set(c.member.auth).send({ body: 'Hi' });
    expectError(res, 404, 'NOT_FOUND');
  });
});

describe('POST / DELETE /api/questions/:id/pin', () => {
  const matrix: Array<[Role, Where, number, string?]> = [
    ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
    ['outsider', 'pub', 403, 'FORBIDDEN'],
    ['member', 'pub', 403, 'FORBIDDEN'],
    ['asker', 'pub', 403, 'FORBIDDEN'],
    ['clinician', 'pub', 403, 'FORBIDDEN'],
    ['expiredClinician', 'pub', 403, 'FORBIDDEN'],
    ['moderator', 'pub', 200],
    ['owner', 'pub', 200],
    ['admin', 'pub', 200],
    ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
    ['outsider', 'priv', 403, 'NOT_A_MEMBER'],
    ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['member', 'priv', 403, 'FORBIDDEN'],
    ['memberClinician', 'priv', 403, 'FORBIDDEN'],
    ['moderator', 'priv', 200],
    ['owner', 'priv', 200],
    ['admin', 'priv', 200],
  ];
  it.each(matrix)('%s in a %s group → %i %s', async (role, where, status, code) => {
    const q = await ask(t, c.asker, groupOf(where));
    const pinRes = await t.http().post(`/api/questions/${q.id}/pin`).set(authOf(role));
    expectOutcome(pinRes, status, code);
    const [row] = await t.app.deps.db.select({ pinned: questions.pinned }).from(questions).where(eq(questions.id, q.id));
    expect(row!.pinned).toBe(status === 200);
    if (status === 200) expect(pinRes.body).toMatchObject({ id: q.id, pinned: true });

    // Unpinning follows the same rules; set it pinned first so a refusal is visible.
    if (status !== 200) await pin(t, c.moderator, q.id);
    const unpinRes = await t.http().delete(`/api/questions/${q.id}/pin`).set(authOf(role));
    expectOutcome(unpinRes, status, code);
    const [after] = await t.app.deps.db.select({ pinned: questions.pinned }).from(questions).where(eq(questions.id, q.id));
    expect(after!.pinned).toBe(status !== 200);
    if (status === 200) expect(unpinRes.body).toMatchObject({ id: q.id, pinned: false });
  });

  it('pinning twice is harmless and unknown ids are 404', async () => {
    const q = await ask(t, c.asker, c.pub);
    await pin(t, c.moderator, q.id);
    await pin(t, c.moderator, q.id);
    expectError(await t.http().post('/api/questions/00000000-0000-4000-8000-000000000000/pin').set(c.moderator.auth), 404, 'NOT_FOUND');
  });
});

describe('POST /api/questions/:id/accept', () => {
  const matrix: Array<[Role, Where, number, string?]> = [
    ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
    ['outsider', 'pub', 403, 'FORBIDDEN'],
    ['member', 'pub', 403, 'FORBIDDEN'],
    ['moderator', 'pub', 403, 'FORBIDDEN'],
    ['owner', 'pub', 403, 'FORBIDDEN'],
    ['admin', 'pub', 403, 'FORBIDDEN'],
    ['clinician', 'pub', 403, 'FORBIDDEN'],
    ['expiredClinician', 'pub', 403, 'FORBIDDEN'],
    ['asker', 'pub', 200],
    ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
    ['outsider', 'priv', 403, 'NOT_A_MEMBER'],
    ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['member', 'priv', 403, 'FORBIDDEN'],
    ['moderator', 'priv', 403, 'FORBIDDEN'],
    ['asker', 'priv', 200],
  ];
  it.each(matrix)('%s in a %s group → %i %s', async (role, where, status, code) => {
    const q = await ask(t, c.asker, groupOf(where));
    const a = await answer(t, c.member, q.id);
    const res = await t.http().post(`/api/questions/${q.id}/accept`).set(authOf(role)).send({ answerId: a.id });
    expectOutcome(res, status, code);
    const [row] = await t.app.deps.db
      .select({ status: questions.status, acceptedAnswerId: questions.acceptedAnswerId })
      .from(questions)
      .where(eq(questions.id, q.id));
    if (status === 200) {
      expect(res.body).toMatchObject({ id: q.id, status: 'answered', acceptedAnswerId: a.id });
      expect(row).toEqual({ status: 'answered', acceptedAnswerId: a.id });
    } else {
      expect(row).toEqual({ status: 'open', acceptedAnswerId: null });
    }
  });

  it('the asker of an anonymous question can accept', async () => {
    const q = await ask(t, c.asker, c.pub, { anonymous: true });
    const a = await answer(t, c.member, q.id);
    const res = await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: a.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'answered', acceptedAnswerId: a.id, author: null, mine: true });
  });

  it('refuses an answer of another question (404) and changes nothing', async () => {
    const q = await ask(t, c.asker, c.pub);
    const other = await ask(t, c.asker, c.pub);
    const foreign = await answer(t, c.member, other.id);
    expectError(await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: foreign.id }), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: 'nope' }), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: 7 }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({}), 400, 'VALIDATION_ERROR');
    const detail = await t.http().get(`/api/questions/${q.id}`).set(c.asker.auth);
    expect(detail.body.question).toMatchObject({ status: 'open', acceptedAnswerId: null });
  });

  it('accepting another answer later moves the mark', async () => {
    const q = await ask(t, c.asker, c.pub);
    const a1 = await answer(t, c.member, q.id);
    const a2 = await answer(t, c.moderator, q.id);
    await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: a1.id });
    const res = await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: a2.id });
    expect(res.body).toMatchObject({ status: 'answered', acceptedAnswerId: a2.id });
  });
});

describe('PUT / DELETE /api/answers/:id/helpful', () => {
  const matrix: Array<[Role, Where, number, string?]> = [
    ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
    // The answer's author may not vote for it.
    ['member', 'pub', 403, 'FORBIDDEN'],
    ['outsider', 'pub', 200],
    ['asker', 'pub', 200],
    ['moderator', 'pub', 200],
    ['owner', 'pub', 200],
    ['admin', 'pub', 200],
    ['clinician', 'pub', 200],
    ['expiredClinician', 'pub', 200],
    ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
    ['member', 'priv', 403, 'FORBIDDEN'],
    ['outsider', 'priv', 403, 'NOT_A_MEMBER'],
    ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['asker', 'priv', 200],
    ['moderator', 'priv', 200],
    ['admin', 'priv', 200],
    ['memberClinician', 'priv', 200],
  ];
  it.each(matrix)('%s in a %s group → %i %s', async (role, where, status, code) => {
    const q = await ask(t, c.asker, groupOf(where));
    const a = await answer(t, c.member, q.id);
    const put = await t.http().put(`/api/answers/${a.id}/helpful`).set(authOf(role));
    expectOutcome(put, status, code);
    const countNow = async () => (await t.http().get(`/api/questions/${q.id}`).set(c.owner.auth)).body.answers[0].helpfulCount;
    expect(await countNow()).toBe(status === 200 ? 1 : 0);
    if (status === 200) {
      expect(put.body).toEqual({ helpfulCount: 1 });
      // Idempotent: one vote per user.
      expect((await t.http().put(`/api/answers/${a.id}/helpful`).set(authOf(role))).body).toEqual({ helpfulCount: 1 });
      const mine = await t.http().get(`/api/questions/${q.id}`).set(authOf(role));
      expect(mine.body.answers[0].votedHelpful).toBe(true);
    }
    const del = await t.http().delete(`/api/answers/${a.id}/helpful`).set(authOf(role));
    expectOutcome(del, status, code);
    if (status === 200) {
      expect(del.body).toEqual({ helpfulCount: 0 });
      expect((await t.http().delete(`/api/answers/${a.id}/helpful`).set(authOf(role))).body).toEqual({ helpfulCount: 0 });
    }
    expect(await countNow()).toBe(0);
  });

  it('counts one vote per user across many voters and feeds the question total', async () => {
    const q = await ask(t, c.asker, c.pub);
    const a = await answer(t, c.member, q.id);
    for (const u of [c.asker, c.moderator, c.owner, c.outsider]) await t.http().put(`/api/answers/${a.id}/helpful`).set(u.auth);
    const res = await t.http().put(`/api/answers/${a.id}/helpful`).set(c.admin.auth);
    expect(res.body).toEqual({ helpfulCount: 5 });
    const [row] = await t.app.deps.db.select({ total: questions.helpfulTotal }).from(questions).where(eq(questions.id, q.id));
    expect(row!.total).toBe(5);
  });

  it('answers unknown answers with 404', async () => {
    expectError(await t.http().put('/api/answers/00000000-0000-4000-8000-000000000000/helpful').set(c.member.auth), 404, 'NOT_FOUND');
    expectError(await t.http().delete('/api/answers/xyz/helpful').set(c.member.auth), 404, 'NOT_FOUND');
  });
});

describe('GET /api/clinician/queue and claims', () => {
  const queueMatrix: Array<[Role, number, string?]> = [
    ['anonymous', 401, 'UNAUTHORIZED'],
    ['outsider', 403, 'FORBIDDEN'],
    ['member', 403, 'FORBIDDEN'],
    ['moderator', 403, 'FORBIDDEN'],
    ['owner', 403, 'FORBIDDEN'],
    ['admin', 403, 'FORBIDDEN'],
    // An expired credential closes the queue until an admin renews it.
    ['expiredClinician', 403, 'FORBIDDEN'],
    ['clinician', 200],
    ['memberClinician', 200],
  ];
  it.each(queueMatrix)('queue: %s → %i %s', async (role, status, code) => {
    expectOutcome(await t.http().get('/api/clinician/queue').set(authOf(role)), status, code);
  });

  const claimMatrix: Array<[Role, Where, number, string?]> = [
    ['anonymous', 'pub', 401, 'UNAUTHORIZED'],
    ['outsider', 'pub', 403, 'FORBIDDEN'],
    ['member', 'pub', 403, 'FORBIDDEN'],
    ['moderator', 'pub', 403, 'FORBIDDEN'],
    ['owner', 'pub', 403, 'FORBIDDEN'],
    ['admin', 'pub', 403, 'FORBIDDEN'],
    ['expiredClinician', 'pub', 403, 'FORBIDDEN'],
    ['clinician', 'pub', 200],
    ['memberClinician', 'pub', 200],
    ['anonymous', 'priv', 401, 'UNAUTHORIZED'],
    ['member', 'priv', 403, 'FORBIDDEN'],
    ['clinician', 'priv', 403, 'NOT_A_MEMBER'],
    ['expiredClinician', 'priv', 403, 'FORBIDDEN'],
    ['memberClinician', 'priv', 200],
  ];
  it.each(claimMatrix)('claim / release: %s in a %s group → %i %s', async (role, where, status, code) => {
    const q = await ask(t, c.asker, groupOf(where));
    await pin(t, c.moderator, q.id);
    const claim = await t.http().post(`/api/questions/${q.id}/claim`).set(authOf(role));
    expectOutcome(claim, status, code);
    const [row] = await t.app.deps.db.select({ claimedBy: questions.claimedBy }).from(questions).where(eq(questions.id, q.id));
    expect(row!.claimedBy).toBe(status === 200 ? user(role)!.user.id : null);
    if (status === 200) {
      expect(claim.body).toMatchObject({ id: q.id, claim: { by: { id: user(role)!.user.id } } });
    }
    const release = await t.http().delete(`/api/questions/${q.id}/claim`).set(authOf(role));
    expectOutcome(release, status, code);
    if (status === 200) expect(release.body.claim).toBeNull();
  });
});

// ─── posting rules and validation ─────────────────────────────────────────────────────────

describe('posting rules', () => {
  it('refuses questions and answers with a blocked term (400 BLOCKED_TERM) and stores nothing', async () => {
    const g = c.pub;
    const settings = await t.http().put(`/api/groups/${g.slug}/settings`).set(c.owner.auth).send({ blockedTerms: ['miracle cure'] });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    try {
      const before = await questionCount(g.id);
      const inTitle = await t
        .http()
        .post(`/api/groups/${g.slug}/questions`)
        .set(c.member.auth)
        .send({ title: 'Is this Miracle Cure any good?', body: 'Saw it online.' });
      expectError(inTitle, 400, 'BLOCKED_TERM');
      const inBody = await t
        .http()
        .post(`/api/groups/${g.slug}/questions`)
        .set(c.member.auth)
        .send({ title: 'A question about supplements', body: 'They call it a miracle cure.' });
      expectError(inBody, 400, 'BLOCKED_TERM');
      expect(await questionCount(g.id)).toBe(before);

      const q = await ask(t, c.asker, g);
      expectError(
        await t.http().post(`/api/questions/${q.id}/answers`).set(c.member.auth).send({ body: 'Try the MIRACLE CURE.' }),
        400,
        'BLOCKED_TERM',
      );
      // Clinicians answering from outside the group follow the same rules.
      expectError(
        await t.http().post(`/api/questions/${q.id}/answers`).set(c.clinician.auth).send({ body: 'No miracle cure exists.' }),
        400,
        'BLOCKED_TERM',
      );
      expect(await answerCount(q.id)).toBe(0);
      // Whole words only: "cured" is not the blocked phrase.
      await answer(t, c.member, q.id, 'A miracle cured nothing for me, patience did.');
    } finally {
      await t.http().put(`/api/groups/${g.slug}/settings`).set(c.owner.auth).send({ blockedTerms: [] });
    }
  });

  it('refuses muted members (403 MUTED) until the mute ends', async () => {
    const q = await ask(t, c.asker, c.pub);
    await mute(t, c.owner, c.pub, c.member, 60, 'cool down');
    try {
      const before = await questionCount(c.pub.id);
      expectError(
        await t.http().post(`/api/groups/${c.pub.slug}/questions`).set(c.member.auth).send({ title: 'A question while muted', body: 'Hi' }),
        403,
        'MUTED',
      );
      expectError(await t.http().post(`/api/questions/${q.id}/answers`).set(c.member.auth).send({ body: 'Hi' }), 403, 'MUTED');
      expect(await questionCount(c.pub.id)).toBe(before);
      expect(await answerCount(q.id)).toBe(0);
      // Reading is still fine.
      expect((await t.http().get(`/api/questions/${q.id}`).set(c.member.auth)).status).toBe(200);
      // A mute that has run out (its ending job has run) no longer applies.
      await afterMinutes(t, 61);
      await answer(t, c.member, q.id);
    } finally {
      await t.http().delete(`/api/groups/${c.pub.slug}/mutes/${c.member.user.id}`).set(c.owner.auth);
    }
  });
});

describe('validation errors change nothing', () => {
  it.each([
    ['a short title', { title: 'Too short', body: 'Body' }],
    ['a long title', { title: 'x'.repeat(201), body: 'Body' }],
    ['an empty body', { title: 'A perfectly fine title', body: '   ' }],
    ['a numeric body', { title: 'A perfectly fine title', body: 123 }],
    ['a string for anonymous', { title: 'A perfectly fine title', body: 'Body', anonymous: 'yes' }],
    ['a control character', { title: 'A perfectly \u0001 fine title', body: 'Body' }],
    ['a too-long body', { title: 'A perfectly fine title', body: 'x'.repeat(10001) }],
    ['no fields', {}],
  ])('asking with %s → 400 VALIDATION_ERROR', async (_label, body) => {
    const before = await questionCount(c.pub.id);
    expectError(await t.http().post(`/api/groups/${c.pub.slug}/questions`).set(c.member.auth).send(body), 400, 'VALIDATION_ERROR');
    expect(await questionCount(c.pub.id)).toBe(before);
  });

  it.each([
    ['a numeric body', { body: 123 }],
    ['an empty body', { body: '' }],
    ['a too-long body', { body: 'x'.repeat(10001) }],
    ['no body', {}],
  ])('answering with %s → 400 VALIDATION_ERROR', async (_label, body) => {
    const q = await ask(t, c.asker, c.pub);
    expectError(await t.http().post(`/api/questions/${q.id}/answers`).set(c.member.auth).send(body), 400, 'VALIDATION_ERROR');
    expect(await answerCount(q.id)).toBe(0);
  });

  it.each([
    ['status', 'status=closed'],
    ['pinned', 'pinned=yes'],
    ['sort', 'sort=best'],
    ['limit', 'limit=0'],
    ['limit', 'limit=101'],
    ['cursor', 'cursor=garbage'],
  ])('listing with a bad %s (%s) → 400 VALIDATION_ERROR', async (_label, qs) => {
    expectError(await t.http().get(`/api/groups/${c.pub.slug}/questions?${qs}`).set(c.member.auth), 400, 'VALIDATION_ERROR');
  });
});
