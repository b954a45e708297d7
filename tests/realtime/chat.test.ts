/** Live chat over real socket.io-clients: two members talk, retries, edits, deletes, reactions, mentions, catch-up. */
import type { Group, Message } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, fullHistory, history, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let alice: TestUser;
let bruno: TestUser;
let group: Group;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  alice = await registerUser(t, { displayName: 'Alice Hart' });
  bruno = await registerUser(t, { displayName: 'Bruno Diaz' });
  group = await createGroup(t, alice);
  await joinGroup(t, bruno, group);
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function socketFor(user: TestUser, slug?: string): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  if (slug) {
    const ack = await joinRoom(s, slug);
    expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  }
  return s;
}

describe('two members talk', () => {
  it('delivers socket and REST sends to everyone in the room, with the ack carrying the message', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const clientId = newClientId();
    const heard = nextEvent<{ message: Message }>(b, 'message:new', (p) => p.message.clientId === clientId);
    const ack = await emitAck(a, 'message:send', { slug: group.slug, body: 'Hi Bruno, how was the appointment?', clientId });
    expect(ack.ok).toBe(true);
    expect(ack.message).toMatchObject({ body: 'Hi Bruno, how was the appointment?', clientId, groupId: group.id, author: { id: alice.user.id } });
    const { message } = await heard;
    expect(message).toEqual(ack.message);

    const back = nextEvent<{ message: Message }>(a, 'message:new', (p) => p.message.body === 'Better than expected!');
    const rest = await postMessage(t, bruno, group, 'Better than expected!');
    expect((await back).message.id).toBe(rest.id);
    expect(BigInt(rest.id)).toBeGreaterThan(BigInt(message.id));
  });

  it('answers socket sends from non-members with NOT_A_MEMBER and posts nothing', async () => {
    const stranger = await registerUser(t);
    const s = await socketFor(stranger);
    const before = (await fullHistory(t, alice, group)).length;
    const ack = await emitAck(s, 'message:send', { slug: group.slug, body: 'hello', clientId: newClientId() });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER', message: expect.any(String) } });
    expect((await fullHistory(t, alice, group)).length).toBe(before);
  });
});

describe('private groups', () => {
  it('refuse the room and the history to non-members, who hear nothing', async () => {
    const secret = await createGroup(t, alice, { visibility: 'private' });
    const stranger = await registerUser(t);
    const s = await socketFor(stranger);
    const ack = await joinRoom(s, secret.slug);
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
    const heard = collect(s, 'message:new');
    const a = await socketFor(alice, secret.slug);
    await emitAck(a, 'message:send', { slug: secret.slug, body: 'members only', clientId: newClientId() });
    await barrier(s);
    expect(heard.items).toEqual([]);
    const res = await t.http().get(`/api/groups/${secret.slug}/messages`).set(stranger.auth);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('NOT_A_MEMBER');
    expect((await joinRoom(s, 'no-such-group')).error.code).toBe('NOT_FOUND');
  });
});

describe('retries', () => {
  // A retry is announced to the room again (its first announcement may have been lost with the
  // database: see tests/faults); every announcement carries the one stored message, by the same id.
  it('gives one message for a resent clientId (socket then REST); every announcement is that message', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const heard = collect<{ message: Message }>(b, 'message:new');
    const clientId = newClientId();
    const first = await emitAck(a, 'message:send', { slug: group.slug, body: 'Did it arrive?', clientId });
    const second = await emitAck(a, 'message:send', { slug: group.slug, body: 'Did it arrive?', clientId });
    expect(second).toEqual(first);
    const rest = await t.http().post(`/api/groups/${group.slug}/messages`).set(alice.auth).send({ body: 'Did it arrive?', clientId });
    expect(rest.status).toBe(200);
    expect(rest.body.id).toBe(first.message.id);
    await barrier(b);
    const announced = heard.items.filter((p) => p.message.clientId === clientId);
    expect(announced.length).toBeGreaterThanOrEqual(1);
    expect(new Set(announced.map((p) => p.message.id))).toEqual(new Set([first.message.id]));
    expect((await fullHistory(t, alice, group)).filter((m) => m.clientId === clientId)).toHaveLength(1);
  });

  it('gives one message for concurrent resends from two tabs', async () => {
    const a1 = await socketFor(alice);
    const a2 = await socketFor(alice);
    const b = await socketFor(bruno, group.slug);
    const heard = collect<{ message: Message }>(b, 'message:new');
    const clientId = newClientId();
    const acks = await Promise.all(
      Array.from({ length: 6 }, (_, i) => emitAck(i % 2 ? a1 : a2, 'message:send', { slug: group.slug, body: 'racing', clientId })),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    expect(new Set(acks.map((ack) => ack.message.id)).size).toBe(1);
    await barrier(b);
    expect(new Set(heard.items.filter((p) => p.message.clientId === clientId).map((p) => p.message.id))).toEqual(new Set([acks[0]!.message.id]));
    expect((await fullHistory(t, alice, group)).filter((m) => m.clientId === clientId)).toHaveLength(1);
  });
});

