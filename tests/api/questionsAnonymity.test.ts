/**
 * Anonymity holds everywhere: an anonymous asker is visible only to the group's moderators (and site
 * admins) — never to fellow members, outsiders or clinicians, in lists, search, detail, the live
 * `question:new` / `question:pinned` events, notifications, the clinician queue, or log lines.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Question } from '@circles/shared';
import { and, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../server/src/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { joinGroup, makeClinician, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { answer, ask, makeCast, pin, type Cast } from '../helpers/questions.js';
import { connected, emitAck, nextEvent, type TestSocket } from '../helpers/sockets.js';

let t: TestApp;
let c: Cast;
let moderatingClinician: TestUser;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  t = await startTestApp();
  c = await makeCast(t);
  moderatingClinician = await makeClinician(t, await registerUser(t));
  await joinGroup(t, moderatingClinician, c.pub);
  await setRole(t, c.owner, c.pub, moderatingClinician, 'moderator');
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.close();
});

/** Nothing that identifies the asker: not their id, display name or email, anywhere in the payload. */
function expectNoTraceOf(asker: TestUser, payload: unknown) {
  const text = JSON.stringify(payload);
  expect(text).not.toContain(asker.user.id);
  expect(text).not.toContain(asker.user.displayName);
  expect(text).not.toContain(asker.email);
}

async function joinedSocket(user: TestUser, slug: string): Promise<TestSocket> {
  const socket = await connected(t, user.token);
  sockets.push(socket);
  const ack = await emitAck(socket, 'group:join', { slug });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return socket;
}

const hidden = ['member', 'outsider', 'clinician', 'expiredClinician'] as const;
const revealed = ['moderator', 'owner', 'admin'] as const;

