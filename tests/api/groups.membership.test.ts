/**
 * Membership end to end: join (public, private), requests (approve, deny), leave (and the live room),
 * the last owner, bans, roles, member lists, and the member count kept in step under concurrency.
 */
import type { Group } from '@circles/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memberships, notifications } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { ban } from '../helpers/moderation.js';
import { connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
};

const getGroup = async (g: Group, as: TestUser = owner) => (await t.http().get(`/api/groups/${g.slug}`).set(as.auth)).body as Group;
const memberIds = async (g: Group, as: TestUser = owner) =>
  ((await t.http().get(`/api/groups/${g.slug}/members`).query({ limit: 100 }).set(as.auth)).body.items as Array<{ user: { id: string } }>).map(
    (m) => m.user.id,
  );
const requestIds = async (g: Group, as: TestUser = owner) =>
  ((await t.http().get(`/api/groups/${g.slug}/requests`).set(as.auth)).body.items as Array<{ user: { id: string } }>).map((m) => m.user.id);
const join = (g: Group, u: TestUser) => t.http().post(`/api/groups/${g.slug}/join`).set(u.auth);
const leave = (g: Group, u: TestUser) => t.http().post(`/api/groups/${g.slug}/leave`).set(u.auth);
const approve = (g: Group, u: TestUser, as: TestUser = owner) => t.http().post(`/api/groups/${g.slug}/requests/${u.user.id}/approve`).set(as.auth);
const deny = (g: Group, u: TestUser, as: TestUser = owner) => t.http().post(`/api/groups/${g.slug}/requests/${u.user.id}/deny`).set(as.auth);

describe('joining a public group', () => {
  it('makes an active member at once (200) and counts them once, however often they click', async () => {
    const g = await createGroup(t, owner);
    const u = await registerUser(t);
    const first = await join(g, u);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ membership: { role: 'member', status: 'active' }, group: { id: g.id, memberCount: 2, myMembership: { role: 'member', status: 'active' } } });
    const again = await join(g, u);
    expect(again.status).toBe(200);
    expect((await getGroup(g)).memberCount).toBe(2);
    expect(await memberIds(g)).toEqual([owner.user.id, u.user.id]);
  });

  it('keeps memberCount exact when many people join and leave at the same time', async () => {
    const g = await createGroup(t, owner);
    const people = await Promise.all(Array.from({ length: 8 }, () => registerUser(t)));
    const joins = await Promise.all(people.flatMap((p) => [join(g, p), join(g, p)]));
    expect(joins.every((r) => r.status === 200)).toBe(true);
    expect((await getGroup(g)).memberCount).toBe(9);
    const leaves = await Promise.all(people.slice(0, 5).map((p) => leave(g, p)));
    expect(leaves.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    expect((await getGroup(g)).memberCount).toBe(4);
    expect((await memberIds(g)).length).toBe(4);
  });
});

