/**
 * The permission matrix of "Live events": every route × (anonymous, signed-in outsider, pending,
 * member, the event's host, moderator, owner, site admin) × (public, private group). Each case checks
 * the status and code, then whether the request changed what it would change.
 *
 * A public group has no pending members, so "pending × public" is not listed.
 */
import type { Group, LiveEvent } from '@circles/shared';
import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { askQuestion, eventTimes, scheduleEvent, startEvent } from '../helpers/events.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';

type Who = 'anonymous' | 'outsider' | 'pending' | 'member' | 'host' | 'moderator' | 'owner' | 'admin';
type Signed = Exclude<Who, 'anonymous'>;
type Visibility = 'public' | 'private';
type Outcome = number | [number, string];

let t: TestApp;
const people = {} as Record<Signed, TestUser>;
const groups = {} as Record<Visibility, Group>;

beforeAll(async () => {
  t = await startTestApp();
  for (const key of ['outsider', 'pending', 'member', 'host', 'moderator', 'owner', 'admin'] as const) {
    people[key] = await registerUser(t, { displayName: `${key} ${uniqueSuffix()}`.slice(0, 40) });
  }
  people.admin = await makeAdmin(t, people.admin);
  for (const visibility of ['public', 'private'] as const) {
    const group = await createGroup(t, people.owner, { visibility, name: `Events matrix ${visibility} ${uniqueSuffix()}` });
    for (const who of ['member', 'host', 'moderator'] as const) await joinGroup(t, people[who], group, people.owner);
    await setRole(t, people.owner, group, people.moderator, 'moderator');
    if (visibility === 'private') expect((await t.http().post(`/api/groups/${group.slug}/join`).set(people.pending.auth)).status).toBe(202);
    groups[visibility] = group;
  }
});
afterAll(() => t?.close());

const UNAUTHORIZED: Outcome = [401, 'UNAUTHORIZED'];
const FORBIDDEN: Outcome = [403, 'FORBIDDEN'];
const NOT_A_MEMBER: Outcome = [403, 'NOT_A_MEMBER'];

/** Readers: anyone signed in for a public group, active members (and admins) for a private one. */
const readers = (ok: Outcome, v: Visibility): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED,
  outsider: v === 'public' ? ok : NOT_A_MEMBER,
  pending: v === 'public' ? ok : NOT_A_MEMBER,
  member: ok,
  host: ok,
  moderator: ok,
  owner: ok,
  admin: ok,
});
/** Members who may post (admins may always post). */
const members = (ok: Outcome): Record<Who, Outcome> => ({
  anonymous: UNAUTHORIZED,
  outsider: NOT_A_MEMBER,
  pending: NOT_A_MEMBER,
  member: ok,
  host: ok,
  moderator: ok,
  owner: ok,
  admin: ok,
});
const moderators = (ok: Outcome, v: Visibility): Record<Who, Outcome> => ({
  ...readers(FORBIDDEN, v),
  moderator: ok,
  owner: ok,
  admin: ok,
});
const runners = (ok: Outcome, v: Visibility): Record<Who, Outcome> => ({ ...moderators(ok, v), host: ok });

interface Fixture {
  group: Group;
  event: LiveEvent;
  questionId: string;
}

type State = 'scheduled' | 'live';

async function makeFixture(visibility: Visibility, state: State): Promise<Fixture> {
  const group = groups[visibility];
  const event = await scheduleEvent(t, people.moderator, group, [people.host], { startsIn: 30 });
  const question = await askQuestion(t, people.member, event, 'A question for the matrix');
  if (state === 'live') await startEvent(t, people.host, event);
  return { group, event, questionId: question.id };
}

const shared = new Map<string, Promise<Fixture>>();
const sharedFixture = (visibility: Visibility, state: State) => {
  const key = `${visibility}:${state}`;
  if (!shared.has(key)) shared.set(key, makeFixture(visibility, state));
  return shared.get(key)!;
};