describe('an anonymous question', () => {
  let q: Question;
  let newEvents: Array<{ question: Question }>;

  beforeAll(async () => {
    const watchers = await Promise.all([c.member, c.moderator, c.asker].map((u) => joinedSocket(u, c.pub.slug)));
    const waiting = watchers.map((s) => nextEvent<{ question: Question }>(s, 'question:new', (p) => p.question.title.startsWith('Anonymous:')));
    q = await ask(t, c.asker, c.pub, {
      title: 'Anonymous: side effects I am embarrassed about',
      body: 'I would rather not say who I am.',
      anonymous: true,
    });
    newEvents = await Promise.all(waiting);
  });

  it('is returned to the asker without their name, marked as theirs', () => {
    expect(q).toMatchObject({ anonymous: true, author: null, mine: true });
  });

  it('reaches the room as question:new in the anonymous form, even for moderators and the asker', () => {
    for (const event of newEvents) {
      expect(event.question).toMatchObject({ id: q.id, anonymous: true, author: null });
      expect(event.question).not.toHaveProperty('mine');
      expectNoTraceOf(c.asker, event);
    }
  });

  it.each(hidden)('is listed, searched and shown without its author to %s', async (role) => {
    const viewer = c[role];
    const list = await t.http().get(`/api/groups/${c.pub.slug}/questions`).set(viewer.auth);
    const item = list.body.items.find((x: Question) => x.id === q.id);
    expect(item).toMatchObject({ author: null, anonymous: true, mine: false });
    expectNoTraceOf(c.asker, item);
    const found = await t.http().get(`/api/groups/${c.pub.slug}/questions?q=embarrassed`).set(viewer.auth);
    expect(found.body.items.map((x: Question) => x.id)).toEqual([q.id]);
    expectNoTraceOf(c.asker, found.body);
    const detail = await t.http().get(`/api/questions/${q.id}`).set(viewer.auth);
    expect(detail.body.question).toMatchObject({ author: null, anonymous: true, mine: false });
    expectNoTraceOf(c.asker, detail.body);
  });

  it('is shown without its author to the asker too (only `mine` tells them it is theirs)', async () => {
    const detail = await t.http().get(`/api/questions/${q.id}`).set(c.asker.auth);
    expect(detail.body.question).toMatchObject({ author: null, mine: true });
  });

  it.each(revealed)("shows its author to the group's %s", async (role) => {
    const viewer = c[role];
    const list = await t.http().get(`/api/groups/${c.pub.slug}/questions`).set(viewer.auth);
    expect(list.body.items.find((x: Question) => x.id === q.id).author.id).toBe(c.asker.user.id);
    const detail = await t.http().get(`/api/questions/${q.id}`).set(viewer.auth);
    expect(detail.body.question).toMatchObject({ anonymous: true, author: { id: c.asker.user.id } });
    expect(detail.body.question.author).not.toHaveProperty('email');
  });

  it('is not revealed by moderating another group', async () => {
    // The moderator of the private group where the asker is a member sees nothing more in the public one...
    const privOnlyMod = await registerUser(t);
    await joinGroup(t, privOnlyMod, c.priv, c.owner);
    await setRole(t, c.owner, c.priv, privOnlyMod, 'moderator');
    await joinGroup(t, privOnlyMod, c.pub);
    const detail = await t.http().get(`/api/questions/${q.id}`).set(privOnlyMod.auth);
    expect(detail.body.question.author).toBeNull();
  });

  it('reaches the room as question:pinned in the anonymous form; the pinning moderator sees the author in the reply', async () => {
    const [memberSocket, modSocket] = await Promise.all([joinedSocket(c.member, c.pub.slug), joinedSocket(c.moderator, c.pub.slug)]);
    const events = [memberSocket, modSocket].map((s) => nextEvent<{ question: Question }>(s, 'question:pinned', (p) => p.question.id === q.id));
    const pinned = await pin(t, c.moderator, q.id);
    expect(pinned.author?.id).toBe(c.asker.user.id);
    for (const event of await Promise.all(events)) {
      expect(event.question).toMatchObject({ id: q.id, pinned: true, author: null, anonymous: true });
      expectNoTraceOf(c.asker, event);
    }
  });

  it('is in the clinician queue without its author, unless the clinician moderates the group', async () => {
    await pin(t, c.moderator, q.id);
    const res = await t.http().get('/api/clinician/queue?limit=100').set(c.clinician.auth);
    const item = res.body.items.find((x: Question) => x.id === q.id);
    expect(item).toMatchObject({ author: null, anonymous: true });
    expectNoTraceOf(c.asker, res.body);
    const claimed = await t.http().post(`/api/questions/${q.id}/claim`).set(c.clinician.auth);
    expect(claimed.body.author).toBeNull();
    expectNoTraceOf(c.asker, claimed.body);
    await t.http().delete(`/api/questions/${q.id}/claim`).set(c.clinician.auth);

    const asModerator = await t.http().get('/api/clinician/queue?limit=100').set(moderatingClinician.auth);
    expect(asModerator.body.items.find((x: Question) => x.id === q.id).author.id).toBe(c.asker.user.id);
  });

  it('never names the asker in notifications to anyone else, live or stored', async () => {
    const memberSocket = await connected(t, c.member.token);
    sockets.push(memberSocket);
    const accepted = nextEvent(memberSocket, 'notification:new', (p: any) => p.notification.type === 'accepted');
    const a = await answer(t, c.member, q.id, 'This happened to me too; it faded after a month.');
    const res = await t.http().post(`/api/questions/${q.id}/accept`).set(c.asker.auth).send({ answerId: a.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ author: null, mine: true, status: 'answered' });

    const live = await accepted;
    expect(live.notification.data).toMatchObject({ questionId: q.id, answerId: a.id });
    expectNoTraceOf(c.asker, live);
    const inbox = await t.http().get('/api/notifications').set(c.member.auth);
    expect(inbox.body.items.some((n: any) => n.type === 'accepted' && n.data.questionId === q.id)).toBe(true);
    expectNoTraceOf(c.asker, inbox.body);

    // Stored rows about this question, for everyone but the asker: no trace.
    const rows = await t.app.deps.db
      .select()
      .from(notifications)
      .where(and(ne(notifications.userId, c.asker.user.id), sql`${notifications.data}->>'questionId' = ${q.id}`));
    expect(rows.length).toBeGreaterThan(0);
    expectNoTraceOf(c.asker, rows);
    // The asker's own inbox does tell them about the answer.
    const mine = await t.http().get('/api/notifications').set(c.asker.auth);
    expect(mine.body.items.some((n: any) => n.type === 'answer' && n.data.questionId === q.id)).toBe(true);
  });

  it("hides the asker behind a stand-in when they answer their own anonymous question", async () => {
    const followUp = await t.http().post(`/api/questions/${q.id}/answers`).set(c.asker.auth).send({ body: 'Update: it did fade. Thanks all.' });
    expect(followUp.status).toBe(201);
    expect(followUp.body).toMatchObject({ mine: true, author: { id: 'anonymous-asker', displayName: 'Anonymous (asker)' } });
    expectNoTraceOf(c.asker, followUp.body);
    for (const role of hidden) {
      const detail = await t.http().get(`/api/questions/${q.id}`).set(c[role].auth);
      const theirs = detail.body.answers.find((a: any) => a.id === followUp.body.id);
      expect(theirs).toMatchObject({ author: { id: 'anonymous-asker' }, mine: false });
      expectNoTraceOf(c.asker, detail.body);
    }
    for (const role of revealed) {
      const detail = await t.http().get(`/api/questions/${q.id}`).set(c[role].auth);
      expect(detail.body.answers.find((a: any) => a.id === followUp.body.id).author.id).toBe(c.asker.user.id);
    }
    // Still their own answer: no helpful vote on it from them.
    expect((await t.http().put(`/api/answers/${followUp.body.id}/helpful`).set(c.asker.auth)).status).toBe(403);
    // Other people's answers keep their authors.
    const detail = await t.http().get(`/api/questions/${q.id}`).set(c.outsider.auth);
    expect(detail.body.answers.some((a: any) => a.author.id === c.member.user.id)).toBe(true);
  });

  it('a question asked openly shows its author to everyone', async () => {
    const open = await ask(t, c.asker, c.pub, { title: 'Openly asked: anyone tried yoga for this?' });
    const detail = await t.http().get(`/api/questions/${open.id}`).set(c.outsider.auth);
    expect(detail.body.question).toMatchObject({ anonymous: false, author: { id: c.asker.user.id } });
  });
});

