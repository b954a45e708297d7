/**
 * Shared by the attack suites: a snapshot of every table a request could write to, so each case can
 * assert that a refused request left the database exactly as it was.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.js';

const WATCHED_TABLES = [
  'users',
  'sessions',
  'refresh_tokens',
  'groups',
  'memberships',
  'group_bans',
  'group_mutes',
  'messages',
  'message_reactions',
  'questions',
  'answers',
  'answer_helpful_votes',
  'reports',
  'notifications',
  'audit_log',
  'organizations',
  'organization_staff',
  'invites',
  'live_events',
  'live_event_questions',
  'clinician_applications',
  'password_resets',
  'jobs',
] as const;

export type RowCounts = Record<(typeof WATCHED_TABLES)[number], number>;

/** Row counts of every watched table, in one query. */
export async function rowCounts(t: TestApp): Promise<RowCounts> {
  const columns = WATCHED_TABLES.map((name) => `(select count(*) from "${name}")::int as "${name}"`).join(', ');
  const result = (await t.app.deps.db.execute(sql.raw(`select ${columns}`))) as unknown as { rows: RowCounts[] };
  return result.rows[0]!;
}

/** Runs `attempt` and asserts that no watched table changed. */
export async function expectNothingWritten<T>(t: TestApp, attempt: () => Promise<T>): Promise<T> {
  const before = await rowCounts(t);
  const result = await attempt();
  expect(await rowCounts(t)).toEqual(before);
  return result;
}

/** The contract's error shape with this status and code. */
export function expectRefused(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
  expect(typeof res.body.message).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/stack|SELECT |INSERT |at .*\.(ts|js):\d+/);
}
