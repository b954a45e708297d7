/**
 * Reports, the moderators' queue, resolving, appeals: through REST, with `report:new` live to the
 * group's moderators only, audit rows written with each action and absent when it fails.
 */
import type { Group, Report } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, expectError, fullHistory, joinRoom, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, makeAdmin, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { askQuestion, queueOf, scheduleEvent, startEvent } from '../helpers/events.js';
import { ban, mute } from '../helpers/moderation.js';
import { answer, ask } from '../helpers/questions.js';
import { collect, connected, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let member: TestUser;
let author: TestUser;
let admin: TestUser;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t, { displayName: `Owner ${uniqueSuffix()}`.slice(0, 40) });
  moderator = await registerUser(t, { displayName: `Mod ${uniqueSuffix()}`.slice(0, 40) });
  member = await registerUser(t, { displayName: `Member ${uniqueSuffix()}`.slice(0, 40) });
  author = await registerUser(t, { displayName: `Author ${uniqueSuffix()}`.slice(0, 40) });
  admin = await makeAdmin(t, await registerUser(t));
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => t?.close());

async function room(visibility: 'public' | 'private' = 'public'): Promise<Group> {
  const group = await createGroup(t, owner, { visibility });
  for (const u of [moderator, member, author]) await joinGroup(t, u, group, owner);
  await setRole(t, owner, group, moderator, 'moderator');
  return group;
}

