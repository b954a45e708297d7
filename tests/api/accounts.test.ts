import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { refreshCookieFrom, registerUser, uniqueSuffix } from '../helpers/factories.js';
import { createSigner } from 'fast-jwt';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BOOTSTRAP_ADMIN_EMAILS: 'boss@example.test, Chief@Example.test' });
});
afterAll(() => t?.close());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code });
  expect(typeof res.body.error).toBe('string');
  expect(typeof res.body.message).toBe('string');
};

describe('register', () => {
  it('creates an account, returns Me with a token and sets an httpOnly refresh cookie', async () => {
    const email = `New-${uniqueSuffix()}@Example.test`;
    const res = await t.http().post('/api/auth/register').send({ email, password: 'a long passphrase', displayName: 'Rosa' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ displayName: 'Rosa', bio: '', isAdmin: false, clinician: null, email: email.toLowerCase() });
    expect(res.body.user.id).toEqual(expect.any(String));
    expect(res.body.accessToken).toEqual(expect.any(String));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/circles_refresh=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
  });

  it('refuses a taken email (any case) with 409 CONFLICT', async () => {
    const first = await registerUser(t);
    const res = await t.http().post('/api/auth/register').send({ email: first.email.toUpperCase(), password: 'another password', displayName: 'Copy' });
    expectError(res, 409, 'CONFLICT');
  });

  it.each([
    ['a wrong type', { email: 'x@example.test', password: 1234567890, displayName: 'Ok name' }],
    ['a short password', { email: 'x@example.test', password: 'short', displayName: 'Ok name' }],
    ['a one-letter name', { email: 'x@example.test', password: 'long enough pw', displayName: 'A' }],
    ['a control character', { email: 'x@example.test', password: 'long enough pw', displayName: 'Bad\u0007name' }],
    ['an invalid email', { email: 'not-an-email', password: 'long enough pw', displayName: 'Ok name' }],
    ['missing fields', {}],
  ])('refuses %s with VALIDATION_ERROR and creates nothing', async (_label, body) => {
    const res = await t.http().post('/api/auth/register').send(body);
    expectError(res, 400, 'VALIDATION_ERROR');
    const login = await t.http().post('/api/auth/login').send({ email: 'x@example.test', password: 'long enough pw' });
    expect(login.status).toBe(401);
  });

  it('answers malformed JSON with VALIDATION_ERROR', async () => {
    const res = await t.http().post('/api/auth/register').set('content-type', 'application/json').send('{"email": ');
    expectError(res, 400, 'VALIDATION_ERROR');
  });

  it('answers a body over 64 KiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t
      .http()
      .post('/api/auth/register')
      .send({ email: 'big@example.test', password: 'long enough pw', displayName: 'x'.repeat(70 * 1024) });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('makes BOOTSTRAP_ADMIN_EMAILS admins, case-insensitively', async () => {
    const res = await t.http().post('/api/auth/register').send({ email: 'CHIEF@example.test', password: 'long enough pw', displayName: 'Chief' });
    expect(res.status).toBe(201);
    expect(res.body.user.isAdmin).toBe(true);
  });
});

describe('login', () => {
  it('signs in with the right password', async () => {
    const u = await registerUser(t);
    const res = await t.http().post('/api/auth/login').send({ email: u.email, password: u.password });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(u.user.id);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(refreshCookieFrom(res.headers['set-cookie'])).not.toBe('');
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const u = await registerUser(t);
    const wrong = await t.http().post('/api/auth/login').send({ email: u.email, password: 'not the password' });
    const unknown = await t.http().post('/api/auth/login').send({ email: `nobody-${uniqueSuffix()}@example.test`, password: 'not the password' });
    expectError(wrong, 401, 'UNAUTHORIZED');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('grants admin at login to an email added to BOOTSTRAP_ADMIN_EMAILS', async () => {
    const res = await t.http().post('/api/auth/register').send({ email: 'boss@example.test', password: 'long enough pw', displayName: 'Boss' });
    expect(res.body.user.isAdmin).toBe(true);
    const login = await t.http().post('/api/auth/login').send({ email: 'boss@example.test', password: 'long enough pw' });
    expect(login.body.user.isAdmin).toBe(true);
  });
});

describe('access tokens', () => {
  it('requires a token on private routes', async () => {
    expectError(await t.http().get('/api/me'), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/me').set('Authorization', 'Basic abc'), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/me').set('Authorization', 'Bearer not.a.jwt'), 401, 'UNAUTHORIZED');
  });

  it('refuses a forged token signed with another secret', async () => {
    const u = await registerUser(t);
    const [, payload] = u.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = createSigner({ key: 'some-other-secret-that-is-long-enough-to-sign', algorithm: 'HS256' })({ sub: claims.sub, sid: claims.sid });
    expectError(await t.http().get('/api/me').set('Authorization', `Bearer ${forged}`), 401, 'UNAUTHORIZED');
  });

  it('refuses an unsigned (alg none) token', async () => {
    const u = await registerUser(t);
    const [, payload] = u.token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expectError(await t.http().get('/api/me').set('Authorization', `Bearer ${header}.${payload}.`), 401, 'UNAUTHORIZED');
  });

  it('refuses an expired token', async () => {
    const u = await registerUser(t);
    const claims = JSON.parse(Buffer.from(u.token.split('.')[1]!, 'base64url').toString());
    const sign = createSigner({ key: TEST_JWT_SECRET, algorithm: 'HS256' });
    const expired = sign({ sub: claims.sub, sid: claims.sid, iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 60 });
    expectError(await t.http().get('/api/me').set('Authorization', `Bearer ${expired}`), 401, 'UNAUTHORIZED');
  });

  it('marks authenticated responses Cache-Control: no-store and never returns another user’s email', async () => {
    const a = await registerUser(t);
    const b = await registerUser(t);
    const me = await t.http().get('/api/me').set(a.auth);
    expect(me.status).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.body.email).toBe(a.email);
    const other = await t.http().get(`/api/users/${b.user.id}`).set(a.auth);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ id: b.user.id, displayName: b.user.displayName });
    expect(other.body.email).toBeUndefined();
    expect(JSON.stringify(other.body)).not.toContain(b.email);
  });

  it('answers an unknown user id with 404', async () => {
    const a = await registerUser(t);
    expectError(await t.http().get('/api/users/00000000-0000-4000-8000-000000000000').set(a.auth), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/users/not-a-uuid').set(a.auth), 404, 'NOT_FOUND');
  });
});

