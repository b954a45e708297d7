/** Chat helpers for the messages, notifications and realtime suites. */
import type { Group, Message } from '@circles/shared';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { TestUser } from './factories.js';

export const newClientId = () => randomUUID();

export function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
  expect(typeof res.body.message).toBe('string');
}

/** Posts a message through REST and expects 201; returns it. */
export async function postMessage(
  t: TestApp,
  user: TestUser,
  group: Pick<Group, 'slug'>,
  body: string,
  extra: { clientId?: string; replyToId?: string; acknowledgePersonalData?: boolean } = {},
): Promise<Message> {
  const res = await t
    .http()
    .post(`/api/groups/${group.slug}/messages`)
    .set(user.auth)
    .send({
      body,
      clientId: extra.clientId ?? newClientId(),
      ...(extra.replyToId ? { replyToId: extra.replyToId } : {}),
      ...(extra.acknowledgePersonalData ? { acknowledgePersonalData: true } : {}),
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Message;
}

export async function history(
  t: TestApp,
  user: TestUser,
  group: Pick<Group, 'slug'>,
  query: { before?: string; after?: string; limit?: number } = {},
): Promise<{ items: Message[]; hasMore: boolean }> {
  const res = await t.http().get(`/api/groups/${group.slug}/messages`).query(query).set(user.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Every message of a group, oldest first, walking `after=` pages. */
export async function fullHistory(t: TestApp, user: TestUser, group: Pick<Group, 'slug'>): Promise<Message[]> {
  const all: Message[] = [];
  let after: string | undefined = '0';
  for (;;) {
    const page = await history(t, user, group, { after, limit: 100 });
    all.push(...page.items);
    if (!page.hasMore || page.items.length === 0) return all;
    after = page.items[page.items.length - 1]!.id;
  }
}

/**
 * A round trip on `socket` that the server answers in order: every event the server emitted to this
 * socket before it handled the barrier has arrived once this resolves. Use it to prove an event was NOT sent.
 */
export async function barrier(socket: { timeout: (ms: number) => any }): Promise<void> {
  const ack = await (socket.timeout(5_000) as any).emitWithAck('group:leave', { slug: '__barrier__' });
  expect(ack.ok).toBe(true);
}

/** Subscribes a socket to a group's room and returns the ack. */
export async function joinRoom(socket: { timeout: (ms: number) => any }, slug: string): Promise<any> {
  return (socket.timeout(5_000) as any).emitWithAck('group:join', { slug });
}
