/**
 * Live events through the REST surface: scheduling and its validation, editing and cancelling before
 * the start, the lifecycle, the question queue (order, one upvote per member under parallel requests,
 * withdrawal, featuring, answering), the transcript's boundaries, "remind me" and the calendar file.
 * Permissions per role are in events.permissions.test.ts, the jobs in events.jobs.test.ts.
 */
import type { LiveEvent } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, postMessage } from '../helpers/chat.js';
import {
  askQuestion,
  endEvent,
  eventCast,
  eventTimes,
  inMinutes,
  queueOf,
  scheduleEvent,
  startEvent,
  type EventCast,
} from '../helpers/events.js';
import { registerUser } from '../helpers/factories.js';

let t: TestApp;
let c: EventCast;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_ORIGIN: 'https://circles.example.org' });
  c = await eventCast(t);
});
afterAll(() => t?.close());

const countRows = async (table: string) =>
  Number(((await t.app.deps.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);

describe('without a token', () => {
  it.each([
    ['post', '/api/groups/x/events'],
    ['get', '/api/groups/x/events'],
    ['get', '/api/me/events'],
    ['get', '/api/events/00000000-0000-4000-8000-000000000000'],
    ['patch', '/api/events/00000000-0000-4000-8000-000000000000'],
    ['post', '/api/events/00000000-0000-4000-8000-000000000000/start'],
    ['get', '/api/events/00000000-0000-4000-8000-000000000000/event.ics'],
    ['post', '/api/events/00000000-0000-4000-8000-000000000000/questions'],
    ['get', '/api/events/00000000-0000-4000-8000-000000000000/transcript'],
  ] as const)('%s %s is 401 UNAUTHORIZED', async (method, path) => {
    expectError(await (t.http() as any)[method](path).send({}), 401, 'UNAUTHORIZED');
  });
});

describe('scheduling', () => {
  it('creates an event with the contract shape; readers see it in the group and members on their home list', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host, c.moderator], { title: 'Newly diagnosed? Meet others' });
    expect(event).toMatchObject({
      groupId: c.group.id,
      group: { slug: c.group.slug, name: c.group.name },
      title: 'Newly diagnosed? Meet others',
      status: 'scheduled',
      remindMe: false,
      startedAt: null,
      endedAt: null,
      featuredQuestionId: null,
    });
    expect(event.hosts.map((h) => h.id).sort()).toEqual([c.host.user.id, c.moderator.user.id].sort());
    expect(event.hosts[0]).not.toHaveProperty('email');
    expect(new Date(event.startsAt).toISOString()).toBe(event.startsAt);

    const outsider = await registerUser(t);
    const listed = await t.http().get(`/api/groups/${c.group.slug}/events`).set(outsider.auth);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: LiveEvent) => e.id)).toContain(event.id);
    const mine = await t.http().get('/api/me/events').set(c.member.auth);
    expect(mine.body.items.map((e: LiveEvent) => e.id)).toContain(event.id);
    // Not a member anywhere: nothing upcoming in "my" groups.
    expect((await t.http().get('/api/me/events').set(outsider.auth)).body.items).toEqual([]);
  });

  it('takes times with an offset and answers them in UTC', async () => {
    const start = new Date(t.clock.now().getTime() + 2 * 3_600_000);
    start.setUTCSeconds(0, 0);
    const local = new Date(start.getTime() - 5 * 3_600_000).toISOString().replace('Z', '-05:00').replace('.000', '');
    const end = new Date(start.getTime() + 3_600_000).toISOString();
    const res = await t.http().post(`/api/groups/${c.group.slug}/events`).set(c.owner.auth)
      .send({ title: 'Offsets', startsAt: local, endsAt: end, hostIds: [c.host.user.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.startsAt).toBe(start.toISOString());
    expect(res.body.description).toBe('');
  });

  it.each([
    ['ends before it starts', { startsAt: 60, endsAt: 30 }, 'body.endsAt'],
    ['ends when it starts', { startsAt: 60, endsAt: 60 }, 'body.endsAt'],
    ['lasts more than 24 hours', { startsAt: 60, endsAt: 60 + 24 * 60 + 1 }, 'body.endsAt'],
    ['starts in the past', { startsAt: -30, endsAt: 30 }, 'body.startsAt'],
  ])('refuses an event that %s (400 VALIDATION_ERROR, nothing written)', async (_why, times, field) => {
    const before = await countRows('live_events');
    const res = await t.http().post(`/api/groups/${c.group.slug}/events`).set(c.moderator.auth)
      .send({ title: 'Bad times', ...eventTimes(t, times.startsAt, times.endsAt), hostIds: [c.host.user.id] });
    expectError(res, 400, 'VALIDATION_ERROR');
    expect(res.body.details[0].field).toBe(field);
    expect(await countRows('live_events')).toBe(before);
  });

  it('accepts exactly 24 hours', async () => {
    const res = await t.http().post(`/api/groups/${c.group.slug}/events`).set(c.moderator.auth)
      .send({ title: 'A whole day', ...eventTimes(t, 60, 60 + 24 * 60), hostIds: [c.host.user.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('refuses hosts who are not active members, and malformed bodies', async () => {
    const stranger = await registerUser(t);
    const before = await countRows('live_events');
    const base = { title: 'Hosts', ...eventTimes(t, 60, 90) };
    const send = (body: object) => t.http().post(`/api/groups/${c.group.slug}/events`).set(c.moderator.auth).send(body);
    const notMember = await send({ ...base, hostIds: [c.host.user.id, stranger.user.id] });
    expectError(notMember, 400, 'VALIDATION_ERROR');
    expect(notMember.body.details[0]).toMatchObject({ field: 'body.hostIds', message: 'must be active members of the group' });
    expectError(await send({ ...base, hostIds: [] }), 400, 'VALIDATION_ERROR');
    expectError(await send({ ...base, hostIds: ['not-a-user'] }), 400, 'VALIDATION_ERROR');
    expectError(await send({ ...base, hostIds: [c.host.user.id], title: 'x' }), 400, 'VALIDATION_ERROR');
    expectError(await send({ ...base, hostIds: [c.host.user.id], startsAt: 'tomorrow' }), 400, 'VALIDATION_ERROR');
    expectError(await send({ ...base, hostIds: [c.host.user.id], startsAt: '2030-01-01T10:00:00' }), 400, 'VALIDATION_ERROR');
    expectError(await send({ ...base, hostIds: [c.host.user.id], title: 12345 }), 400, 'VALIDATION_ERROR');
    expect(await countRows('live_events')).toBe(before);
  });

  it('answers NOT_FOUND for an unknown group or event, malformed ids included', async () => {
    expectError(await t.http().get('/api/groups/no-such-group/events').set(c.member.auth), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/events/00000000-0000-4000-8000-000000000000').set(c.member.auth), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/events/nope').set(c.member.auth), 404, 'NOT_FOUND');
  });
});

describe('editing and cancelling', () => {
  it('edits title, times and hosts before the start; refuses bad times and non-member hosts', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host]);
    const res = await t.http().patch(`/api/events/${event.id}`).set(c.moderator.auth)
      .send({ title: 'Moved: ask a nurse', ...eventTimes(t, 120, 180), hostIds: [c.moderator.user.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ title: 'Moved: ask a nurse', description: event.description });
    expect(res.body.hosts.map((h: { id: string }) => h.id)).toEqual([c.moderator.user.id]);
    expect(Date.parse(res.body.startsAt) - Date.parse(event.startsAt)).toBeCloseTo(60 * 60_000, -4);

    // The end alone must still come after the (unchanged) start.
    expectError(await t.http().patch(`/api/events/${event.id}`).set(c.moderator.auth).send({ endsAt: inMinutes(t, 100) }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().patch(`/api/events/${event.id}`).set(c.moderator.auth).send({}), 400, 'VALIDATION_ERROR');
    const stranger = await registerUser(t);
    expectError(await t.http().patch(`/api/events/${event.id}`).set(c.moderator.auth).send({ hostIds: [stranger.user.id] }), 400, 'VALIDATION_ERROR');
    const after = (await t.http().get(`/api/events/${event.id}`).set(c.member.auth)).body;
    expect(after.endsAt).toBe(res.body.endsAt);
    expect(after.hosts.map((h: { id: string }) => h.id)).toEqual([c.moderator.user.id]);
  });

  it('cancels before the start (twice is harmless); no edit, start or cancel of a live or ended one', async () => {
    const cancelled = await scheduleEvent(t, c.moderator, c.group, [c.host]);
    const res = await t.http().post(`/api/events/${cancelled.id}/cancel`).set(c.moderator.auth);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await t.http().post(`/api/events/${cancelled.id}/cancel`).set(c.moderator.auth)).body.status).toBe('cancelled');
    expectError(await t.http().post(`/api/events/${cancelled.id}/start`).set(c.host.auth), 409, 'CONFLICT');
    expectError(await t.http().patch(`/api/events/${cancelled.id}`).set(c.moderator.auth).send({ title: 'Back again?' }), 409, 'CONFLICT');
    const past = await t.http().get(`/api/groups/${c.group.slug}/events`).query({ when: 'past' }).set(c.member.auth);
    expect(past.body.items.map((e: LiveEvent) => e.id)).toContain(cancelled.id);
    const upcoming = await t.http().get(`/api/groups/${c.group.slug}/events`).set(c.member.auth);
    expect(upcoming.body.items.map((e: LiveEvent) => e.id)).not.toContain(cancelled.id);

    const live = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    await startEvent(t, c.host, live);
    expectError(await t.http().patch(`/api/events/${live.id}`).set(c.moderator.auth).send({ title: 'Too late now' }), 409, 'CONFLICT');
    expectError(await t.http().post(`/api/events/${live.id}/cancel`).set(c.moderator.auth), 409, 'CONFLICT');
    await endEvent(t, c.host, live);
    expectError(await t.http().post(`/api/events/${live.id}/start`).set(c.host.auth), 409, 'CONFLICT');
    expectError(await t.http().post(`/api/events/${live.id}/cancel`).set(c.moderator.auth), 409, 'CONFLICT');
  });
});

describe('lifecycle', () => {
  it('goes live and ends; starting or ending again changes nothing; a scheduled event cannot be ended', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 10 });
    expectError(await t.http().post(`/api/events/${event.id}/end`).set(c.host.auth), 409, 'CONFLICT');
    const live = await startEvent(t, c.host, event);
    expect(live).toMatchObject({ status: 'live', startedAt: expect.any(String), endedAt: null });
    expect((await startEvent(t, c.moderator, event)).startedAt).toBe(live.startedAt);
    const ended = await endEvent(t, c.moderator, event);
    expect(ended).toMatchObject({ status: 'ended', startedAt: live.startedAt, endedAt: expect.any(String) });
    expect((await endEvent(t, c.host, event)).endedAt).toBe(ended.endedAt);
  });

  it('lists upcoming events soonest first and pages them', async () => {
    const cast = await eventCast(t);
    const later = await scheduleEvent(t, cast.moderator, cast.group, [cast.host], { startsIn: 300 });
    const sooner = await scheduleEvent(t, cast.moderator, cast.group, [cast.host], { startsIn: 100 });
    const soonest = await scheduleEvent(t, cast.moderator, cast.group, [cast.host], { startsIn: 30 });
    const first = await t.http().get(`/api/groups/${cast.group.slug}/events`).query({ limit: 2 }).set(cast.member.auth);
    expect(first.body.items.map((e: LiveEvent) => e.id)).toEqual([soonest.id, sooner.id]);
    const second = await t.http().get(`/api/groups/${cast.group.slug}/events`).query({ limit: 2, cursor: first.body.nextCursor }).set(cast.member.auth);
    expect(second.body).toMatchObject({ items: [{ id: later.id }], nextCursor: null });
    expectError(await t.http().get(`/api/groups/${cast.group.slug}/events`).query({ cursor: 'garbage' }).set(cast.member.auth), 400, 'VALIDATION_ERROR');
    // `from` later than an event's end leaves it out of my list.
    const mine = await t.http().get('/api/me/events').query({ from: inMinutes(t, 200) }).set(cast.member.auth);
    expect(mine.body.items.map((e: LiveEvent) => e.id)).toEqual([later.id]);
  });
});

