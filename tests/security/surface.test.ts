/**
 * The outside surface: security headers, the refresh cookie's flags and CORS as the contract says;
 * hostile input (wrong types, prototype-pollution keys, oversized and deeply nested bodies, HTML
 * stored inert, path tricks, invalid UTF-8); floods (sign-in and sign-up limits, message limits, a
 * storm of connections); and privacy (no one else's email in any answer, anonymous askers stay
 * anonymous, log lines without emails or tokens). Each refusal asserts its status, code and that
 * nothing was written.
 */
import type { Group } from '@circles/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser, setRole, type TestUser } from '../helpers/factories.js';
import { connectSocket, type TestSocket } from '../helpers/sockets.js';
import { expectNothingWritten, expectRefused } from './helpers.js';

const PUBLIC_ORIGIN = 'https://circles.example.org';

let t: TestApp;
let alice: TestUser;
let bruno: TestUser;
let group: Group;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_ORIGIN });
  alice = await registerUser(t, { displayName: 'Alice Surface' });
  bruno = await registerUser(t, { displayName: 'Bruno Surface' });
  group = await createGroup(t, alice);
  await joinGroup(t, bruno, group);
});
afterAll(() => t?.close());

/** Another node on the suite's database, with its own settings. */
const otherNode = (env: Parameters<typeof startTestApp>[0]) => startTestApp(env, { testDb: t.testDb, clock: t.clock });

describe('security headers', () => {
  it.each([
    ['an API answer', '/api/conditions', 200],
    ['an error', '/api/me', 401],
    ['an unknown route', '/api/nothing-here', 404],
  ])('%s carries them', async (_label, path, status) => {
    const res = await t.http().get(path);
    expect(res.status).toBe(status);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('authenticated answers are Cache-Control: no-store', async () => {
    const res = await t.http().get('/api/me').set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
  });
});

describe('the refresh cookie', () => {
  it('is HttpOnly, Secure behind an https PUBLIC_ORIGIN, SameSite=Strict, scoped to /api/auth, and never readable by the page', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: alice.email, password: alice.password });
    expect(res.status).toBe(200);
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const refresh = cookies.find((c) => c.startsWith('circles_refresh='))!;
    expect(refresh).toMatch(/; HttpOnly/i);
    expect(refresh).toMatch(/; Secure/i);
    expect(refresh).toMatch(/; SameSite=Strict/i);
    expect(refresh).toMatch(/; Path=\/api\/auth(;|$)/);
    expect(refresh).toMatch(/; Expires=/);
    // The refresh token is never in a body the page can read.
    expect(JSON.stringify(res.body)).not.toContain(refresh.split(';')[0]!.split('=')[1]);
  });

  it('sign-out clears it', async () => {
    const login = await t.http().post('/api/auth/login').send({ email: bruno.email, password: bruno.password });
    const res = await t.http().post('/api/auth/logout').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(res.status).toBe(204);
    const cleared = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('circles_refresh='))!;
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    expect(cleared).toMatch(/; Path=\/api\/auth/);
  });
});

