/**
 * The crisis path through REST and real sockets: a post that reads as a crisis (a message, an edit, a
 * question, an answer, an event question) is posted as usual; its author's answer — REST body or socket
 * ack — carries `safety: { crisis: true, resources }` in their language; a `crisis` report opens with it
 * (reporter null), first in the moderators' queue, and `report:new` reaches the group's moderators live,
 * never a plain member. Figures of speech get nothing. The resources come from CRISIS_RESOURCES when set.
 */
import type { Group, Report } from '@circles/shared';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { barrier, expectError, joinRoom, newClientId, postMessage } from '../helpers/chat.js';
import { eventCast, scheduleEvent } from '../helpers/events.js';
import { createGroup, joinGroup, registerUser, setRole, uniqueSuffix, type TestUser } from '../helpers/factories.js';
import { mute } from '../helpers/moderation.js';
import { ask } from '../helpers/questions.js';
import { collect, connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let owner: TestUser;
let moderator: TestUser;
let member: TestUser;
let author: TestUser;
const open: TestSocket[] = [];

/** The defaults, written out: what a person in crisis is shown when CRISIS_RESOURCES is not set. */
const RESOURCES_EN = [
  { name: '9-8-8 Suicide Crisis Helpline', phone: '988', text: '988', url: 'https://988.ca', region: 'CA' },
  { name: '988 Suicide & Crisis Lifeline', phone: '988', text: '988', url: 'https://988lifeline.org', region: 'US' },
  { name: 'Kids Help Phone', phone: '1-800-668-6868', text: '686868', url: 'https://kidshelpphone.ca', region: 'CA' },
  { name: 'Emergency services', phone: '911', region: 'CA,US' },
];
const NAMES_FR = [
  '9-8-8\u00a0: Ligne d’aide en cas de crise de suicide',
  'Ligne 988 de prévention du suicide et d’aide en cas de crise (États-Unis)',
  'Jeunesse, J’écoute',
  'Services d’urgence',
];
const SAFETY_EN = { crisis: true, resources: RESOURCES_EN };

const CRISIS = 'I want to kill myself tonight';
const HARD_NEGATIVES = [
  'this pump is killing it',
  'I’d die for a nap',
  'overdosed on coffee today lol',
  'ce diabète me tue',
  'Can we talk about how to kill the pain after surgery?',
];

beforeAll(async () => {
  t = await startTestApp();
  const named = (n: string) => registerUser(t, { displayName: `${n} ${uniqueSuffix()}`.slice(0, 40) });
  [owner, moderator, member, author] = await Promise.all([named('Owner'), named('Mod'), named('Member'), named('Author')]);
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

async function socketFor(user: TestUser, slug?: string): Promise<TestSocket> {
  const s = await connected(t, user.token);
  open.push(s);
  if (slug) expect(await joinRoom(s, slug)).toMatchObject({ ok: true });
  return s;
}

const queue = async (group: Group) => {
  const res = await t.http().get(`/api/groups/${group.slug}/reports`).set(moderator.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Report[];
};
const count = async (query: ReturnType<typeof sql>) =>
  ((await t.app.deps.db.execute(query)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
const reportsIn = (group: Group) => count(sql`select count(*)::int as n from reports where group_id = ${group.id}`);
const send = (user: TestUser, group: Group, body: string, extra: Record<string, unknown> = {}) =>
  t.http().post(`/api/groups/${group.slug}/messages`).set(user.auth).send({ body, clientId: newClientId(), ...extra });

describe('a chat message that reads as a crisis', () => {
  it('is posted; the author gets the resources; a crisis report opens first in the queue; report:new reaches moderators only', async () => {
    const group = await room();
    // An earlier, ordinary report: the crisis one must still come first.
    const earlier = await postMessage(t, member, group, 'Buy my supplements, DM me');
    expect((await t.http().post('/api/reports').set(owner.auth).send({ targetType: 'message', targetId: earlier.id, reason: 'spam' })).status).toBe(201);

    const modSocket = await socketFor(moderator); // not in the room: report:new goes to the person
    const memberSocket = await socketFor(member, group.slug);
    const reportsToMember = collect(memberSocket, 'report:new');
    const alert = nextEvent(modSocket, 'report:new', (e) => e.report.reason === 'crisis');
    const broadcast = nextEvent(memberSocket, 'message:new', (e) => e.message.body === CRISIS);

    const res = await send(author, group, CRISIS);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ body: CRISIS, author: { id: author.user.id } });
    expect(res.body.safety).toEqual(SAFETY_EN);

    // Posted as usual: the room hears it, without the author's notice.
    const heard = await broadcast;
    expect(heard.message.id).toBe(res.body.id);
    expect(heard.message.safety).toBeUndefined();

    const { report } = await alert;
    expect(report).toMatchObject({
      groupId: group.id,
      targetType: 'message',
      targetId: res.body.id,
      reason: 'crisis',
      status: 'open',
      reporter: null,
      target: { author: { id: author.user.id }, body: CRISIS, deleted: false },
    });
    await barrier(memberSocket);
    expect(reportsToMember.items).toEqual([]);

    const items = await queue(group);
    expect(items.map((r) => [r.reason, r.targetId])).toEqual([
      ['crisis', res.body.id],
      ['spam', earlier.id],
    ]);
    // A plain member cannot read the queue.
    expectError(await t.http().get(`/api/groups/${group.slug}/reports`).set(member.auth), 403, 'FORBIDDEN');
  });

  it('a retry of the same clientId answers 200 with the notice again and opens no second report', async () => {
    const group = await room();
    const clientId = newClientId();
    const first = await send(author, group, CRISIS, { clientId });
    expect(first.status).toBe(201);
    const again = await send(author, group, CRISIS, { clientId });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.safety).toEqual(SAFETY_EN);
    expect(await reportsIn(group)).toBe(1);
  });

  it('figures of speech and everyday talk get no safety field and no report', async () => {
    const group = await room();
    for (const body of HARD_NEGATIVES) {
      const res = await send(author, group, body);
      expect(res.status, body).toBe(201);
      expect('safety' in res.body, body).toBe(false);
    }
    expect(await reportsIn(group)).toBe(0);
  });

  it('is answered in the author’s language: Accept-Language, then the saved choice', async () => {
    const group = await room();
    const viaHeader = await send(author, group, 'je veux mourir, j’ai tout préparé').set('Accept-Language', 'fr-CA,fr;q=0.9');
    expect(viaHeader.status).toBe(201);
    expect(viaHeader.body.safety.resources.map((r: { name: string }) => r.name)).toEqual(NAMES_FR);
    // Everything but the names stays as configured.
    expect(viaHeader.body.safety.resources.map(({ name: _name, ...rest }: { name: string }) => rest)).toEqual(
      RESOURCES_EN.map(({ name: _name, ...rest }) => rest),
    );

    const francophone = await registerUser(t);
    await joinGroup(t, francophone, group);
    expect((await t.http().patch('/api/me').set(francophone.auth).send({ locale: 'fr' })).status).toBe(200);
    // The saved choice wins over the browser's.
    const saved = await send(francophone, group, CRISIS).set('Accept-Language', 'en');
    expect(saved.body.safety.resources.map((r: { name: string }) => r.name)).toEqual(NAMES_FR);
    const s = await socketFor(francophone);
    const ack = await emitAck(s, 'message:send', { slug: group.slug, body: CRISIS, clientId: newClientId() });
    expect(ack.ok).toBe(true);
    expect(ack.safety.resources.map((r: { name: string }) => r.name)).toEqual(NAMES_FR);
  });

  it('over a socket: the ack carries the notice, the moderators hear report:new, a plain member does not', async () => {
    const group = await room();
    const authorSocket = await socketFor(author, group.slug);
    const modSocket = await socketFor(moderator, group.slug);
    const memberSocket = await socketFor(member, group.slug);
    const reportsToMember = collect(memberSocket, 'report:new');
    const alert = nextEvent(modSocket, 'report:new');

    const ack = await emitAck(authorSocket, 'message:send', { slug: group.slug, body: CRISIS, clientId: newClientId() });
    expect(ack).toMatchObject({ ok: true, message: { body: CRISIS } });
    expect(ack.safety).toEqual(SAFETY_EN);
    expect((await alert).report).toMatchObject({ reason: 'crisis', targetType: 'message', targetId: ack.message.id, reporter: null });
    await barrier(memberSocket);
    expect(reportsToMember.items).toEqual([]);

    // An ordinary message's ack has no safety field.
    const plain = await emitAck(authorSocket, 'message:send', { slug: group.slug, body: HARD_NEGATIVES[0], clientId: newClientId() });
    expect(plain.ok).toBe(true);
    expect('safety' in plain).toBe(false);
  });

  it('personal data is asked about first; posted anyway, it is a crisis like any other', async () => {
    const group = await room();
    const body = 'I want to end it all tonight, call me at 514-555-0187';
    const refused = await send(author, group, body);
    expectError(refused, 422, 'PERSONAL_DATA');
    expect(refused.body.details).toEqual([{ kind: 'phone', start: 41, end: 53 }]);
    expect(refused.body.safety).toBeUndefined();
    expect(await reportsIn(group)).toBe(0);

    const posted = await send(author, group, body, { acknowledgePersonalData: true });
    expect(posted.status).toBe(201);
    expect(posted.body.safety).toEqual(SAFETY_EN);
    expect(await reportsIn(group)).toBe(1);
  });

  it('a refused post opens no report: a muted author is told MUTED', async () => {
    const group = await room();
    await mute(t, owner, group, author);
    expectError(await send(author, group, CRISIS), 403, 'MUTED');
    const s = await socketFor(author);
    expect(await emitAck(s, 'message:send', { slug: group.slug, body: CRISIS, clientId: newClientId() })).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    expect(await reportsIn(group)).toBe(0);
  });
});

describe('edits', () => {
  it('an edit that reads as a crisis carries the notice and opens one report, however often it is edited', async () => {
    const group = await room();
    const msg = await postMessage(t, author, group, 'Rough week.');
    const modSocket = await socketFor(moderator);
    const alert = nextEvent(modSocket, 'report:new');

    const edited = await t.http().patch(`/api/messages/${msg.id}`).set(author.auth).send({ body: CRISIS });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ id: msg.id, body: CRISIS });
    expect(edited.body.safety).toEqual(SAFETY_EN);
    expect((await alert).report).toMatchObject({ reason: 'crisis', targetType: 'message', targetId: msg.id });

    const s = await socketFor(author);
    const ack = await emitAck(s, 'message:edit', { id: msg.id, body: `${CRISIS}. I mean it.` });
    expect(ack).toMatchObject({ ok: true, message: { id: msg.id } });
    expect(ack.safety).toEqual(SAFETY_EN);
    expect(await reportsIn(group)).toBe(1);

    const calm = await t.http().patch(`/api/messages/${msg.id}`).set(author.auth).send({ body: 'this pump is killing it' });
    expect(calm.status).toBe(200);
    expect('safety' in calm.body).toBe(false);
  });
});

describe('questions, answers and event questions', () => {
  it('a question reads title and body together; answered with the notice, reported first', async () => {
    const group = await room();
    const modSocket = await socketFor(moderator);
    const alert = nextEvent(modSocket, 'report:new');
    // Neither line flags alone ("a plan", "a date"); together they do.
    const res = await t.http().post(`/api/groups/${group.slug}/questions`).set(author.auth).send({ title: 'I have a plan', body: 'Tonight is the night' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.safety).toEqual(SAFETY_EN);
    const { report } = await alert;
    expect(report).toMatchObject({ reason: 'crisis', targetType: 'question', targetId: res.body.id, reporter: null, target: { title: 'I have a plan' } });

    const plain = await t.http().post(`/api/groups/${group.slug}/questions`).set(author.auth).send({ title: 'Pump site rotation tips?', body: 'This pump is killing it lately.' });
    expect(plain.status).toBe(201);
    expect('safety' in plain.body).toBe(false);
    expect((await queue(group)).map((r) => r.targetId)).toEqual([res.body.id]);
  });

  it('an answer is answered with the notice and reported', async () => {
    const group = await room();
    const q = await ask(t, owner, group);
    const modSocket = await socketFor(moderator);
    const alert = nextEvent(modSocket, 'report:new');
    const res = await t.http().post(`/api/questions/${q.id}/answers`).set(author.auth).send({ body: 'My dad hits me when he drinks' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.safety).toEqual(SAFETY_EN);
    expect((await alert).report).toMatchObject({ reason: 'crisis', targetType: 'answer', targetId: res.body.id, target: { body: 'My dad hits me when he drinks', questionId: q.id } });
    const plain = await t.http().post(`/api/questions/${q.id}/answers`).set(member.auth).send({ body: 'I’d die for a nap after those night lows' });
    expect(plain.status).toBe(201);
    expect('safety' in plain.body).toBe(false);
  });

  it('an event question is queued, answered with the notice, and its report shows it to moderators with its event', async () => {
    const cast = await eventCast(t);
    const event = await scheduleEvent(t, cast.moderator, cast.group, [cast.host], { title: 'Ask a nurse' });
    const modSocket = await socketFor(cast.moderator);
    const memberSocket = await socketFor(cast.other);
    const reportsToMember = collect(memberSocket, 'report:new');
    const alert = nextEvent(modSocket, 'report:new');
    const body = 'What if I just took all my insulin at once?';
    const res = await t.http().post(`/api/events/${event.id}/questions`).set(cast.member.auth).send({ body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ body, status: 'queued' });
    expect(res.body.safety).toEqual(SAFETY_EN);
    expect((await alert).report).toMatchObject({
      reason: 'crisis',
      targetType: 'event_question',
      targetId: res.body.id,
      reporter: null,
      target: { author: { id: cast.member.user.id }, title: 'Ask a nurse', body, deleted: false, eventId: event.id },
    });
    await barrier(memberSocket);
    expect(reportsToMember.items).toEqual([]);
    const plain = await t.http().post(`/api/events/${event.id}/questions`).set(cast.other.auth).send({ body: 'Does coffee raise my sugar?' });
    expect(plain.status).toBe(201);
    expect('safety' in plain.body).toBe(false);
  });
});

describe('CRISIS_RESOURCES', () => {
  it('replaces the defaults, a name given per language or once for all', async () => {
    const configured = [
      { name: { en: 'Suicide Action Montréal', fr: 'Suicide Action Montréal (SAM)' }, phone: '1-866-277-3553', url: 'https://suicideactionmontreal.org', region: 'CA-QC' },
      { name: 'Info-Santé 811', phone: '811', region: 'CA-QC' },
    ];
    // A second node on the same database, configured differently: the setting is per process.
    const other = await startTestApp({ CRISIS_RESOURCES: JSON.stringify(configured) }, { testDb: t.testDb, clock: t.clock });
    try {
      const [o, a] = [await registerUser(other), await registerUser(other)];
      const group = await createGroup(other, o);
      await joinGroup(other, a, group);
      const en = await other.http().post(`/api/groups/${group.slug}/messages`).set(a.auth).send({ body: CRISIS, clientId: newClientId() });
      expect(en.body.safety).toEqual({
        crisis: true,
        resources: [
          { name: 'Suicide Action Montréal', phone: '1-866-277-3553', url: 'https://suicideactionmontreal.org', region: 'CA-QC' },
          { name: 'Info-Santé 811', phone: '811', region: 'CA-QC' },
        ],
      });
      const fr = await other
        .http()
        .post(`/api/groups/${group.slug}/messages`)
        .set(a.auth)
        .set('Accept-Language', 'fr')
        .send({ body: CRISIS, clientId: newClientId() });
      expect(fr.body.safety.resources.map((r: { name: string }) => r.name)).toEqual(['Suicide Action Montréal (SAM)', 'Info-Santé 811']);
      // The first node keeps the defaults.
      const here = await send(author, await room(), CRISIS);
      expect(here.body.safety).toEqual(SAFETY_EN);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('a bad value stops the start with a message naming the setting', () => {
    const bad = [
      'not json',
      '[]',
      '{"name":"x"}',
      JSON.stringify([{ name: 'No way to reach it', region: 'CA' }]),
      JSON.stringify([{ name: 'Bad phone', phone: 'call me', region: 'CA' }]),
      JSON.stringify([{ name: 'Bad url', url: 'javascript:alert(1)', region: 'CA' }]),
      JSON.stringify([{ name: 'Bad region', phone: '988', region: 'Canada' }]),
      JSON.stringify([{ name: { en: 'Only English' }, phone: '988', region: 'CA' }]),
      JSON.stringify([{ name: 'Unknown field', phone: '988', region: 'CA', fax: '1' }]),
    ];
    for (const value of bad) {
      expect(() => loadConfig({ DATA_DIR: '/tmp/circles-config-test', CRISIS_RESOURCES: value }), value).toThrowError(ConfigError);
      expect(() => loadConfig({ DATA_DIR: '/tmp/circles-config-test', CRISIS_RESOURCES: value }), value).toThrowError(/CRISIS_RESOURCES/);
    }
    expect(loadConfig({ DATA_DIR: '/tmp/circles-config-test' }).crisisResources).toBeNull();
  });
});