describe('the question queue', () => {
  it('orders by upvotes then age; one upvote per member, a repeat changes nothing, DELETE withdraws', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    const q1 = await askQuestion(t, c.member, event, 'Can I exercise right after an insulin dose?');
    const q2 = await askQuestion(t, c.other, event, 'How do you handle lows at night?');
    const q3 = await askQuestion(t, c.member, event, 'Is a pump better than pens for teenagers?');
    expect(q1).toMatchObject({ body: 'Can I exercise right after an insulin dose?', upvotes: 0, status: 'queued', upvotedByMe: false, featured: false });
    expect(q1.author.id).toBe(c.member.user.id);
    expect((await queueOf(t, c.member, event)).map((q) => q.id)).toEqual([q1.id, q2.id, q3.id]);

    const up = (who: typeof c.member, q: { id: string }) => t.http().post(`/api/events/${event.id}/questions/${q.id}/upvote`).set(who.auth);
    const first = await up(c.owner, q3);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: q3.id, upvotes: 1, upvotedByMe: true });
    expect((await up(c.owner, q3)).body).toMatchObject({ upvotes: 1, upvotedByMe: true });
    await up(c.other, q3);
    await up(c.member, q2);
    expect((await queueOf(t, c.owner, event)).map((q) => [q.id, q.upvotes, q.upvotedByMe])).toEqual([
      [q3.id, 2, true],
      [q2.id, 1, false],
      [q1.id, 0, false],
    ]);

    const withdrawn = await t.http().delete(`/api/events/${event.id}/questions/${q3.id}/upvote`).set(c.owner.auth);
    expect(withdrawn.body).toMatchObject({ upvotes: 1, upvotedByMe: false });
    expect((await t.http().delete(`/api/events/${event.id}/questions/${q3.id}/upvote`).set(c.owner.auth)).body.upvotes).toBe(1);
    // Equal upvotes: the older question first.
    expect((await queueOf(t, c.owner, event)).map((q) => q.id)).toEqual([q2.id, q3.id, q1.id]);
  });

  it('counts parallel upvotes exactly: the same member ten times is one, ten members are ten', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    const q = await askQuestion(t, c.member, event, 'What should be in a hypo kit?');
    const url = `/api/events/${event.id}/questions/${q.id}/upvote`;
    const same = await Promise.all(Array.from({ length: 10 }, () => t.http().post(url).set(c.other.auth)));
    expect(same.every((r) => r.status === 200)).toBe(true);
    expect((await queueOf(t, c.owner, event))[0]!.upvotes).toBe(1);

    const voters = await Promise.all(Array.from({ length: 10 }, () => registerUser(t)));
    for (const voter of voters) expect((await t.http().post(`/api/groups/${c.group.slug}/join`).set(voter.auth)).status).toBe(200);
    await Promise.all(voters.map((v) => t.http().post(url).set(v.auth)));
    await Promise.all(voters.slice(0, 4).map((v) => t.http().delete(url).set(v.auth)));
    const [row] = await queueOf(t, c.owner, event);
    expect(row!.upvotes).toBe(1 + 10 - 4);
    const stored = (await t.app.deps.db.execute(sql`select count(*)::int as n from live_event_question_upvotes where question_id = ${q.id}`)) as unknown as {
      rows: Array<{ n: number }>;
    };
    expect(stored.rows[0]!.n).toBe(row!.upvotes);
  });

  it('features one question at a time and answers it: it leaves the queue and stays in the record', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    const q1 = await askQuestion(t, c.member, event, 'Asked before the start: does coffee raise my sugar?');
    const q2 = await askQuestion(t, c.other, event, 'Asked before the start too.');
    // Not live yet: no featuring, no answering.
    expectError(await t.http().post(`/api/events/${event.id}/questions/${q1.id}/feature`).set(c.host.auth), 409, 'CONFLICT');
    expectError(await t.http().post(`/api/events/${event.id}/questions/${q1.id}/answered`).set(c.host.auth), 409, 'CONFLICT');
    await startEvent(t, c.host, event);

    const featured = await t.http().post(`/api/events/${event.id}/questions/${q1.id}/feature`).set(c.host.auth);
    expect(featured.status).toBe(200);
    expect(featured.body).toMatchObject({ id: q1.id, featured: true });
    expect((await t.http().get(`/api/events/${event.id}`).set(c.member.auth)).body.featuredQuestionId).toBe(q1.id);
    await t.http().post(`/api/events/${event.id}/questions/${q2.id}/feature`).set(c.moderator.auth);
    expect((await queueOf(t, c.member, event)).map((q) => [q.id, q.featured])).toEqual([[q1.id, false], [q2.id, true]]);

    const answered = await t.http().post(`/api/events/${event.id}/questions/${q2.id}/answered`).set(c.host.auth);
    expect(answered.body).toMatchObject({ id: q2.id, status: 'answered', featured: false, answeredAt: expect.any(String) });
    expect((await t.http().post(`/api/events/${event.id}/questions/${q2.id}/answered`).set(c.host.auth)).body.answeredAt).toBe(answered.body.answeredAt);
    expect((await queueOf(t, c.member, event)).map((q) => q.id)).toEqual([q1.id]);
    expect((await queueOf(t, c.member, event, 'answered')).map((q) => q.id)).toEqual([q2.id]);
    expect((await queueOf(t, c.member, event, 'all')).map((q) => q.id)).toEqual([q1.id, q2.id]);
    expect((await t.http().get(`/api/events/${event.id}`).set(c.member.auth)).body.featuredQuestionId).toBeNull();
    // An answered question is out of the queue: no upvotes, no featuring.
    expectError(await t.http().post(`/api/events/${event.id}/questions/${q2.id}/upvote`).set(c.member.auth), 409, 'CONFLICT');
    expectError(await t.http().post(`/api/events/${event.id}/questions/${q2.id}/feature`).set(c.host.auth), 409, 'CONFLICT');

    await endEvent(t, c.host, event);
    // After the end: no new questions or upvotes, but the hosts can still tidy the record.
    expectError(await t.http().post(`/api/events/${event.id}/questions`).set(c.member.auth).send({ body: 'Too late?' }), 409, 'CONFLICT');
    expectError(await t.http().post(`/api/events/${event.id}/questions/${q1.id}/upvote`).set(c.member.auth), 409, 'CONFLICT');
    expect((await t.http().post(`/api/events/${event.id}/questions/${q1.id}/answered`).set(c.host.auth)).body.status).toBe('answered');
  });

  it('applies the posting rules to questions: blocked terms, mutes, empty or overlong bodies', async () => {
    const cast = await eventCast(t);
    const event = await scheduleEvent(t, cast.moderator, cast.group, [cast.host]);
    await t.http().put(`/api/groups/${cast.group.slug}/settings`).set(cast.moderator.auth).send({ blockedTerms: ['miracle cure'] });
    const before = await countRows('live_event_questions');
    const blocked = await t.http().post(`/api/events/${event.id}/questions`).set(cast.member.auth).send({ body: 'Is this Miracle Cure real?' });
    expectError(blocked, 400, 'BLOCKED_TERM');
    expectError(await t.http().post(`/api/events/${event.id}/questions`).set(cast.member.auth).send({ body: '   ' }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().post(`/api/events/${event.id}/questions`).set(cast.member.auth).send({ body: 'x'.repeat(1001) }), 400, 'VALIDATION_ERROR');
    await t.app.deps.db.execute(sql`insert into group_mutes (group_id, user_id, until) values (${cast.group.id}, ${cast.other.user.id}, now() + interval '1 hour')`);
    expectError(await t.http().post(`/api/events/${event.id}/questions`).set(cast.other.auth).send({ body: 'Muted, asking anyway' }), 403, 'MUTED');
    expect(await countRows('live_event_questions')).toBe(before);
  });

  it('answers NOT_FOUND for a question of another event', async () => {
    const a = await scheduleEvent(t, c.moderator, c.group, [c.host]);
    const b = await scheduleEvent(t, c.moderator, c.group, [c.host]);
    const q = await askQuestion(t, c.member, a, 'Mine belongs to event a');
    expectError(await t.http().post(`/api/events/${b.id}/questions/${q.id}/upvote`).set(c.other.auth), 404, 'NOT_FOUND');
    expectError(await t.http().post(`/api/events/${b.id}/questions/not-an-id/upvote`).set(c.other.auth), 404, 'NOT_FOUND');
  });
});