describe('log lines', () => {
  const repoRoot = path.resolve(import.meta.dirname, '../..');

  it('never carry the anonymous asker, even at trace level', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: `/tmp/circles-anon-logs-${process.pid}-${port}`,
        DATABASE_URL: '',
        SEED_DEMO: '0',
        LOG_LEVEL: 'trace',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, url: string, token?: string, body?: unknown) => {
      const res = await fetch(base + url, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    const signUp = async (name: string) =>
      (await call('POST', '/api/auth/register', undefined, {
        email: `${name.replace(/\s+/g, '.').toLowerCase()}-${port}@example.test`,
        password: 'long enough pw',
        displayName: name,
      })).body as { user: { id: string }; accessToken: string };
    try {
      await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toContain('Circles is running');
      const owner = await signUp('Logowner Person');
      const asker = await signUp('Secretive Asker');
      const helper = await signUp('Helpful Member');
      const group = (await call('POST', '/api/groups', owner.accessToken, {
        name: 'Logging check group',
        conditionSlug: 'type-1-diabetes',
        description: 'Checking logs.',
        visibility: 'public',
      })).body;
      for (const u of [asker, helper]) expect((await call('POST', `/api/groups/${group.slug}/join`, u.accessToken)).status).toBe(200);
      const from = output.length;

      const q = (await call('POST', `/api/groups/${group.slug}/questions`, asker.accessToken, {
        title: 'Anonymous question for the log check',
        body: 'Please keep me anonymous.',
        anonymous: true,
      })).body;
      expect(q.author).toBeNull();
      await call('GET', `/api/groups/${group.slug}/questions`, owner.accessToken);
      await call('GET', `/api/questions/${q.id}`, owner.accessToken);
      await call('POST', `/api/questions/${q.id}/pin`, owner.accessToken);
      const a = (await call('POST', `/api/questions/${q.id}/answers`, helper.accessToken, { body: 'Same here.' })).body;
      expect((await call('POST', `/api/questions/${q.id}/accept`, asker.accessToken, { answerId: a.id })).status).toBe(200);
      expect((await call('POST', `/api/questions/${q.id}/accept`, helper.accessToken, { answerId: a.id })).status).toBe(403);

      const logs = output.slice(from);
      expect(logs.length).toBeGreaterThan(0);
      expect(logs).not.toContain(asker.user.id);
      expect(logs).not.toContain('Secretive Asker');
      expect(logs).not.toContain(`secretive.asker-${port}`);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
