/** Mentions and replies: resolution to members and the notifications they create, plus the inbox API. */
import type { Group } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';

let t: TestApp;
let author: TestUser;
let ann: TestUser;
let annLee: TestUser;
let bob: TestUser;
let outsider: TestUser;
let group: Group;

beforeAll(async () => {
  t = await startTestApp();
  author = await registerUser(t, { displayName: 'Rita Author' });
  ann = await registerUser(t, { displayName: 'Ann' });
  annLee = await registerUser(t, { displayName: 'Ann Lee' });
  bob = await registerUser(t, { displayName: 'Bob Stone' });
  outsider = await registerUser(t, { displayName: 'Zed Outside' });
  group = await createGroup(t, author);
  for (const u of [ann, annLee, bob]) await joinGroup(t, u, group);
});
afterAll(() => t?.close());

const inbox = async (user: TestUser, query: Record<string, string | number> = {}) => {
  const res = await t.http().get('/api/notifications').query(query).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null; unreadCount: number };
};

const readAll = async (user: TestUser) => {
  await t.http().post('/api/notifications/read').set(user.auth).send({ all: true }).expect(204);
};

describe('mentions', () => {
  it('resolves @names case-insensitively, spaces included, the longest name winning', async () => {
    const msg = await postMessage(t, author, group, 'Thanks @ann lee and @BOB STONE! And @Ann, of course.');
    expect(msg.mentions).toEqual([annLee.user.id, bob.user.id, ann.user.id]);
  });

  it('needs a word boundary after the name and an @ that starts a word', async () => {
    const msg = await postMessage(t, author, group, 'Hi @Annabel, mail me at rita@ann.example or @Bob Stoner', { acknowledgePersonalData: true });
    expect(msg.mentions).toEqual([]);
  });

  it('resolves only active members of the group', async () => {
    const msg = await postMessage(t, author, group, 'Is @Zed Outside here?');
    expect(msg.mentions).toEqual([]);
    expect((await inbox(outsider)).items).toEqual([]);
  });

  it('notifies each mentioned member once (not the author) with where and who', async () => {
    for (const u of [ann, annLee, bob, author]) await readAll(u);
    const msg = await postMessage(t, author, group, '@Bob Stone @bob stone have you met @Rita Author?');
    expect(msg.mentions).toEqual([bob.user.id, author.user.id]);
    const bobs = await inbox(bob, { unread: 'true' });
    expect(bobs.items).toHaveLength(1);
    expect(bobs.unreadCount).toBe(1);
    expect(bobs.items[0]).toMatchObject({
      type: 'mention',
      readAt: null,
      data: {
        groupId: group.id,
        groupSlug: group.slug,
        groupName: group.name,
        messageId: msg.id,
        by: { id: author.user.id, displayName: 'Rita Author' },
        excerpt: msg.body,
      },
    });
    expect((await inbox(author, { unread: 'true' })).items).toEqual([]);
  });

  it('notifies members newly mentioned by an edit, and only them', async () => {
    await readAll(ann);
    await readAll(bob);
    const msg = await postMessage(t, author, group, 'Hello @Bob Stone');
    await readAll(bob);
    const res = await t.http().patch(`/api/messages/${msg.id}`).set(author.auth).send({ body: 'Hello @Bob Stone and @Ann' });
    expect(res.status).toBe(200);
    expect(res.body.mentions).toEqual([bob.user.id, ann.user.id]);
    expect((await inbox(ann, { unread: 'true' })).items).toMatchObject([{ type: 'mention', data: { messageId: msg.id } }]);
    expect((await inbox(bob, { unread: 'true' })).items).toEqual([]);
  });

  it('withdraws the notifications of a deleted message', async () => {
    await readAll(ann);
    const msg = await postMessage(t, author, group, 'Secret for @Ann');
    expect((await inbox(ann)).items.some((n) => n.data.messageId === msg.id)).toBe(true);
    await t.http().delete(`/api/messages/${msg.id}`).set(author.auth).expect(204);
    const after = await inbox(ann);
    expect(after.items.some((n) => n.data.messageId === msg.id)).toBe(false);
    expect(JSON.stringify(after)).not.toContain('Secret for');
  });
});

describe('replies', () => {
  it('notifies the author of the message replied to, once even when also mentioned, never oneself', async () => {
    await readAll(ann);
    await readAll(bob);
    const parent = await postMessage(t, ann, group, 'Anyone tried yoga?');
    const reply = await postMessage(t, bob, group, '@Ann yes, every morning', { replyToId: parent.id });
    const anns = await inbox(ann, { unread: 'true' });
    expect(anns.items).toHaveLength(1);
    expect(anns.items[0]).toMatchObject({ type: 'reply', data: { messageId: reply.id, by: { id: bob.user.id } } });
    await postMessage(t, ann, group, 'Replying to myself', { replyToId: parent.id });
    expect((await inbox(ann, { unread: 'true' })).items).toHaveLength(1);
  });
});

describe('inbox', () => {
  let reader: TestUser;
  beforeAll(async () => {
    reader = await registerUser(t, { displayName: 'Paula Pager' });
    await joinGroup(t, reader, group);
    for (let i = 0; i < 5; i++) await postMessage(t, author, group, `note ${i} for @Paula Pager`);
  });

  it('pages newest first with a cursor', async () => {
    const first = await inbox(reader, { limit: 2 });
    expect(first.items.map((n) => n.data.excerpt)).toEqual(['note 4 for @Paula Pager', 'note 3 for @Paula Pager']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inbox(reader, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((n) => n.data.excerpt)).toEqual(['note 2 for @Paula Pager', 'note 1 for @Paula Pager']);
    const third = await inbox(reader, { limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((n) => n.data.excerpt)).toEqual(['note 0 for @Paula Pager']);
    expect(third.nextCursor).toBeNull();
    expect(first.unreadCount).toBe(5);
  });

  it('marks chosen ones read, then all; other users’ ids change nothing', async () => {
    const all = await inbox(reader);
    await postMessage(t, author, group, 'And @Bob Stone too');
    const someoneElses = (await inbox(bob, { unread: 'true' })).items[0].id;
    const ids = [all.items[0].id, all.items[1].id, someoneElses];
    await t.http().post('/api/notifications/read').set(reader.auth).send({ ids }).expect(204);
    const unread = await inbox(reader, { unread: 'true' });
    expect(unread.items).toHaveLength(3);
    expect(unread.unreadCount).toBe(3);
    const marked = (await inbox(reader)).items.filter((n) => n.readAt !== null);
    expect(marked.map((n) => n.id).sort()).toEqual([all.items[0].id, all.items[1].id].sort());
    expect((await inbox(bob)).items.find((n) => n.id === someoneElses)?.readAt).toBeNull();
    await t.http().post('/api/notifications/read').set(reader.auth).send({ all: true }).expect(204);
    expect((await inbox(reader, { unread: 'true' })).items).toEqual([]);
  });

  it('refuses bad input with VALIDATION_ERROR and strangers with 401', async () => {
    expectError(await t.http().post('/api/notifications/read').set(reader.auth).send({}), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post('/api/notifications/read').set(reader.auth).send({ ids: ['nope'] }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post('/api/notifications/read').set(reader.auth).send({ all: 'yes' }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().get('/api/notifications').query({ cursor: 'garbage' }).set(reader.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().get('/api/notifications').query({ unread: 'maybe' }).set(reader.auth), 400, 'VALIDATION_ERROR');
    expectError(await t.http().get('/api/notifications'), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/notifications/read').send({ all: true }), 401, 'UNAUTHORIZED');
  });
});