describe('CORS', () => {
  it('allows PUBLIC_ORIGIN, with credentials', async () => {
    const res = await t.http().get('/api/me').set('Origin', PUBLIC_ORIGIN).set(alice.auth);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(PUBLIC_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('answers a preflight from PUBLIC_ORIGIN (no credentials on a preflight) and allows the method', async () => {
    const pre = await t.http().options('/api/me').set('Origin', PUBLIC_ORIGIN).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(PUBLIC_ORIGIN);
    expect(pre.headers['access-control-allow-credentials']).toBe('true');
  });

  it.each([['https://evil.example'], ['null'], ['http://circles.example.org'], ['https://circles.example.org.evil.example']])(
    'gives %s no Access-Control-Allow-Origin, on a preflight or a request',
    async (origin) => {
      const pre = await t.http().options('/api/me').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      const get = await t.http().get('/api/me').set('Origin', origin).set(alice.auth);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    },
  );
});

describe('hostile input', () => {
  const post = (body: unknown, contentType = 'application/json') =>
    t.http().post(`/api/groups/${group.slug}/messages`).set(bruno.auth).set('Content-Type', contentType).send(typeof body === 'string' ? body : JSON.stringify(body));

  it.each<[string, unknown]>([
    ['a number for the body', { body: 123, clientId: 'c1' }],
    ['null for the body', { body: null, clientId: 'c1' }],
    ['an array for the body', { body: ['hi'], clientId: 'c1' }],
    ['an object for the body', { body: { text: 'hi' }, clientId: 'c1' }],
    ['a boolean for the clientId', { body: 'hi', clientId: true }],
    ['a whole array as the payload', [{ body: 'hi', clientId: 'c1' }]],
    ['a bare string as the payload', '"hi"'],
    ['an empty body after trimming', { body: '   \n\t ', clientId: 'c1' }],
    ['a body one past 4000 characters', { body: 'x'.repeat(4001), clientId: 'c1' }],
    ['a NUL character', { body: 'before\u0000after', clientId: 'c1' }],
    ['an escape sequence (terminal control)', { body: '\u001b[31mred', clientId: 'c1' }],
    ['a DEL character', { body: 'a\u007fb', clientId: 'c1' }],
    ['a clientId with a path in it', { body: 'hi', clientId: '../../etc/passwd' }],
    ['a replyToId that is not an id', { body: 'hi', clientId: 'c1', replyToId: "1 OR 1=1" }],
    ['a deeply nested body (5000 levels)', `{"body":${'['.repeat(5000)}${']'.repeat(5000)},"clientId":"c1"}`],
  ])('a message with %s: 400 VALIDATION_ERROR, nothing written', async (_label, body) => {
    const res = await expectNothingWritten(t, () => post(body));
    expectRefused(res, 400, 'VALIDATION_ERROR');
  });

  it.each([
    ['__proto__', '{"body":"hi","clientId":"p1","__proto__":{"isAdmin":true}}'],
    ['constructor.prototype', '{"body":"hi","clientId":"p2","constructor":{"prototype":{"isAdmin":true}}}'],
  ])('a %s key: 400 VALIDATION_ERROR, nothing written, nothing polluted', async (_label, raw) => {
    const res = await expectNothingWritten(t, () => post(raw));
    expectRefused(res, 400, 'VALIDATION_ERROR');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await t.http().get('/api/me').set(bruno.auth)).body.isAdmin).toBe(false);
  });

  it('a __proto__ key in a profile update cannot make anyone an admin', async () => {
    const res = await t.http().patch('/api/me').set(bruno.auth).set('Content-Type', 'application/json').send('{"bio":"hi","__proto__":{"isAdmin":true}}');
    expectRefused(res, 400, 'VALIDATION_ERROR');
    expect((await t.http().get('/api/me').set(bruno.auth)).body.isAdmin).toBe(false);
  });

  it('a body over 64 KiB: 413 PAYLOAD_TOO_LARGE, nothing written', async () => {
    const res = await expectNothingWritten(t, () => post({ body: 'x'.repeat(70 * 1024), clientId: 'big' }));
    expectRefused(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['text/plain', 'body=hi'],
    ['application/x-www-form-urlencoded', 'body=hi&clientId=c1'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi\r\n--x--'],
  ])('a %s body (a cross-site form): refused, nothing written', async (type, raw) => {
    const res = await expectNothingWritten(t, () => post(raw, type));
    expect([400, 415]).toContain(res.status);
    expect(res.body.code).toBe('VALIDATION_ERROR');
  });

  it('malformed JSON: 400 VALIDATION_ERROR without echoing the input', async () => {
    const res = await expectNothingWritten(t, () => post('{"body": "hi", "clientId": "c1",,,<script>}'));
    expectRefused(res, 400, 'VALIDATION_ERROR');
    expect(res.text).not.toContain('<script>');
  });

  it.each([
    ['a message', async (text: string) => (await postMessage(t, bruno, group, text)).body],
    ['a display name', async (text: string) => (await t.http().patch('/api/me').set(bruno.auth).send({ displayName: text })).body.displayName],
    ['a bio', async (text: string) => (await t.http().patch('/api/me').set(bruno.auth).send({ bio: text })).body.bio],
    ['a group description', async (text: string) => (await t.http().patch(`/api/groups/${group.slug}`).set(alice.auth).send({ description: text })).body.description],
    ['a question', async (text: string) => (await t.http().post(`/api/groups/${group.slug}/questions`).set(bruno.auth).send({ title: `Title ${text}`.slice(0, 200), body: text })).body.body],
  ])('HTML and script in %s are stored and answered as inert text, as JSON', async (_label, store) => {
    const text = '<script>alert(1)</script><b>x</b>';
    const res = await t.http().get('/api/me').set(bruno.auth);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await store(text)).toBe(text);
  });

  it.each([
    ['../', '/api/groups/..%2F..%2Fetc%2Fpasswd'],
    ['an encoded NUL', '/api/groups/abc%00def'],
    ['a backslash walk', '/api/groups/..%5C..%5Cwindows'],
    ['a double-encoded walk', '/api/groups/%252e%252e%252f'],
    ['a slug with SQL in it', `/api/groups/${encodeURIComponent("x' OR '1'='1")}`],
    ['a unicode lookalike of a real slug', () => `/api/groups/${encodeURIComponent(group.slug.replace(/[aeo]/, (c) => ({ a: 'а', e: 'е', o: 'о' })[c]!))}`],
  ])('a slug with %s: 404 NOT_FOUND and nothing else', async (_label, path) => {
    const res = await t.http().get(typeof path === 'function' ? path() : path).set(alice.auth);
    expectRefused(res, 404, 'NOT_FOUND');
  });

  it.each([
    ['limit=abc', 'limit=abc'],
    ['limit=1000', 'limit=1000'],
    ['limit=-1', 'limit=-1'],
    ['before and after together', 'before=1&after=2'],
    ['a before that is not an id', 'before=1%20OR%201%3D1'],
  ])('a history query with %s: 400 VALIDATION_ERROR', async (_label, query) => {
    expectRefused(await t.http().get(`/api/groups/${group.slug}/messages?${query}`).set(alice.auth), 400, 'VALIDATION_ERROR');
  });
});

describe('floods', () => {
  it('sign-in past the per-address limit: 429 RATE_LIMITED with Retry-After, and the right password does not slip through', async () => {
    const node = await otherNode({ RATE_LIMIT_AUTH_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i++) expect((await node.http().post('/api/auth/login').send({ email: alice.email, password: 'wrong password here' })).status).toBe(401);
      const res = await expectNothingWritten(node, () => node.http().post('/api/auth/login').send({ email: alice.email, password: alice.password }));
      expectRefused(res, 429, 'RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await node.close();
    }
  });

  it('sign-up past the per-address limit: 429 RATE_LIMITED, no account made', async () => {
    const node = await otherNode({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
    try {
      const signUp = (i: number) => node.http().post('/api/auth/register').send({ email: `flood-${i}-${newClientId()}@example.test`, password: 'correct horse battery', displayName: `Flood ${i}` });
      for (let i = 0; i < 3; i++) expect((await signUp(i)).status).toBe(201);
      const res = await expectNothingWritten(node, () => signUp(99));
      expectRefused(res, 429, 'RATE_LIMITED');
    } finally {
      await node.close();
    }
  });

  it('a storm of 30 simultaneous connections by one person: exactly 20 (the default cap) open, the rest RATE_LIMITED', async () => {
    const sockets: TestSocket[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => {
        const s = connectSocket(t, alice.token);
        sockets.push(s);
        return new Promise<string>((resolve) => {
          s.once('connect', () => resolve('connected'));
          s.once('connect_error', (err) => resolve(err.message));
        });
      }),
    );
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(10);
    for (const s of sockets) s.disconnect();
  });
});

describe('privacy', () => {
  it('no answer about someone else carries their email: profile, members, history, questions, reports', async () => {
    const mod = await registerUser(t, { displayName: 'Mod Privacy' });
    await joinGroup(t, mod, group);
    await setRole(t, alice, group, mod, 'moderator');
    const m = await postMessage(t, bruno, group, 'hello from bruno');
    const q = await t.http().post(`/api/groups/${group.slug}/questions`).set(bruno.auth).send({ title: 'A question from Bruno', body: 'asking' });
    await t.http().post('/api/reports').set(bruno.auth).send({ targetType: 'message', targetId: m.id, reason: 'other' });
    for (const path of [
      `/api/users/${bruno.user.id}`,
      `/api/groups/${group.slug}/members`,
      `/api/groups/${group.slug}/messages`,
      `/api/groups/${group.slug}/questions`,
      `/api/questions/${q.body.id}`,
      `/api/groups/${group.slug}/reports`,
      `/api/groups/${group.slug}/audit-log`,
    ]) {
      const res = await t.http().get(path).set(mod.auth);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(bruno.email);
      expect(res.text, path).not.toContain(alice.email);
    }
  });

  it('an anonymous asker is nobody to other members — in the list, the search, the question page — but known to moderators', async () => {
    const carl = await registerUser(t, { displayName: 'Carl Anonymous' });
    await joinGroup(t, carl, group);
    const q = await t.http().post(`/api/groups/${group.slug}/questions`).set(carl.auth).send({ title: 'Something I would rather not say', body: 'quietly', anonymous: true });
    expect(q.status).toBe(201);
    for (const path of [`/api/groups/${group.slug}/questions`, `/api/groups/${group.slug}/questions?q=rather`, `/api/questions/${q.body.id}`]) {
      const res = await t.http().get(path).set(bruno.auth);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(carl.user.id);
      expect(res.text, path).not.toContain('Carl Anonymous');
    }
    const asOwner = await t.http().get(`/api/questions/${q.body.id}`).set(alice.auth);
    expect(asOwner.body.question.author?.id).toBe(carl.user.id);
  });

  it('a deleted user’s messages stay as "Deleted user", with nothing left of their name or email', async () => {
    const dee = await registerUser(t, { displayName: 'Dee Leaving' });
    await joinGroup(t, dee, group);
    const m = await postMessage(t, dee, group, 'goodbye all');
    expect((await t.http().delete('/api/me').set(dee.auth).send({ password: dee.password })).status).toBe(204);
    const page = await t.http().get(`/api/groups/${group.slug}/messages`).set(alice.auth);
    const kept = page.body.items.find((x: { id: string }) => x.id === m.id);
    expect(kept.author).toMatchObject({ displayName: 'Deleted user', deleted: true });
    expect(page.text).not.toContain('Dee Leaving');
    expect(page.text).not.toContain(dee.email);
    expect((await t.http().get(`/api/users/${dee.user.id}`).set(alice.auth)).text).not.toContain(dee.email);
  });

  it('log lines carry no email, password, token, cookie or message body', async () => {
    const node = await otherNode({ LOG_LEVEL: 'info' });
    const lines: string[] = [];
    const stream = (node.app.log as unknown as Record<symbol, { write: (s: string) => void }>)[pino.symbols.streamSym]!;
    stream.write = (line: string) => void lines.push(line);
    try {
      const email = `logged-${newClientId()}@example.test`;
      const reg = await node.http().post('/api/auth/register').send({ email, password: 'a secret passphrase', displayName: 'Log Person' });
      expect(reg.status).toBe(201);
      const token = reg.body.accessToken as string;
      await node.http().post('/api/auth/login').send({ email, password: 'wrong passphrase!' });
      await node.http().get(`/api/groups?q=${encodeURIComponent('my hiv status')}`).set('Authorization', `Bearer ${token}`);
      await node.http().post(`/api/groups/${group.slug}/messages`).set('Authorization', `Bearer ${token}`).send({ body: 'private words', clientId: newClientId() });
      await node.http().get('/api/me').set('Authorization', 'Bearer forged.token.value');
      expect(lines.length).toBeGreaterThan(3);
      const all = lines.join('\n');
      for (const secret of [email, 'a secret passphrase', 'wrong passphrase!', token, 'forged.token.value', 'circles_refresh=', 'hiv', 'private words']) {
        expect(all, secret).not.toContain(secret);
      }
    } finally {
      await node.close();
    }
  });
});
