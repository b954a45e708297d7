/** Live event helpers: a group with its cast, events scheduled through the API, times from the test clock. */
import type { EventQuestion, Group, LiveEvent } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { createGroup, joinGroup, registerUser, setRole, uniqueSuffix, type TestUser } from './factories.js';

export const MINUTE = 60_000;

const minutesAfter = (ms: number, minutes: number) => new Date(ms + minutes * MINUTE).toISOString();

/** An instant `minutes` from the app's clock, as ISO text. */
export const inMinutes = (t: TestApp, minutes: number) => minutesAfter(t.clock.now().getTime(), minutes);

/**
 * An event's start and end, `startsIn` and `endsIn` minutes from one reading of the app's clock: two
 * readings can be a millisecond apart, which made "ends when it starts" a 1 ms event and "exactly 24
 * hours" one millisecond too long.
 */
export function eventTimes(t: TestApp, startsIn: number, endsIn: number): { startsAt: string; endsAt: string } {
  const now = t.clock.now().getTime();
  return { startsAt: minutesAfter(now, startsIn), endsAt: minutesAfter(now, endsIn) };
}

export interface EventCast {
  group: Group;
  owner: TestUser;
  moderator: TestUser;
  host: TestUser;
  member: TestUser;
  other: TestUser;
}

/** A group with an owner, a moderator, a host (a member), two more members. */
export async function eventCast(t: TestApp, visibility: 'public' | 'private' = 'public'): Promise<EventCast> {
  const [owner, moderator, host, member, other] = await Promise.all(
    ['Owner', 'Moderator', 'Host', 'Member', 'Other'].map((role) => registerUser(t, { displayName: `${role} ${uniqueSuffix()}`.slice(0, 40) })),
  );
  const group = await createGroup(t, owner!, { visibility, name: `Events ${uniqueSuffix()}` });
  for (const user of [moderator!, host!, member!, other!]) await joinGroup(t, user, group, owner);
  await setRole(t, owner!, group, moderator!, 'moderator');
  return { group, owner: owner!, moderator: moderator!, host: host!, member: member!, other: other! };
}

export interface ScheduleOptions {
  title?: string;
  description?: string;
  startsIn?: number;
  lastsMinutes?: number;
  hosts?: TestUser[];
}

/** Schedules an event through the API as `by` and expects 201. */
export async function scheduleEvent(t: TestApp, by: TestUser, group: Pick<Group, 'slug'>, hosts: TestUser[], options: ScheduleOptions = {}): Promise<LiveEvent> {
  const startsIn = options.startsIn ?? 60;
  const res = await t
    .http()
    .post(`/api/groups/${group.slug}/events`)
    .set(by.auth)
    .send({
      title: options.title ?? 'Ask a diabetes nurse',
      description: options.description ?? 'Bring your questions about insulin and sport.',
      ...eventTimes(t, startsIn, startsIn + (options.lastsMinutes ?? 60)),
      hostIds: hosts.map((h) => h.user.id),
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as LiveEvent;
}

export async function startEvent(t: TestApp, by: TestUser, event: Pick<LiveEvent, 'id'>): Promise<LiveEvent> {
  const res = await t.http().post(`/api/events/${event.id}/start`).set(by.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as LiveEvent;
}

export async function endEvent(t: TestApp, by: TestUser, event: Pick<LiveEvent, 'id'>): Promise<LiveEvent> {
  const res = await t.http().post(`/api/events/${event.id}/end`).set(by.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as LiveEvent;
}

export async function askQuestion(t: TestApp, by: TestUser, event: Pick<LiveEvent, 'id'>, body: string): Promise<EventQuestion> {
  const res = await t.http().post(`/api/events/${event.id}/questions`).set(by.auth).send({ body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as EventQuestion;
}

export async function queueOf(t: TestApp, viewer: TestUser, event: Pick<LiveEvent, 'id'>, status = 'queued'): Promise<EventQuestion[]> {
  const res = await t.http().get(`/api/events/${event.id}/questions`).query({ status }).set(viewer.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as EventQuestion[];
}

/** The event's jobs as the runner holds them: key → status and due time. */
export async function eventJobs(t: TestApp, eventId: string): Promise<Record<string, { status: string; runAt: string }>> {
  const result = (await t.app.deps.db.execute(
    sql`select key, status, to_char(run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "runAt"
        from jobs where key like ${`live-event:${eventId}:%`}`,
  )) as unknown as { rows: Array<{ key: string; status: string; runAt: string }> };
  return Object.fromEntries(result.rows.map((r) => [r.key.split(':').at(-1)!, { status: r.status, runAt: r.runAt }]));
}
