/**
 * The fixes found when Circles was tried from outside (issue 16, item 4), each through the public
 * surface: sockets per person capped (one node, and two nodes sharing Redis), the handshake's Origin
 * checked, unsafe Unicode refused in one place for REST and sockets, overlong URLs answered 414 in the
 * contract's shape, /metrics closed in production, one socket event budget for every event (malformed
 * ones too), and a typing indicator that toggling cannot turn into a flood.
 */
import type { Group } from '@circles/shared';
import { io as ioClient } from 'socket.io-client';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { dropRedisPrefix, startTestApp, TEST_REDIS_URL, type TestApp } from '../helpers/app.js';
import { barrier, joinRoom, newClientId } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { collect, connected, connectSocket, emitAck, waitForConnect, type TestSocket } from '../helpers/sockets.js';
import { expectNothingWritten, expectRefused } from './helpers.js';

const PUBLIC_ORIGIN = 'https://circles.example.org';

let t: TestApp;
let alice: TestUser;
let bruno: TestUser;
let group: Group;
const open: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestApp({ SOCKETS_PER_USER_MAX: '3', PUBLIC_ORIGIN });
  alice = await registerUser(t, { displayName: 'Alice Hart' });
  bruno = await registerUser(t, { displayName: 'Bruno Diaz' });
  group = await createGroup(t, alice);
  await joinGroup(t, bruno, group);
});
afterAll(async () => {
  for (const s of open.splice(0)) s.disconnect();
  await t?.close();
});

/** Another node on the suite's database (no migrations to wait for), with its own settings. */
const otherNode = (env: Parameters<typeof startTestApp>[0]) => startTestApp(env, { testDb: t.testDb, clock: t.clock });

function track(socket: TestSocket): TestSocket {
  open.push(socket);
  return socket;
}

/** The connect_error a handshake ends with (rejects if it connects instead). */
function refusal(socket: TestSocket): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (err) => resolve(err));
  });
}

describe('sockets per person', () => {
  it('defaults to 20 (SOCKETS_PER_USER_MAX)', () => {
    expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/circles-test-unused' }).socketsPerUser).toBe(20);
  });

  it('refuses the connection past the cap with RATE_LIMITED, leaves others alone, and frees a place on disconnect', async () => {
    const first = [track(await connected(t, alice.token)), track(await connected(t, alice.token)), track(await connected(t, alice.token))];
    const extra = track(connectSocket(t, alice.token));
    const err = await refusal(extra);
    expect(err.message).toBe('RATE_LIMITED');
    expect(err.data).toEqual({ code: 'RATE_LIMITED' });
    // Someone else is not affected by Alice's cap.
    track(await connected(t, bruno.token));
    // A closed tab gives its place back.
    first[0]!.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    const again = track(connectSocket(t, alice.token));
    await waitForConnect(again);
    expect(again.connected).toBe(true);
    for (const s of [...first, again]) s.disconnect();
  });
});

describe('sockets per person across two nodes (Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await otherNode({ REDIS_URL: TEST_REDIS_URL, SOCKETS_PER_USER_MAX: '3' });
    b = await otherNode({ REDIS_URL: TEST_REDIS_URL, SOCKETS_PER_USER_MAX: '3' });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (a) await dropRedisPrefix(TEST_REDIS_URL, a.app.deps.config.redisPrefix);
  });

  it('counts a person once on every node: the fourth socket is refused on either node', async () => {
    const carol = await registerUser(a);
    const held = [await connected(a, carol.token), await connected(a, carol.token), await connected(b, carol.token)];
    for (const node of [a, b]) {
      const err = await refusal(connectSocket(node, carol.token));
      expect(err.message).toBe('RATE_LIMITED');
    }
    held[2]!.disconnect();
    await new Promise((r) => setTimeout(r, 150));
    const moved = await connected(a, carol.token);
    expect(moved.connected).toBe(true);
    for (const s of [...held, moved]) s.disconnect();
  });
});