const read = async (fx: Fixture) => (await t.http().get(`/api/events/${fx.event.id}`).set(people.owner.auth)).body as LiveEvent;
const questions = async (fx: Fixture) =>
  (await t.http().get(`/api/events/${fx.event.id}/questions`).query({ status: 'all' }).set(people.owner.auth)).body.items as Array<{
    id: string;
    upvotes: number;
    status: string;
    featured: boolean;
  }>;

interface RouteCase {
  route: string;
  state: State;
  /** Changes the event it is sent to: needs a fresh one per case (others share one per group and state). */
  mutates: boolean;
  send: (fx: Fixture) => supertest.Test;
  expected: (v: Visibility) => Record<Who, Outcome>;
  check: (fx: Fixture, ok: boolean, res: supertest.Response) => Promise<void>;
}

const matrix: RouteCase[] = [
  {
    route: 'POST /api/groups/:slug/events',
    mutates: false,
    state: 'scheduled',
    send: (fx) =>
      t.http().post(`/api/groups/${fx.group.slug}/events`).send({
        title: `Matrix ${uniqueSuffix()}`,
        ...eventTimes(t, 60, 90),
        hostIds: [people.host.user.id],
      }),
    expected: (v) => moderators(201, v),
    check: async (fx, ok, res) => {
      const listed = (await t.http().get(`/api/groups/${fx.group.slug}/events`).query({ limit: 100 }).set(people.owner.auth)).body.items as LiveEvent[];
      if (ok) expect(listed.map((e) => e.id)).toContain(res.body.id);
      else expect(res.body.id).toBeUndefined();
    },
  },
  {
    route: 'GET /api/groups/:slug/events',
    mutates: false,
    state: 'scheduled',
    send: (fx) => t.http().get(`/api/groups/${fx.group.slug}/events`).query({ limit: 100 }),
    expected: (v) => readers(200, v),
    check: async (fx, ok, res) => {
      if (ok) expect(res.body.items.map((e: LiveEvent) => e.id)).toContain(fx.event.id);
      else expect(res.body.items).toBeUndefined();
    },
  },
  {
    route: 'GET /api/events/:id',
    mutates: false,
    state: 'scheduled',
    send: (fx) => t.http().get(`/api/events/${fx.event.id}`),
    expected: (v) => readers(200, v),
    check: async (fx, ok, res) => expect(res.body.title === fx.event.title).toBe(ok),
  },
  {
    route: 'PATCH /api/events/:id',
    mutates: true,
    state: 'scheduled',
    send: (fx) => t.http().patch(`/api/events/${fx.event.id}`).send({ title: 'Changed by the matrix' }),
    expected: (v) => moderators(200, v),
    check: async (fx, ok) => expect((await read(fx)).title).toBe(ok ? 'Changed by the matrix' : fx.event.title),
  },
  {
    route: 'POST /api/events/:id/cancel',
    mutates: true,
    state: 'scheduled',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/cancel`),
    expected: (v) => moderators(200, v),
    check: async (fx, ok) => expect((await read(fx)).status).toBe(ok ? 'cancelled' : 'scheduled'),
  },
  {
    route: 'PUT /api/events/:id/reminder',
    mutates: false,
    state: 'scheduled',
    send: (fx) => t.http().put(`/api/events/${fx.event.id}/reminder`),
    expected: (v) => readers(200, v),
    check: async (_fx, ok, res) => {
      if (ok) expect(res.body.remindMe).toBe(true);
    },
  },
  {
    route: 'GET /api/events/:id/event.ics',
    mutates: false,
    state: 'scheduled',
    send: (fx) => t.http().get(`/api/events/${fx.event.id}/event.ics`),
    expected: (v) => readers(200, v),
    check: async (_fx, ok, res) => expect(/text\/calendar/.test(String(res.headers['content-type']))).toBe(ok),
  },
  {
    route: 'POST /api/events/:id/start',
    mutates: true,
    state: 'scheduled',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/start`),
    expected: (v) => runners(200, v),
    check: async (fx, ok) => expect((await read(fx)).status).toBe(ok ? 'live' : 'scheduled'),
  },
  {
    route: 'POST /api/events/:id/end',
    mutates: true,
    state: 'live',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/end`),
    expected: (v) => runners(200, v),
    check: async (fx, ok) => expect((await read(fx)).status).toBe(ok ? 'ended' : 'live'),
  },
  {
    route: 'GET /api/events/:id/questions',
    mutates: false,
    state: 'scheduled',
    send: (fx) => t.http().get(`/api/events/${fx.event.id}/questions`),
    expected: (v) => readers(200, v),
    check: async (fx, ok, res) => {
      if (ok) expect(res.body.items.map((q: { id: string }) => q.id)).toEqual([fx.questionId]);
      else expect(res.body.items).toBeUndefined();
    },
  },
  {
    route: 'POST /api/events/:id/questions',
    mutates: true,
    state: 'live',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/questions`).send({ body: 'Another one from the matrix' }),
    expected: () => members(201),
    check: async (fx, ok) => expect((await questions(fx)).length).toBe(ok ? 2 : 1),
  },
  {
    route: 'POST /api/events/:id/questions/:qid/upvote',
    mutates: true,
    state: 'live',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/questions/${fx.questionId}/upvote`),
    expected: () => members(200),
    check: async (fx, ok) => expect((await questions(fx))[0]!.upvotes).toBe(ok ? 1 : 0),
  },
  {
    route: 'POST /api/events/:id/questions/:qid/feature',
    mutates: true,
    state: 'live',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/questions/${fx.questionId}/feature`),
    expected: (v) => runners(200, v),
    check: async (fx, ok) => expect((await questions(fx))[0]!.featured).toBe(ok),
  },
  {
    route: 'POST /api/events/:id/questions/:qid/answered',
    mutates: true,
    state: 'live',
    send: (fx) => t.http().post(`/api/events/${fx.event.id}/questions/${fx.questionId}/answered`),
    expected: (v) => runners(200, v),
    check: async (fx, ok) => expect((await questions(fx))[0]!.status).toBe(ok ? 'answered' : 'queued'),
  },
  {
    route: 'GET /api/events/:id/transcript',
    mutates: false,
    state: 'live',
    send: (fx) => t.http().get(`/api/events/${fx.event.id}/transcript`),
    expected: (v) => readers(200, v),
    check: async (_fx, ok, res) => expect(Array.isArray(res.body.items)).toBe(ok),
  },
];

