/** Moderation through the public API, for any suite that needs a muted, banned or suspended person. */
import type { Group } from '@circles/shared';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { TestUser } from './factories.js';

export async function mute(t: TestApp, by: TestUser, group: Pick<Group, 'slug'>, user: TestUser, minutes = 60, reason = 'Cooling down') {
  const res = await t.http().post(`/api/groups/${group.slug}/mutes`).set(by.auth).send({ userId: user.user.id, minutes, reason });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function unmute(t: TestApp, by: TestUser, group: Pick<Group, 'slug'>, user: TestUser) {
  const res = await t.http().delete(`/api/groups/${group.slug}/mutes/${user.user.id}`).set(by.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

export async function ban(t: TestApp, by: TestUser, group: Pick<Group, 'slug'>, user: TestUser, options: { minutes?: number; reason?: string } = {}) {
  const res = await t
    .http()
    .post(`/api/groups/${group.slug}/bans`)
    .set(by.auth)
    .send({ userId: user.user.id, reason: options.reason ?? 'Spam', ...(options.minutes ? { minutes: options.minutes } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function unban(t: TestApp, by: TestUser, group: Pick<Group, 'slug'>, user: TestUser) {
  const res = await t.http().delete(`/api/groups/${group.slug}/bans/${user.user.id}`).set(by.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

export async function suspend(t: TestApp, admin: TestUser, user: TestUser, options: { minutes?: number; reason?: string } = {}) {
  const res = await t
    .http()
    .post(`/api/admin/users/${user.user.id}/suspend`)
    .set(admin.auth)
    .send({ reason: options.reason ?? 'Repeated abuse', ...(options.minutes ? { minutes: options.minutes } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Moves the test clock forward and runs the jobs that became due (mutes, bans, suspensions ending). */
export async function afterMinutes(t: TestApp, minutes: number) {
  t.clock.advanceMinutes(minutes);
  await t.app.deps.jobs.runDue();
}