const report = (by: TestUser, body: Record<string, unknown>) => t.http().post('/api/reports').set(by.auth).send(body);
const queue = async (group: Group, by: TestUser = moderator, query: Record<string, string | number> = {}) => {
  const res = await t.http().get(`/api/groups/${group.slug}/reports`).query(query).set(by.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Report[]; nextCursor: string | null };
};
const resolve = (id: string, by: TestUser, body: Record<string, unknown>) => t.http().post(`/api/reports/${id}/resolve`).set(by.auth).send(body);
const count = async (query: ReturnType<typeof sql>) =>
  ((await t.app.deps.db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
const reportsIn = (group: Group) => count(sql`select count(*)::int as n from reports where group_id = ${group.id}`);
const auditIn = (group: Group) => count(sql`select count(*)::int as n from audit_log where group_id = ${group.id}`);
const notices = async (user: TestUser) =>
  ((await t.http().get('/api/notifications').set(user.auth)).body.items as Array<{ type: string; data: any }>).filter((n) => n.type === 'moderation');
async function socketFor(user: TestUser): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  return s;
}

describe('filing a report', () => {
  it('answers 201 with the report; the same reporter and target again is 409 and writes nothing', async () => {
    const group = await room();
    const msg = await postMessage(t, author, group, 'Buy my miracle cure');
    const res = await report(member, { targetType: 'message', targetId: msg.id, reason: 'spam', note: 'An ad' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      groupId: group.id,
      group: { slug: group.slug },
      targetType: 'message',
      targetId: msg.id,
      reason: 'spam',
      note: 'An ad',
      status: 'open',
      reporter: { id: member.user.id },
      resolution: null,
      // The reporter's copy does not carry the moderators' view of the target.
      target: null,
      appeal: null,
    });
    expectError(await report(member, { targetType: 'message', targetId: msg.id, reason: 'harassment' }), 409, 'CONFLICT');
    expect(await reportsIn(group)).toBe(1);
    // Someone else may report the same message.
    expect((await report(moderator, { targetType: 'message', targetId: msg.id, reason: 'spam' })).status).toBe(201);
    expect(await reportsIn(group)).toBe(2);
  });

  it('reports questions, answers and people; a person needs groupSlug', async () => {
    const group = await room();
    const q = await ask(t, author, group);
    const a = await answer(t, author, q.id);
    expect((await report(member, { targetType: 'question', targetId: q.id, reason: 'misinformation' })).status).toBe(201);
    expect((await report(member, { targetType: 'answer', targetId: a.id, reason: 'misinformation' })).status).toBe(201);
    expectError(await report(member, { targetType: 'user', targetId: author.user.id, reason: 'harassment' }), 400, 'VALIDATION_ERROR');
    expect((await report(member, { targetType: 'user', targetId: author.user.id, reason: 'harassment', groupSlug: group.slug })).status).toBe(201);
    expect(await reportsIn(group)).toBe(3);
  });

  it.each([
    ['an unknown reason', { reason: 'rude' }, 400, 'VALIDATION_ERROR'],
    ['an unknown target type', { targetType: 'poll' }, 400, 'VALIDATION_ERROR'],
    ['a note that is not text', { note: 5 }, 400, 'VALIDATION_ERROR'],
    ['an unknown message', { targetId: '1999999999999999' }, 404, 'NOT_FOUND'],
    ['a malformed message id', { targetId: 'abc' }, 404, 'NOT_FOUND'],
  ])('refuses %s and writes nothing', async (_label, change, status, code) => {
    const group = await room();
    const msg = await postMessage(t, author, group, 'Hello');
    expectError(await report(member, { targetType: 'message', targetId: msg.id, reason: 'spam', ...change }), status, code);
    expect(await reportsIn(group)).toBe(0);
  });

  it('refuses a deleted message (404), reporting yourself (400) and a private group’s content from outside (403)', async () => {
    const group = await room('private');
    const msg = await postMessage(t, author, group, 'Gone soon');
    const outsider = await registerUser(t);
    expectError(await report(outsider, { targetType: 'message', targetId: msg.id, reason: 'spam' }), 403, 'NOT_A_MEMBER');
    expectError(await report(member, { targetType: 'user', targetId: member.user.id, reason: 'other', groupSlug: group.slug }), 400, 'VALIDATION_ERROR');
    await t.http().delete(`/api/messages/${msg.id}`).set(author.auth).expect(204);
    expectError(await report(member, { targetType: 'message', targetId: msg.id, reason: 'spam' }), 404, 'NOT_FOUND');
    expect(await reportsIn(group)).toBe(0);
  });

  it('sends report:new live to the group’s moderators only; a demoted moderator stops receiving', async () => {
    const group = await room();
    const [o, m, plain] = [await socketFor(owner), await socketFor(moderator), await socketFor(member)];
    const heardByMember = collect(plain, 'report:new');
    const msg = await postMessage(t, author, group, 'Something nasty');
    const toOwner = nextEvent<any>(o, 'report:new');
    const toModerator = nextEvent<any>(m, 'report:new');
    const filed = await report(member, { targetType: 'message', targetId: msg.id, reason: 'harassment' });
    for (const heard of [await toOwner, await toModerator]) {
      expect(heard.report).toMatchObject({ id: filed.body.id, reason: 'harassment', target: { body: 'Something nasty', author: { id: author.user.id } } });
    }
    await barrier(plain);
    expect(heardByMember.items).toEqual([]);

    await setRole(t, owner, group, moderator, 'member');
    const heardByFormer = collect(m, 'report:new');
    const again = nextEvent<any>(o, 'report:new');
    await report(author, { targetType: 'user', targetId: member.user.id, reason: 'other', groupSlug: group.slug });
    await again;
    await barrier(m);
    expect(heardByFormer.items).toEqual([]);
  });
});

describe('the queue', () => {
  it('puts crisis reports first, then the oldest; walks pages with a cursor; lists resolved ones apart', async () => {
    const group = await room();
    const ids: Record<string, string> = {};
    for (const [key, reason] of [['first', 'spam'], ['second', 'harassment'], ['crisis', 'crisis'], ['third', 'other']] as const) {
      const msg = await postMessage(t, author, group, `Message ${key}`);
      ids[key] = (await report(member, { targetType: 'message', targetId: msg.id, reason })).body.id;
    }
    const page = await queue(group);
    expect(page.items.map((r) => r.id)).toEqual([ids.crisis, ids.first, ids.second, ids.third]);
    expect(page.items[0]!.target).toMatchObject({ body: 'Message crisis', deleted: false, author: { id: author.user.id } });
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await queue(group, moderator, { limit: 1, ...(cursor ? { cursor } : {}) });
      walked.push(...p.items.map((r) => r.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(walked).toEqual(page.items.map((r) => r.id));
    expectError(await t.http().get(`/api/groups/${group.slug}/reports`).query({ cursor: 'garbage' }).set(moderator.auth), 400, 'VALIDATION_ERROR');

    await resolve(ids.second!, moderator, { action: 'dismiss' }).expect(200);
    expect((await queue(group)).items.map((r) => r.id)).toEqual([ids.crisis, ids.first, ids.third]);
    const resolved = await queue(group, moderator, { status: 'resolved' });
    expect(resolved.items.map((r) => r.id)).toEqual([ids.second]);
    expect(resolved.items[0]!.resolution).toMatchObject({ action: 'dismiss', by: { id: moderator.user.id } });
  });
});

describe('resolving', () => {
  it('dismiss: resolved, audited; resolving again is 409', async () => {
    const group = await room();
    const msg = await postMessage(t, author, group, 'Fine, actually');
    const id = (await report(member, { targetType: 'message', targetId: msg.id, reason: 'spam' })).body.id;
    const res = await resolve(id, moderator, { action: 'dismiss', note: 'Not spam' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: { action: 'dismiss', note: 'Not spam', by: { id: moderator.user.id } } });
    const audit = await t.http().get(`/api/groups/${group.slug}/audit-log`).set(owner.auth);
    expect(audit.body.items[0]).toMatchObject({ action: 'dismiss_report', actor: { id: moderator.user.id }, targetType: 'report', targetId: id, reason: 'Not spam' });
    const before = await auditIn(group);
    expectError(await resolve(id, moderator, { action: 'ban' }), 409, 'CONFLICT');
    expect(await auditIn(group)).toBe(before);
    expect(await notices(author)).toEqual([]);
  });

  it('remove: the message is deleted live, every open report on it settles, the author is told why', async () => {
    const group = await room();
    const msg = await postMessage(t, author, group, 'Call me for cheap pills');
    const first = (await report(member, { targetType: 'message', targetId: msg.id, reason: 'spam' })).body.id;
    const second = (await report(owner, { targetType: 'message', targetId: msg.id, reason: 'misinformation' })).body.id;
    const watcher = await socketFor(member);
    await joinRoom(watcher, group.slug);
    const deleted = nextEvent<any>(watcher, 'message:deleted');
    const res = await resolve(first, moderator, { action: 'remove', note: 'Selling medication' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await deleted).toEqual({ id: msg.id, groupId: group.id });
    expect((await fullHistory(t, member, group)).find((m) => m.id === msg.id)).toMatchObject({ body: null });
    expect((await queue(group)).items.map((r) => r.id)).not.toContain(second);
    expect((await notices(author))[0]!.data).toMatchObject({
      action: 'delete_message',
      groupSlug: group.slug,
      reason: 'Selling medication',
      targetType: 'message',
      targetId: msg.id,
    });
  });

  it('remove: a question or an answer is hidden and the counts follow', async () => {
    const group = await room();
    const q = await ask(t, author, group);
    const a = await answer(t, author, q.id);
    const keep = await answer(t, member, q.id);
    const rq = (await report(member, { targetType: 'answer', targetId: a.id, reason: 'misinformation' })).body.id;
    await resolve(rq, owner, { action: 'remove' }).expect(200);
    const detail = (await t.http().get(`/api/questions/${q.id}`).set(member.auth)).body;
    expect(detail.answers.map((x: { id: string }) => x.id)).toEqual([keep.id]);
    expect(detail.question.answerCount).toBe(1);
    const rq2 = (await report(member, { targetType: 'question', targetId: q.id, reason: 'spam' })).body.id;
    await resolve(rq2, owner, { action: 'remove', note: 'Duplicate' }).expect(200);
    expectError(await t.http().get(`/api/questions/${q.id}`).set(member.auth), 404, 'NOT_FOUND');
    expect((await notices(author)).map((n) => n.data.action).slice(0, 2)).toEqual(['delete_question', 'delete_answer']);
  });

  it('remove: a live event question leaves every copy of the queue, settles its reports and tells its author', async () => {
    const group = await room();
    const event = await startEvent(t, moderator, await scheduleEvent(t, moderator, group, [moderator], { startsIn: 5 }));
    const q = await askQuestion(t, author, event, 'Is the new pump covered by insurance? Buy here cheap');
    const kept = await askQuestion(t, member, event, 'How long does a sensor last?');
    await t.http().post(`/api/events/${event.id}/questions/${q.id}/feature`).set(moderator.auth).expect(200);
    const first = await report(member, { targetType: 'event_question', targetId: q.id, reason: 'spam' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = (await report(owner, { targetType: 'event_question', targetId: q.id, reason: 'spam' })).body.id;
    expect((await queue(group)).items.find((r) => r.id === first.body.id)?.target).toMatchObject({ body: q.body, deleted: false });
    const watcher = await socketFor(member);
    await joinRoom(watcher, group.slug);
    const removed = nextEvent<any>(watcher, 'event:question_removed');
    const audits = await auditIn(group);
    await resolve(first.body.id, moderator, { action: 'remove', note: 'Advertising' }).expect(200);
    expect(await removed).toEqual({ eventId: event.id, questionId: q.id });
    expect((await queueOf(t, member, event, 'all')).map((x) => x.id)).toEqual([kept.id]);
    expect((await t.http().get(`/api/events/${event.id}`).set(member.auth)).body.featuredQuestionId).toBeNull();
    expectError(await t.http().post(`/api/events/${event.id}/questions/${q.id}/upvote`).set(member.auth), 404, 'NOT_FOUND');
    expect((await queue(group)).items.map((r) => r.id)).not.toContain(second);
    expect(await auditIn(group)).toBe(audits + 1);
    expect((await notices(author))[0]!.data).toMatchObject({ action: 'delete_question', targetType: 'event_question', targetId: q.id, reason: 'Advertising' });
    // Nothing left to report, and a private group's event question cannot be reported from outside.
    expectError(await report(admin, { targetType: 'event_question', targetId: q.id, reason: 'spam' }), 404, 'NOT_FOUND');
    expectError(await report(member, { targetType: 'event_question', targetId: 'not-a-uuid', reason: 'spam' }), 404, 'NOT_FOUND');
  });

  it('an event question of a private group cannot be reported by someone outside it', async () => {
    const group = await room('private');
    const event = await scheduleEvent(t, moderator, group, [moderator]);
    const q = await askQuestion(t, author, event, 'When is the next meeting?');
    const outsider = await registerUser(t);
    const before = await reportsIn(group);
    expectError(await report(outsider, { targetType: 'event_question', targetId: q.id, reason: 'spam' }), 403, 'NOT_A_MEMBER');
    expect(await reportsIn(group)).toBe(before);
  });

  it('mute and ban act on the author, with notices carrying the reason and the end', async () => {
    const group = await room();
    const msg = await postMessage(t, author, group, 'You are all idiots');
    const id = (await report(member, { targetType: 'message', targetId: msg.id, reason: 'harassment' })).body.id;
    const s = await socketFor(author);
    const muted = nextEvent<any>(s, 'moderation:muted');
    const res = await resolve(id, moderator, { action: 'mute', minutes: 30, note: 'Be kind' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const live = await muted;
    expect(live).toMatchObject({ slug: group.slug, reason: 'Be kind' });
    expect(new Date(live.until).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect((await notices(author))[0]!.data).toMatchObject({ action: 'mute', reason: 'Be kind', until: live.until });
    const audit = (await t.http().get(`/api/groups/${group.slug}/audit-log`).set(owner.auth)).body.items[0];
    expect(audit).toMatchObject({ action: 'mute', actor: { id: moderator.user.id }, targetUser: { id: author.user.id }, until: live.until, details: { reportId: id } });

    const id2 = (await report(member, { targetType: 'user', targetId: author.user.id, reason: 'harassment', groupSlug: group.slug })).body.id;
    await resolve(id2, moderator, { action: 'ban' }).expect(200);
    expectError(await t.http().post(`/api/groups/${group.slug}/join`).set(author.auth), 403, 'BANNED');
    expect((await notices(author))[0]!.data).toMatchObject({ action: 'ban', reason: 'harassment', until: null });
  });

  it('refuses an action on someone of higher standing and writes nothing; lift only for appeals', async () => {
    const group = await room();
    const msg = await postMessage(t, owner, group, 'Owner speaking');
    const id = (await report(member, { targetType: 'message', targetId: msg.id, reason: 'other' })).body.id;
    const before = await auditIn(group);
    expectError(await resolve(id, moderator, { action: 'mute', minutes: 10 }), 403, 'FORBIDDEN');
    expectError(await resolve(id, moderator, { action: 'ban' }), 403, 'FORBIDDEN');
    expectError(await resolve(id, moderator, { action: 'lift' }), 400, 'VALIDATION_ERROR');
    expectError(await resolve(id, moderator, { action: 'mute', minutes: 0 }), 400, 'VALIDATION_ERROR');
    expectError(await resolve(id, member, { action: 'dismiss' }), 403, 'FORBIDDEN');
    expectError(await resolve('00000000-0000-0000-0000-000000000000', moderator, { action: 'dismiss' }), 404, 'NOT_FOUND');
    expect(await auditIn(group)).toBe(before);
    expect((await queue(group)).items.map((r) => r.id)).toEqual([id]);
    expect(await count(sql`select count(*)::int as n from group_mutes where group_id = ${group.id}`)).toBe(0);
    // A site admin may act on the owner.
    await resolve(id, admin, { action: 'mute', minutes: 5 }).expect(200);
  });
});

describe('appeals', () => {
  it('one appeal per decision lands in the queue; lifting it ends the mute; declining tells them', async () => {
    const group = await room();
    const muting = await mute(t, moderator, group, author, 120, 'Too many links');
    const res = await report(author, { targetType: 'user', targetId: author.user.id, reason: 'appeal', note: 'They were sources', groupSlug: group.slug });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ reason: 'appeal', reporter: { id: author.user.id }, appeal: { action: 'mute', reason: 'Too many links', until: muting.until, by: { id: moderator.user.id } } });
    expectError(await report(author, { targetType: 'user', targetId: author.user.id, reason: 'appeal', groupSlug: group.slug }), 409, 'CONFLICT');
    expect((await queue(group)).items.map((r) => r.id)).toEqual([res.body.id]);

    await resolve(res.body.id, owner, { action: 'lift', note: 'Fair enough' }).expect(200);
    expect((await t.http().get(`/api/groups/${group.slug}`).set(author.auth)).body.myMembership).toMatchObject({ mutedUntil: null });
    // Both notices come from the same transaction (the same instant): compare them as a set.
    expect((await notices(author)).map((n) => n.data.action).slice(0, 2).sort()).toEqual(['appeal_granted', 'unmute']);

    // A new decision may be appealed once more; declined, it stands.
    await mute(t, moderator, group, author, 60, 'Again');
    const second = (await report(author, { targetType: 'user', targetId: author.user.id, reason: 'appeal', groupSlug: group.slug })).body;
    await resolve(second.id, owner, { action: 'dismiss', note: 'The mute stands' }).expect(200);
    expect((await notices(author))[0]!.data).toMatchObject({ action: 'appeal_declined', reason: 'The mute stands' });
    expectError(await t.http().post(`/api/groups/${group.slug}/messages`).set(author.auth).send({ body: 'Hi', clientId: `c-${uniqueSuffix()}` }), 403, 'MUTED');
  });

  it('a banned person appeals from outside; nothing to appeal is 404; an appeal is about yourself', async () => {
    const group = await room('private');
    expectError(await report(member, { targetType: 'user', targetId: member.user.id, reason: 'appeal', groupSlug: group.slug }), 404, 'NOT_FOUND');
    expectError(await report(member, { targetType: 'user', targetId: author.user.id, reason: 'appeal', groupSlug: group.slug }), 400, 'VALIDATION_ERROR');
    await ban(t, owner, group, author, { reason: 'Trolling' });
    const res = await report(author, { targetType: 'user', targetId: author.user.id, reason: 'appeal', groupSlug: group.slug });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.appeal).toMatchObject({ action: 'ban', reason: 'Trolling', until: null });
    await resolve(res.body.id, owner, { action: 'lift' }).expect(200);
    expect((await t.http().post(`/api/groups/${group.slug}/join`).set(author.auth)).status).toBe(202);
  });
});
