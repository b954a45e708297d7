/**
 * TRUST_PROXY decides whose X-Forwarded-For counts. Off (the default), the TCP peer is the client and
 * a rotating header gains nothing against the per-address sign-in limit; set to the proxy in front, the
 * address that proxy reports is the client's. (Behind the real nginx: tests/cluster/cluster.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const base = { JWT_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp/circles-test-unused' };

describe('TRUST_PROXY setting', () => {
  it('is off by default, takes a hop count or a list of addresses, and refuses "true" and junk', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'nginx; rm -rf' })).toThrow(/TRUST_PROXY/);
  });
});

async function loginsFrom(t: TestApp, forwardedFor: (i: number) => string, count: number): Promise<number[]> {
  const statuses = [];
  for (let i = 0; i < count; i++) {
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor(i))
      .send({ email: `nobody${i}@example.test`, password: 'whatever-password' });
    statuses.push(res.status);
  }
  return statuses;
}

describe('with TRUST_PROXY off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
  });
  afterAll(() => t?.close());

  it('ignores X-Forwarded-For: rotating it does not buy more sign-in attempts', async () => {
    const statuses = await loginsFrom(t, (i) => `203.0.113.${i + 1}`, 6);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => t?.close());

  it('counts per address the proxy reports, and only the hop the proxy added', async () => {
    // One client behind the proxy: its budget is its own.
    expect(await loginsFrom(t, () => '198.51.100.7', 4)).toEqual([401, 401, 401, 429]);
    // Another client still has a budget.
    expect(await loginsFrom(t, () => '198.51.100.8', 1)).toEqual([401]);
    // A client that forges a first hop gains nothing: the proxy appends the real address, and only
    // that one (the trusted proxy's report) counts.
    expect(await loginsFrom(t, (i) => `10.9.9.${i}, 198.51.100.7`, 2)).toEqual([429, 429]);
  });
});
