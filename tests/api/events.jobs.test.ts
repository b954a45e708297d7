/**
 * The time-driven side of live events and claims, with the test clock (never sleeping): reminders
 * 15 minutes before and at the start, sent once even with two nodes running; the auto-end at
 * `endsAt` plus the grace period; rescheduling moves the jobs, cancelling withdraws them; a
 * clinician's claim lapses through its job.
 */
import type { Notification } from '@circles/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupBans, memberships, questions } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, joinRoom } from '../helpers/chat.js';
import { eventCast, eventJobs, eventTimes, scheduleEvent, startEvent, type EventCast } from '../helpers/events.js';
import { makeClinician, registerUser, type TestUser } from '../helpers/factories.js';
import { ask, makeCast, pin } from '../helpers/questions.js';
import { collect, connected } from '../helpers/sockets.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let t: TestApp;
let node2: TestApp;

beforeAll(async () => {
  t = await startTestApp({ REDIS_URL });
  // A second node on the same database, Redis and clock: whatever is due, exactly one of them runs it,
  // and its pushes reach sockets on both.
  node2 = await startTestApp({ REDIS_URL }, { testDb: t.testDb, clock: t.clock });
  // Let each node's adapter announce itself on the stream.
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(async () => {
  await node2?.close();
  await t?.close();
});

/** Both nodes run what is due, at the same moment. */
const runBothNodes = () => Promise.all([t.app.deps.jobs.runDue(), node2.app.deps.jobs.runDue()]);

async function eventNotifications(user: TestUser, eventId: string): Promise<Array<Extract<Notification, { type: 'event' }>>> {
  const res = await t.http().get('/api/notifications').query({ limit: 100 }).set(user.auth);
  expect(res.status).toBe(200);
  return (res.body.items as Notification[])
    .filter((n): n is Extract<Notification, { type: 'event' }> => n.type === 'event' && n.data.eventId === eventId)
    .reverse();
}

const remindMe = async (user: TestUser, eventId: string) =>
  expect((await t.http().put(`/api/events/${eventId}/reminder`).set(user.auth)).status).toBe(200);

const eventStatus = async (viewer: TestUser, eventId: string) => (await t.http().get(`/api/events/${eventId}`).set(viewer.auth)).body;

describe('reminders', () => {
  it('go out 15 minutes before and at the start, once each, with two nodes running, to those who may still read the group', async () => {
    const c = await eventCast(t, 'private');
    const banned = await registerUser(t);
    const leaver = await registerUser(t);
    for (const u of [banned, leaver]) {
      await t.http().post(`/api/groups/${c.group.slug}/join`).set(u.auth);
      await t.http().post(`/api/groups/${c.group.slug}/requests/${u.user.id}/approve`).set(c.owner.auth);
    }
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 60, title: 'Insulin and sport' });
    for (const u of [c.member, c.other, banned, leaver]) await remindMe(u, event.id);
    await t.http().delete(`/api/events/${event.id}/reminder`).set(c.other.auth);
    // After asking: one leaves the private group, one is banned from it.
    await t.http().post(`/api/groups/${c.group.slug}/leave`).set(leaver.auth);
    await t.app.deps.db.delete(memberships).where(eq(memberships.userId, banned.user.id));
    await t.app.deps.db.insert(groupBans).values({ groupId: c.group.id, userId: banned.user.id, reason: 'test' });

    // The member's sockets, one on each node: the push arrives once.
    const onA = await connected(t, c.member.token);
    const onB = await connected(node2, c.member.token);
    const heardA = collect(onA, 'notification:new');
    const heardB = collect(onB, 'notification:new');
    try {
      t.clock.advanceMinutes(44);
      await runBothNodes();
      expect(await eventNotifications(c.member, event.id)).toEqual([]);

      t.clock.advanceMinutes(1);
      await runBothNodes();
      await runBothNodes();
      const soon = await eventNotifications(c.member, event.id);
      expect(soon).toHaveLength(1);
      expect(soon[0]!.data).toEqual({ eventId: event.id, groupId: c.group.id, groupName: c.group.name, groupSlug: c.group.slug, title: 'Insulin and sport', startsAt: event.startsAt, kind: 'reminder' });

      t.clock.advanceMinutes(15);
      await runBothNodes();
      await runBothNodes();
      expect((await eventNotifications(c.member, event.id)).map((n) => n.data.kind)).toEqual(['reminder', 'started']);
      for (const nobody of [c.other, banned, leaver, c.host]) expect(await eventNotifications(nobody, event.id)).toEqual([]);

      await barrier(onA);
      await barrier(onB);
      type EventNote = Extract<Notification, { type: 'event' }>;
      const pushed = (items: Array<{ notification: Notification }>) =>
        items.map((i) => i.notification).filter((n): n is EventNote => n.type === 'event' && n.data.eventId === event.id);
      // Each socket of the member hears each notification once, wherever it ran.
      expect(pushed(heardA.items).map((n) => n.data.kind)).toEqual(['reminder', 'started']);
      expect(pushed(heardB.items).map((n) => n.data.kind)).toEqual(['reminder', 'started']);
      expect(await eventJobs(t, event.id)).toMatchObject({ 'remind-soon': { status: 'done' }, 'remind-start': { status: 'done' } });
    } finally {
      onA.disconnect();
      onB.disconnect();
    }
  });

  it('"it is starting" goes out when a host starts early, and not again at the scheduled time', async () => {
    const c = await eventCast(t);
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 10 });
    await remindMe(c.member, event.id);
    await startEvent(t, c.host, event);
    await t.app.deps.jobs.runDue();
    expect((await eventNotifications(c.member, event.id)).map((n) => n.data.kind)).toEqual(['started']);
    t.clock.advanceMinutes(11);
    await runBothNodes();
    expect((await eventNotifications(c.member, event.id)).map((n) => n.data.kind)).toEqual(['started']);
  });

  it('follow a rescheduled event to its new time, and a cancelled one sends nothing', async () => {
    const c = await eventCast(t);
    const moved = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 30 });
    const cancelled = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 30 });
    for (const e of [moved, cancelled]) await remindMe(c.member, e.id);

    const res = await t.http().patch(`/api/events/${moved.id}`).set(c.moderator.auth).send(eventTimes(t, 120, 150));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const jobs = await eventJobs(t, moved.id);
    expect(Date.parse(jobs['remind-soon']!.runAt)).toBe(Date.parse(res.body.startsAt) - 15 * 60_000);
    expect(jobs['remind-start']!.runAt).toBe(res.body.startsAt);
    expect(Date.parse(jobs['auto-end']!.runAt)).toBe(Date.parse(res.body.endsAt) + 30 * 60_000);

    expect((await t.http().post(`/api/events/${cancelled.id}/cancel`).set(c.moderator.auth)).status).toBe(200);
    expect(await eventJobs(t, cancelled.id)).toEqual({});

    // The old times pass: nothing.
    t.clock.advanceMinutes(31);
    await runBothNodes();
    expect(await eventNotifications(c.member, moved.id)).toEqual([]);
    expect(await eventNotifications(c.member, cancelled.id)).toEqual([]);
    // The new ones: 15 minutes before, then at the start.
    t.clock.advanceMinutes(75);
    await runBothNodes();
    expect((await eventNotifications(c.member, moved.id)).map((n) => n.data.kind)).toEqual(['reminder']);
    t.clock.advanceMinutes(15);
    await runBothNodes();
    expect((await eventNotifications(c.member, moved.id)).map((n) => n.data.kind)).toEqual(['reminder', 'started']);
    expect(await eventNotifications(c.member, cancelled.id)).toEqual([]);
  });

  it('skip "starts in 15 minutes" when it runs only after the start (the nodes were down), and still say it started', async () => {
    const c = await eventCast(t);
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 30 });
    await remindMe(c.member, event.id);
    t.clock.advanceMinutes(45);
    await runBothNodes();
    expect((await eventNotifications(c.member, event.id)).map((n) => n.data.kind)).toEqual(['started']);
  });
});

