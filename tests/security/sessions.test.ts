/**
 * Token and session attacks, over REST and the Socket.IO handshake alike: forged, tampered, expired,
 * `alg` confusion, unknown sessions, tokens in the wrong place; then what ends a session — sign-out,
 * refresh-token reuse, a password change, suspension, deletion — and what it does to sockets already
 * open and to reconnections.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { createGroup, makeAdmin, registerUser, type TestUser } from '../helpers/factories.js';
import { connected, connectSocket, emitAck, nextEvent } from '../helpers/sockets.js';
import { expectNothingWritten, expectRefused } from './helpers.js';

let t: TestApp;
let alice: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  alice = await registerUser(t, { displayName: 'Alice Token' });
});
afterAll(() => t?.close());

const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT signed with HMAC-SHA(bits) and `secret`, or unsigned when `secret` is null. */
function jwt(header: object, payload: object, secret: string | null, bits = 256): string {
  const head = `${b64(header)}.${b64(payload)}`;
  if (secret === null) return `${head}.`;
  return `${head}.${createHmac(`sha${bits}`, secret).update(head).digest('base64url')}`;
}

const claims = () => {
  const [, payload] = alice.token.split('.');
  return JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string; sid: string; iat: number; exp: number };
};
const now = () => Math.floor(Date.now() / 1000);

const BAD_TOKENS: Array<[string, () => string]> = [
  ['signed with another secret', () => jwt({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-that-is-long-enough-to-sign')],
  ['alg none, unsigned', () => jwt({ alg: 'none', typ: 'JWT' }, claims(), null)],
  ['alg None with the right secret', () => jwt({ alg: 'None', typ: 'JWT' }, claims(), TEST_JWT_SECRET)],
  ['alg HS512 with the right secret (algorithm confusion)', () => jwt({ alg: 'HS512', typ: 'JWT' }, claims(), TEST_JWT_SECRET, 512)],
  ['alg RS256 header over an HMAC signature', () => jwt({ alg: 'RS256', typ: 'JWT' }, claims(), TEST_JWT_SECRET)],
  ['expired an hour ago', () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iat: now() - 7200, exp: now() - 3600 }, TEST_JWT_SECRET)],
  ['not before a future time', () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), nbf: now() + 3600 }, TEST_JWT_SECRET)],
  ['without a session id', () => jwt({ alg: 'HS256', typ: 'JWT' }, { sub: claims().sub, iat: now(), exp: now() + 600 }, TEST_JWT_SECRET)],
  ['naming a session that does not exist', () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), sid: randomUUID() }, TEST_JWT_SECRET)],
  ['naming a user that does not exist', () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), sub: randomUUID() }, TEST_JWT_SECRET)],
  ['whose payload was edited after signing', () => {
    const [head, , sig] = alice.token.split('.');
    return `${head}.${b64({ ...claims(), sub: randomUUID() })}.${sig}`;
  }],
  ['truncated', () => alice.token.slice(0, -5)],
  ['that is not a JWT at all', () => 'not-a-token'],
  ['empty', () => ''],
];

describe('bad access tokens: 401 UNAUTHORIZED on REST, connect_error UNAUTHORIZED on the socket', () => {
  it.each(BAD_TOKENS)('REST, a token %s', async (_label, token) => {
    const res = await expectNothingWritten(t, () => t.http().get('/api/me').set('Authorization', `Bearer ${token()}`));
    expectRefused(res, 401, 'UNAUTHORIZED');
    expect(res.text).not.toContain(alice.email);
  });

  it.each(BAD_TOKENS)('socket, a token %s', async (_label, token) => {
    const s = connectSocket(t, token());
    const err = await new Promise<Error & { data?: unknown }>((resolve, reject) => {
      s.once('connect', () => reject(new Error('connected')));
      s.once('connect_error', resolve);
    });
    expect(err.message).toBe('UNAUTHORIZED');
    s.disconnect();
  });

  it.each([
    ['a Basic scheme', () => ({ Authorization: `Basic ${alice.token}` })],
    ['the token in the query string only', () => ({})],
    ['the token in a cookie only', () => ({ Cookie: `access_token=${alice.token}` })],
    ['two tokens in one header', () => ({ Authorization: `Bearer ${alice.token} Bearer ${alice.token}` })],
  ])('REST, %s: 401 UNAUTHORIZED', async (_label, headers) => {
    const res = await t.http().get(`/api/me?token=${alice.token}&access_token=${alice.token}`).set(headers());
    expectRefused(res, 401, 'UNAUTHORIZED');
  });
});

