/**
 * The permission matrix of "Conditions and groups": every route × (anonymous, signed-in non-member,
 * pending, member, moderator, owner, site admin) × (public, private group). Each case checks the
 * status and code, then what the request did or did not change.
 *
 * A public group has no pending members (making a private group public admits its requests; see
 * groups.test.ts), so "pending × public" does not exist and is not listed.
 */
import type { Group } from '@circles/shared';
import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';

type Who = 'anonymous' | 'outsider' | 'pending' | 'member' | 'moderator' | 'owner' | 'admin';
type Signed = Exclude<Who, 'anonymous'>;
type Visibility = 'public' | 'private';
type Outcome = number | [number, string];

let t: TestApp;
const people = {} as Record<Signed | 'applicant', TestUser>;

beforeAll(async () => {
  t = await startTestApp();
  for (const key of ['outsider', 'pending', 'member', 'moderator', 'owner', 'admin', 'applicant'] as const) {
    people[key] = await registerUser(t, { displayName: `${key} ${uniqueSuffix()}`.slice(0, 40) });
  }
  people.admin = await makeAdmin(t, people.admin);
});
afterAll(() => t?.close());

interface Fixture {
  group: Group;
  visibility: Visibility;
}

/** A group with an owner, a moderator, a member and (private only) two pending requests: "pending" and an applicant. */
async function makeFixture(visibility: Visibility): Promise<Fixture> {
  const group = await createGroup(t, people.owner, { visibility, name: `Matrix ${visibility} ${uniqueSuffix()}` });
  await joinGroup(t, people.member, group, people.owner);
  await joinGroup(t, people.moderator, group, people.owner);
  await setRole(t, people.owner, group, people.moderator, 'moderator');
  if (visibility === 'private') {
    for (const asker of [people.pending, people.applicant]) {
      expect((await t.http().post(`/api/groups/${group.slug}/join`).set(asker.auth)).status).toBe(202);
    }
  }
  // As it stands once everyone is in place (memberCount 3).
  const settled = (await t.http().get(`/api/groups/${group.slug}`).set(people.owner.auth)).body as Group;
  expect(settled.memberCount).toBe(3);
  return { group: settled, visibility };
}

const as = (req: supertest.Test, who: Who) => (who === 'anonymous' ? req : req.set(people[who].auth));
const viewAs = async (fx: Fixture, who: Signed | 'applicant') =>
  (await t.http().get(`/api/groups/${fx.group.slug}`).set(people[who].auth)).body as Group;
const memberIds = async (fx: Fixture) =>
  ((await t.http().get(`/api/groups/${fx.group.slug}/members`).set(people.owner.auth)).body.items as Array<{ user: { id: string }; role: string }>);
const requestIds = async (fx: Fixture) =>
  ((await t.http().get(`/api/groups/${fx.group.slug}/requests`).set(people.owner.auth)).body.items as Array<{ user: { id: string } }>).map((r) => r.user.id);

const UNAUTHORIZED: Outcome = [401, 'UNAUTHORIZED'];
const FORBIDDEN: Outcome = [403, 'FORBIDDEN'];
const NOT_A_MEMBER: Outcome = [403, 'NOT_A_MEMBER'];

const everyone = (ok: Outcome): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED, outsider: ok, pending: ok, member: ok, moderator: ok, owner: ok, admin: ok,
});
/** Moderators, owners and admins; others are refused (NOT_A_MEMBER first in a private group, whose content they cannot see). */
const moderators = (ok: Outcome, visibility: Visibility): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED,
  outsider: visibility === 'private' ? NOT_A_MEMBER : FORBIDDEN,
  pending: visibility === 'private' ? NOT_A_MEMBER : FORBIDDEN,
  member: FORBIDDEN,
  moderator: ok,
  owner: ok,
  admin: ok,
});
const owners = (ok: Outcome, visibility: Visibility): Record<Who, Outcome> => ({ ...moderators(ok, visibility), moderator: FORBIDDEN });

interface RouteCase {
  route: string;
  /** Needs a fresh group per case (the request changes it). */
  mutates: boolean;
  send: (fx: Fixture) => supertest.Test;
  expected: (visibility: Visibility) => Record<Who, Outcome>;
  /** What the request did (ok) or did not do (refused) to the group. */
  check?: (fx: Fixture, who: Who, ok: boolean, res: supertest.Response) => Promise<void>;
}

