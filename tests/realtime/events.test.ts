/**
 * Live events over real sockets: the start and end, the queue (new, upvoted, featured, answered) and
 * cancellations reach the group's room; slow mode switches live (`group:settings`) and spares the
 * hosts of a live event, whose messages carry `eventHost` live, in history and in the transcript.
 */
import type { EventQuestion, LiveEvent, Message } from '@circles/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, joinRoom, newClientId } from '../helpers/chat.js';
import { askQuestion, endEvent, eventCast, scheduleEvent, startEvent, type EventCast } from '../helpers/events.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function inRoom(user: TestUser, slug: string): Promise<TestSocket> {
  const socket = await connected(t, user.token);
  open.push(socket);
  expect(await joinRoom(socket, slug)).toMatchObject({ ok: true });
  return socket;
}

describe('the event in the room', () => {
  let c: EventCast;
  beforeAll(async () => {
    c = await eventCast(t, 'private');
  });

  it('announces the start and the end to the room, and nothing to outsiders', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    const member = await inRoom(c.member, c.group.slug);
    const outsider = await connected(t, (await registerUser(t)).token);
    open.push(outsider);
    expect((await joinRoom(outsider, c.group.slug)).ok).toBe(false);
    const outsiderHeard = collect(outsider, 'event:started');

    const started = nextEvent<{ event: LiveEvent }>(member, 'event:started', (p) => p.event.id === event.id);
    await startEvent(t, c.host, event);
    expect((await started).event).toMatchObject({ id: event.id, status: 'live', startedAt: expect.any(String), remindMe: false });
    expect((await started).event.hosts.map((h) => h.id)).toEqual([c.host.user.id]);

    const ended = nextEvent<{ event: LiveEvent }>(member, 'event:ended', (p) => p.event.id === event.id);
    await endEvent(t, c.moderator, event);
    expect((await ended).event).toMatchObject({ id: event.id, status: 'ended' });
    await barrier(outsider);
    expect(outsiderHeard.items).toEqual([]);
  });

  it('keeps the queue current for everyone: new questions, upvotes, the featured one, answered ones', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    await startEvent(t, c.host, event);
    const watcher = await inRoom(c.other, c.group.slug);
    const updates = collect<{ eventId: string; question: EventQuestion }>(watcher, 'event:question_updated');

    const asked = nextEvent<{ eventId: string; question: EventQuestion }>(watcher, 'event:question_new');
    const q = await askQuestion(t, c.member, event, 'How long does a sensor last in the heat?');
    expect(await asked).toEqual({ eventId: event.id, question: { ...q, upvotedByMe: false } });

    const up = await t.http().post(`/api/events/${event.id}/questions/${q.id}/upvote`).set(c.host.auth);
    expect(up.body.upvotedByMe).toBe(true);
    // A repeated upvote changes nothing and announces nothing.
    await t.http().post(`/api/events/${event.id}/questions/${q.id}/upvote`).set(c.host.auth);
    await barrier(watcher);
    expect(updates.items.map((u) => [u.question.id, u.question.upvotes, u.question.upvotedByMe])).toEqual([[q.id, 1, false]]);

    const featured = nextEvent<{ eventId: string; question: EventQuestion }>(watcher, 'event:question_featured');
    await t.http().post(`/api/events/${event.id}/questions/${q.id}/feature`).set(c.host.auth);
    expect(await featured).toMatchObject({ eventId: event.id, question: { id: q.id, featured: true, upvotes: 1 } });

    await t.http().post(`/api/events/${event.id}/questions/${q.id}/answered`).set(c.moderator.auth);
    await barrier(watcher);
    expect(updates.items.at(-1)).toMatchObject({ eventId: event.id, question: { id: q.id, status: 'answered', featured: false } });
  });

  it('tells the room when an event is rescheduled or cancelled', async () => {
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host]);
    const member = await inRoom(c.member, c.group.slug);
    const updated = nextEvent<{ event: LiveEvent }>(member, 'event:updated', (p) => p.event.id === event.id);
    await t.http().patch(`/api/events/${event.id}`).set(c.moderator.auth).send({ title: 'Ask a nurse: new title' });
    expect((await updated).event.title).toBe('Ask a nurse: new title');
    const cancelled = nextEvent<{ event: LiveEvent }>(member, 'event:updated', (p) => p.event.status === 'cancelled');
    await t.http().post(`/api/events/${event.id}/cancel`).set(c.moderator.auth);
    expect((await cancelled).event.id).toBe(event.id);
  });
});

describe('hosts, slow mode and the chat', () => {
  it('switches slow mode live for the room, spares the hosts while the event is live, and marks their messages', async () => {
    const c = await eventCast(t);
    const event = await scheduleEvent(t, c.moderator, c.group, [c.host], { startsIn: 5 });
    const host = await inRoom(c.host, c.group.slug);
    const member = await inRoom(c.member, c.group.slug);
    const send = (s: TestSocket, body: string) => emitAck(s, 'message:send', { slug: c.group.slug, body, clientId: newClientId() });

    const settings = nextEvent<{ slug: string; settings: { slowModeSeconds: number } }>(member, 'group:settings');
    expect((await t.http().put(`/api/groups/${c.group.slug}/settings`).set(c.moderator.auth).send({ slowModeSeconds: 120 })).status).toBe(200);
    expect(await settings).toEqual({ slug: c.group.slug, settings: { slowModeSeconds: 120 } });

    // Before the event the host is a member like any other.
    expect((await send(host, 'Testing the room')).ok).toBe(true);
    expect((await send(host, 'Too soon')).error).toMatchObject({ code: 'SLOW_MODE' });

    await startEvent(t, c.host, event);
    const heard = collect<{ message: Message }>(member, 'message:new');
    const first = await send(host, 'Welcome! Ask away.');
    const second = await send(host, 'First question coming up.');
    expect(first).toMatchObject({ ok: true, message: { eventHost: true } });
    expect(second).toMatchObject({ ok: true, message: { eventHost: true } });
    expect((await send(member, 'Hello from the audience')).message.eventHost).toBe(false);
    expect((await send(member, 'Me again')).error).toMatchObject({ code: 'SLOW_MODE' });
    await barrier(member);
    expect(heard.items.map((m) => [m.message.body, m.message.eventHost])).toEqual([
      ['Welcome! Ask away.', true],
      ['First question coming up.', true],
      ['Hello from the audience', false],
    ]);

    // Slow mode off, live, without reconnecting.
    const off = nextEvent<{ settings: { slowModeSeconds: number } }>(member, 'group:settings');
    await t.http().put(`/api/groups/${c.group.slug}/settings`).set(c.moderator.auth).send({ slowModeSeconds: 0 });
    expect((await off).settings.slowModeSeconds).toBe(0);
    expect((await send(member, 'Now I can talk')).ok).toBe(true);

    await t.http().put(`/api/groups/${c.group.slug}/settings`).set(c.moderator.auth).send({ slowModeSeconds: 120 });
    await endEvent(t, c.host, event);
    // Once it is over the host waits like everyone, and their messages are plain again.
    expect((await send(host, 'Thanks all')).error).toMatchObject({ code: 'SLOW_MODE' });
    const transcript = (await t.http().get(`/api/events/${event.id}/transcript`).set(c.member.auth)).body.items as Message[];
    expect(transcript.map((m) => [m.body, m.eventHost])).toEqual([
      ['Welcome! Ask away.', true],
      ['First question coming up.', true],
      ['Hello from the audience', false],
      ['Now I can talk', false],
    ]);
  });
});
