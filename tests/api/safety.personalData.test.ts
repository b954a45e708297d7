/**
 * The personal-data guard on every post, through REST and real sockets: a post holding a phone number,
 * an email address, a street address, a date of birth or a health-card number is refused with 422
 * PERSONAL_DATA and where each one is (UTF-16 offsets of the trimmed text), and nothing is written —
 * unless the same request carries `acknowledgePersonalData: true`. The rule comes after validation,
 * access, the mute and blocked terms, and an idempotent retry still returns the stored message.
 */
import type { Group } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, expectError, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { eventCast, scheduleEvent } from '../helpers/events.js';
import { mute } from '../helpers/moderation.js';
import { ask } from '../helpers/questions.js';
import { collect, connected, emitAck, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let member: TestUser;
let group: Group;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [owner, moderator, member] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  group = await createGroup(t, owner!);
  await joinGroup(t, moderator!, group);
  await joinGroup(t, member!, group);
  await setRole(t, owner!, group, moderator!, 'moderator');
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function socketFor(user: TestUser, slug?: string): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  if (slug) expect(await joinRoom(s, slug)).toMatchObject({ ok: true });
  return s;
}

const count = async (query: ReturnType<typeof sql>) =>
  ((await t.app.deps.db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
const messagesIn = (g: Group) => count(sql`select count(*)::int as n from messages where group_id = ${g.id}`);

const PHONE = 'Call me at 514-555-0187 tonight';
const PHONE_DETAILS = [{ kind: 'phone', start: 11, end: 23 }];

describe('chat messages over REST', () => {
  it('refuses a phone number with 422 PERSONAL_DATA and its place in the trimmed body; nothing is stored', async () => {
    const before = await messagesIn(group);
    // Leading and trailing spaces are trimmed before the offsets are counted.
    const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: `   ${PHONE}  `, clientId: newClientId() });
    expectError(res, 422, 'PERSONAL_DATA');
    expect(res.body.details).toEqual(PHONE_DETAILS);
    expect(await messagesIn(group)).toBe(before);
  });

  it('names every kind found, in order, with offsets in UTF-16 code units', async () => {
    const cases: Array<[string, unknown[]]> = [
      ['Email me at ana.silva@gmail.com, born March 3, 1984', [{ kind: 'email', start: 12, end: 31 }, { kind: 'dob', start: 38, end: 51 }]],
      // The emoji is two code units: the phone starts at 14, not 13.
      ['💪 text me at 514-555-0187', [{ kind: 'phone', start: 14, end: 26 }]],
      ['My health card is ABCD 1234 5678', [{ kind: 'health-id', start: 18, end: 32 }]],
      ['I live at 123 Maple Street', [{ kind: 'address', start: 10, end: 26 }]],
    ];
    for (const [body, details] of cases) {
      const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body, clientId: newClientId() });
      expectError(res, 422, 'PERSONAL_DATA');
      expect(res.body.details, body).toEqual(details);
    }
  });

  it('stores it when the author posts anyway, and a retry of that clientId returns the stored message', async () => {
    const clientId = newClientId();
    const first = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: PHONE, clientId, acknowledgePersonalData: true });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ body: PHONE, clientId });
    expect(first.body.safety).toBeUndefined();
    const again = await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: PHONE, clientId, acknowledgePersonalData: true });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(sql`select count(*)::int as n from messages where client_id = ${clientId}`)).toBe(1);
  });

  it('lets through lab values, doses, appointment dates and public helplines', async () => {
    for (const body of [
      'My A1C was 7.2 and I take 500 mg twice a day; call 988 if you need to',
      'My appointment is on March 3, 2026 at 10:30',
      'Kids Help Phone: 1-800-668-6868',
    ]) {
      await postMessage(t, member, group, body);
    }
  });

  it('treats `acknowledgePersonalData: false` as no acknowledgement and refuses a non-boolean', async () => {
    expectError(
      await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: PHONE, clientId: newClientId(), acknowledgePersonalData: false }),
      422,
      'PERSONAL_DATA',
    );
    expectError(
      await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: PHONE, clientId: newClientId(), acknowledgePersonalData: 'true' }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('comes after validation, access, the mute and blocked terms', async () => {
    // Validation: too long, whatever it holds.
    expectError(
      await t.http().post(`/api/groups/${group.slug}/messages`).set(member.auth).send({ body: `${PHONE} ${'x'.repeat(4000)}`, clientId: newClientId() }),
      400,
      'VALIDATION_ERROR',
    );
    // Access: someone outside a private group is told that, not what the post holds.
    const priv = await createGroup(t, owner, { visibility: 'private' });
    expectError(await t.http().post(`/api/groups/${priv.slug}/messages`).set(member.auth).send({ body: PHONE, clientId: newClientId() }), 403, 'NOT_A_MEMBER');
    // Blocked terms before personal data.
    const strict = await createGroup(t, owner);
    await joinGroup(t, member, strict);
    const settings = await t.http().put(`/api/groups/${strict.slug}/settings`).set(owner.auth).send({ blockedTerms: ['miracle cure'] });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expectError(
      await t.http().post(`/api/groups/${strict.slug}/messages`).set(member.auth).send({ body: `Miracle-cure: ${PHONE}`, clientId: newClientId() }),
      400,
      'BLOCKED_TERM',
    );
    // The mute before everything a post holds: "post anyway" is never offered to someone who may not post.
    await mute(t, owner, strict, member);
    expectError(await t.http().post(`/api/groups/${strict.slug}/messages`).set(member.auth).send({ body: PHONE, clientId: newClientId() }), 403, 'MUTED');
    expectError(
      await t.http().post(`/api/groups/${strict.slug}/messages`).set(member.auth).send({ body: PHONE, clientId: newClientId(), acknowledgePersonalData: true }),
      403,
      'MUTED',
    );
  });
});