describe('auto-end', () => {
  let c: EventCast;
  beforeAll(async () => {
    c = await eventCast(t);
  });

  it('closes a live event its hosts forgot to end, at endsAt plus 30 minutes, and tells the room', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5, lastsMinutes: 60 });
    await startEvent(t, c.host, event);
    const socket = await connected(t, c.member.token);
    try {
      expect((await joinRoom(socket, c.group.slug)).ok).toBe(true);
      const ended = collect(socket, 'event:ended');
      t.clock.advanceMinutes(5 + 60 + 29);
      await runBothNodes();
      expect((await eventStatus(c.member, event.id)).status).toBe('live');
      t.clock.advanceMinutes(1);
      await runBothNodes();
      const after = await eventStatus(c.member, event.id);
      expect(after).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
      await barrier(socket);
      expect(ended.items.map((e) => e.event.id)).toEqual([event.id]);
      expect(ended.items[0].event).toMatchObject({ status: 'ended', remindMe: false });
    } finally {
      socket.disconnect();
    }
  });

  it('closes an event nobody started, without a transcript; a manual end withdraws the auto-end', async () => {
    const unstarted = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5, lastsMinutes: 30 });
    const endedByHand = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5, lastsMinutes: 30 });
    await startEvent(t, c.host, endedByHand);
    expect((await t.http().post(`/api/events/${endedByHand.id}/end`).set(c.host.auth)).status).toBe(200);
    expect((await eventJobs(t, endedByHand.id))['auto-end']).toBeUndefined();

    t.clock.advanceMinutes(5 + 30 + 30);
    await runBothNodes();
    expect(await eventStatus(c.member, unstarted.id)).toMatchObject({ status: 'ended', startedAt: null });
    expect((await t.http().get(`/api/events/${unstarted.id}/transcript`).set(c.member.auth)).body.items).toEqual([]);
    expect(await eventJobs(t, unstarted.id)).toMatchObject({ 'auto-end': { status: 'done' } });
  });

  it('waits for the grace period the setting gives', async () => {
    const short = await startTestApp({ EVENT_AUTO_END_GRACE_MINUTES: '5' }, { testDb: t.testDb, clock: t.clock });
    try {
      const res = await short.http().post(`/api/groups/${c.group.slug}/events`).set(c.moderator.auth)
        .send({ title: 'Short grace', ...eventTimes(t, 1, 11), hostIds: [c.host.user.id] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(Date.parse((await eventJobs(t, res.body.id))['auto-end']!.runAt)).toBe(Date.parse(res.body.endsAt) + 5 * 60_000);
    } finally {
      await short.close();
    }
  });
});