describe('edits and deletes', () => {
  it('refuses edits of another’s message and broadcasts the author’s edit', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const sent = await emitAck(a, 'message:send', { slug: group.slug, body: 'Meeting at 5', clientId: newClientId() });
    const updates = collect<{ message: Message }>(a, 'message:updated');
    const refused = await emitAck(b, 'message:edit', { id: sent.message.id, body: 'Meeting cancelled' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await barrier(a);
    expect(updates.items).toEqual([]);
    const seen = nextEvent<{ message: Message }>(b, 'message:updated', (p) => p.message.id === sent.message.id);
    const ok = await emitAck(a, 'message:edit', { id: sent.message.id, body: 'Meeting at 6' });
    expect(ok).toMatchObject({ ok: true, message: { id: sent.message.id, body: 'Meeting at 6' } });
    const { message } = await seen;
    expect(message.body).toBe('Meeting at 6');
    expect(message.editedAt).toEqual(expect.any(String));
  });

  it('keeps deleted messages deleted everywhere: live, in history, for late joiners', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const sent = await emitAck(b, 'message:send', { slug: group.slug, body: 'Oops, wrong group', clientId: newClientId() });
    const deleted = nextEvent(b, 'message:deleted', (p: any) => p.id === sent.message.id);
    // Alice owns the group, so she may remove a member's message.
    expect(await emitAck(a, 'message:delete', { id: sent.message.id })).toEqual({ ok: true });
    expect(await deleted).toEqual({ id: sent.message.id, groupId: group.id });
    const again = await emitAck(b, 'message:edit', { id: sent.message.id, body: 'resurrect' });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const viewer of [alice, bruno]) {
      const tomb = (await fullHistory(t, viewer, group)).find((m) => m.id === sent.message.id)!;
      expect(tomb).toMatchObject({ body: null, reactions: [] });
      expect(tomb.deletedAt).toEqual(expect.any(String));
    }
  });

  it('refuses a plain member deleting someone else’s message', async () => {
    const b = await socketFor(bruno, group.slug);
    const a = await socketFor(alice, group.slug);
    const sent = await emitAck(a, 'message:send', { slug: group.slug, body: 'Owner words', clientId: newClientId() });
    const deletions = collect(a, 'message:deleted');
    const ack = await emitAck(b, 'message:delete', { id: sent.message.id });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await barrier(a);
    expect(deletions.items).toEqual([]);
    const live = await emitAck(b, 'message:delete', { id: (await emitAck(b, 'message:send', { slug: group.slug, body: 'mine', clientId: newClientId() })).message.id });
    expect(live.ok).toBe(true);
  });
});

