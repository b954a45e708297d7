/**
 * People in charge of their own data: the one list of personal data (checked against the database
 * schema itself), the export built from it, and account deletion (groups handed over or archived,
 * content kept as "Deleted user", anonymous questions still anonymous, sockets dropped).
 */
import type { Group } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '../../server/src/modules/privacy/personalData.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, joinRoom, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { answer, ask } from '../helpers/questions.js';
import { connected, nextEvent } from '../helpers/sockets.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
});
afterAll(() => t?.close());

const person = (name = 'Pat') => registerUser(t, { displayName: `${name} ${uniqueSuffix()}`.slice(0, 40) });
const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.app.deps.db.execute(query)) as unknown as { rows: T[] }).rows;

describe('the one list of personal data', () => {
  it('names every column of the schema that points at a person (information_schema walk)', async () => {
    const columns = await rows<{ t: string; c: string }>(sql`
      select kcu.table_name as t, kcu.column_name as c
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
      where ccu.table_name = 'users' and ccu.column_name = 'id' and kcu.table_schema = current_schema()`);
    expect(columns.length).toBeGreaterThan(20);
    const listed = new Set(PERSONAL_DATA.map((s) => `${s.table}.${s.column}`));
    const missing = columns.map((r) => `${r.t}.${r.c}`).filter((name) => !listed.has(name));
    expect(missing, 'add these to server/src/modules/privacy/personalData.ts').toEqual([]);
    // And nothing listed that the schema no longer has (users.id is the person's own row).
    const present = new Set([...columns.map((r) => `${r.t}.${r.c}`), 'users.id']);
    expect([...listed].filter((name) => !present.has(name))).toEqual([]);
  });
});