describe('chat messages over sockets', () => {
  it('message:send refuses with the same code and details, stores and broadcasts nothing; acknowledged, it goes out', async () => {
    const author = await socketFor(member, group.slug);
    const witness = await socketFor(moderator, group.slug);
    const heard = collect(witness, 'message:new');
    const before = await messagesIn(group);

    const refused = await emitAck(author, 'message:send', { slug: group.slug, body: `  ${PHONE} `, clientId: newClientId() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PERSONAL_DATA', details: PHONE_DETAILS } });
    expect(typeof refused.error.message).toBe('string');
    await barrier(witness);
    expect(heard.items).toEqual([]);
    expect(await messagesIn(group)).toBe(before);

    const clientId = newClientId();
    const sent = await emitAck(author, 'message:send', { slug: group.slug, body: PHONE, clientId, acknowledgePersonalData: true });
    expect(sent).toMatchObject({ ok: true, message: { body: PHONE, clientId } });
    expect(sent.safety).toBeUndefined();
    const retry = await emitAck(author, 'message:send', { slug: group.slug, body: PHONE, clientId, acknowledgePersonalData: true });
    expect(retry).toMatchObject({ ok: true, message: { id: sent.message.id } });
    await barrier(witness);
    // The retry announces the same message again (never a second message).
    expect(new Set(heard.items.map((e) => e.message.id))).toEqual(new Set([sent.message.id]));
    heard.stop();
  });

  it('a muted member is refused MUTED, acknowledged or not', async () => {
    const g = await createGroup(t, owner);
    await joinGroup(t, member, g);
    await mute(t, owner, g, member);
    const s = await socketFor(member);
    for (const acknowledgePersonalData of [undefined, true]) {
      const ack = await emitAck(s, 'message:send', { slug: g.slug, body: PHONE, clientId: newClientId(), acknowledgePersonalData });
      expect(ack).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    }
    expect(await messagesIn(g)).toBe(0);
  });
});

describe('edits', () => {
  it('PATCH refuses personal data and leaves the message as it was; acknowledged, it is edited', async () => {
    const original = await postMessage(t, member, group, 'See you at the meetup');
    const res = await t.http().patch(`/api/messages/${original.id}`).set(member.auth).send({ body: PHONE });
    expectError(res, 422, 'PERSONAL_DATA');
    expect(res.body.details).toEqual(PHONE_DETAILS);
    const [row] = ((await t.app.deps.db.execute(sql`select body, edited_at from messages where id = ${original.id}::bigint`)) as unknown as {
      rows: Array<{ body: string; edited_at: unknown }>;
    }).rows;
    expect(row).toEqual({ body: 'See you at the meetup', edited_at: null });

    const ok = await t.http().patch(`/api/messages/${original.id}`).set(member.auth).send({ body: PHONE, acknowledgePersonalData: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ id: original.id, body: PHONE });
    expect(ok.body.editedAt).not.toBeNull();
  });

  it('message:edit refuses the same way, broadcasting nothing', async () => {
    const original = await postMessage(t, member, group, 'Edit me later');
    const author = await socketFor(member, group.slug);
    const witness = await socketFor(moderator, group.slug);
    const heard = collect(witness, 'message:updated');
    const refused = await emitAck(author, 'message:edit', { id: original.id, body: 'Write to ana.silva@gmail.com' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PERSONAL_DATA', details: [{ kind: 'email', start: 9, end: 28 }] } });
    await barrier(witness);
    expect(heard.items).toEqual([]);
    const edited = await emitAck(author, 'message:edit', { id: original.id, body: 'Write to ana.silva@gmail.com', acknowledgePersonalData: true });
    expect(edited).toMatchObject({ ok: true, message: { id: original.id, body: 'Write to ana.silva@gmail.com' } });
    heard.stop();
  });
});

describe('questions, answers and event questions', () => {
  const questionsIn = (g: Group) => count(sql`select count(*)::int as n from questions where group_id = ${g.id}`);

  it('a question names the field of each finding, offsets counted in that field', async () => {
    const before = await questionsIn(group);
    const payload = { title: 'Can someone call me at 438-555-2290?', body: '  Or write to ana.silva@gmail.com. Thanks!' };
    const res = await t.http().post(`/api/groups/${group.slug}/questions`).set(member.auth).send(payload);
    expectError(res, 422, 'PERSONAL_DATA');
    expect(res.body.details).toEqual([
      { field: 'title', kind: 'phone', start: 23, end: 35 },
      { field: 'body', kind: 'email', start: 12, end: 31 },
    ]);
    expect(await questionsIn(group)).toBe(before);
    const ok = await t.http().post(`/api/groups/${group.slug}/questions`).set(member.auth).send({ ...payload, acknowledgePersonalData: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ title: payload.title, body: payload.body.trim() });
    expect(await questionsIn(group)).toBe(before + 1);
  });

  it('an answer is refused with its details, stored when acknowledged', async () => {
    const q = await ask(t, owner, group);
    const answers = () => count(sql`select count(*)::int as n from answers where question_id = ${q.id}::uuid`);
    const res = await t.http().post(`/api/questions/${q.id}/answers`).set(member.auth).send({ body: PHONE });
    expectError(res, 422, 'PERSONAL_DATA');
    expect(res.body.details).toEqual(PHONE_DETAILS);
    expect(await answers()).toBe(0);
    const ok = await t.http().post(`/api/questions/${q.id}/answers`).set(member.auth).send({ body: PHONE, acknowledgePersonalData: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await answers()).toBe(1);
  });

  it('an event question is refused with its details, stored when acknowledged', async () => {
    const cast = await eventCast(t);
    const event = await scheduleEvent(t, cast.moderator, cast.group, [cast.host]);
    const queued = () => count(sql`select count(*)::int as n from live_event_questions where event_id = ${event.id}::uuid`);
    const res = await t.http().post(`/api/events/${event.id}/questions`).set(cast.member.auth).send({ body: PHONE });
    expectError(res, 422, 'PERSONAL_DATA');
    expect(res.body.details).toEqual(PHONE_DETAILS);
    expect(await queued()).toBe(0);
    const ok = await t.http().post(`/api/events/${event.id}/questions`).set(cast.member.auth).send({ body: PHONE, acknowledgePersonalData: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ body: PHONE, status: 'queued' });
    expect(await queued()).toBe(1);
  });
});
