/**
 * Compressed API answers, over real HTTP: a large JSON answer comes brotli- or gzip-compressed when the
 * client accepts it, and reads back byte for byte as the plain answer; small answers, clients that do not
 * ask, and everything under /api/auth (a token beside a cookie-authorized request: BREACH) go as they are.
 */
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '@circles/shared';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { postMessage } from '../helpers/chat.js';
import { createGroup, registerUser, type TestUser } from '../helpers/factories.js';

let t: TestApp;
let owner: TestUser;
let group: Group;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire (compressed or not). */
  body: Buffer;
}

/** One request with node:http, which never decompresses by itself: what the server sent, as sent. */
function raw(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<RawAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${t.url}${path}`,
      { method, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const decode = (answer: RawAnswer): Buffer => {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  if (encoding === 'gzip') return gunzipSync(answer.body);
  return answer.body;
};

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t, { displayName: 'Cora Compress' });
  group = await createGroup(t, owner);
  for (let i = 0; i < 30; i++) await postMessage(t, owner, group, `Message ${i}: how did everyone sleep after the new dose? Mine was better than last week.`);
});
afterAll(() => t?.close());

describe('compressed API answers', () => {
  const historyPath = () => `/api/groups/${group.slug}/messages?limit=50`;

  it('a large JSON answer comes brotli-compressed when accepted, and decompresses to exactly the plain answer', async () => {
    const plain = await raw('GET', historyPath(), { ...owner.auth, 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(4096);

    const br = await raw('GET', historyPath(), { ...owner.auth, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(decode(br).equals(plain.body)).toBe(true);
    expect((JSON.parse(decode(br).toString('utf8')) as { items: unknown[] }).items).toHaveLength(30);
  });

  it('gzip for a client that accepts only gzip, same content', async () => {
    const plain = await raw('GET', historyPath(), owner.auth);
    const gz = await raw('GET', historyPath(), { ...owner.auth, 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz).equals(plain.body)).toBe(true);
  });

  it('an answer under 1 KB goes as it is', async () => {
    const me = await raw('GET', '/api/me', { ...owner.auth, 'accept-encoding': 'br, gzip' });
    expect(me.status).toBe(200);
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
  });

  it('error answers are compressed like any other large answer or not at all, and read the same', async () => {
    const missing = await raw('GET', '/api/groups/no-such-group-here', { ...owner.auth, 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect((JSON.parse(decode(missing).toString('utf8')) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('answers under /api/auth are never compressed, even large ones (sign-in with a long bio, refresh)', async () => {
    const bio = 'Diagnostiquée en 2019 — j’apprends à vivre avec, étape après étape. '.repeat(8).slice(0, 500);
    const patched = await raw('PATCH', '/api/me', { ...owner.auth }, { bio });
    expect(patched.status).toBe(200);

    const login = await raw('POST', '/api/auth/login', { 'accept-encoding': 'gzip, deflate, br' }, { email: owner.email, password: owner.password });
    expect(login.status).toBe(200);
    // Large enough that it would be compressed anywhere else.
    expect(login.body.length).toBeGreaterThan(1024);
    expect(login.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(login.body.toString('utf8')) as { accessToken: string }).accessToken).toBeTruthy();

    const cookie = [login.headers['set-cookie']].flat().find((c) => c?.startsWith('circles_refresh='))!.split(';')[0]!;
    const refresh = await raw('POST', '/api/auth/refresh', { cookie, 'accept-encoding': 'gzip, deflate, br' }, {});
    expect(refresh.status).toBe(200);
    expect(refresh.headers['content-encoding']).toBeUndefined();
    expect(Object.keys(JSON.parse(refresh.body.toString('utf8')) as object)).toEqual(['accessToken']);
  });

  it('the SPA and its assets are served as built (precompressed copies), not compressed again', async () => {
    const index = await raw('GET', '/', { 'accept-encoding': 'br, gzip' });
    // Test apps may run without a built client: then there is no SPA to check.
    if (index.status !== 200) return;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.body.toString('utf8'))?.[1];
    if (!script) return;
    const asset = await raw('GET', script, { 'accept-encoding': 'br, gzip' });
    const plainAsset = await raw('GET', script, { 'accept-encoding': 'identity' });
    expect(asset.status).toBe(200);
    expect(decode(asset).equals(plainAsset.body)).toBe(true);
  });
});
