/**
 * A draining node (SIGTERM starts it; `app.close()` does too): /api/ready answers 503 at once so a
 * balancer sends new work elsewhere, new sockets are refused, work already connected still answers,
 * and on close the sockets see a dropped transport — which clients reconnect from — not a final
 * server disconnect. (Real processes behind nginx: tests/cluster/cluster.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { newClientId } from '../helpers/chat.js';
import { createGroup, registerUser, type TestUser } from '../helpers/factories.js';
import { connected, connectSocket, emitAck, waitForConnect } from '../helpers/sockets.js';

let t: TestApp;
let user: TestUser;
let closed = false;

beforeAll(async () => {
  t = await startTestApp();
  user = await registerUser(t);
});
afterAll(async () => {
  if (!closed) await t?.close();
});

describe('draining', () => {
  it('says not ready at once, refuses new sockets, keeps serving open ones, then drops their transport', async () => {
    const group = await createGroup(t, user);
    const open = await connected(t, user.token);
    expect((await t.http().get('/api/ready')).status).toBe(200);

    t.app.deps.lifecycle.startDraining();
    const ready = await t.http().get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'UNAVAILABLE' });
    expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.http().get('/api/health')).status).toBe(200);

    const late = connectSocket(t, user.token);
    await expect(waitForConnect(late)).rejects.toThrow();
    late.close();

    // The socket already here still sends, and is answered.
    const sent = await emitAck(open, 'message:send', { slug: group.slug, body: 'while draining', clientId: newClientId() });
    expect(sent.ok).toBe(true);

    const dropped = new Promise<string>((resolve) => open.once('disconnect', resolve));
    closed = true;
    await t.close();
    expect(await dropped).toBe('transport close');
  });
});