describe('the transcript', () => {
  it('holds exactly the messages sent between the start and the end, hosts marked', async () => {
    const cast = await eventCast(t);
    const event = await scheduleEvent(t, cast.moderator, cast.group, [cast.host], { startsIn: 5 });
    await postMessage(t, cast.member, cast.group, 'before the start');
    expect((await t.http().get(`/api/events/${event.id}/transcript`).set(cast.member.auth)).body).toEqual({ items: [], nextCursor: null });

    await startEvent(t, cast.host, event);
    const first = await postMessage(t, cast.member, cast.group, 'first after the start');
    const hostSays = await postMessage(t, cast.host, cast.group, 'Welcome, everyone');
    expect(hostSays.eventHost).toBe(true);
    expect(first.eventHost).toBe(false);
    const during = await t.http().get(`/api/events/${event.id}/transcript`).set(cast.other.auth);
    expect(during.body.items.map((m: { body: string }) => m.body)).toEqual(['first after the start', 'Welcome, everyone']);

    const last = await postMessage(t, cast.moderator, cast.group, 'last before the end');
    await endEvent(t, cast.host, event);
    const afterEnd = await postMessage(t, cast.host, cast.group, 'after the end');
    expect(afterEnd.eventHost).toBe(false);

    const transcript = (await t.http().get(`/api/events/${event.id}/transcript`).set(cast.other.auth)).body;
    expect(transcript.items.map((m: { id: string; eventHost: boolean }) => [m.id, m.eventHost])).toEqual([
      [first.id, false],
      [hostSays.id, true],
      [last.id, false],
    ]);
    // History shows the same mark.
    const history = (await t.http().get(`/api/groups/${cast.group.slug}/messages`).set(cast.member.auth)).body.items;
    expect(history.find((m: { id: string }) => m.id === hostSays.id).eventHost).toBe(true);

    // Pages continue with the cursor and stop at the end bound.
    const page1 = (await t.http().get(`/api/events/${event.id}/transcript`).query({ limit: 2 }).set(cast.other.auth)).body;
    expect(page1.items.map((m: { id: string }) => m.id)).toEqual([first.id, hostSays.id]);
    const page2 = (await t.http().get(`/api/events/${event.id}/transcript`).query({ limit: 2, cursor: page1.nextCursor }).set(cast.other.auth)).body;
    expect(page2).toMatchObject({ items: [{ id: last.id }], nextCursor: null });
  });

  it('is empty for an event that never started', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host]);
    await postMessage(t, c.member, c.group, 'unrelated chat');
    await t.http().post(`/api/events/${event.id}/cancel`).set(c.moderator.auth);
    expect((await t.http().get(`/api/events/${event.id}/transcript`).set(c.member.auth)).body.items).toEqual([]);
  });
});

