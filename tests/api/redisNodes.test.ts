/**
 * With REDIS_URL set, two app nodes on one database share broadcasts through Redis: a socket on node B
 * hears what node A emits to a room. (Cross-node chat is tested by the realtime suite; this checks the wiring.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { registerUser } from '../helpers/factories.js';
import { connected, nextEvent } from '../helpers/sockets.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let nodeA: TestApp;
let nodeB: TestApp;

beforeAll(async () => {
  nodeA = await startTestApp({ REDIS_URL });
  // Node B shares node A's database: same data, separate process state.
  nodeB = await startTestApp({ REDIS_URL }, { testDb: nodeA.testDb });
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

describe('two nodes on Redis', () => {
  it('reports ready only while Redis answers', async () => {
    expect((await nodeA.http().get('/api/ready')).status).toBe(200);
  });

  it('delivers a broadcast from node A to a user connected to node B', async () => {
    const user = await registerUser(nodeA);
    const socket = await connected(nodeB, user.token);
    try {
      // Give node B's adapter a moment to announce itself on the stream.
      await new Promise((r) => setTimeout(r, 300));
      const heard = nextEvent(socket, 'group:removed');
      nodeA.app.deps.realtime.toUser(user.user.id, 'group:removed', { slug: 'cross-node', reason: 'removed' });
      expect(await heard).toEqual({ slug: 'cross-node', reason: 'removed' });
    } finally {
      socket.disconnect();
    }
  });

  it('refuses a signed-out token on the other node at once, even though that node had it cached', async () => {
    const user = await registerUser(nodeA);
    expect((await nodeB.http().get('/api/me').set(user.auth)).status).toBe(200);
    expect((await nodeA.http().get('/api/me').set(user.auth)).status).toBe(200);
    expect((await nodeA.http().post('/api/auth/logout').set(user.auth)).status).toBe(204);
    expect((await nodeB.http().get('/api/me').set(user.auth)).status).toBe(401);
  });

  it('refuses the other sessions on the other node at once after a password change', async () => {
    const user = await registerUser(nodeA);
    const second = await nodeB.http().post('/api/auth/login').send({ email: user.email, password: user.password });
    const secondAuth = { Authorization: `Bearer ${second.body.accessToken}` };
    expect((await nodeB.http().get('/api/me').set(secondAuth)).status).toBe(200);
    const changed = await nodeA.http().post('/api/me/password').set(user.auth).send({ currentPassword: user.password, newPassword: 'another long password' });
    expect(changed.status).toBe(204);
    expect((await nodeB.http().get('/api/me').set(secondAuth)).status).toBe(401);
    expect((await nodeB.http().get('/api/me').set(user.auth)).status).toBe(200);
  });

  it('disconnects a revoked session connected to the other node', async () => {
    const user = await registerUser(nodeA);
    const socket = await connected(nodeB, user.token);
    const gone = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
    expect((await nodeA.http().post('/api/auth/logout').set(user.auth)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });
});