describe('handshake Origin', () => {
  const withOrigin = (origin: string | undefined) =>
    track(
      ioClient(t.url, {
        path: '/socket.io',
        auth: { token: alice.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: origin ? { origin } : {},
      }) as TestSocket,
    );

  it.each([
    ['PUBLIC_ORIGIN', PUBLIC_ORIGIN],
    ['the same origin', 'same'],
    ['no Origin (a non-browser client)', undefined],
  ])('accepts %s', async (_label, origin) => {
    const socket = withOrigin(origin === 'same' ? t.url : origin);
    await waitForConnect(socket);
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it.each([['https://evil.example'], ['null'], ['http://circles.example.org'], ['https://circles.example.org.evil.example']])(
    'refuses a websocket handshake from %s',
    async (origin) => {
      const err = await refusal(withOrigin(origin));
      expect(err.message).toMatch(/websocket error/);
    },
  );

  it('refuses a long-polling handshake from a foreign origin with 403 FORBIDDEN before any session exists', async () => {
    const res = await supertest(t.url).get('/socket.io/?EIO=4&transport=polling').set('Origin', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({ code: 4, message: 'FORBIDDEN' });
    const ok = await supertest(t.url).get('/socket.io/?EIO=4&transport=polling').set('Origin', PUBLIC_ORIGIN);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('"sid"');
  });
});

describe('unsafe Unicode, refused in one place (REST and sockets)', () => {
  const RLO = '\u202E';
  const LRI = '\u2066';
  const ZWSP = '\u200B';
  const ZWJ = '\u200D';
  const LONE_HIGH = '\uD83D';
  const LONE_LOW = '\uDC4D';

  it.each([
    ['a right-to-left override', `Alice${RLO}traH`],
    ['a bidi isolate', `Alice ${LRI}Hart`],
    ['a zero-width space', `Alice${ZWSP} Hart`],
    ['a zero-width joiner', `Ali${ZWJ}ce Hart`],
    ['a word joiner', 'Alice\u2060Hart'],
    ['a byte-order mark inside it', 'Alice\uFEFFHart'],
    ['a lone high surrogate', `Alice ${LONE_HIGH}`],
    ['a lone low surrogate', `Alice ${LONE_LOW}`],
  ])('a display name with %s: 400 VALIDATION_ERROR on sign-up and on PATCH /api/me, nothing written', async (_label, name) => {
    await expectNothingWritten(t, async () => {
      const reg = await t.http().post('/api/auth/register').send({ email: `n${newClientId()}@example.test`, password: 'correct horse battery', displayName: name });
      expectRefused(reg, 400, 'VALIDATION_ERROR');
      const patch = await t.http().patch('/api/me').set(bruno.auth).send({ displayName: name });
      expectRefused(patch, 400, 'VALIDATION_ERROR');
    });
    expect((await t.http().get('/api/me').set(bruno.auth)).body.displayName).toBe('Bruno Diaz');
  });

  it.each([
    ['a group name with a zero-width space', '/api/groups', { name: `Type${ZWSP}1 friends`, conditionSlug: 'type-1-diabetes', description: 'ok', visibility: 'public' }],
    ['a group description with a bidi override', '/api/groups', { name: 'Bidi friends', conditionSlug: 'type-1-diabetes', description: `fine ${RLO}txt.exe`, visibility: 'public' }],
    ['a bio with a lone surrogate', 'PATCH /api/me', { bio: `hello ${LONE_HIGH}` }],
  ])('%s: 400 VALIDATION_ERROR, nothing written', async (_label, route, body) => {
    await expectNothingWritten(t, async () => {
      const res = route.startsWith('PATCH') ? await t.http().patch('/api/me').set(bruno.auth).send(body) : await t.http().post(route).set(bruno.auth).send(body);
      expectRefused(res, 400, 'VALIDATION_ERROR');
    });
  });

  it.each([
    ['a bidi override', `see ${RLO}gpj.exe`],
    ['a pop-directional isolate', `see \u2069 this`],
    ['a lone surrogate', `broken ${LONE_LOW} text`],
  ])('a message with %s: refused over REST and over the socket, nothing written', async (_label, body) => {
    const s = track(await connected(t, bruno.token));
    await expectNothingWritten(t, async () => {
      const rest = await t.http().post(`/api/groups/${group.slug}/messages`).set(bruno.auth).send({ body, clientId: newClientId() });
      expectRefused(rest, 400, 'VALIDATION_ERROR');
      const ack = await emitAck(s, 'message:send', { slug: group.slug, body, clientId: newClientId() });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    });
    s.disconnect();
  });

  it('keeps ZWJ emoji (❤️‍🩹, 🧑‍⚕️) and right-to-left scripts in messages, stored and echoed exactly', async () => {
    const body = 'On the mend ❤️‍🩹 thanks to my 🧑‍⚕️ — شكرا שלום';
    const res = await t.http().post(`/api/groups/${group.slug}/messages`).set(bruno.auth).send({ body, clientId: newClientId() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.body).toBe(body);
    const page = await t.http().get(`/api/groups/${group.slug}/messages`).set(alice.auth);
    expect(page.body.items.at(-1).body).toBe(body);
  });
});

describe('overlong and undecodable URLs', () => {
  it.each([
    ['a path segment past 200 characters', `/api/groups/${'a'.repeat(300)}`],
    ['a nested route with an overlong slug', `/api/groups/${'a'.repeat(300)}/messages`],
    ['a query string past 4 KiB', `/api/health?pad=${'a'.repeat(5000)}`],
    ['a long path with no route', `/api/${'b'.repeat(5000)}`],
  ])('%s: 414 URI_TOO_LONG in the contract shape, with the security headers', async (_label, path) => {
    const res = await t.http().get(path).set(alice.auth);
    expectRefused(res, 414, 'URI_TOO_LONG');
    expect(res.body.error).toBe('URI Too Long');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).not.toContain('aaaaaaaaaa');
  });

  it('an undecodable path: 400 VALIDATION_ERROR in the contract shape, not echoed back', async () => {
    const res = await t.http().get('/api/groups/%E0%A4%A');
    expectRefused(res, 400, 'VALIDATION_ERROR');
    expect(res.text).not.toContain('%E0');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('/metrics', () => {
  const TOKEN = 'metrics-token-for-the-scraper-0123';
  const production = { NODE_ENV: 'production', SERVE_CLIENT: '0' } as const;

  it('is open in development', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('circles_sockets_connected');
    expect(res.text).toContain('circles_socket_backlog_packets');
    expect(res.text).toContain('circles_sockets_cut_total');
  });

  it('in production with METRICS_TOKEN: 404 NOT_FOUND without the bearer token or with a wrong one, 200 with it', async () => {
    const p = await otherNode({ ...production, METRICS_TOKEN: TOKEN });
    try {
      expectRefused(await p.http().get('/metrics'), 404, 'NOT_FOUND');
      expectRefused(await p.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`), 404, 'NOT_FOUND');
      expectRefused(await p.http().get('/metrics').set('Authorization', TOKEN), 404, 'NOT_FOUND');
      const ok = await p.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('circles_http_request_duration_seconds');
      expect(ok.headers['cache-control']).toBe('no-store');
    } finally {
      await p.close();
    }
  });

  it('in production with neither setting: 404 for everyone', async () => {
    const p = await otherNode(production);
    try {
      expectRefused(await p.http().get('/metrics'), 404, 'NOT_FOUND');
      expectRefused(await p.http().get('/metrics').set('Authorization', 'Bearer anything-at-all-here'), 404, 'NOT_FOUND');
    } finally {
      await p.close();
    }
  });

  it('in production with METRICS_PORT: served only on that listener, 404 on the public port even with the token', async () => {
    const p = await otherNode({ ...production, METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    try {
      expectRefused(await p.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`), 404, 'NOT_FOUND');
      const address = p.app.metrics.listener?.address();
      expect(address && typeof address === 'object').toBe(true);
      const port = (address as { port: number }).port;
      const ok = await supertest(`http://127.0.0.1:${port}`).get('/metrics');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('circles_sockets_connected');
      expect((await supertest(`http://127.0.0.1:${port}`).get('/api/me')).status).toBe(404);
    } finally {
      await p.close();
    }
    expect(p.app.metrics.listener?.listening).toBe(false);
  });
});

describe('socket event budget and typing', () => {
  it('toggling isTyping cannot repeat "typing": at most one start and one stop per interval reach the room', async () => {
    const a = track(await connected(t, alice.token));
    const b = track(await connected(t, bruno.token));
    expect(await joinRoom(a, group.slug)).toMatchObject({ ok: true });
    expect(await joinRoom(b, group.slug)).toMatchObject({ ok: true });
    const heard = collect(a, 'typing');
    for (let i = 0; i < 10; i++) {
      expect(await emitAck(b, 'typing', { slug: group.slug, isTyping: i % 2 === 0 })).toEqual({ ok: true });
    }
    await barrier(b);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard.items.map((e: { isTyping: boolean }) => e.isTyping)).toEqual([true, false]);
    // Ending on a stop, nothing was held back for later either.
    await new Promise((r) => setTimeout(r, 2_200));
    expect(heard.items.map((e: { isTyping: boolean }) => e.isTyping)).toEqual([true, false]);
    a.disconnect();
    b.disconnect();
  });

  it('typing again right after sending is not lost: the new start goes out when the interval ends', async () => {
    const typist = await registerUser(t);
    await joinGroup(t, typist, group);
    const a = track(await connected(t, alice.token));
    const b = track(await connected(t, typist.token));
    expect(await joinRoom(a, group.slug)).toMatchObject({ ok: true });
    expect(await joinRoom(b, group.slug)).toMatchObject({ ok: true });
    const heard = collect(a, 'typing');
    for (const isTyping of [true, false, true]) expect(await emitAck(b, 'typing', { slug: group.slug, isTyping })).toEqual({ ok: true });
    await barrier(b);
    expect(heard.items.map((e: { isTyping: boolean }) => e.isTyping)).toEqual([true, false]);
    await expect.poll(() => heard.items.map((e: { isTyping: boolean }) => e.isTyping), { timeout: 5_000 }).toEqual([true, false, true]);
    a.disconnect();
    b.disconnect();
  });

  it('one budget for every event, malformed payloads included: join, leave, typing, read, reactions all answer RATE_LIMITED past it', async () => {
    const small = await otherNode({ RATE_LIMIT_SOCKET_EVENTS_PER_MINUTE: '6' });
    try {
      const dana = await registerUser(small);
      const room = await createGroup(small, dana);
      const s = await connected(small, dana.token);
      const sent = [
        await emitAck(s, 'group:join', { slug: room.slug }),
        await emitAck(s, 'typing', { slug: room.slug, isTyping: true }),
        await emitAck(s, 'group:leave', { slug: room.slug }),
        await emitAck(s, 'group:join', { nope: 1 }),
        await emitAck(s, 'read', { slug: room.slug, messageId: 'x' }),
        await emitAck(s, 'reaction:add', { messageId: '1', emoji: 'nope' }),
      ];
      expect(sent.map((a) => a.ok || a.error.code)).toEqual([true, true, true, 'VALIDATION_ERROR', 'VALIDATION_ERROR', 'VALIDATION_ERROR']);
      await expectNothingWritten(small, async () => {
        for (const [event, payload] of [
          ['group:join', { slug: room.slug }],
          ['group:leave', { slug: room.slug }],
          ['typing', { slug: room.slug, isTyping: false }],
          ['read', { slug: room.slug, messageId: '1' }],
          ['reaction:add', { messageId: '1', emoji: '❤️' }],
          ['reaction:remove', { messageId: '1', emoji: '❤️' }],
          ['message:send', { slug: room.slug, body: 'hi', clientId: newClientId() }],
          ['group:join', 'not even an object'],
        ] as const) {
          const ack = await emitAck(s, event, payload);
          expect(ack, event).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
        }
      });
      s.disconnect();
    } finally {
      await small.close();
    }
  });
});