describe('remind me and the calendar', () => {
  it('turns the reminder on and off, idempotently; not for an event that started', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 30 });
    const on = await t.http().put(`/api/events/${event.id}/reminder`).set(c.member.auth);
    expect(on.status).toBe(200);
    expect(on.body.remindMe).toBe(true);
    expect((await t.http().put(`/api/events/${event.id}/reminder`).set(c.member.auth)).body.remindMe).toBe(true);
    expect((await t.http().get(`/api/events/${event.id}`).set(c.member.auth)).body.remindMe).toBe(true);
    expect((await t.http().get(`/api/events/${event.id}`).set(c.other.auth)).body.remindMe).toBe(false);
    expect((await t.http().delete(`/api/events/${event.id}/reminder`).set(c.member.auth)).body.remindMe).toBe(false);
    await startEvent(t, c.host, event);
    expectError(await t.http().put(`/api/events/${event.id}/reminder`).set(c.member.auth), 409, 'CONFLICT');
    expect((await t.http().delete(`/api/events/${event.id}/reminder`).set(c.member.auth)).status).toBe(200);
  });

  it('serves an iCalendar file in UTC with a link to the event page at PUBLIC_ORIGIN', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { title: 'Ask a diabetes nurse, live', description: 'Line one\nline two; commas, too' });
    const res = await t.http().get(`/api/events/${event.id}/event.ics`).set(c.member.auth).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="ask-a-diabetes-nurse-live.ics"');
    const ics = (res.body as string).replace(/\r\n[ \t]/g, '');
    const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`DTSTART:${stamp(event.startsAt)}`);
    expect(ics).toContain(`DTEND:${stamp(event.endsAt)}`);
    expect(ics).toContain('SUMMARY:Ask a diabetes nurse\\, live');
    expect(ics).toContain(`URL:https://circles.example.org/events/${event.id}`);
    expect(ics).toContain(`UID:${event.id}@circles`);
    expect(ics).toContain('Line one\\nline two\\; commas\\, too');
  });
});
