/**
 * The permission matrix of "Moderation and safety": every route × (anonymous, signed-in non-member,
 * member, moderator, owner, site admin, banned, suspended) × (public, private group). Each case checks
 * the status and code, then what the request wrote — its audit row and its effect — or, refused, that
 * nothing was written.
 */
import type { Group, Message } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { ban, mute, suspend } from '../helpers/moderation.js';

type Who = 'anonymous' | 'outsider' | 'member' | 'moderator' | 'owner' | 'admin' | 'banned' | 'suspended';
type Visibility = 'public' | 'private';
type Outcome = number | [number, string];

let t: TestApp;
const people = {} as Record<Exclude<Who, 'anonymous'> | 'reporter', TestUser>;

beforeAll(async () => {
  t = await startTestApp();
  for (const key of ['outsider', 'member', 'moderator', 'owner', 'admin', 'banned', 'suspended', 'reporter'] as const) {
    people[key] = await registerUser(t, { displayName: `${key} ${uniqueSuffix()}`.slice(0, 40) });
  }
  people.admin = await makeAdmin(t, people.admin);
  await suspend(t, people.admin, people.suspended, { reason: 'Matrix' });
});
afterAll(() => t?.close());

interface Fixture {
  group: Group;
  visibility: Visibility;
  /** A plain member whom moderators act on. */
  target: TestUser;
  message: Message;
  reportId: string;
}

/** A group with owner, moderator, member, reporter, a target member (muted, with a reported message) and a banned ex-member. */
async function makeFixture(visibility: Visibility): Promise<Fixture> {
  const group = await createGroup(t, people.owner, { visibility, name: `Mod matrix ${visibility} ${uniqueSuffix()}` });
  const target = await registerUser(t, { displayName: `Target ${uniqueSuffix()}`.slice(0, 40) });
  for (const who of [people.member, people.moderator, people.reporter, people.banned, target]) await joinGroup(t, who, group, people.owner);
  await setRole(t, people.owner, group, people.moderator, 'moderator');
  await ban(t, people.owner, group, people.banned);
  const message = await postMessage(t, target, group, 'Buy my miracle cure');
  await mute(t, people.owner, group, target, 30);
  const report = await t.http().post('/api/reports').set(people.reporter.auth).send({ targetType: 'message', targetId: message.id, reason: 'spam' });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  return { group, visibility, target, message, reportId: report.body.id };
}

const as = (req: supertest.Test, who: Who) => (who === 'anonymous' ? req : req.set(people[who].auth));
const count = async (query: ReturnType<typeof sql>) =>
  ((await t.app.deps.db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
const auditRows = (fx: Fixture) => count(sql`select count(*)::int as n from audit_log where group_id = ${fx.group.id}`);
const siteAuditRows = (fx: Fixture) => count(sql`select count(*)::int as n from audit_log where group_id is null and target_user_id = ${fx.target.user.id}`);

const UNAUTHORIZED: Outcome = [401, 'UNAUTHORIZED'];
const FORBIDDEN: Outcome = [403, 'FORBIDDEN'];
const NOT_A_MEMBER: Outcome = [403, 'NOT_A_MEMBER'];
const BANNED: Outcome = [403, 'BANNED'];
const SUSPENDED: Outcome = [403, 'SUSPENDED'];

/** Moderators, owners and admins; the others refused (in a private group, outsiders and the banned cannot even see it). */
const moderators = (ok: Outcome, v: Visibility): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED,
  outsider: v === 'private' ? NOT_A_MEMBER : FORBIDDEN,
  member: FORBIDDEN,
  moderator: ok,
  owner: ok,
  admin: ok,
  banned: v === 'private' ? BANNED : FORBIDDEN,
  suspended: SUSPENDED,
});
/** Readers of the group (anyone signed in for a public group). */
const readers = (ok: Outcome, v: Visibility): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED,
  outsider: v === 'private' ? NOT_A_MEMBER : ok,
  member: ok,
  moderator: ok,
  owner: ok,
  admin: ok,
  banned: v === 'private' ? BANNED : ok,
  suspended: SUSPENDED,
});
const admins = (ok: Outcome): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED,
  outsider: FORBIDDEN,
  member: FORBIDDEN,
  moderator: FORBIDDEN,
  owner: FORBIDDEN,
  admin: ok,
  banned: FORBIDDEN,
  suspended: SUSPENDED,
});

interface RouteCase {
  route: string;
  /** Needs a fresh fixture per case (the request changes it). */
  mutates: boolean;
  /** Site-wide routes: the group's visibility does not matter (run once). */
  siteWide?: boolean;
  prepare?: (fx: Fixture) => Promise<void>;
  send: (fx: Fixture) => supertest.Test;
  expected: (v: Visibility) => Record<Who, Outcome>;
  check?: (fx: Fixture, ok: boolean, res: supertest.Response, before: number) => Promise<void>;
}