describe('clinician claims', () => {
  it('lapse through their job: the question is free again, an extension moves the lapse, a release withdraws it', async () => {
    const cast = await makeCast(t);
    const other = await makeClinician(t, await registerUser(t));
    const q = await ask(t, cast.asker, cast.pub, { title: 'Which meter is most accurate for kids?' });
    await pin(t, cast.moderator, q.id);
    const claimRow = async () =>
      (await t.app.deps.db.select({ by: questions.claimedBy, until: questions.claimedUntil }).from(questions).where(eq(questions.id, q.id)))[0]!;
    const lapseJob = async () =>
      ((await t.app.deps.db.execute(sql`select status from jobs where key = ${`question-claim:${q.id}`}`)) as unknown as { rows: Array<{ status: string }> }).rows[0];

    const claim = await t.http().post(`/api/questions/${q.id}/claim`).set(cast.clinician.auth);
    expect(claim.status).toBe(200);
    expect(Date.parse(claim.body.claim.until) - t.clock.now().getTime()).toBeGreaterThan(29 * 60_000);

    t.clock.advanceMinutes(20);
    await runBothNodes();
    expect((await claimRow()).by).toBe(cast.clinician.user.id);
    // Claiming again extends it: the lapse moves 30 minutes from now.
    expect((await t.http().post(`/api/questions/${q.id}/claim`).set(cast.clinician.auth)).status).toBe(200);
    t.clock.advanceMinutes(15);
    await runBothNodes();
    expect((await claimRow()).by).toBe(cast.clinician.user.id);
    expectError409(await t.http().post(`/api/questions/${q.id}/claim`).set(other.auth));

    t.clock.advanceMinutes(16);
    await runBothNodes();
    expect(await claimRow()).toEqual({ by: null, until: null });
    expect(await lapseJob()).toEqual({ status: 'done' });
    expect((await t.http().post(`/api/questions/${q.id}/claim`).set(other.auth)).body.claim.by.id).toBe(other.user.id);

    expect((await t.http().delete(`/api/questions/${q.id}/claim`).set(other.auth)).status).toBe(200);
    expect(await lapseJob()).toBeUndefined();
  });
});

function expectError409(res: { status: number; body: { code: string } }) {
  expect(res.status).toBe(409);
  expect(res.body.code).toBe('CONFLICT');
}