describe('GET /api/me/export', () => {
  it('needs a session', async () => {
    expectError(await t.http().get('/api/me/export'), 401, 'UNAUTHORIZED');
  });

  it('holds everything about the person, and no secret', async () => {
    const owner = await person('Owner');
    const me = await person('Exporter');
    const group = await createGroup(t, owner);
    await joinGroup(t, me, group);
    const msg = await postMessage(t, me, group, 'My first message here');
    await t.http().post(`/api/messages/${msg.id}/reactions`).set(me.auth).send({ emoji: '❤️' });
    const q = await ask(t, me, group, { anonymous: true });
    const a = await answer(t, owner, q.id);
    const mine = await answer(t, me, q.id, 'Answering myself too');
    await t.http().put(`/api/answers/${a.id}/helpful`).set(me.auth).expect(200);
    const spam = await postMessage(t, owner, group, 'Look at this');
    await t.http().post('/api/reports').set(me.auth).send({ targetType: 'message', targetId: spam.id, reason: 'other' }).expect(201);
    await postMessage(t, owner, group, `Hello @${me.user.displayName}`);
    await t.http().post('/api/clinician-applications').set(me.auth).send({ licenseNumber: 'ON-99887', jurisdiction: 'Ontario', specialty: 'Nursing' }).expect(201);
    await t.http().put('/api/me/notification-settings').set(me.auth).send({ email: 'daily', groups: { [group.slug]: 'mentions' } }).expect(200);

    const res = await t.http().get('/api/me/export').set(me.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.body;
    expect(data.profile).toMatchObject({ id: me.user.id, email: me.email, display_name: me.user.displayName });
    expect(data.memberships).toHaveLength(1);
    expect(data.messages.map((m: any) => m.body)).toContain('My first message here');
    expect(data.questions).toEqual([expect.objectContaining({ id: q.id, anonymous: true })]);
    expect(data.answers.map((x: any) => x.id)).toEqual([mine.id]);
    expect(data.helpfulVotes).toHaveLength(1);
    expect(data.reportsFiled).toHaveLength(1);
    expect(data.notifications.map((n: any) => n.type)).toContain('mention');
    expect(data.clinicianApplications).toEqual([expect.objectContaining({ license_number: 'ON-99887' })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.notificationSettings).toEqual([expect.objectContaining({ email: 'daily' })]);
    expect(data.groupNotificationLevels).toEqual([expect.objectContaining({ level: 'mentions' })]);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/password_hash|token_hash/);
    expect(text).not.toContain(owner.email);
  });
});

describe('DELETE /api/me', () => {
  const remove = (user: TestUser, password = user.password) => t.http().delete('/api/me').set(user.auth).send({ password });
  const roleOf = async (group: Group, user: TestUser) =>
    (await rows<{ role: string }>(sql`select role from memberships where group_id = ${group.id}::uuid and user_id = ${user.user.id}::uuid`))[0]?.role;

  it('needs the password', async () => {
    const u = await person();
    expectError(await remove(u, 'not my password'), 403, 'FORBIDDEN');
    expectError(await t.http().delete('/api/me').send({ password: 'x' }), 401, 'UNAUTHORIZED');
  });

  it('a sole owner’s group passes to its longest-serving moderator, else its longest-serving member, else is archived', async () => {
    const owner = await person('Sole Owner');
    const [early, late, mod] = [await person('Early'), await person('Late'), await person('Mod')];
    const withMod = await createGroup(t, owner);
    await joinGroup(t, early, withMod);
    await joinGroup(t, mod, withMod);
    await setRole(t, owner, withMod, mod, 'moderator');
    const membersOnly = await createGroup(t, owner);
    await joinGroup(t, early, membersOnly);
    await joinGroup(t, late, membersOnly);
    const alone = await createGroup(t, owner);
    await remove(owner).expect(204);
    expect(await roleOf(withMod, mod)).toBe('owner');
    expect(await roleOf(withMod, early)).toBe('member');
    expect(await roleOf(membersOnly, early)).toBe('owner');
    expect(await roleOf(membersOnly, late)).toBe('member');
    const [archived] = await rows<{ archivedAt: string | null; memberCount: number }>(
      sql`select archived_at as "archivedAt", member_count as "memberCount" from groups where id = ${alone.id}::uuid`,
    );
    expect(archived!.archivedAt).not.toBeNull();
    expect(archived!.memberCount).toBe(0);
    const [kept] = await rows<{ memberCount: number }>(sql`select member_count as "memberCount" from groups where id = ${withMod.id}::uuid`);
    expect(kept!.memberCount).toBe(2);
  });

  it('erases profile, sessions, notifications, settings and clinician applications; content stays as “Deleted user”; anonymous stays anonymous; sockets drop', async () => {
    const owner = await person('Keeper');
    const leaving = await person('Leaving');
    const group = await createGroup(t, owner);
    await joinGroup(t, leaving, group);
    const msg = await postMessage(t, leaving, group, 'Something worth keeping in the thread');
    const q = await ask(t, leaving, group, { anonymous: true, title: 'An anonymous question about side effects' });
    await postMessage(t, owner, group, `Thanks @${leaving.user.displayName}`);
    await t.http().post('/api/clinician-applications').set(leaving.auth).send({ licenseNumber: 'QC-55555', jurisdiction: 'Québec', specialty: 'Pharmacy' }).expect(201);
    await t.http().put('/api/me/notification-settings').set(leaving.auth).send({ email: 'off' }).expect(200);

    const socket = await connected(t, leaving.token);
    expect((await joinRoom(socket, group.slug)).ok).toBe(true);
    const removed = nextEvent<{ slug: string; reason: string }>(socket, 'group:removed');
    const dropped = nextEvent(socket, 'disconnect');
    await remove(leaving).expect(204);
    expect(await removed).toEqual({ slug: group.slug, reason: 'deleted' });
    await dropped;

    expectError(await t.http().get('/api/me').set(leaving.auth), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/auth/login').send({ email: leaving.email, password: leaving.password }), 401, 'UNAUTHORIZED');
    const id = leaving.user.id;
    for (const source of PERSONAL_DATA.filter((s) => s.onDelete === 'erase')) {
      const [{ n }] = (await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(source.table)} where ${sql.raw(source.column)} = ${id}::uuid`)) as [{ n: number }];
      expect(n, `${source.table}.${source.column}`).toBe(0);
    }
    const [user] = await rows<{ email: string | null; bio: string }>(sql`select email, bio from users where id = ${id}::uuid`);
    expect(user).toEqual({ email: null, bio: '' });

    const history = await t.http().get(`/api/groups/${group.slug}/messages`).set(owner.auth).expect(200);
    const kept = history.body.items.find((m: any) => m.id === msg.id);
    expect(kept.body).toBe('Something worth keeping in the thread');
    expect(kept.author).toMatchObject({ displayName: 'Deleted user' });
    // A plain member's view: the asker is still nobody (moderators see the author as "Deleted user").
    const reader = await person('Reader');
    await joinGroup(t, reader, group);
    const question = await t.http().get(`/api/questions/${q.id}`).set(reader.auth).expect(200);
    expect(question.body.question).toMatchObject({ anonymous: true, author: null });
    expect(JSON.stringify(question.body)).not.toContain(id);
  });
});
