/**
 * People told apart: a request to join a private group may carry a note (plain text, ≤ 500 characters
 * after trimming), and the moderators' list of pending requests shows who asks — display name, bio,
 * member since, the note — and never an email. Refusals write nothing; the note is for the decision
 * only (cleared once approved), and a public group keeps none.
 */
import { JOIN_NOTE_MAX, type Group, type JoinRequest } from '@circles/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t, { displayName: 'Maya Moderator' });
});
afterAll(() => t?.close());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
};

const ask = (g: Group, u: TestUser, body?: unknown) => {
  const req = t.http().post(`/api/groups/${g.slug}/join`).set(u.auth);
  return body === undefined ? req : req.send(body as object);
};
const requests = async (g: Group, as: TestUser = owner) => {
  const res = await t.http().get(`/api/groups/${g.slug}/requests`).set(as.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as JoinRequest[];
};
const storedRow = async (g: Group, u: TestUser) => {
  const [row] = await t.app.deps.db
    .select({ status: memberships.status, note: memberships.requestNote })
    .from(memberships)
    .where(and(eq(memberships.groupId, g.id), eq(memberships.userId, u.user.id)));
  return row ?? null;
};

async function withBio(user: TestUser, bio: string) {
  const res = await t.http().patch('/api/me').set(user.auth).send({ bio });
  expect(res.status).toBe(200);
}

describe('a join request with a note', () => {
  it('shows the moderators two people of the same name apart: bio, member since and note — never an email', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const first = await registerUser(t, { displayName: 'Sam Tremblay' });
    await withBio(first, 'Type 1 since childhood, living in Laval.');
    const second = await registerUser(t, { displayName: 'Sam Tremblay' });

    const asked = await ask(g, first, { note: '  My endocrinologist at Sainte-Justine suggested this group.  ' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body.membership).toEqual({ role: 'member', status: 'pending' });
    expect((await ask(g, second)).status).toBe(202);

    const items = await requests(g);
    expect(items).toHaveLength(2);
    const [a, b] = items;
    expect(a).toMatchObject({
      user: { id: first.user.id, displayName: 'Sam Tremblay', bio: 'Type 1 since childhood, living in Laval.', createdAt: first.user.createdAt },
      note: 'My endocrinologist at Sainte-Justine suggested this group.',
      requestedAt: expect.any(String),
    });
    expect(b).toMatchObject({ user: { id: second.user.id, displayName: 'Sam Tremblay', bio: '', createdAt: second.user.createdAt }, note: null });
    const text = JSON.stringify(items);
    for (const u of [first, second]) expect(text).not.toContain(u.email);
    expect(text).not.toMatch(/"email"/);
  });

  it('accepts exactly 500 characters, an empty note as none, and no body at all', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const longest = await registerUser(t);
    const empty = await registerUser(t);
    const none = await registerUser(t);
    const note = 'é'.repeat(JOIN_NOTE_MAX);
    expect(JOIN_NOTE_MAX).toBe(500);
    expect((await ask(g, longest, { note: `${note}\n  ` })).status).toBe(202);
    expect((await ask(g, empty, { note: '   ' })).status).toBe(202);
    expect((await ask(g, none)).status).toBe(202);
    expect(await storedRow(g, longest)).toEqual({ status: 'pending', note });
    expect(await storedRow(g, empty)).toEqual({ status: 'pending', note: null });
    expect(await storedRow(g, none)).toEqual({ status: 'pending', note: null });
  });

  it('refuses a note too long, of the wrong type or with control characters, with a clear error, and writes nothing', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const person = await registerUser(t);
    const tooLong = await ask(g, person, { note: 'a'.repeat(JOIN_NOTE_MAX + 1) });
    expectError(tooLong, 400, 'VALIDATION_ERROR');
    expect(JSON.stringify(tooLong.body)).toMatch(/note/);
    expect(JSON.stringify(tooLong.body)).toMatch(/500/);
    expectError(await ask(g, person, { note: 123 }), 400, 'VALIDATION_ERROR');
    expectError(await ask(g, person, { note: 'hello\u0007there' }), 400, 'VALIDATION_ERROR');
    expect(await storedRow(g, person)).toBeNull();
    expect(await requests(g)).toEqual([]);
    // Nobody was told of a request that was never made.
    const bell = await t.http().get('/api/notifications').set(owner.auth);
    expect(bell.status).toBe(200);
    expect((bell.body.items as Array<{ type: string; data: { groupId?: string } }>).filter((n) => n.type === 'join_request' && n.data.groupId === g.id)).toEqual([]);
  });

  it('keeps the first note when someone asks again, and clears it once approved', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const person = await registerUser(t);
    expect((await ask(g, person, { note: 'First words' })).status).toBe(202);
    expect((await ask(g, person, { note: 'Second words' })).status).toBe(202);
    expect((await requests(g)).map((r) => r.note)).toEqual(['First words']);
    const approved = await t.http().post(`/api/groups/${g.slug}/requests/${person.user.id}/approve`).set(owner.auth);
    expect(approved.status).toBe(200);
    expect(await storedRow(g, person)).toEqual({ status: 'active', note: null });
  });

  it('keeps no note for a public group, which admits at once', async () => {
    const g = await createGroup(t, owner);
    const person = await registerUser(t);
    const joined = await ask(g, person, { note: 'Hello all' });
    expect(joined.status).toBe(200);
    expect(await storedRow(g, person)).toEqual({ status: 'active', note: null });
  });

  it('shows the note to the group’s moderators only: not to members, the requester or strangers; 401 signed out', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const member = await registerUser(t);
    await joinGroup(t, member, g, owner);
    const person = await registerUser(t);
    const stranger = await registerUser(t);
    expect((await ask(g, person, { note: 'Only for the moderators' })).status).toBe(202);
    expectError(await t.http().get(`/api/groups/${g.slug}/requests`).set(member.auth), 403, 'FORBIDDEN');
    expectError(await t.http().get(`/api/groups/${g.slug}/requests`).set(person.auth), 403, 'NOT_A_MEMBER');
    expectError(await t.http().get(`/api/groups/${g.slug}/requests`).set(stranger.auth), 403, 'NOT_A_MEMBER');
    expectError(await t.http().get(`/api/groups/${g.slug}/requests`), 401, 'UNAUTHORIZED');
    for (const who of [member, person, stranger]) {
      const seen = await t.http().get(`/api/groups/${g.slug}`).set(who.auth);
      expect(JSON.stringify(seen.body)).not.toContain('Only for the moderators');
    }
    expectError(await ask(g, stranger, { note: 'x' }).unset('Authorization'), 401, 'UNAUTHORIZED');
  });

  it('is documented in the OpenAPI document (the join’s optional body)', async () => {
    const res = await t.http().get('/docs/json');
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.body.paths['/api/groups/{slug}/join'].post.requestBody);
    expect(body).toContain('"note"');
    expect(body).toContain('500');
  });
});