const whoFor = (v: Visibility): Who[] =>
  v === 'public'
    ? ['anonymous', 'outsider', 'member', 'host', 'moderator', 'owner', 'admin']
    : ['anonymous', 'outsider', 'pending', 'member', 'host', 'moderator', 'owner', 'admin'];

describe.each(['public', 'private'] as const)('%s group', (visibility) => {
  for (const rc of matrix) {
    describe(rc.route, () => {
      it.each(whoFor(visibility))('as %s', async (who) => {
        const fx = rc.mutates ? await makeFixture(visibility, rc.state) : await sharedFixture(visibility, rc.state);
        const req = rc.send(fx);
        const res = await (who === 'anonymous' ? req : req.set(people[who].auth));
        const expected = rc.expected(visibility)[who];
        const [status, code] = Array.isArray(expected) ? expected : [expected, undefined];
        expect(res.status, JSON.stringify(res.body)).toBe(status);
        if (code) expect(res.body.code).toBe(code);
        await rc.check(fx, status < 300, res);
      });
    });
  }
});

describe('a host who left the group', () => {
  it('can no longer run the event (403 NOT_A_MEMBER in a private group, FORBIDDEN in a public one)', async () => {
    for (const visibility of ['public', 'private'] as const) {
      const group = await createGroup(t, people.owner, { visibility, name: `Leaving host ${uniqueSuffix()}` });
      const host = await registerUser(t);
      await joinGroup(t, host, group, people.owner);
      const event = await scheduleEvent(t, people.owner, group, [host], { startsIn: 5 });
      expect((await t.http().post(`/api/groups/${group.slug}/leave`).set(host.auth)).status).toBe(204);
      const res = await t.http().post(`/api/events/${event.id}/start`).set(host.auth);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(visibility === 'private' ? 'NOT_A_MEMBER' : 'FORBIDDEN');
      expect((await t.http().get(`/api/events/${event.id}`).set(people.owner.auth)).body.status).toBe('scheduled');
    }
  });
});
