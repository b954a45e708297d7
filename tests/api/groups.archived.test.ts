/**
 * A group left without any member (its sole owner deleted their account, nobody to hand it to) is
 * archived: `Group.archivedAt` says so, it stays readable, and nobody joins, posts, reacts or answers
 * in it any more (403 FORBIDDEN, nothing written). A deleted account reads as `deleted: true`.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Message, Question } from '@circles/shared';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, makeAdmin, makeClinician, registerUser, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { ask } from '../helpers/questions.js';
import { connected, emitAck } from '../helpers/sockets.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
});
afterAll(() => t?.close());

const person = (name = 'Pat') => registerUser(t, { displayName: `${name} ${uniqueSuffix()}`.slice(0, 40) });
const rows = async <T>(query: ReturnType<typeof sql>) => ((await t.app.deps.db.execute(query)) as unknown as { rows: T[] }).rows;
const count = async (query: ReturnType<typeof sql>) => ((await rows<{ n: number }>(query))[0]?.n ?? -1);
const deleteAccount = (user: TestUser) => t.http().delete('/api/me').set(user.auth).send({ password: user.password }).expect(204);

/** A public group whose only member (its owner) deleted their account after posting, asking and inviting. */
async function archivedGroup(visibility: 'public' | 'private' = 'public') {
  const owner = await person('Last Owner');
  const group = await createGroup(t, owner, { visibility });
  const message = await postMessage(t, owner, group, 'The last word before leaving');
  const question = await ask(t, owner, group);
  const invite = await t.http().post(`/api/groups/${group.slug}/invites`).set(owner.auth).send({}).expect(201);
  return { owner, group, message, question, inviteCode: invite.body.code as string };
}

