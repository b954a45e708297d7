/**
 * Moderation across two server nodes sharing one database and Redis: a ban evicts the banned person's
 * sockets on both nodes at once and nothing more reaches them; a suspension drops sockets and refuses
 * requests on the other node too; reports reach a moderator connected to the other node.
 */
import type { Group } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, expectError, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { ban, suspend } from '../helpers/moderation.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let nodeA: TestApp;
let nodeB: TestApp;
let owner: TestUser;
let moderator: TestUser;
let admin: TestUser;
const open: TestSocket[] = [];

beforeAll(async () => {
  nodeA = await startTestApp({ REDIS_URL });
  nodeB = await startTestApp({ REDIS_URL }, { testDb: nodeA.testDb });
  owner = await registerUser(nodeA);
  moderator = await registerUser(nodeA);
  admin = await makeAdmin(nodeA, await registerUser(nodeA));
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

async function groupWith(...members: TestUser[]): Promise<Group> {
  const group = await createGroup(nodeA, owner);
  for (const m of members) await joinGroup(nodeA, m, group);
  return group;
}

describe('moderation on two nodes', () => {
  it('a ban evicts the banned person’s sockets on both nodes, and nothing more reaches either', async () => {
    const banned = await registerUser(nodeA);
    const witness = await registerUser(nodeA);
    const group = await groupWith(banned, witness);
    const onA = await socketOn(nodeA, banned, group.slug);
    const onB = await socketOn(nodeB, banned, group.slug);
    const witnessA = await socketOn(nodeA, witness, group.slug);
    const witnessB = await socketOn(nodeB, witness, group.slug);
    const removed = [onA, onB].map((s) => nextEvent<any>(s, 'group:removed'));
    await ban(nodeA, owner, group, banned, { reason: 'Spam' });
    for (const r of removed) expect(await r).toEqual({ slug: group.slug, reason: 'banned' });

    const heard = [onA, onB].map((s) => ({ messages: collect(s, 'message:new'), typing: collect(s, 'typing'), reactions: collect(s, 'reaction:updated') }));
    const clientId = newClientId();
    const seen = [witnessA, witnessB].map((s) => nextEvent<any>(s, 'message:new', (p) => p.message.clientId === clientId));
    const ownerOnB = await socketOn(nodeB, owner, group.slug);
    const sent = await emitAck(ownerOnB, 'message:send', { slug: group.slug, body: 'After the ban', clientId });
    await Promise.all(seen);
    const reacted = nextEvent<any>(witnessA, 'reaction:updated');
    await emitAck(ownerOnB, 'reaction:add', { messageId: sent.message.id, emoji: '👍' });
    await reacted;
    const typed = nextEvent<any>(witnessA, 'typing');
    await emitAck(ownerOnB, 'typing', { slug: group.slug, isTyping: true });
    await typed;
    await barrier(onA);
    await barrier(onB);
    for (const h of heard) {
      expect(h.messages.items).toEqual([]);
      expect(h.typing.items).toEqual([]);
      expect(h.reactions.items).toEqual([]);
    }
    expect(await joinRoom(onB, group.slug)).toMatchObject({ ok: false, error: { code: 'BANNED' } });
  });

  it('a suspension on node A drops the sockets on node B and refuses node B’s requests at once', async () => {
    const person = await registerUser(nodeA);
    expect((await nodeB.http().get('/api/me').set(person.auth)).status).toBe(200);
    const onB = await socketOn(nodeB, person);
    const dropped = new Promise((resolve) => onB.once('disconnect', resolve));
    await suspend(nodeA, admin, person);
    await dropped;
    expectError(await nodeB.http().get('/api/me').set(person.auth), 403, 'SUSPENDED');
  });

  it('report:new reaches a moderator connected to the other node', async () => {
    const reporter = await registerUser(nodeA);
    const author = await registerUser(nodeA);
    const group = await groupWith(moderator, reporter, author);
    await setRole(nodeA, owner, group, moderator, 'moderator');
    const onB = await socketOn(nodeB, moderator);
    const msg = await postMessage(nodeA, author, group, 'Rude words');
    const heard = nextEvent<any>(onB, 'report:new');
    const filed = await nodeA.http().post('/api/reports').set(reporter.auth).send({ targetType: 'message', targetId: msg.id, reason: 'harassment' });
    expect(filed.status).toBe(201);
    expect((await heard).report.id).toBe(filed.body.id);
  });
});
