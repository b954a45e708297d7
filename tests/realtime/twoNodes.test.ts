/**
 * Chat across two server nodes sharing one database and Redis: messages, presence, typing and removal
 * reach sockets on the other node, exactly as on one.
 */
import type { Group, PublicUser } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, fullHistory, joinRoom, newClientId } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let nodeA: TestApp;
let nodeB: TestApp;
let alice: TestUser;
let bruno: TestUser;
let group: Group;
const open: TestSocket[] = [];

beforeAll(async () => {
  nodeA = await startTestApp({ REDIS_URL });
  nodeB = await startTestApp({ REDIS_URL }, { testDb: nodeA.testDb });
  alice = await registerUser(nodeA, { displayName: 'Alice Hart' });
  bruno = await registerUser(nodeA, { displayName: 'Bruno Diaz' });
  group = await createGroup(nodeA, alice);
  await joinGroup(nodeA, bruno, group);
  // Let each node's adapter announce itself on the stream.
  await new Promise((r) => setTimeout(r, 300));
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

async function socketOn(node: TestApp, user: TestUser, slug?: string): Promise<TestSocket> {
  const s = await connected(node, user.token);
  open.push(s);
  if (slug) expect(await joinRoom(s, slug)).toMatchObject({ ok: true });
  return s;
}

const names = (online: PublicUser[]) => online.map((u) => u.displayName);

describe('two nodes', () => {
  it('deliver messages, edits, reactions and deletes to the other node’s sockets', async () => {
    const a = await socketOn(nodeA, alice, group.slug);
    const b = await socketOn(nodeB, bruno, group.slug);
    const clientId = newClientId();
    const heard = nextEvent<any>(b, 'message:new', (p) => p.message.clientId === clientId);
    const sent = await emitAck(a, 'message:send', { slug: group.slug, body: 'Across the cluster', clientId });
    expect((await heard).message.id).toBe(sent.message.id);

    const reacted = nextEvent<any>(a, 'reaction:updated', (p) => p.messageId === sent.message.id);
    expect((await emitAck(b, 'reaction:add', { messageId: sent.message.id, emoji: '🤗' })).ok).toBe(true);
    expect((await reacted).reactions).toEqual([{ emoji: '🤗', count: 1, mine: false }]);

    const deleted = nextEvent<any>(b, 'message:deleted', (p) => p.id === sent.message.id);
    expect(await emitAck(a, 'message:delete', { id: sent.message.id })).toEqual({ ok: true });
    await deleted;
    // A resend through the other node is still the same message.
    const resend = await nodeB.http().post(`/api/groups/${group.slug}/messages`).set(alice.auth).send({ body: 'Across the cluster', clientId });
    expect(resend.status).toBe(200);
    expect(resend.body).toMatchObject({ id: sent.message.id, body: null });
    expect((await fullHistory(nodeB, bruno, group)).filter((m) => m.clientId === clientId)).toHaveLength(1);
  });

  it('keep presence right with tabs on both nodes', async () => {
    const room = await createGroup(nodeA, alice);
    await joinGroup(nodeA, bruno, room);
    const a = await socketOn(nodeA, alice, room.slug);
    const b1 = await socketOn(nodeA, bruno);
    const b2 = await socketOn(nodeB, bruno);
    const first = nextEvent<any>(a, 'presence', (p) => names(p.online).length === 2);
    expect(names((await joinRoom(b1, room.slug)).online)).toEqual(['Alice Hart', 'Bruno Diaz']);
    await first;
    const second = nextEvent<any>(a, 'presence');
    expect(names((await joinRoom(b2, room.slug)).online)).toEqual(['Alice Hart', 'Bruno Diaz']);
    expect(names((await second).online)).toEqual(['Alice Hart', 'Bruno Diaz']);
    // Bruno's node-A tab closes; his node-B tab keeps him online.
    const afterOne = nextEvent<any>(a, 'presence');
    b1.disconnect();
    expect(names((await afterOne).online)).toEqual(['Alice Hart', 'Bruno Diaz']);
    const afterBoth = nextEvent<any>(a, 'presence');
    b2.disconnect();
    expect(names((await afterBoth).online)).toEqual(['Alice Hart']);
  });

  it('send typing across nodes and stop the room on every node when a member leaves', async () => {
    const room = await createGroup(nodeA, alice);
    await joinGroup(nodeA, bruno, room);
    const a = await socketOn(nodeA, alice, room.slug);
    const b = await socketOn(nodeB, bruno, room.slug);
    const typing = nextEvent<any>(a, 'typing');
    expect(await emitAck(b, 'typing', { slug: room.slug, isTyping: true })).toEqual({ ok: true });
    expect(await typing).toMatchObject({ slug: room.slug, isTyping: true, user: { id: bruno.user.id } });

    const gone = nextEvent<any>(a, 'presence', (p) => names(p.online).join() === 'Alice Hart');
    await nodeA.http().post(`/api/groups/${room.slug}/leave`).set(bruno.auth).expect(204);
    await gone;
    // Alice's tab on node B proves node B has handled the broadcast before we look at Bruno's socket.
    const witness = await socketOn(nodeB, alice, room.slug);
    const heard = collect(b, 'message:new');
    const witnessed = nextEvent<any>(witness, 'message:new', (p) => p.message.body === 'after Bruno left');
    await emitAck(a, 'message:send', { slug: room.slug, body: 'after Bruno left', clientId: newClientId() });
    await witnessed;
    await barrier(b);
    expect(heard.items).toEqual([]);
  });
});