describe('asking to join a private group', () => {
  it('creates one pending request (202) that is not membership', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const u = await registerUser(t);
    const res = await join(g, u);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ membership: { role: 'member', status: 'pending' }, group: { memberCount: 1, myMembership: { status: 'pending' } } });
    expect((await join(g, u)).status).toBe(202);
    expect(await requestIds(g)).toEqual([u.user.id]);
    expect(await memberIds(g)).toEqual([owner.user.id]);
    // Pending is not a member: the member list and the chat stay closed, and the group is not in "my groups".
    expectError(await t.http().get(`/api/groups/${g.slug}/members`).set(u.auth), 403, 'NOT_A_MEMBER');
    expectError(await t.http().get(`/api/groups/${g.slug}/messages`).set(u.auth), 403, 'NOT_A_MEMBER');
    expect((await t.http().get('/api/me/groups').set(u.auth)).body.items).toEqual([]);
  });

  it('approval makes a member, counts them, and notifies them live and in their inbox', async () => {
    const g = await createGroup(t, owner, { visibility: 'private', name: `Quiet Harbour ${uniqueSuffix()}` });
    const u = await registerUser(t);
    const socket = await connected(t, u.token);
    sockets.push(socket);
    expect((await join(g, u)).status).toBe(202);
    const pushed = nextEvent(socket, 'notification:new');
    const res = await approve(g, u);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ role: 'member', user: { id: u.user.id, displayName: u.user.displayName } });
    const { notification } = await pushed;
    expect(notification).toMatchObject({ type: 'join_approved', readAt: null, data: { groupId: g.id, groupSlug: g.slug, groupName: g.name } });
    const stored = await t.app.deps.db.select().from(notifications).where(eq(notifications.userId, u.user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(notification.id);

    expect((await getGroup(g)).memberCount).toBe(2);
    expect((await getGroup(g, u)).myMembership).toEqual({ role: 'member', status: 'active', mutedUntil: null, muteReason: null });
    expect(await requestIds(g)).toEqual([]);
    expect((await t.http().get(`/api/groups/${g.slug}/members`).set(u.auth)).status).toBe(200);
    expect((await t.http().get('/api/me/groups').set(u.auth)).body.items.map((x: Group) => x.id)).toEqual([g.id]);
    // Approving again: there is no request any more.
    expectError(await approve(g, u), 404, 'NOT_FOUND');
  });

  it('denial removes the request without membership; the person may ask again', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const u = await registerUser(t);
    await join(g, u);
    const res = await deny(g, u);
    expect(res.status).toBe(204);
    expect(await requestIds(g)).toEqual([]);
    expect((await getGroup(g, u)).myMembership).toBeNull();
    expect((await getGroup(g)).memberCount).toBe(1);
    expectError(await deny(g, u), 404, 'NOT_FOUND');
    expect((await join(g, u)).status).toBe(202);
  });

  it('answers 404 for approving or denying someone who did not ask (or an id that is no id)', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const member = await registerUser(t);
    await joinGroup(t, member, g, owner);
    const stranger = await registerUser(t);
    expectError(await approve(g, stranger), 404, 'NOT_FOUND');
    expectError(await approve(g, member), 404, 'NOT_FOUND');
    expectError(await deny(g, member), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/groups/${g.slug}/requests/not-a-uuid/approve`).set(owner.auth), 404, 'NOT_FOUND');
    expect(await memberIds(g)).toContain(member.user.id);
  });

  it('lets a requester withdraw (leave while pending) without touching the count', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const u = await registerUser(t);
    await join(g, u);
    expect((await leave(g, u)).status).toBe(204);
    expect(await requestIds(g)).toEqual([]);
    expect((await getGroup(g)).memberCount).toBe(1);
  });

  it('lets a site admin walk straight in', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const admin = await makeAdmin(t, await registerUser(t));
    const res = await join(g, admin);
    expect(res.status).toBe(200);
    expect(res.body.membership).toEqual({ role: 'member', status: 'active' });
  });
});

describe('bans', () => {
  it('refuses a banned person with 403 BANNED and writes nothing', async () => {
    for (const visibility of ['public', 'private'] as const) {
      const g = await createGroup(t, owner, { visibility });
      const u = await registerUser(t);
      await ban(t, owner, g, u);
      expectError(await join(g, u), 403, 'BANNED');
      const rows = await t.app.deps.db.select().from(memberships).where(and(eq(memberships.groupId, g.id), eq(memberships.userId, u.user.id)));
      expect(rows).toEqual([]);
      expect((await getGroup(g)).memberCount).toBe(1);
    }
  });

  it('does not approve a request from someone banned since they asked: the ban withdrew it', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const u = await registerUser(t);
    await join(g, u);
    await ban(t, owner, g, u);
    expect((await t.http().get(`/api/groups/${g.slug}/requests`).set(owner.auth)).body.items).toEqual([]);
    expectError(await approve(g, u), 409, 'CONFLICT');
    expect(await memberIds(g)).toEqual([owner.user.id]);
    expectError(await join(g, u), 403, 'BANNED');
  });
});

describe('leaving', () => {
  it('ends membership, lowers the count and takes the person out of the live room at once', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const u = await registerUser(t);
    await joinGroup(t, u, g, owner);
    const socket = await connected(t, u.token);
    sockets.push(socket);
    expect(await emitAck(socket, 'group:join', { slug: g.slug })).toMatchObject({ ok: true });
    const roomSize = async () => (await t.app.io.in(`group:${g.id}`).fetchSockets()).length;
    expect(await roomSize()).toBe(1);

    expect((await leave(g, u)).status).toBe(204);
    expect(await roomSize()).toBe(0);
    expect((await getGroup(g)).memberCount).toBe(1);
    expect((await getGroup(g, u)).myMembership).toBeNull();
    // A message sent after leaving does not reach the socket.
    let received = false;
    socket.on('message:new', () => (received = true));
    const sent = await t.http().post(`/api/groups/${g.slug}/messages`).set(owner.auth).send({ body: 'After you left', clientId: uniqueSuffix() });
    expect(sent.status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toBe(false);
    // Leaving again: not a member.
    expectError(await leave(g, u), 403, 'NOT_A_MEMBER');
  });

  it('refuses the last owner with 409 CONFLICT; a co-owner makes leaving possible', async () => {
    const g = await createGroup(t, owner);
    expectError(await leave(g, owner), 409, 'CONFLICT');
    expect((await getGroup(g)).myMembership).toEqual({ role: 'owner', status: 'active', mutedUntil: null, muteReason: null });
    const heir = await registerUser(t);
    await joinGroup(t, heir, g);
    const promoted = await t.http().put(`/api/groups/${g.slug}/members/${heir.user.id}/role`).set(owner.auth).send({ role: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('owner');
    expect((await leave(g, owner)).status).toBe(204);
    expectError(await leave(g, heir), 409, 'CONFLICT');
  });

  it('lets only one of two co-owners leaving at the same moment go', async () => {
    // Several groups at once, so that the two leaves really do overlap somewhere.
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const founder = await registerUser(t);
        const partner = await registerUser(t);
        const g = await createGroup(t, founder);
        await joinGroup(t, partner, g);
        const promoted = await t.http().put(`/api/groups/${g.slug}/members/${partner.user.id}/role`).set(founder.auth).send({ role: 'owner' });
        expect(promoted.status).toBe(200);
        return { g, founder, partner };
      }),
    );
    const outcomes = await Promise.all(pairs.map(({ g, founder, partner }) => Promise.all([leave(g, founder), leave(g, partner)])));
    for (const [i, results] of outcomes.entries()) {
      const { g, founder, partner } = pairs[i]!;
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      const remaining = results[0]!.status === 204 ? partner : founder;
      const seen = await getGroup(g, remaining);
      expect(seen.myMembership).toEqual({ role: 'owner', status: 'active', mutedUntil: null, muteReason: null });
      expect(seen.memberCount).toBe(1);
    }
  });
});

describe('roles', () => {
  it('lets the owner appoint a moderator who can then handle requests, and take it back', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const mod = await registerUser(t);
    await joinGroup(t, mod, g, owner);
    const asker = await registerUser(t);
    await join(g, asker);
    expectError(await t.http().get(`/api/groups/${g.slug}/requests`).set(mod.auth), 403, 'FORBIDDEN');

    const res = await t.http().put(`/api/groups/${g.slug}/members/${mod.user.id}/role`).set(owner.auth).send({ role: 'moderator' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'moderator', user: { id: mod.user.id } });
    expect((await getGroup(g, mod)).myMembership).toEqual({ role: 'moderator', status: 'active', mutedUntil: null, muteReason: null });
    expect(await requestIds(g, mod)).toEqual([asker.user.id]);
    expect((await approve(g, asker, mod)).status).toBe(200);
    // A moderator cannot appoint others.
    expectError(await t.http().put(`/api/groups/${g.slug}/members/${asker.user.id}/role`).set(mod.auth).send({ role: 'moderator' }), 403, 'FORBIDDEN');

    await setRole(t, owner, g, mod, 'member');
    expectError(await t.http().get(`/api/groups/${g.slug}/requests`).set(mod.auth), 403, 'FORBIDDEN');
  });

  it('refuses to demote the last owner, and roles for people who are not members', async () => {
    const g = await createGroup(t, owner, { visibility: 'private' });
    const pending = await registerUser(t);
    await join(g, pending);
    const stranger = await registerUser(t);
    const role = (u: string, body: unknown) => t.http().put(`/api/groups/${g.slug}/members/${u}/role`).set(owner.auth).send(body as object);
    expectError(await role(owner.user.id, { role: 'member' }), 409, 'CONFLICT');
    expectError(await role(pending.user.id, { role: 'moderator' }), 404, 'NOT_FOUND');
    expectError(await role(stranger.user.id, { role: 'moderator' }), 404, 'NOT_FOUND');
    expectError(await role('12345', { role: 'moderator' }), 404, 'NOT_FOUND');
    expectError(await role(pending.user.id, { role: 'admin' }), 400, 'VALIDATION_ERROR');
    expectError(await role(pending.user.id, {}), 400, 'VALIDATION_ERROR');
    expect((await getGroup(g)).myMembership).toEqual({ role: 'owner', status: 'active', mutedUntil: null, muteReason: null });
    expect(await requestIds(g)).toEqual([pending.user.id]);
  });
});

describe('member list', () => {
  it('lists owners, moderators, then members by joining time, in pages without repeats', async () => {
    const g = await createGroup(t, owner);
    const people: TestUser[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await registerUser(t);
      await joinGroup(t, p, g);
      people.push(p);
    }
    await setRole(t, owner, g, people[3]!, 'moderator');
    await setRole(t, owner, g, people[1]!, 'moderator');
    const seen: Array<{ user: { id: string }; role: string; joinedAt: string }> = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.http().get(`/api/groups/${g.slug}/members`).query(cursor ? { limit: 2, cursor } : { limit: 2 }).set(owner.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((m) => m.user.id)).toEqual([owner, people[1], people[3], people[0], people[2], people[4]].map((p) => p!.user.id));
    expect(seen.map((m) => m.role)).toEqual(['owner', 'moderator', 'moderator', 'member', 'member', 'member']);
    expectError(await t.http().get(`/api/groups/${g.slug}/members`).query({ cursor: 'junk' }).set(owner.auth), 400, 'VALIDATION_ERROR');
  });
});