describe('ending sessions', () => {
  it('sign-out: the access token stops at once on REST, the open socket is dropped, reconnecting is refused, and the refresh cookie is dead', async () => {
    const bob = await registerUser(t);
    const s = await connected(t, bob.token);
    const dropped = new Promise((resolve) => s.once('disconnect', resolve));
    expect((await t.http().post('/api/auth/logout').set(bob.auth)).status).toBe(204);
    await dropped;
    expectRefused(await t.http().get('/api/me').set(bob.auth), 401, 'UNAUTHORIZED');
    const again = connectSocket(t, bob.token);
    const err = await new Promise<Error>((resolve, reject) => {
      again.once('connect', () => reject(new Error('connected')));
      again.once('connect_error', resolve);
    });
    expect(err.message).toBe('UNAUTHORIZED');
    const refresh = await expectNothingWritten(t, () => t.http().post('/api/auth/refresh').set('Cookie', bob.refreshCookie));
    expectRefused(refresh, 401, 'UNAUTHORIZED');
  });

  it('refresh-token reuse revokes the whole session: the stolen and the rotated cookie both stop, and the access token too', async () => {
    const carol = await registerUser(t);
    const first = await t.http().post('/api/auth/refresh').set('Cookie', carol.refreshCookie);
    expect(first.status).toBe(200);
    const rotated = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('circles_refresh='))!.split(';')[0]!;
    const replay = await t.http().post('/api/auth/refresh').set('Cookie', carol.refreshCookie);
    expectRefused(replay, 401, 'UNAUTHORIZED');
    expectRefused(await t.http().post('/api/auth/refresh').set('Cookie', rotated), 401, 'UNAUTHORIZED');
    expectRefused(await t.http().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`), 401, 'UNAUTHORIZED');
  });

  it.each([
    ['a forged refresh cookie', 'circles_refresh=forged-value-that-was-never-issued'],
    ['an empty refresh cookie', 'circles_refresh='],
    ['no cookie at all', ''],
  ])('refresh with %s: 401 UNAUTHORIZED, nothing written', async (_label, cookie) => {
    const res = await expectNothingWritten(t, () => {
      const req = t.http().post('/api/auth/refresh');
      return cookie ? req.set('Cookie', cookie) : req;
    });
    expectRefused(res, 401, 'UNAUTHORIZED');
  });

  it('a password change ends every other session (REST and socket) and keeps this one', async () => {
    const dan = await registerUser(t);
    const login = await t.http().post('/api/auth/login').send({ email: dan.email, password: dan.password });
    const other = { Authorization: `Bearer ${login.body.accessToken}` };
    const s = await connected(t, login.body.accessToken);
    const dropped = new Promise((resolve) => s.once('disconnect', resolve));
    const res = await t.http().post('/api/me/password').set(dan.auth).send({ currentPassword: dan.password, newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(204);
    await dropped;
    expectRefused(await t.http().get('/api/me').set(other), 401, 'UNAUTHORIZED');
    expect((await t.http().get('/api/me').set(dan.auth)).status).toBe(200);
  });

  it('suspension: 403 SUSPENDED on REST, sockets dropped, a new handshake answers SUSPENDED', async () => {
    const admin = await makeAdmin(t, await registerUser(t));
    const eve = await registerUser(t);
    const s = await connected(t, eve.token);
    const dropped = new Promise((resolve) => s.once('disconnect', resolve));
    expect((await t.http().post(`/api/admin/users/${eve.user.id}/suspend`).set(admin.auth).send({ reason: 'test' })).status).toBeLessThan(300);
    await dropped;
    expectRefused(await t.http().get('/api/me/groups').set(eve.auth), 403, 'SUSPENDED');
    const again = connectSocket(t, eve.token);
    const err = await new Promise<Error>((resolve, reject) => {
      again.once('connect', () => reject(new Error('connected')));
      again.once('connect_error', resolve);
    });
    expect(err.message).toBe('SUSPENDED');
  });

  it('a banned member’s socket is told at once and cannot rejoin the room: BANNED', async () => {
    const owner = await registerUser(t);
    const fay = await registerUser(t);
    const room = await createGroup(t, owner);
    expect((await t.http().post(`/api/groups/${room.slug}/join`).set(fay.auth)).status).toBe(200);
    const s = await connected(t, fay.token);
    expect(await emitAck(s, 'group:join', { slug: room.slug })).toMatchObject({ ok: true });
    const removed = nextEvent<{ slug: string; reason: string }>(s, 'group:removed');
    expect((await t.http().post(`/api/groups/${room.slug}/bans`).set(owner.auth).send({ userId: fay.user.id, reason: 'test' })).status).toBeLessThan(300);
    expect(await removed).toMatchObject({ slug: room.slug, reason: 'banned' });
    const rejoin = await expectNothingWritten(t, () => emitAck(s, 'group:join', { slug: room.slug }));
    expect(rejoin.ok).toBe(false);
    expect(['BANNED', 'NOT_A_MEMBER']).toContain(rejoin.error.code);
    const send = await expectNothingWritten(t, () => emitAck(s, 'message:send', { slug: room.slug, body: 'still here?', clientId: randomUUID() }));
    expect(send.ok).toBe(false);
    expect(['BANNED', 'NOT_A_MEMBER']).toContain(send.error.code);
    s.disconnect();
  });

  it('a deleted account: its tokens stop, its credentials no longer sign in', async () => {
    const gus = await registerUser(t);
    expect((await t.http().delete('/api/me').set(gus.auth).send({ password: gus.password })).status).toBe(204);
    expectRefused(await t.http().get('/api/me').set(gus.auth), 401, 'UNAUTHORIZED');
    const login = await expectNothingWritten(t, () => t.http().post('/api/auth/login').send({ email: gus.email, password: gus.password }));
    expectRefused(login, 401, 'UNAUTHORIZED');
  });
});
