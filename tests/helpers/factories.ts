/**
 * Factories that make test data through the public API (so every row is one a real client could
 * have made). Only privileges that the API grants through settings or admins (site admin, clinician
 * badge) are set directly in the database.
 */
import { randomBytes } from 'node:crypto';
import type { Group, Me } from '@circles/shared';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { clinicianCredentials, users } from '../../server/src/db/schema.js';
import type { TestApp } from './app.js';

export interface TestUser {
  user: Me;
  token: string;
  /** The Set-Cookie value of the refresh cookie, as a Cookie header. */
  refreshCookie: string;
  email: string;
  password: string;
  auth: { Authorization: string };
}

let counter = 0;
export const uniqueSuffix = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export function refreshCookieFrom(setCookie: string[] | string | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = list.find((c) => c.startsWith('circles_refresh='));
  return cookie ? cookie.split(';')[0]! : '';
}

export async function registerUser(t: TestApp, overrides: { displayName?: string; email?: string; password?: string } = {}): Promise<TestUser> {
  const suffix = uniqueSuffix();
  const email = overrides.email ?? `user-${suffix}@example.test`;
  const password = overrides.password ?? 'correct horse battery';
  const displayName = overrides.displayName ?? `User ${suffix}`.slice(0, 40);
  const res = await t.http().post('/api/auth/register').send({ email, password, displayName });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = res.body.accessToken as string;
  return {
    user: res.body.user as Me,
    token,
    refreshCookie: refreshCookieFrom(res.headers['set-cookie']),
    email,
    password,
    auth: { Authorization: `Bearer ${token}` },
  };
}

/** Site admins come from BOOTSTRAP_ADMIN_EMAILS in production; tests flip the flag directly. */
export async function makeAdmin(t: TestApp, user: TestUser): Promise<TestUser> {
  await t.app.deps.db.update(users).set({ isAdmin: true }).where(eq(users.id, user.user.id));
  // Sessions remember the actor for a few seconds; a real role change invalidates it the same way.
  await t.app.deps.realtime.invalidate({ userIds: [user.user.id] });
  return { ...user, user: { ...user.user, isAdmin: true } };
}

/** A verified clinician badge, as an admin's approval would leave it (the questions suite tests approval itself). */
export async function makeClinician(
  t: TestApp,
  user: TestUser,
  badge: { specialty?: string; jurisdiction?: string; expiresAt?: Date } = {},
): Promise<TestUser> {
  await t.app.deps.db
    .insert(clinicianCredentials)
    .values({
      userId: user.user.id,
      specialty: badge.specialty ?? 'Family medicine',
      jurisdiction: badge.jurisdiction ?? 'Ontario, CA',
      verifiedAt: new Date(),
      expiresAt: badge.expiresAt ?? new Date(Date.now() + 365 * 86_400_000),
    })
    .onConflictDoUpdate({
      target: clinicianCredentials.userId,
      set: { expiresAt: badge.expiresAt ?? new Date(Date.now() + 365 * 86_400_000) },
    });
  return user;
}

export async function createGroup(
  t: TestApp,
  owner: TestUser,
  overrides: Partial<{ name: string; conditionSlug: string; description: string; rules: string; visibility: 'public' | 'private' }> = {},
): Promise<Group> {
  const res = await t
    .http()
    .post('/api/groups')
    .set(owner.auth)
    .send({
      name: overrides.name ?? `Group ${uniqueSuffix()}`,
      conditionSlug: overrides.conditionSlug ?? 'type-1-diabetes',
      description: overrides.description ?? 'A place to share what works.',
      rules: overrides.rules,
      visibility: overrides.visibility ?? 'public',
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Group;
}

/** Joins a group; for a private group the owner (or a moderator) approves too. */
export async function joinGroup(t: TestApp, user: TestUser, group: Group, approver?: TestUser): Promise<void> {
  const res = await t.http().post(`/api/groups/${group.slug}/join`).set(user.auth);
  expect([200, 202], JSON.stringify(res.body)).toContain(res.status);
  if (res.status === 202) {
    if (!approver) throw new Error('joinGroup: a private group needs an approver');
    const ok = await t.http().post(`/api/groups/${group.slug}/requests/${user.user.id}/approve`).set(approver.auth);
    expect(ok.status, JSON.stringify(ok.body)).toBeLessThan(300);
  }
}

export async function setRole(t: TestApp, owner: TestUser, group: Group, user: TestUser, role: 'moderator' | 'member') {
  const res = await t.http().put(`/api/groups/${group.slug}/members/${user.user.id}/role`).set(owner.auth).send({ role });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
