/** Chat over REST: send, history, idempotency, replies, edit, delete, reactions, read markers, group rules. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, fullHistory, history, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { afterMinutes, mute } from '../helpers/moderation.js';
import type { Group } from '@circles/shared';

let t: TestApp;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let group: Group;

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t, { displayName: 'Olive Owner' });
  member = await registerUser(t, { displayName: 'Mina Member' });
  outsider = await registerUser(t, { displayName: 'Otto Outsider' });
  group = await createGroup(t, owner);
  await joinGroup(t, member, group);
});
afterAll(() => t?.close());

const countMessages = async (groupId: string) => {
  const result = (await t.app.deps.db.execute(sql`select count(*)::int as n from messages where group_id = ${groupId}`)) as any;
  return Number(result.rows[0].n);
};

describe('authentication', () => {
  it.each([
    ['get', (): string => `/api/groups/${group.slug}/messages`],
    ['post', (): string => `/api/groups/${group.slug}/messages`],
    ['patch', (): string => '/api/messages/1000000000000001'],
    ['delete', (): string => '/api/messages/1000000000000001'],
    ['put', (): string => `/api/messages/1000000000000001/reactions/${encodeURIComponent('👍')}`],
    ['post', (): string => `/api/groups/${group.slug}/read`],
  ] as const)('%s %s without a token is 401 UNAUTHORIZED', async (method, path) => {
    const res = await (t.http() as any)[method](path()).send({ body: 'hi', clientId: 'x', messageId: '1' });
    expectError(res, 401, 'UNAUTHORIZED');
  });
});

describe('sending', () => {
  it('creates a message with the contract shape and shows it in history', async () => {
    const clientId = newClientId();
    const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: '  Hello circle  ', clientId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      groupId: group.id,
      body: 'Hello circle',
      clientId,
      replyToId: null,
      mentions: [],
      reactions: [],
      editedAt: null,
      deletedAt: null,
    });
    expect(res.body.id).toMatch(/^\d{16}$/);
    expect(res.body.author).toMatchObject({ id: member.user.id, displayName: 'Mina Member', clinician: null });
    expect(res.body.author).not.toHaveProperty('email');
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = await history(t, owner, group);
    expect(page.items.at(-1)).toMatchObject({ id: res.body.id, body: 'Hello circle' });
  });

  it('gives ids that ascend in send order', async () => {
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await postMessage(t, i % 2 ? owner : member, group, `order ${i}`));
    const ids = sent.map((m) => BigInt(m.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    // Same order as strings, which is how clients compare them.
    expect([...sent.map((m) => m.id)].sort()).toEqual(sent.map((m) => m.id));
  });

  it('returns the first message (200) when the same clientId is sent again, never a second copy', async () => {
    const clientId = newClientId();
    const first = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: 'only once', clientId });
    expect(first.status).toBe(201);
    const again = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: 'only once (edited retry)', clientId });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, body: 'only once', clientId });
    const all = await fullHistory(t, member, group);
    expect(all.filter((m) => m.clientId === clientId)).toHaveLength(1);
  });

  it('makes one message from many concurrent resends of one clientId', async () => {
    const clientId = newClientId();
    const before = await countMessages(group.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http().post(`/api/groups/${group.slug}/messages`).set(owner.auth).send({ body: 'racing retries', clientId }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countMessages(group.id)).toBe(before + 1);
  });

  it('lets two authors use the same clientId independently', async () => {
    const clientId = newClientId();
    const a = await postMessage(t, owner, group, 'from owner', { clientId });
    const b = await postMessage(t, member, group, 'from member', { clientId });
    expect(a.id).not.toBe(b.id);
  });

  it.each([
    ['a number body', { body: 123 }],
    ['an empty body', { body: '   ' }],
    ['a body over 4000 characters', { body: 'x'.repeat(4001) }],
    ['a control character', { body: 'bell \u0007' }],
    ['a missing clientId', { clientId: undefined }],
    ['a clientId with spaces', { clientId: 'has spaces' }],
    ['a malformed replyToId', { replyToId: 'abc' }],
    ['a numeric replyToId', { replyToId: 1000000000000001 }],
  ])('refuses %s with VALIDATION_ERROR and writes nothing', async (_label, patch) => {
    const before = await countMessages(group.id);
    const res = await t
      .http()
      .post(`/api/groups/${group.slug}/messages`)
      .set(member.auth)
      .send({ body: 'valid text', clientId: newClientId(), ...patch });
    expectError(res, 400, 'VALIDATION_ERROR');
    expect(await countMessages(group.id)).toBe(before);
  });

  it('accepts exactly 4000 characters after trimming, newlines and tabs included', async () => {
    const body = `${'a\tb\n'.repeat(1000)}`;
    const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: `  ${body}  `, clientId: newClientId() });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe(body.trim());
  });

  it('answers 404 for an unknown group', async () => {
    const res = await t.http().post('/api/groups/no-such-group/messages').set(member.auth).send({ body: 'hi', clientId: newClientId() });
    expectError(res, 404, 'NOT_FOUND');
  });

  it('refuses non-members of a public group (NOT_A_MEMBER) but lets them read', async () => {
    const before = await countMessages(group.id);
    const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(outsider.auth).send({ body: 'let me in', clientId: newClientId() });
    expectError(res, 403, 'NOT_A_MEMBER');
    expect(await countMessages(group.id)).toBe(before);
    const page = await history(t, outsider, group);
    expect(page.items.length).toBeGreaterThan(0);
  });

  it('lets a site admin post without membership', async () => {
    const admin = await makeAdmin(t, await registerUser(t));
    await postMessage(t, admin, group, 'Admin note');
  });
});

describe('private groups', () => {
  let secret: Group;
  let pending: TestUser;
  beforeAll(async () => {
    secret = await createGroup(t, owner, { visibility: 'private' });
    await joinGroup(t, member, secret, owner);
    pending = await registerUser(t);
    const res = await t.http().post(`/api/groups/${secret.slug}/join`).set(pending.auth);
    expect(res.status).toBe(202);
    await postMessage(t, owner, secret, 'members only');
  });

  it('hides history from non-members and pending members with NOT_A_MEMBER', async () => {
    for (const who of [outsider, pending]) {
      const res = await t.http().get(`/api/groups/${secret.slug}/messages`).set(who.auth);
      expectError(res, 403, 'NOT_A_MEMBER');
      expect(JSON.stringify(res.body)).not.toContain('members only');
    }
  });

  it('refuses posts from non-members and pending members', async () => {
    for (const who of [outsider, pending]) {
      const res = await t.http().post(`/api/groups/${secret.slug}/messages`).set(who.auth).send({ body: 'hello?', clientId: newClientId() });
      expectError(res, 403, 'NOT_A_MEMBER');
    }
  });

  it('refuses edits, deletes, reactions and read markers on its messages from outsiders', async () => {
    const msg = await postMessage(t, member, secret, 'private words');
    const edit = await t.http().patch(`/api/messages/${msg.id}`).set(outsider.auth).send({ body: 'changed' });
    expectError(edit, 403, 'NOT_A_MEMBER');
    const del = await t.http().delete(`/api/messages/${msg.id}`).set(outsider.auth);
    expectError(del, 403, 'NOT_A_MEMBER');
    const react = await t.http().put(`/api/messages/${msg.id}/reactions/${encodeURIComponent('❤️')}`).set(outsider.auth);
    expectError(react, 403, 'NOT_A_MEMBER');
    const read = await t.http().post(`/api/groups/${secret.slug}/read`).set(outsider.auth).send({ messageId: msg.id });
    expectError(read, 403, 'NOT_A_MEMBER');
    const page = await history(t, member, secret);
    expect(page.items.find((m) => m.id === msg.id)).toMatchObject({ body: 'private words', reactions: [] });
  });

  it('lets active members read and post', async () => {
    await postMessage(t, member, secret, 'glad to be here');
    const page = await history(t, member, secret);
    expect(page.items.map((m) => m.body)).toEqual(expect.arrayContaining(['members only', 'glad to be here']));
  });
});

describe('history pages', () => {
  let room: Group;
  let sent: string[];
  beforeAll(async () => {
    room = await createGroup(t, owner);
    sent = [];
    for (let i = 0; i < 120; i++) sent.push((await postMessage(t, owner, room, `msg ${i}`)).id);
  });

  it('serves the latest page ascending, with hasMore', async () => {
    const page = await history(t, owner, room);
    expect(page.items).toHaveLength(50);
    expect(page.hasMore).toBe(true);
    expect(page.items.map((m) => m.id)).toEqual(sent.slice(70));
  });

  it('walks older pages with before= until the start', async () => {
    const older = await history(t, owner, room, { before: sent[70]!, limit: 50 });
    expect(older.items.map((m) => m.id)).toEqual(sent.slice(20, 70));
    expect(older.hasMore).toBe(true);
    const oldest = await history(t, owner, room, { before: sent[20]!, limit: 50 });
    expect(oldest.items.map((m) => m.id)).toEqual(sent.slice(0, 20));
    expect(oldest.hasMore).toBe(false);
  });

  it('catches up with after=, ascending', async () => {
    const newer = await history(t, owner, room, { after: sent[9]!, limit: 30 });
    expect(newer.items.map((m) => m.id)).toEqual(sent.slice(10, 40));
    expect(newer.hasMore).toBe(true);
    const tail = await history(t, owner, room, { after: sent[100]! });
    expect(tail.items.map((m) => m.id)).toEqual(sent.slice(101));
    expect(tail.hasMore).toBe(false);
    const none = await history(t, owner, room, { after: sent[119]! });
    expect(none).toEqual({ items: [], hasMore: false });
  });

  it('serves exactly `limit` messages for any page size, hasMore only when more exist', async () => {
    for (const limit of [1, 9, 10, 11, 26, 51, 99]) {
      const latest = await history(t, owner, room, { limit });
      expect(latest.items.map((m) => m.id), `latest, limit ${limit}`).toEqual(sent.slice(120 - limit));
      expect(latest.hasMore).toBe(true);
      const after = await history(t, owner, room, { after: sent[5]!, limit });
      expect(after.items.map((m) => m.id), `after, limit ${limit}`).toEqual(sent.slice(6, 6 + limit));
      expect(after.hasMore).toBe(6 + limit < 120);
    }
    // Exactly `limit` left before the cursor: no more, although the read is rounded up to a larger size.
    const exact = await history(t, owner, room, { before: sent[20]!, limit: 20 });
    expect(exact.items.map((m) => m.id)).toEqual(sent.slice(0, 20));
    expect(exact.hasMore).toBe(false);
    const oneShort = await history(t, owner, room, { before: sent[20]!, limit: 19 });
    expect(oneShort.items.map((m) => m.id)).toEqual(sent.slice(1, 20));
    expect(oneShort.hasMore).toBe(true);
  });

  it('never mixes groups', async () => {
    const page = await history(t, owner, room, { after: '0', limit: 100 });
    expect(page.items.every((m) => m.groupId === room.id)).toBe(true);
  });

  it.each([
    ['limit=0', { limit: '0' }],
    ['limit=101', { limit: '101' }],
    ['limit=abc', { limit: 'abc' }],
    ['a non-numeric before', { before: 'abc' }],
    ['before and after at once', { before: '1000000000000100', after: '1000000000000001' }],
  ])('refuses %s with VALIDATION_ERROR', async (_label, query) => {
    const res = await t.http().get(`/api/groups/${room.slug}/messages`).query(query).set(owner.auth);
    expectError(res, 400, 'VALIDATION_ERROR');
  });

  it('answers 404 for an unknown group', async () => {
    const res = await t.http().get('/api/groups/nope-nope/messages').set(owner.auth);
    expectError(res, 404, 'NOT_FOUND');
  });
});

describe('replies', () => {
  it('replies to a message of the same group, with a preview of the parent', async () => {
    const parent = await postMessage(t, owner, group, 'What helps you sleep?');
    const reply = await postMessage(t, member, group, 'Chamomile tea', { replyToId: parent.id });
    expect(reply.replyToId).toBe(parent.id);
    expect(reply.replyTo).toEqual({ id: parent.id, author: { id: owner.user.id, displayName: 'Olive Owner' }, body: 'What helps you sleep?' });
    const page = await history(t, owner, group);
    expect(page.items.find((m) => m.id === reply.id)?.replyTo?.body).toBe('What helps you sleep?');
  });

  it('refuses a reply to a message of another group or to no message, and writes nothing', async () => {
    const other = await createGroup(t, owner);
    const foreign = await postMessage(t, owner, other, 'elsewhere');
    const before = await countMessages(group.id);
    for (const replyToId of [foreign.id, '1999999999999999']) {
      const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: 'reply', clientId: newClientId(), replyToId });
      expectError(res, 404, 'NOT_FOUND');
    }
    expect(await countMessages(group.id)).toBe(before);
  });
});

describe('editing', () => {
  it('lets the author edit, with editedAt, and keeps others out (FORBIDDEN)', async () => {
    const msg = await postMessage(t, member, group, 'first draft');
    const refused = await t.http().patch(`/api/messages/${msg.id}`).set(owner.auth).send({ body: 'owner rewrite' });
    expectError(refused, 403, 'FORBIDDEN');
    const res = await t.http().patch(`/api/messages/${msg.id}`).set(member.auth).send({ body: 'second draft' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: msg.id, body: 'second draft', clientId: msg.clientId, deletedAt: null });
    expect(res.body.editedAt).toEqual(expect.any(String));
    const page = await history(t, owner, group);
    expect(page.items.find((m) => m.id === msg.id)).toMatchObject({ body: 'second draft' });
  });

  it('validates the new body and answers 404 for unknown or malformed ids', async () => {
    const msg = await postMessage(t, member, group, 'keep me');
    expectError(await t.http().patch(`/api/messages/${msg.id}`).set(member.auth).send({ body: 42 }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().patch(`/api/messages/${msg.id}`).set(member.auth).send({ body: '' }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().patch('/api/messages/1999999999999999').set(member.auth).send({ body: 'x' }), 404, 'NOT_FOUND');
    expectError(await t.http().patch('/api/messages/not-an-id').set(member.auth).send({ body: 'x' }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().patch('/api/messages/9999999999999999999').set(member.auth).send({ body: 'x' }), 404, 'NOT_FOUND');
    const page = await history(t, owner, group);
    expect(page.items.find((m) => m.id === msg.id)).toMatchObject({ body: 'keep me', editedAt: null });
  });
});

describe('deleting', () => {
  it('leaves a tombstone: body null, deletedAt set, reactions hidden, in every history page', async () => {
    const msg = await postMessage(t, member, group, 'regret this');
    await t.http().put(`/api/messages/${msg.id}/reactions/${encodeURIComponent('❤️')}`).set(owner.auth).expect(200);
    const res = await t.http().delete(`/api/messages/${msg.id}`).set(member.auth);
    expect(res.status).toBe(204);
    const all = await fullHistory(t, owner, group);
    const tomb = all.find((m) => m.id === msg.id)!;
    expect(tomb).toMatchObject({ body: null, reactions: [], mentions: [], clientId: msg.clientId });
    expect(tomb.deletedAt).toEqual(expect.any(String));
    expect(JSON.stringify(all)).not.toContain('regret this');
    // Deleting again changes nothing; editing or reacting is NOT_FOUND.
    expect((await t.http().delete(`/api/messages/${msg.id}`).set(member.auth)).status).toBe(204);
    expectError(await t.http().patch(`/api/messages/${msg.id}`).set(member.auth).send({ body: 'back' }), 404, 'NOT_FOUND');
    expectError(await t.http().put(`/api/messages/${msg.id}/reactions/${encodeURIComponent('🙏')}`).set(owner.auth), 404, 'NOT_FOUND');
  });

  it('lets moderators delete anyone’s message but not plain members', async () => {
    const mod = await registerUser(t);
    await joinGroup(t, mod, group);
    await setRole(t, owner, group, mod, 'moderator');
    const msg = await postMessage(t, owner, group, 'owner message');
    expectError(await t.http().delete(`/api/messages/${msg.id}`).set(member.auth), 403, 'FORBIDDEN');
    expect((await history(t, owner, group)).items.find((m) => m.id === msg.id)?.body).toBe('owner message');
    const msg2 = await postMessage(t, member, group, 'member message');
    expect((await t.http().delete(`/api/messages/${msg2.id}`).set(mod.auth)).status).toBe(204);
    expect((await t.http().delete(`/api/messages/${msg.id}`).set(mod.auth)).status).toBe(204);
  });

  it('answers 404 for an unknown message', async () => {
    expectError(await t.http().delete('/api/messages/1999999999999999').set(member.auth), 404, 'NOT_FOUND');
  });
});

describe('reactions', () => {
  it('adds and removes supportive reactions with per-user counts and mine', async () => {
    const msg = await postMessage(t, member, group, 'Had a good day');
    const heart = encodeURIComponent('❤️');
    const a = await t.http().put(`/api/messages/${msg.id}/reactions/${heart}`).set(owner.auth);
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ reactions: [{ emoji: '❤️', count: 1, mine: true }] });
    // Adding the same reaction twice counts once.
    await t.http().put(`/api/messages/${msg.id}/reactions/${heart}`).set(owner.auth).expect(200);
    const b = await t.http().put(`/api/messages/${msg.id}/reactions/${encodeURIComponent('💪')}`).set(member.auth);
    expect(b.body.reactions).toEqual([
      { emoji: '❤️', count: 1, mine: false },
      { emoji: '💪', count: 1, mine: true },
    ]);
    const c = await t.http().put(`/api/messages/${msg.id}/reactions/${heart}`).set(member.auth);
    expect(c.body.reactions).toEqual([
      { emoji: '❤️', count: 2, mine: true },
      { emoji: '💪', count: 1, mine: true },
    ]);
    const d = await t.http().delete(`/api/messages/${msg.id}/reactions/${heart}`).set(owner.auth);
    expect(d.body.reactions).toEqual([
      { emoji: '❤️', count: 1, mine: false },
      { emoji: '💪', count: 1, mine: false },
    ]);
    const page = await history(t, member, group);
    expect(page.items.find((m) => m.id === msg.id)?.reactions).toEqual([
      { emoji: '❤️', count: 1, mine: true },
      { emoji: '💪', count: 1, mine: true },
    ]);
  });

  it('refuses emoji outside the supportive set and reactions from non-members', async () => {
    const msg = await postMessage(t, member, group, 'hmm');
    expectError(await t.http().put(`/api/messages/${msg.id}/reactions/${encodeURIComponent('💩')}`).set(owner.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().put(`/api/messages/${msg.id}/reactions/x`).set(owner.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().put(`/api/messages/${msg.id}/reactions/${encodeURIComponent('👍')}`).set(outsider.auth), 403, 'NOT_A_MEMBER');
    expectError(await t.http().put(`/api/messages/1999999999999999/reactions/${encodeURIComponent('👍')}`).set(owner.auth), 404, 'NOT_FOUND');
    const page = await history(t, member, group);
    expect(page.items.find((m) => m.id === msg.id)?.reactions).toEqual([]);
  });
});

describe('read markers and unreadCount', () => {
  it('moves forward only, and /api/me/groups counts what is after it', async () => {
    const room = await createGroup(t, owner);
    const reader = await registerUser(t);
    await joinGroup(t, reader, room);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await postMessage(t, owner, room, `news ${i}`)).id);
    const unread = async () => {
      const res = await t.http().get('/api/me/groups').set(reader.auth);
      expect(res.status).toBe(200);
      return res.body.items.find((g: any) => g.id === room.id).unreadCount as number;
    };
    expect(await unread()).toBe(4);
    expect((await t.http().post(`/api/groups/${room.slug}/read`).set(reader.auth).send({ messageId: ids[2] })).status).toBe(204);
    expect(await unread()).toBe(1);
    // Backwards is ignored.
    expect((await t.http().post(`/api/groups/${room.slug}/read`).set(reader.auth).send({ messageId: ids[0] })).status).toBe(204);
    expect(await unread()).toBe(1);
    await t.http().post(`/api/groups/${room.slug}/read`).set(reader.auth).send({ messageId: ids[3] }).expect(204);
    expect(await unread()).toBe(0);
  });

  it('refuses messages of another group, non-members and bad ids', async () => {
    const other = await createGroup(t, owner);
    const foreign = await postMessage(t, owner, other, 'not here');
    expectError(await t.http().post(`/api/groups/${group.slug}/read`).set(member.auth).send({ messageId: foreign.id }), 404, 'NOT_FOUND');
    // A made-up id far in the future must not mark everything read.
    expectError(await t.http().post(`/api/groups/${group.slug}/read`).set(member.auth).send({ messageId: '8999999999999999' }), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/groups/${group.slug}/read`).set(outsider.auth).send({ messageId: foreign.id }), 403, 'NOT_A_MEMBER');
    expectError(await t.http().post(`/api/groups/${group.slug}/read`).set(member.auth).send({ messageId: 5 }), 400, 'VALIDATION_ERROR');
  });
});

describe('group rules', () => {
  it('refuses posts from muted members with 403 MUTED until the mute ends', async () => {
    const room = await createGroup(t, owner);
    const muted = await registerUser(t);
    await joinGroup(t, muted, room);
    const muting = await mute(t, owner, room, muted, 60, 'test');
    const res = await t.http().post(`/api/groups/${room.slug}/messages`).set(muted.auth).send({ body: 'can I talk?', clientId: newClientId() });
    expectError(res, 403, 'MUTED');
    expect(res.body.details).toEqual({ until: muting.until, reason: 'test' });
    expect(await countMessages(room.id)).toBe(0);
    await afterMinutes(t, 61);
    await postMessage(t, muted, room, 'back again');
  });

  it('applies slow mode with 429 SLOW_MODE and Retry-After, moderators exempt', async () => {
    const room = await createGroup(t, owner);
    const talker = await registerUser(t);
    await joinGroup(t, talker, room);
    await t.http().put(`/api/groups/${room.slug}/settings`).set(owner.auth).send({ slowModeSeconds: 60 }).expect(200);
    await postMessage(t, talker, room, 'first');
    const res = await t.http().post(`/api/groups/${room.slug}/messages`).set(talker.auth).send({ body: 'second', clientId: newClientId() });
    expectError(res, 429, 'SLOW_MODE');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    await postMessage(t, owner, room, 'owner one');
    await postMessage(t, owner, room, 'owner two');
    expect(await countMessages(room.id)).toBe(3);
  });

  it('refuses blocked terms with 400 BLOCKED_TERM, as whole words, case-insensitively', async () => {
    const room = await createGroup(t, owner);
    await t.http().put(`/api/groups/${room.slug}/settings`).set(owner.auth).send({ blockedTerms: ['miracle cure', 'scam'] }).expect(200);
    for (const body of ['Try this MIRACLE CURE today', 'total scam!']) {
      const res = await t.http().post(`/api/groups/${room.slug}/messages`).set(owner.auth).send({ body, clientId: newClientId() });
      expectError(res, 400, 'BLOCKED_TERM');
    }
    expect(await countMessages(room.id)).toBe(0);
    await postMessage(t, owner, room, 'I had scampi for dinner');
    const msg = await postMessage(t, owner, room, 'fine text');
    expectError(await t.http().patch(`/api/messages/${msg.id}`).set(owner.auth).send({ body: 'a scam' }), 400, 'BLOCKED_TERM');
  });
});
