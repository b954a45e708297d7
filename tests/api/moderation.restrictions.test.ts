/**
 * Mutes, bans, removals and suspensions through REST and sockets: who is refused what and with which
 * code, until when, how each ends by itself (a job, with the clock moved), what the person is told,
 * and the audit rows — written with each action, absent when it fails.
 */
import type { Group } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { afterMinutes, ban, mute, suspend, unban } from '../helpers/moderation.js';
import { answer, ask } from '../helpers/questions.js';
import { connected, connectSocket, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let admin: TestUser;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t);
  moderator = await registerUser(t);
  admin = await makeAdmin(t, await registerUser(t));
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function room(visibility: 'public' | 'private' = 'public') {
  const group = await createGroup(t, owner, { visibility });
  await joinGroup(t, moderator, group, owner);
  await setRole(t, owner, group, moderator, 'moderator');
  const person = await registerUser(t, { displayName: `Pat ${uniqueSuffix()}`.slice(0, 40) });
  await joinGroup(t, person, group, owner);
  return { group, person };
}

async function socketFor(user: TestUser, slug?: string): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  if (slug) expect(await joinRoom(s, slug)).toMatchObject({ ok: true });
  return s;
}

const count = async (query: ReturnType<typeof sql>) =>
  ((await t.app.deps.db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
const auditIn = (group: Group) => count(sql`select count(*)::int as n from audit_log where group_id = ${group.id}`);
const messagesIn = (group: Group) => count(sql`select count(*)::int as n from messages where group_id = ${group.id}`);
const auditLog = async (group: Group, query: Record<string, string | number> = {}) =>
  (await t.http().get(`/api/groups/${group.slug}/audit-log`).query(query).set(owner.auth)).body;
const send = (user: TestUser, group: Group, body = 'Hello') =>
  t.http().post(`/api/groups/${group.slug}/messages`).set(user.auth).send({ body, clientId: newClientId() });

describe('mutes', () => {
  it('refuse every post with 403 MUTED and the end, over REST and sockets, while reading goes on', async () => {
    const { group, person } = await room();
    const earlier = await postMessage(t, person, group, 'Before the mute');
    const q = await ask(t, owner, group);
    const s = await socketFor(person, group.slug);
    const live = nextEvent<any>(s, 'moderation:muted');
    const muting = await mute(t, moderator, group, person, 45, 'Please cool down');
    expect(muting).toMatchObject({ user: { id: person.user.id }, by: { id: moderator.user.id }, reason: 'Please cool down' });
    expect(await live).toEqual({ slug: group.slug, until: muting.until, reason: 'Please cool down' });
    const details = { until: muting.until, reason: 'Please cool down' };

    const rest = await send(person, group);
    expectError(rest, 403, 'MUTED');
    expect(rest.body.details).toEqual(details);
    const ack = await emitAck(s, 'message:send', { slug: group.slug, body: 'Through the socket', clientId: newClientId() });
    expect(ack).toMatchObject({ ok: false, error: { code: 'MUTED', details } });
    expect(await emitAck(s, 'message:edit', { id: earlier.id, body: 'Edited while muted' })).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    expect(await emitAck(s, 'reaction:add', { messageId: earlier.id, emoji: '❤️' })).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    expectError(await t.http().patch(`/api/messages/${earlier.id}`).set(person.auth).send({ body: 'Edit' }), 403, 'MUTED');
    expectError(await t.http().put(`/api/messages/${earlier.id}/reactions/${encodeURIComponent('❤️')}`).set(person.auth), 403, 'MUTED');
    expectError(await t.http().post(`/api/groups/${group.slug}/questions`).set(person.auth).send({ title: 'A question while muted', body: 'Hi' }), 403, 'MUTED');
    expectError(await t.http().post(`/api/questions/${q.id}/answers`).set(person.auth).send({ body: 'Hi' }), 403, 'MUTED');
    expect(await messagesIn(group)).toBe(1);
    // Reading and the live room go on.
    expect((await t.http().get(`/api/groups/${group.slug}/messages`).set(person.auth)).status).toBe(200);
    const mine = (await t.http().get(`/api/groups/${group.slug}`).set(person.auth)).body.myMembership;
    expect(mine).toEqual({ role: 'member', status: 'active', mutedUntil: muting.until, muteReason: 'Please cool down' });
    const notice = (await t.http().get('/api/notifications').set(person.auth)).body.items[0];
    expect(notice).toMatchObject({ type: 'moderation', data: { action: 'mute', groupSlug: group.slug, reason: 'Please cool down', until: muting.until } });
  });

  it('end by themselves: still muted before the end, free after it once the job has run, told live', async () => {
    const { group, person } = await room();
    await mute(t, moderator, group, person, 30);
    const s = await socketFor(person);
    await afterMinutes(t, 20);
    expectError(await send(person, group), 403, 'MUTED');
    const ended = nextEvent<any>(s, 'moderation:unmuted');
    await afterMinutes(t, 11);
    expect(await ended).toEqual({ slug: group.slug });
    expect((await send(person, group)).status).toBe(201);
    expect((await t.http().get(`/api/groups/${group.slug}/mutes`).set(moderator.auth)).body.items).toEqual([]);
  });

  it('muting again moves the end: the first end passing changes nothing', async () => {
    const { group, person } = await room();
    await mute(t, moderator, group, person, 10);
    const longer = await mute(t, moderator, group, person, 120, 'Longer');
    await afterMinutes(t, 11);
    const res = await send(person, group);
    expectError(res, 403, 'MUTED');
    expect(res.body.details.until).toBe(longer.until);
    expect((await t.http().get(`/api/groups/${group.slug}/mutes`).set(moderator.auth)).body.items).toHaveLength(1);
  });

  it('lifted early by a moderator: audited, told live; lifting nothing is 404', async () => {
    const { group, person } = await room();
    await mute(t, moderator, group, person, 60);
    const s = await socketFor(person);
    const ended = nextEvent<any>(s, 'moderation:unmuted');
    await t.http().delete(`/api/groups/${group.slug}/mutes/${person.user.id}`).set(moderator.auth).expect(204);
    await ended;
    expect((await send(person, group)).status).toBe(201);
    expect((await auditLog(group)).items[0]).toMatchObject({ action: 'unmute', actor: { id: moderator.user.id }, targetUser: { id: person.user.id } });
    const before = await auditIn(group);
    expectError(await t.http().delete(`/api/groups/${group.slug}/mutes/${person.user.id}`).set(moderator.auth), 404, 'NOT_FOUND');
    expect(await auditIn(group)).toBe(before);
  });

  it('refuse bad input, non-members and people of higher standing, writing nothing', async () => {
    const { group, person } = await room();
    const outsider = await registerUser(t);
    const before = await auditIn(group);
    const post = (by: TestUser, body: Record<string, unknown>) => t.http().post(`/api/groups/${group.slug}/mutes`).set(by.auth).send(body);
    expectError(await post(moderator, { userId: person.user.id, minutes: 0, reason: 'x' }), 400, 'VALIDATION_ERROR');
    expectError(await post(moderator, { userId: person.user.id, minutes: '10', reason: 'x' }), 400, 'VALIDATION_ERROR');
    expectError(await post(moderator, { userId: person.user.id, minutes: 10 }), 400, 'VALIDATION_ERROR');
    expectError(await post(moderator, { userId: person.user.id, minutes: 10, reason: '' }), 400, 'VALIDATION_ERROR');
    expectError(await post(moderator, { userId: outsider.user.id, minutes: 10, reason: 'x' }), 404, 'NOT_FOUND');
    expectError(await post(moderator, { userId: 'not-a-user', minutes: 10, reason: 'x' }), 404, 'NOT_FOUND');
    expectError(await post(moderator, { userId: owner.user.id, minutes: 10, reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await post(moderator, { userId: moderator.user.id, minutes: 10, reason: 'x' }), 403, 'FORBIDDEN');
    expect(await auditIn(group)).toBe(before);
    expect(await count(sql`select count(*)::int as n from group_mutes where group_id = ${group.id}`)).toBe(0);
    // An owner may mute a moderator; an admin the owner.
    await mute(t, owner, group, moderator, 5);
    await mute(t, admin, group, owner, 5);
  });
});

describe('bans', () => {
  it('end membership and keep them out — join, and a private group’s request too — until lifted', async () => {
    const { group, person } = await room('private');
    const before = (await t.http().get(`/api/groups/${group.slug}`).set(owner.auth)).body.memberCount;
    const banned = await ban(t, moderator, group, person, { reason: 'Scams' });
    expect(banned).toMatchObject({ user: { id: person.user.id }, by: { id: moderator.user.id }, reason: 'Scams', until: null });
    expect((await t.http().get(`/api/groups/${group.slug}`).set(owner.auth)).body.memberCount).toBe(before - 1);
    expectError(await t.http().post(`/api/groups/${group.slug}/join`).set(person.auth), 403, 'BANNED');
    expectError(await send(person, group), 403, 'BANNED');
    expect(await count(sql`select count(*)::int as n from memberships where group_id = ${group.id} and user_id = ${person.user.id}`)).toBe(0);
    expect((await t.http().get(`/api/groups/${group.slug}/bans`).set(moderator.auth)).body.items.map((b: any) => b.user.id)).toEqual([person.user.id]);
    await unban(t, moderator, group, person);
    expect((await t.http().post(`/api/groups/${group.slug}/join`).set(person.auth)).status).toBe(202);
    expect((await auditLog(group)).items.slice(0, 2).map((e: any) => e.action)).toEqual(['unban', 'ban']);
  });

  it('a timed ban ends by itself once the job has run', async () => {
    const { group, person } = await room();
    const banned = await ban(t, moderator, group, person, { minutes: 60 });
    expect(new Date(banned.until).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    await afterMinutes(t, 30);
    expectError(await t.http().post(`/api/groups/${group.slug}/join`).set(person.auth), 403, 'BANNED');
    await afterMinutes(t, 31);
    expect((await t.http().post(`/api/groups/${group.slug}/join`).set(person.auth)).status).toBe(200);
  });

  it('refuse a moderator banning a moderator, and an admin banning a group’s only owner; nothing written', async () => {
    const { group } = await room();
    const other = await registerUser(t);
    await joinGroup(t, other, group);
    await setRole(t, owner, group, other, 'moderator');
    const before = await auditIn(group);
    expectError(await t.http().post(`/api/groups/${group.slug}/bans`).set(moderator.auth).send({ userId: other.user.id, reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/groups/${group.slug}/bans`).set(admin.auth).send({ userId: owner.user.id, reason: 'x' }), 409, 'CONFLICT');
    expectError(await t.http().delete(`/api/groups/${group.slug}/bans/${other.user.id}`).set(moderator.auth), 404, 'NOT_FOUND');
    expect(await auditIn(group)).toBe(before);
    expect(await count(sql`select count(*)::int as n from group_bans where group_id = ${group.id}`)).toBe(0);
  });
});

describe('removals', () => {
  it('remove a member with a reason they are told; they may join again', async () => {
    const { group, person } = await room();
    const res = await t.http().delete(`/api/groups/${group.slug}/members/${person.user.id}`).set(moderator.auth).send({ reason: 'Off-topic selling' });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const notice = (await t.http().get('/api/notifications').set(person.auth)).body.items[0];
    expect(notice).toMatchObject({ type: 'moderation', data: { action: 'remove_member', reason: 'Off-topic selling', groupSlug: group.slug } });
    expect((await auditLog(group)).items[0]).toMatchObject({ action: 'remove_member', reason: 'Off-topic selling', targetUser: { id: person.user.id } });
    expect((await t.http().post(`/api/groups/${group.slug}/join`).set(person.auth)).status).toBe(200);
  });

  it('need a reason, and a member to remove; nothing written otherwise', async () => {
    const { group, person } = await room();
    const before = await auditIn(group);
    expectError(await t.http().delete(`/api/groups/${group.slug}/members/${person.user.id}`).set(moderator.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().delete(`/api/groups/${group.slug}/members/${admin.user.id}`).set(moderator.auth).send({ reason: 'x' }), 404, 'NOT_FOUND');
    expectError(await t.http().delete(`/api/groups/${group.slug}/members/${owner.user.id}`).set(moderator.auth).send({ reason: 'x' }), 403, 'FORBIDDEN');
    expect(await auditIn(group)).toBe(before);
  });
});

describe('suspensions', () => {
  it('refuse every request with 403 SUSPENDED and sign-in too, until the job ends them', async () => {
    const person = await registerUser(t);
    const s = await socketFor(person);
    const dropped = new Promise((resolve) => s.once('disconnect', resolve));
    const suspension = await suspend(t, admin, person, { minutes: 60, reason: 'Harassing members' });
    expect(suspension).toMatchObject({ user: { id: person.user.id }, by: { id: admin.user.id }, reason: 'Harassing members' });
    await dropped;
    expectError(await t.http().get('/api/me').set(person.auth), 403, 'SUSPENDED');
    expectError(await t.http().get('/api/groups').set(person.auth), 403, 'SUSPENDED');
    expectError(await t.http().post('/api/auth/login').send({ email: person.email, password: person.password }), 403, 'SUSPENDED');
    const audit = (await t.http().get('/api/admin/audit-log').query({ action: 'suspend' }).set(admin.auth)).body.items[0];
    expect(audit).toMatchObject({ action: 'suspend', group: null, reason: 'Harassing members', targetUser: { id: person.user.id }, until: suspension.until });
    await afterMinutes(t, 61);
    expect((await t.http().get('/api/me').set(person.auth)).status).toBe(200);
    const again = connectSocket(t, person.token);
    open.push(again);
    await new Promise<void>((resolve, reject) => {
      again.once('connect', () => resolve());
      again.once('connect_error', reject);
    });
  });

  it('are lifted by an admin at once; admins cannot be suspended, nor by anyone else', async () => {
    const person = await registerUser(t);
    await suspend(t, admin, person);
    await t.http().delete(`/api/admin/users/${person.user.id}/suspend`).set(admin.auth).expect(204);
    expect((await t.http().get('/api/me').set(person.auth)).status).toBe(200);
    expectError(await t.http().delete(`/api/admin/users/${person.user.id}/suspend`).set(admin.auth), 404, 'NOT_FOUND');
    const other = await makeAdmin(t, await registerUser(t));
    expectError(await t.http().post(`/api/admin/users/${other.user.id}/suspend`).set(admin.auth).send({ reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/admin/users/${admin.user.id}/suspend`).set(admin.auth).send({ reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/admin/users/${person.user.id}/suspend`).set(owner.auth).send({ reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await t.http().post(`/api/admin/users/${person.user.id}/suspend`).set(admin.auth).send({ reason: 'x', minutes: -1 }), 400, 'VALIDATION_ERROR');
    expect((await t.http().get('/api/me').set(person.auth)).status).toBe(200);
  });
});

describe('lists of restrictions in force', () => {
  /** Every id of a list, walked a page of one at a time by cursor. */
  async function walk(path: string, by: TestUser): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.http().get(path).query({ limit: 1, ...(cursor ? { cursor } : {}) }).set(by.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      ids.push(...res.body.items.map((item: { user: { id: string } }) => item.user.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor && ids.length < 50); // a cursor that never moves on must not loop forever
    return ids;
  }

  it('page newest first by cursor, each person once — mutes, bans and suspensions alike; a forged cursor is 400', async () => {
    const { group, person } = await room();
    const people = [person];
    for (const _ of [1, 2]) {
      const other = await registerUser(t);
      await joinGroup(t, other, group, owner);
      people.push(other);
    }
    const newestFirst = people.map((p) => p.user.id).reverse();
    for (const p of people) await mute(t, moderator, group, p);
    expect(await walk(`/api/groups/${group.slug}/mutes`, moderator)).toEqual(newestFirst);
    for (const p of people) await ban(t, moderator, group, p);
    expect(await walk(`/api/groups/${group.slug}/bans`, moderator)).toEqual(newestFirst);
    for (const p of people) await suspend(t, admin, p);
    const suspended = await walk('/api/admin/suspensions', admin);
    expect(suspended.filter((id) => newestFirst.includes(id))).toEqual(newestFirst);
    expect(new Set(suspended).size).toBe(suspended.length);

    const notUuid = Buffer.from(JSON.stringify({ t: '1', id: 'someone' })).toString('base64url');
    for (const cursor of ['nonsense', notUuid]) {
      expectError(await t.http().get(`/api/groups/${group.slug}/mutes`).query({ cursor }).set(moderator.auth), 400, 'VALIDATION_ERROR');
      expectError(await t.http().get('/api/admin/suspensions').query({ cursor }).set(admin.auth), 400, 'VALIDATION_ERROR');
    }
  });
});

describe('accountable moderation', () => {
  it('a moderator’s deletion of someone’s message is audited with its reason and told to its author; an author’s own is not', async () => {
    const { group, person } = await room();
    const theirs = await postMessage(t, person, group, 'Buy my miracle powder, DM me');
    const own = await postMessage(t, person, group, 'Oops');
    const before = await auditIn(group);
    await t.http().delete(`/api/messages/${own.id}`).set(person.auth).expect(204);
    expect(await auditIn(group)).toBe(before);
    await t.http().delete(`/api/messages/${theirs.id}`).set(moderator.auth).send({ reason: 'Personal details' }).expect(204);
    expect((await auditLog(group)).items[0]).toMatchObject({ action: 'delete_message', targetType: 'message', targetId: theirs.id, reason: 'Personal details' });
    const notice = (await t.http().get('/api/notifications').set(person.auth)).body.items[0];
    expect(notice.data).toMatchObject({ action: 'delete_message', reason: 'Personal details', targetId: theirs.id });
  });

  it('settings changes are audited with who, why and what changed; the room hears only public settings', async () => {
    const { group, person } = await room();
    const s = await socketFor(person, group.slug);
    const heard = nextEvent<any>(s, 'group:settings');
    await t.http().put(`/api/groups/${group.slug}/settings`).set(moderator.auth).send({ slowModeSeconds: 30, blockedTerms: ['scam'], reason: 'Raid' }).expect(200);
    expect(await heard).toEqual({ slug: group.slug, settings: { slowModeSeconds: 30 } });
    expect((await auditLog(group)).items[0]).toMatchObject({
      action: 'settings_change',
      actor: { id: moderator.user.id },
      reason: 'Raid',
      details: { slowModeSeconds: { from: 0, to: 30 }, blockedTermsAdded: ['scam'], blockedTermsRemoved: [] },
    });
  });

  it('role changes, pins and join decisions are audited; the log pages newest first and filters by action', async () => {
    const { group } = await room('private');
    const asker = await registerUser(t);
    await t.http().post(`/api/groups/${group.slug}/join`).set(asker.auth).expect(202);
    await t.http().post(`/api/groups/${group.slug}/requests/${asker.user.id}/deny`).set(moderator.auth).expect(204);
    const q = await ask(t, owner, group);
    await t.http().post(`/api/questions/${q.id}/pin`).set(moderator.auth).expect(200);
    await t.http().post(`/api/questions/${q.id}/pin`).set(moderator.auth).expect(200);
    const all = (await auditLog(group, { limit: 100 })).items.map((e: any) => e.action);
    expect(all.slice(0, 2)).toEqual(['pin_question', 'deny_join']);
    expect(all).toContain('role_change');
    expect(all.filter((a: string) => a === 'approve_join')).toHaveLength(2);
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await auditLog(group, { limit: 2, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items.map((e: any) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual((await auditLog(group, { limit: 100 })).items.map((e: any) => e.id));
    expect((await auditLog(group, { action: 'pin_question' })).items).toHaveLength(1);
  });

  it('an answer posted while not muted still works for a clinician; admin decisions on clinicians are in the admin log', async () => {
    const { group } = await room();
    const q = await ask(t, owner, group);
    await answer(t, moderator, q.id);
    const applicant = await registerUser(t);
    const app = await t.http().post('/api/clinician-applications').set(applicant.auth).send({ licenseNumber: 'CPSO 12345', jurisdiction: 'Ontario, CA', specialty: 'Endocrinology' });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    await t.http().post(`/api/admin/clinician-applications/${app.body.id}/approve`).set(admin.auth).send({ note: 'Licence checked' }).expect(200);
    const entry = (await t.http().get('/api/admin/audit-log').query({ action: 'clinician_approve' }).set(admin.auth)).body.items[0];
    expect(entry).toMatchObject({ actor: { id: admin.user.id }, targetType: 'application', targetId: app.body.id, reason: 'Licence checked', targetUser: { id: applicant.user.id } });
    expect(entry.until).not.toBeNull();
  });
});