/** One audit row more when it succeeded; none when refused. */
const audited = (rows: (fx: Fixture) => Promise<number>) => async (fx: Fixture, ok: boolean, _res: supertest.Response, before: number) =>
  expect(await rows(fx)).toBe(before + (ok ? 1 : 0));

const state = {
  muted: async (fx: Fixture) => (await count(sql`select count(*)::int as n from group_mutes where group_id = ${fx.group.id} and user_id = ${fx.target.user.id} and until > now()`)) > 0,
  banned: async (fx: Fixture, user: TestUser) => (await count(sql`select count(*)::int as n from group_bans where group_id = ${fx.group.id} and user_id = ${user.user.id}`)) > 0,
  member: async (fx: Fixture) => (await count(sql`select count(*)::int as n from memberships where group_id = ${fx.group.id} and user_id = ${fx.target.user.id}`)) > 0,
  suspended: async (fx: Fixture) => (await count(sql`select count(*)::int as n from users where id = ${fx.target.user.id} and suspended_at is not null`)) > 0,
};

const matrix: RouteCase[] = [
  {
    route: 'POST /api/reports',
    mutates: true,
    send: (fx) => t.http().post('/api/reports').send({ targetType: 'message', targetId: fx.message.id, reason: 'harassment', note: 'Matrix' }),
    expected: (v) => readers(201, v),
    check: async (fx, ok) => {
      expect(await count(sql`select count(*)::int as n from reports where group_id = ${fx.group.id}`)).toBe(ok ? 2 : 1);
    },
  },
  {
    route: 'GET /api/groups/:slug/reports',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/reports`),
    expected: (v) => moderators(200, v),
    check: async (fx, ok, res) => {
      if (ok) expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([fx.reportId]);
    },
  },
  {
    route: 'POST /api/reports/:id/resolve',
    mutates: true,
    send: (fx) => t.http().post(`/api/reports/${fx.reportId}/resolve`).send({ action: 'dismiss', note: 'Matrix' }),
    expected: (v) => moderators(200, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await count(sql`select count(*)::int as n from reports where id = ${fx.reportId} and status = 'resolved'`)).toBe(ok ? 1 : 0);
    },
  },
  {
    route: 'GET /api/groups/:slug/mutes',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/mutes`),
    expected: (v) => moderators(200, v),
    check: async (fx, ok, res) => {
      if (ok) expect(res.body.items.map((m: { user: { id: string } }) => m.user.id)).toEqual([fx.target.user.id]);
    },
  },
  {
    route: 'POST /api/groups/:slug/mutes',
    mutates: true,
    prepare: async (fx) => {
      await t.http().delete(`/api/groups/${fx.group.slug}/mutes/${fx.target.user.id}`).set(people.owner.auth).expect(204);
    },
    send: (fx) => t.http().post(`/api/groups/${fx.group.slug}/mutes`).send({ userId: fx.target.user.id, minutes: 10, reason: 'Matrix' }),
    expected: (v) => moderators(201, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await state.muted(fx)).toBe(ok);
    },
  },
  {
    route: 'DELETE /api/groups/:slug/mutes/:userId',
    mutates: true,
    send: (fx) => t.http().delete(`/api/groups/${fx.group.slug}/mutes/${fx.target.user.id}`),
    expected: (v) => moderators(204, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await state.muted(fx)).toBe(!ok);
    },
  },
  {
    route: 'GET /api/groups/:slug/bans',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/bans`),
    expected: (v) => moderators(200, v),
    check: async (_fx, ok, res) => {
      if (ok) expect(res.body.items.map((b: { user: { id: string } }) => b.user.id)).toEqual([people.banned.user.id]);
    },
  },
  {
    route: 'POST /api/groups/:slug/bans',
    mutates: true,
    send: (fx) => t.http().post(`/api/groups/${fx.group.slug}/bans`).send({ userId: fx.target.user.id, reason: 'Matrix', minutes: 60 }),
    expected: (v) => moderators(201, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await state.banned(fx, fx.target)).toBe(ok);
      expect(await state.member(fx)).toBe(!ok);
    },
  },
  {
    route: 'DELETE /api/groups/:slug/bans/:userId',
    mutates: true,
    send: (fx) => t.http().delete(`/api/groups/${fx.group.slug}/bans/${people.banned.user.id}`),
    expected: (v) => moderators(204, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await state.banned(fx, people.banned)).toBe(!ok);
    },
  },
  {
    route: 'DELETE /api/groups/:slug/members/:userId',
    mutates: true,
    send: (fx) => t.http().delete(`/api/groups/${fx.group.slug}/members/${fx.target.user.id}`).send({ reason: 'Matrix' }),
    expected: (v) => moderators(204, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await state.member(fx)).toBe(!ok);
    },
  },
  {
    route: 'DELETE /api/messages/:id (someone else’s, with a reason)',
    mutates: true,
    send: (fx) => t.http().delete(`/api/messages/${fx.message.id}`).send({ reason: 'Matrix' }),
    // Reading the message comes first: a private group's outsiders and banned never learn more.
    expected: (v) => moderators(204, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await count(sql`select count(*)::int as n from messages where id = ${fx.message.id} and deleted_at is not null`)).toBe(ok ? 1 : 0);
    },
  },
  {
    route: 'PUT /api/groups/:slug/settings',
    mutates: true,
    send: (fx) => t.http().put(`/api/groups/${fx.group.slug}/settings`).send({ slowModeSeconds: 5, reason: 'Matrix' }),
    expected: (v) => moderators(200, v),
    check: async (fx, ok, res, before) => {
      await audited(auditRows)(fx, ok, res, before);
      expect(await count(sql`select slow_mode_seconds as n from groups where id = ${fx.group.id}`)).toBe(ok ? 5 : 0);
    },
  },
  {
    route: 'GET /api/groups/:slug/audit-log',
    mutates: false,
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/audit-log`),
    expected: (v) => moderators(200, v),
    check: async (_fx, ok, res) => {
      if (ok) expect(res.body.items.map((e: { action: string }) => e.action).slice(0, 3)).toEqual(['mute', 'ban', 'role_change']);
    },
  },
  {
    route: 'GET /api/admin/audit-log',
    mutates: false,
    siteWide: true,
    send: () => t.http().get('/api/admin/audit-log').query({ action: 'suspend' }),
    expected: () => admins(200),
    check: async (_fx, ok, res) => {
      if (!ok) return;
      expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(res.body.items.map(() => 'suspend'));
      expect(res.body.items.map((e: { targetUser: { id: string } }) => e.targetUser.id)).toContain(people.suspended.user.id);
    },
  },
  {
    route: 'GET /api/admin/suspensions',
    mutates: false,
    siteWide: true,
    send: () => t.http().get('/api/admin/suspensions'),
    expected: () => admins(200),
    check: async (_fx, ok, res) => {
      if (ok) expect(res.body.items.map((s: { user: { id: string } }) => s.user.id)).toContain(people.suspended.user.id);
    },
  },
  {
    route: 'POST /api/admin/users/:id/suspend',
    mutates: true,
    siteWide: true,
    send: (fx) => t.http().post(`/api/admin/users/${fx.target.user.id}/suspend`).send({ reason: 'Matrix', minutes: 60 }),
    expected: () => admins(200),
    check: async (fx, ok, res, before) => {
      await audited(siteAuditRows)(fx, ok, res, before);
      expect(await state.suspended(fx)).toBe(ok);
    },
  },
  {
    route: 'DELETE /api/admin/users/:id/suspend',
    mutates: true,
    siteWide: true,
    prepare: async (fx) => {
      await suspend(t, people.admin, fx.target);
    },
    send: (fx) => t.http().delete(`/api/admin/users/${fx.target.user.id}/suspend`),
    expected: () => admins(204),
    check: async (fx, ok, res, before) => {
      await audited(siteAuditRows)(fx, ok, res, before);
      expect(await state.suspended(fx)).toBe(!ok);
    },
  },
];