const matrix: RouteCase[] = [
  {
    route: 'GET /api/conditions',
    mutates: false,
    send: () => t.http().get('/api/conditions'),
    expected: () => ({ ...everyone(200), anonymous: 200 }),
    check: async (_fx, _who, _ok, res) => expect(res.body.items.length).toBeGreaterThanOrEqual(30),
  },
  {
    route: 'GET /api/groups',
    mutates: false,
    send: (fx) => t.http().get('/api/groups').query({ q: fx.group.name }),
    // Signed out too, with cards only (organizations and invitations: people see what they would join).
    expected: () => ({ ...everyone(200), anonymous: 200 }),
    check: async (fx, _who, ok, res) => {
      // Private groups are discoverable too.
      if (ok) expect(res.body.items.map((g: Group) => g.id)).toContain(fx.group.id);
    },
  },
  {
    route: 'POST /api/groups',
    mutates: false,
    send: (fx) => t.http().post('/api/groups').send({ name: `New ${uniqueSuffix()}`, conditionSlug: 'asthma', description: 'Hello', visibility: fx.visibility }),
    expected: () => everyone(201),
    check: async (_fx, _who, ok, res) => {
      if (ok) expect(res.body.myMembership).toEqual({ role: 'owner', status: 'active', mutedUntil: null, muteReason: null });
    },
  },
  {
    route: 'GET /api/groups/:slug',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}`),
    expected: () => ({ ...everyone(200), anonymous: 200 }),
    check: async (_fx, who, ok, res) => {
      if (!ok) return;
      const expected: Record<Signed, unknown> = {
        outsider: null,
        admin: null,
        pending: { role: 'member', status: 'pending', mutedUntil: null, muteReason: null },
        member: { role: 'member', status: 'active', mutedUntil: null, muteReason: null },
        moderator: { role: 'moderator', status: 'active', mutedUntil: null, muteReason: null },
        owner: { role: 'owner', status: 'active', mutedUntil: null, muteReason: null },
      };
      expect(res.body.myMembership).toEqual(who === 'anonymous' ? null : expected[who as Signed]);
    },
  },
  {
    route: 'PATCH /api/groups/:slug',
    mutates: true,
    send: (fx) => t.http().patch(`/api/groups/${fx.group.slug}`).send({ description: 'Changed by the matrix' }),
    expected: (v) => moderators(200, v),
    check: async (fx, _who, ok) => {
      expect((await viewAs(fx, 'owner')).description).toBe(ok ? 'Changed by the matrix' : fx.group.description);
    },
  },
  {
    route: 'POST /api/groups/:slug/join',
    mutates: true,
    send: (fx) => t.http().post(`/api/groups/${fx.group.slug}/join`),
    expected: (v) => ({
      anonymous: UNAUTHORIZED,
      outsider: v === 'public' ? 200 : 202,
      pending: 202,
      member: 200,
      moderator: 200,
      owner: 200,
      admin: 200,
    }),
    check: async (fx, who, ok, res) => {
      const before = fx.group.memberCount;
      const after = (await viewAs(fx, 'owner')).memberCount;
      if (!ok) return expect(after).toBe(before);
      const newcomer = who === 'admin' || (who === 'outsider' && fx.visibility === 'public');
      expect(after).toBe(before + (newcomer ? 1 : 0));
      expect(res.body.membership.status).toBe(res.status === 202 ? 'pending' : 'active');
      expect(res.body.group.myMembership).toEqual({ ...res.body.membership, mutedUntil: null, muteReason: null });
    },
  },
  {
    route: 'POST /api/groups/:slug/leave',
    mutates: true,
    send: (fx) => t.http().post(`/api/groups/${fx.group.slug}/leave`),
    expected: () => ({
      anonymous: UNAUTHORIZED,
      outsider: NOT_A_MEMBER,
      pending: 204,
      member: 204,
      moderator: 204,
      owner: [409, 'CONFLICT'],
      admin: NOT_A_MEMBER,
    }),
    check: async (fx, who, ok) => {
      const count = (await viewAs(fx, 'owner')).memberCount;
      if (who === 'anonymous') return expect(count).toBe(fx.group.memberCount);
      const mine = await viewAs(fx, who);
      if (ok) {
        expect(mine.myMembership).toBeNull();
        expect(count).toBe(fx.group.memberCount - (who === 'pending' ? 0 : 1));
      } else {
        expect(count).toBe(fx.group.memberCount);
        if (who === 'owner') expect(mine.myMembership).toEqual({ role: 'owner', status: 'active', mutedUntil: null, muteReason: null });
      }
    },
  },
  {
    route: 'GET /api/groups/:slug/members',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/members`),
    expected: (v) =>
      v === 'public'
        ? everyone(200)
        : { ...everyone(200), outsider: NOT_A_MEMBER, pending: NOT_A_MEMBER },
    check: async (_fx, _who, ok, res) => {
      if (!ok) return expect(res.body.items).toBeUndefined();
      const ids = res.body.items.map((m: { user: { id: string } }) => m.user.id);
      expect(ids).toEqual([people.owner.user.id, people.moderator.user.id, people.member.user.id]);
    },
  },
  {
    route: 'GET /api/groups/:slug/requests',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/requests`),
    expected: (v) => moderators(200, v),
    check: async (fx, _who, ok, res) => {
      if (!ok) return expect(res.body.items).toBeUndefined();
      const ids = res.body.items.map((r: { user: { id: string } }) => r.user.id);
      expect(ids).toEqual(fx.visibility === 'private' ? [people.pending.user.id, people.applicant.user.id] : []);
    },
  },
  {
    route: 'POST /api/groups/:slug/requests/:userId/approve',
    mutates: true,
    send: (fx) => t.http().post(`/api/groups/${fx.group.slug}/requests/${people.applicant.user.id}/approve`),
    // A public group has no requests to approve.
    expected: (v) => moderators(v === 'private' ? 200 : [404, 'NOT_FOUND'], v),
    check: async (fx, _who, ok) => {
      const applicant = (await viewAs(fx, 'applicant')).myMembership;
      if (fx.visibility === 'public') return expect(applicant).toBeNull();
      expect(applicant).toEqual({ role: 'member', status: ok ? 'active' : 'pending', mutedUntil: null, muteReason: null });
      expect((await viewAs(fx, 'owner')).memberCount).toBe(fx.group.memberCount + (ok ? 1 : 0));
    },
  },
  {
    route: 'POST /api/groups/:slug/requests/:userId/deny',
    mutates: true,
    send: (fx) => t.http().post(`/api/groups/${fx.group.slug}/requests/${people.applicant.user.id}/deny`),
    expected: (v) => moderators(v === 'private' ? 204 : [404, 'NOT_FOUND'], v),
    check: async (fx, _who, ok) => {
      const stillAsking = (await requestIds(fx)).includes(people.applicant.user.id);
      expect(stillAsking).toBe(fx.visibility === 'private' && !ok);
    },
  },
  {
    route: 'PUT /api/groups/:slug/members/:userId/role',
    mutates: true,
    send: (fx) => t.http().put(`/api/groups/${fx.group.slug}/members/${people.member.user.id}/role`).send({ role: 'moderator' }),
    expected: (v) => owners(200, v),
    check: async (fx, _who, ok) => {
      const member = (await memberIds(fx)).find((m) => m.user.id === people.member.user.id);
      expect(member?.role).toBe(ok ? 'moderator' : 'member');
    },
  },
  {
    route: 'GET /api/groups/:slug/settings',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/settings`),
    expected: (v) => moderators(200, v),
    check: async (_fx, _who, ok, res) => {
      if (ok) expect(res.body).toEqual({ slowModeSeconds: 0, blockedTerms: [] });
      else expect(res.body.blockedTerms).toBeUndefined();
    },
  },
  {
    route: 'PUT /api/groups/:slug/settings',
    mutates: true,
    send: (fx) => t.http().put(`/api/groups/${fx.group.slug}/settings`).send({ slowModeSeconds: 45, blockedTerms: ['spam'] }),
    expected: (v) => moderators(200, v),
    check: async (fx, _who, ok) => {
      expect((await viewAs(fx, 'member')).settings.slowModeSeconds).toBe(ok ? 45 : 0);
    },
  },
  {
    route: 'GET /api/me/groups',
    mutates: false,
    send: () => t.http().get('/api/me/groups'),
    expected: () => everyone(200),
    check: async (fx, who, ok, res) => {
      if (!ok) return;
      const listed = res.body.items.some((g: Group) => g.id === fx.group.id);
      expect(listed).toBe(who === 'member' || who === 'moderator' || who === 'owner');
    },
  },
];

const shared: Partial<Record<Visibility, Promise<Fixture>>> = {};
const sharedFixture = (v: Visibility) => (shared[v] ??= makeFixture(v));

for (const visibility of ['public', 'private'] as const) {
  describe(`${visibility} group`, () => {
    for (const rc of matrix) {
      const expected = rc.expected(visibility);
      const whos = (Object.keys(expected) as Who[]).filter((who) => !(who === 'pending' && visibility === 'public'));
      it.each(whos)(`${rc.route} as %s`, async (who) => {
        const fx = rc.mutates ? await makeFixture(visibility) : await sharedFixture(visibility);
        const res = await as(rc.send(fx), who);
        const outcome = expected[who];
        const [status, code] = Array.isArray(outcome) ? outcome : [outcome, undefined];
        expect(res.status, `${rc.route} as ${who}: ${JSON.stringify(res.body)}`).toBe(status);
        if (code) expect(res.body).toMatchObject({ statusCode: status, code });
        await rc.check?.(fx, who, status < 300, res);
      });
    }
  });
}