describe('refresh', () => {
  it('rotates the refresh token; reusing the old one revokes the session', async () => {
    const u = await registerUser(t);
    const first = await t.http().post('/api/auth/refresh').set('Cookie', u.refreshCookie);
    expect(first.status).toBe(200);
    expect(first.body.accessToken).toEqual(expect.any(String));
    const rotated = refreshCookieFrom(first.headers['set-cookie']);
    expect(rotated).not.toBe(u.refreshCookie);

    // The stolen old cookie comes back: the whole session ends.
    expectError(await t.http().post('/api/auth/refresh').set('Cookie', u.refreshCookie), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/auth/refresh').set('Cookie', rotated), 401, 'UNAUTHORIZED');
    expectError(await t.http().get('/api/me').set('Authorization', `Bearer ${first.body.accessToken}`), 401, 'UNAUTHORIZED');
  });

  it('refuses a missing or unknown cookie', async () => {
    expectError(await t.http().post('/api/auth/refresh'), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/auth/refresh').set('Cookie', 'circles_refresh=made-up'), 401, 'UNAUTHORIZED');
  });
});

describe('logout', () => {
  it('stops that session’s access and refresh tokens at once, leaving other sessions alone', async () => {
    const u = await registerUser(t);
    const other = await t.http().post('/api/auth/login').send({ email: u.email, password: u.password });
    const res = await t.http().post('/api/auth/logout').set(u.auth);
    expect(res.status).toBe(204);
    expectError(await t.http().get('/api/me').set(u.auth), 401, 'UNAUTHORIZED');
    expectError(await t.http().post('/api/auth/refresh').set('Cookie', u.refreshCookie), 401, 'UNAUTHORIZED');
    const stillIn = await t.http().get('/api/me').set('Authorization', `Bearer ${other.body.accessToken}`);
    expect(stillIn.status).toBe(200);
  });

  it('needs a token', async () => {
    expectError(await t.http().post('/api/auth/logout'), 401, 'UNAUTHORIZED');
  });
});

describe('profile', () => {
  it('updates display name and bio', async () => {
    const u = await registerUser(t);
    const res = await t.http().patch('/api/me').set(u.auth).send({ displayName: 'New Name', bio: 'Hello there' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'New Name', bio: 'Hello there', email: u.email });
  });

  it('refuses a bad update and changes nothing', async () => {
    const u = await registerUser(t);
    expectError(await t.http().patch('/api/me').set(u.auth).send({ displayName: 42 }), 400, 'VALIDATION_ERROR');
    expectError(await t.http().patch('/api/me').set(u.auth).send({ displayName: 'ok', bio: 'x'.repeat(501) }), 400, 'VALIDATION_ERROR');
    const me = await t.http().get('/api/me').set(u.auth);
    expect(me.body.displayName).toBe(u.user.displayName);
  });
});

describe('password change', () => {
  it('needs the current password, then revokes every other session but keeps this one', async () => {
    const u = await registerUser(t);
    const other = await t.http().post('/api/auth/login').send({ email: u.email, password: u.password });
    const otherAuth = { Authorization: `Bearer ${other.body.accessToken}` };

    expectError(
      await t.http().post('/api/me/password').set(u.auth).send({ currentPassword: 'wrong password', newPassword: 'a brand new password' }),
      403,
      'FORBIDDEN',
    );
    expect((await t.http().get('/api/me').set(otherAuth)).status).toBe(200);

    const ok = await t.http().post('/api/me/password').set(u.auth).send({ currentPassword: u.password, newPassword: 'a brand new password' });
    expect(ok.status).toBe(204);
    expect((await t.http().get('/api/me').set(u.auth)).status).toBe(200);
    expectError(await t.http().get('/api/me').set(otherAuth), 401, 'UNAUTHORIZED');
    expect((await t.http().post('/api/auth/login').send({ email: u.email, password: u.password })).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ email: u.email, password: 'a brand new password' })).status).toBe(200);
  });
});

