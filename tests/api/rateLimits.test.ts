import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '20' });
});
afterAll(() => t?.close());

describe('sign-in rate limit', () => {
  it('lets 20 attempts a minute through from one address, then answers 429 RATE_LIMITED with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await t.http().post('/api/auth/login').send({ email: `x${i}@example.test`, password: 'whatever-password' });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await t.http().post('/api/auth/login').send({ email: 'x@example.test', password: 'whatever-password' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