describe('Group.archivedAt', () => {
  let arch: { owner: TestUser; group: Group; message: Message; question: Question; inviteCode: string };
  let reader: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    arch = await archivedGroup();
    await deleteAccount(arch.owner);
    reader = await person('Reader');
    admin = await makeAdmin(t, await person('Admin'));
  });

  it('is null for a live group, an ISO time once archived, in the group, the list and signed out', async () => {
    const owner = await person('Owner');
    const live = await createGroup(t, owner);
    expect(live.archivedAt).toBeNull();
    expect((await t.http().get(`/api/groups/${live.slug}`).set(reader.auth).expect(200)).body.archivedAt).toBeNull();

    const one = await t.http().get(`/api/groups/${arch.group.slug}`).set(reader.auth).expect(200);
    expect(one.body.archivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(one.body.memberCount).toBe(0);
    const signedOut = await t.http().get(`/api/groups/${arch.group.slug}`).expect(200);
    expect(signedOut.body.archivedAt).toBe(one.body.archivedAt);
    const list = await t.http().get(`/api/groups?q=${encodeURIComponent(arch.group.name)}`).set(reader.auth).expect(200);
    expect(list.body.items.find((g: Group) => g.slug === arch.group.slug)?.archivedAt).toBe(one.body.archivedAt);
  });

  it('stays readable: history and questions, its author shown as a deleted account', async () => {
    const history = await t.http().get(`/api/groups/${arch.group.slug}/messages`).set(reader.auth).expect(200);
    const kept = history.body.items.find((m: Message) => m.id === arch.message.id);
    expect(kept.body).toBe('The last word before leaving');
    expect(kept.author).toMatchObject({ id: arch.owner.user.id, displayName: 'Deleted user', deleted: true });
    await t.http().get(`/api/questions/${arch.question.id}`).set(reader.auth).expect(200);
  });

  it('refuses a join, even an admin’s, with FORBIDDEN, and writes no membership', async () => {
    for (const who of [reader, admin]) {
      expectError(await t.http().post(`/api/groups/${arch.group.slug}/join`).set(who.auth), 403, 'FORBIDDEN');
    }
    expect(await count(sql`select count(*)::int as n from memberships where group_id = ${arch.group.id}::uuid`)).toBe(0);
    const [g] = await rows<{ memberCount: number }>(sql`select member_count as "memberCount" from groups where id = ${arch.group.id}::uuid`);
    expect(g!.memberCount).toBe(0);
  });

  it('refuses an invite’s acceptance with FORBIDDEN, spending no use', async () => {
    expectError(await t.http().post(`/api/invites/${arch.inviteCode}/accept`).set(reader.auth), 403, 'FORBIDDEN');
    const [invite] = await rows<{ uses: number }>(sql`select uses from invites where code = ${arch.inviteCode}`);
    expect(invite!.uses).toBe(0);
    expect(await count(sql`select count(*)::int as n from memberships where group_id = ${arch.group.id}::uuid`)).toBe(0);
  });

  it('refuses posting, reacting, asking and answering — even to an admin or a clinician — and writes nothing', async () => {
    const clinician = await makeClinician(t, await person('Doctor'));
    const messagesBefore = await count(sql`select count(*)::int as n from messages where group_id = ${arch.group.id}::uuid`);

    const post = await t.http().post(`/api/groups/${arch.group.slug}/messages`).set(admin.auth).send({ body: 'Anyone here?', clientId: newClientId() });
    expectError(post, 403, 'FORBIDDEN');
    expect(post.body.message).toBe('This group is archived: it can be read, but no one can join it or post in it any more.');
    const socket = await connected(t, admin.token);
    try {
      const ack = await emitAck(socket, 'message:send', { slug: arch.group.slug, body: 'Anyone here?', clientId: newClientId() });
      expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const react = await emitAck(socket, 'reaction:add', { messageId: arch.message.id, emoji: '❤️' });
      expect(react).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      socket.disconnect();
    }
    expectError(await t.http().put(`/api/messages/${arch.message.id}/reactions/${encodeURIComponent('🙏')}`).set(admin.auth), 403, 'FORBIDDEN');
    expectError(
      await t.http().post(`/api/groups/${arch.group.slug}/questions`).set(admin.auth).send({ title: 'Is anyone still reading this group?', body: 'Just wondering.' }),
      403,
      'FORBIDDEN',
    );
    expectError(await t.http().post(`/api/questions/${arch.question.id}/answers`).set(clinician.auth).send({ body: 'A clinician’s answer.' }), 403, 'FORBIDDEN');

    expect(await count(sql`select count(*)::int as n from messages where group_id = ${arch.group.id}::uuid`)).toBe(messagesBefore);
    expect(await count(sql`select count(*)::int as n from message_reactions where message_id = ${arch.message.id}::bigint`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from questions where group_id = ${arch.group.id}::uuid`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from answers where question_id = ${arch.question.id}::uuid`)).toBe(0);
  });

  it('refuses to approve a request left pending in an archived private group', async () => {
    const owner = await person('Private Owner');
    const group = await createGroup(t, owner, { visibility: 'private' });
    const asking = await person('Asking');
    await t.http().post(`/api/groups/${group.slug}/join`).set(asking.auth).expect(202);
    await deleteAccount(owner);
    expect((await t.http().get(`/api/groups/${group.slug}`).set(admin.auth).expect(200)).body.archivedAt).not.toBeNull();
    expectError(await t.http().post(`/api/groups/${group.slug}/requests/${asking.user.id}/approve`).set(admin.auth), 403, 'FORBIDDEN');
    const [m] = await rows<{ status: string }>(sql`select status from memberships where group_id = ${group.id}::uuid and user_id = ${asking.user.id}::uuid`);
    expect(m!.status).toBe('pending');
  });
});

describe('PublicUser.deleted', () => {
  it('is true for a deleted account (GET /api/users/:id) and absent for everyone else', async () => {
    const gone = await person('Gone');
    const here = await person('Here');
    await deleteAccount(gone);
    const deleted = await t.http().get(`/api/users/${gone.user.id}`).set(here.auth).expect(200);
    expect(deleted.body).toMatchObject({ id: gone.user.id, displayName: 'Deleted user', deleted: true, clinician: null, affiliations: [] });
    const alive = await t.http().get(`/api/users/${here.user.id}`).set(here.auth).expect(200);
    expect(alive.body).not.toHaveProperty('deleted');
    const me = await t.http().get('/api/me').set(here.auth).expect(200);
    expect(me.body).not.toHaveProperty('deleted');
  });
});
