/** The demo conversations: recent, in order, with replies, resolved mentions, reactions and unread counts. */
import type { Message } from '@circles/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUP_SLUGS } from '../../server/src/demo/groups.js';
import { seedDemo } from '../../server/src/demo/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/demo/users.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.app.deps);
});
afterAll(() => t?.close());

async function signIn(key: keyof typeof DEMO_USERS) {
  const res = await t.http().post('/api/auth/login').send({ email: DEMO_USERS[key].email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return { auth: { Authorization: `Bearer ${res.body.accessToken}` }, id: res.body.user.id as string };
}

describe('demo conversations', () => {
  it('give every demo group a recent conversation in time order', async () => {
    const admin = await signIn('admin');
    for (const slug of Object.values(DEMO_GROUP_SLUGS)) {
      const res = await t.http().get(`/api/groups/${slug}/messages`).set(admin.auth);
      expect(res.status).toBe(200);
      const items = res.body.items as Message[];
      expect(items.length, slug).toBeGreaterThanOrEqual(3);
      const times = items.map((m) => Date.parse(m.createdAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times[0]).toBeGreaterThan(Date.now() - 8 * 86_400_000);
      expect(times.at(-1)).toBeLessThan(Date.now());
      expect(items.every((m) => m.body && m.author.displayName.length > 1)).toBe(true);
    }
  });

  it('include replies, resolved mentions and reactions', async () => {
    const maya = await signIn('maya');
    const res = await t.http().get(`/api/groups/${DEMO_GROUP_SLUGS.type1}/messages`).set(maya.auth);
    const items = res.body.items as Message[];
    const reply = items.find((m) => m.replyToId);
    expect(reply?.replyTo?.body).toEqual(expect.any(String));
    const tom = items.find((m) => m.author.displayName === DEMO_USERS.tom.displayName)!.author.id;
    expect(items.some((m) => m.body?.includes('@Tom Becker') && m.mentions.includes(tom))).toBe(true);
    expect(items.some((m) => m.reactions.some((r) => r.count >= 2))).toBe(true);
    expect(items.some((m) => m.reactions.some((r) => r.mine))).toBe(true);
  });

  it('leave some messages unread and some notifications new', async () => {
    const maya = await signIn('maya');
    const mine = await t.http().get('/api/me/groups').set(maya.auth);
    expect(mine.body.items.some((g: { unreadCount: number }) => g.unreadCount > 0)).toBe(true);
    const tom = await signIn('tom');
    const inbox = await t.http().get('/api/notifications').set(tom.auth);
    expect(inbox.body.items.some((n: { type: string }) => n.type === 'mention')).toBe(true);
    expect(inbox.body.items.some((n: { type: string }) => n.type === 'reply')).toBe(true);
  });
});