describe('account deletion', () => {
  it('erases email and profile and revokes sessions', async () => {
    const u = await registerUser(t, { displayName: 'Leaving Soon' });
    const viewer = await registerUser(t);
    expectError(await t.http().delete('/api/me').set(u.auth).send({ password: 'wrong password' }), 403, 'FORBIDDEN');
    expect((await t.http().delete('/api/me').set(u.auth).send({ password: u.password })).status).toBe(204);
    expectError(await t.http().get('/api/me').set(u.auth), 401, 'UNAUTHORIZED');
    expect((await t.http().post('/api/auth/login').send({ email: u.email, password: u.password })).status).toBe(401);
    const seen = await t.http().get(`/api/users/${u.user.id}`).set(viewer.auth);
    expect(seen.body.displayName).toBe('Deleted user');
    // The email is free again.
    expect((await t.http().post('/api/auth/register').send({ email: u.email, password: u.password, displayName: 'Back again' })).status).toBe(201);
  });
});

describe('cross-cutting', () => {
  it('answers unknown routes with the contract error shape', async () => {
    expectError(await t.http().get('/api/nope'), 404, 'NOT_FOUND');
  });

  it('serves health, readiness and the condition catalog without a token', async () => {
    expect((await t.http().get('/api/health')).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/api/ready')).status).toBe(200);
    const conditions = await t.http().get('/api/conditions');
    expect(conditions.status).toBe(200);
    expect(conditions.body.items.length).toBeGreaterThanOrEqual(30);
    expect(conditions.body.items[0]).toEqual({ slug: expect.any(String), name: expect.any(String), category: expect.any(String) });
    expect(new Set(conditions.body.items.map((c: { category: string }) => c.category)).size).toBeGreaterThan(5);
  });

  it('sends security headers, on refusals and unknown routes too', async () => {
    const answers = await Promise.all([
      t.http().get('/api/health'),
      t.http().get('/api/me'),
      t.http().get('/api/no-such-route'),
      t.http().post('/api/auth/login').send({ email: 'nobody' }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([200, 401, 404, 400]);
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('does not allow cross-origin calls from origins other than PUBLIC_ORIGIN', async () => {
    const res = await t.http().get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await t.http().get('/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/auth/register'].post.requestBody).toBeDefined();
    expect(res.body.paths['/api/me']).toBeDefined();
  });

  it('serves Prometheus metrics', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('circles_http_request_duration_seconds');
  });
});