describe('reactions and mentions', () => {
  it('broadcasts reaction changes with who changed what', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const sent = await emitAck(a, 'message:send', { slug: group.slug, body: 'First week without a flare!', clientId: newClientId() });
    const seen = nextEvent<any>(a, 'reaction:updated', (p) => p.messageId === sent.message.id);
    const ack = await emitAck(b, 'reaction:add', { messageId: sent.message.id, emoji: '💪' });
    expect(ack).toEqual({ ok: true, reactions: [{ emoji: '💪', count: 1, mine: true }] });
    expect(await seen).toEqual({
      messageId: sent.message.id,
      groupId: group.id,
      reactions: [{ emoji: '💪', count: 1, mine: false }],
      userId: bruno.user.id,
      emoji: '💪',
      added: true,
    });
    const bad = await emitAck(b, 'reaction:add', { messageId: sent.message.id, emoji: '🤡' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const removed = nextEvent<any>(a, 'reaction:updated', (p) => p.messageId === sent.message.id && !p.added);
    expect(await emitAck(b, 'reaction:remove', { messageId: sent.message.id, emoji: '💪' })).toEqual({ ok: true, reactions: [] });
    expect((await removed).reactions).toEqual([]);
  });

  it('resolves mentions and notifies the mentioned member live', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno);
    const note = nextEvent<any>(b, 'notification:new');
    const ack = await emitAck(a, 'message:send', { slug: group.slug, body: '@bruno diaz can you share the recipe?', clientId: newClientId() });
    expect(ack.message.mentions).toEqual([bruno.user.id]);
    const { notification } = await note;
    expect(notification).toMatchObject({
      type: 'mention',
      readAt: null,
      data: { messageId: ack.message.id, groupSlug: group.slug, by: { id: alice.user.id, displayName: 'Alice Hart' } },
    });
  });

  it('notifies the parent’s author of a reply', async () => {
    const a = await socketFor(alice, group.slug);
    const b = await socketFor(bruno, group.slug);
    const parent = await emitAck(b, 'message:send', { slug: group.slug, body: 'Any tips for night sweats?', clientId: newClientId() });
    const note = nextEvent<any>(b, 'notification:new', (p) => p.notification.type === 'reply');
    const reply = await emitAck(a, 'message:send', { slug: group.slug, body: 'A cooling pillow helped me', clientId: newClientId(), replyToId: parent.message.id });
    expect(reply.message).toMatchObject({ replyToId: parent.message.id, replyTo: { id: parent.message.id, body: 'Any tips for night sweats?' } });
    expect((await note).notification.data.messageId).toBe(reply.message.id);
  });
});

describe('reconnecting', () => {
  it('finds every message sent while away with after=', async () => {
    const a = await socketFor(alice, group.slug);
    let b = await socketFor(bruno, group.slug);
    const clientId = newClientId();
    const arrived = nextEvent(b, 'message:new', (p: any) => p.message.clientId === clientId);
    const last = await emitAck(a, 'message:send', { slug: group.slug, body: 'before the tunnel', clientId });
    await arrived;
    b.disconnect();
    const sentWhileAway: string[] = [];
    for (let i = 0; i < 30; i++) {
      const ack = await emitAck(a, 'message:send', { slug: group.slug, body: `while away ${i}`, clientId: newClientId() });
      sentWhileAway.push(ack.message.id);
      if (i % 10 === 0) sentWhileAway.push((await postMessage(t, alice, group, `rest ${i}`)).id);
    }
    b = await socketFor(bruno, group.slug);
    const caughtUp: Message[] = [];
    let after = last.message.id as string;
    for (;;) {
      const page = await history(t, bruno, group, { after, limit: 7 });
      caughtUp.push(...page.items);
      if (!page.hasMore) break;
      after = page.items.at(-1)!.id;
    }
    expect(caughtUp.map((m) => m.id)).toEqual(sentWhileAway);
  });
});

describe('read markers', () => {
  it('move forward only over the socket too', async () => {
    const room = await createGroup(t, alice);
    await joinGroup(t, bruno, room);
    const b = await socketFor(bruno, room.slug);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await postMessage(t, alice, room, `update ${i}`)).id);
    const unread = async () =>
      ((await t.http().get('/api/me/groups').set(bruno.auth)).body.items as any[]).find((g) => g.id === room.id).unreadCount;
    expect(await emitAck(b, 'read', { slug: room.slug, messageId: ids[1] })).toEqual({ ok: true });
    expect(await unread()).toBe(1);
    expect(await emitAck(b, 'read', { slug: room.slug, messageId: ids[0] })).toEqual({ ok: true });
    expect(await unread()).toBe(1);
    expect(await emitAck(b, 'read', { slug: room.slug, messageId: '1999999999999999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await unread()).toBe(1);
  });
});
