/** The per-user send limit with its default setting (at least 5 messages a second must get through). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, newClientId, postMessage } from '../helpers/chat.js';
import { createGroup, joinGroup, registerUser } from '../helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  // An empty value falls back to the production default.
  t = await startTestApp({ RATE_LIMIT_MESSAGES_PER_10S: '' });
});
afterAll(() => t?.close());

describe('send rate limit (default setting)', () => {
  it('lets a burst of 50 through, then answers 429 RATE_LIMITED with Retry-After; other users are unaffected', async () => {
    expect(t.app.deps.config.rateLimits.messagesPer10s).toBeGreaterThanOrEqual(50);
    const owner = await registerUser(t);
    const other = await registerUser(t);
    const group = await createGroup(t, owner);
    await joinGroup(t, other, group);
    // The bucket refills while we send, so count how many pass before the first refusal.
    let passed = 0;
    let res;
    for (;;) {
      res = await t.http().post(`/api/groups/${group.slug}/messages`).set(owner.auth).send({ body: `burst ${passed}`, clientId: newClientId() });
      if (res.status !== 201 || passed > 500) break;
      passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(50);
    expectError(res, 429, 'RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await postMessage(t, other, group, 'I can still talk');
  });
});