const WHO: Who[] = ['anonymous', 'outsider', 'member', 'moderator', 'owner', 'admin', 'banned', 'suspended'];

describe.each(['public', 'private'] as const)('moderation routes in a %s group', (visibility) => {
  let shared: Fixture;
  beforeAll(async () => {
    shared = await makeFixture(visibility);
  });
  /**
   * A request that changes the group gets a fresh one when it should succeed. Refused requests of one
   * route share a fixture: each checks that it changed nothing, so the next finds it as it was.
   */
  const refusals = new Map<string, Fixture>();
  async function fixtureFor(c: RouteCase, succeeds: boolean): Promise<Fixture> {
    if (!c.mutates) return shared;
    if (!succeeds && refusals.has(c.route)) return refusals.get(c.route)!;
    const fx = await makeFixture(visibility);
    await c.prepare?.(fx);
    if (!succeeds) refusals.set(c.route, fx);
    return fx;
  }

  for (const c of matrix) {
    if (c.siteWide && visibility === 'private') continue;
    it.each(WHO)(`${c.route} as %s`, async (who) => {
      const expected = c.expected(visibility)[who];
      const [status, code] = Array.isArray(expected) ? expected : [expected, undefined];
      const fx = await fixtureFor(c, status < 300);
      const before = c.siteWide ? await siteAuditRows(fx) : await auditRows(fx);
      const res = await as(c.send(fx), who);
      expect(res.status, `${c.route} as ${who}: ${JSON.stringify(res.body)}`).toBe(status);
      if (code) expect(res.body.code).toBe(code);
      await c.check?.(fx, status < 300, res, before);
    });
  }
});
