/**
 * Socket.IO connection-state recovery restores a reconnecting socket's rooms and missed packets
 * without the handshake. Circles does not turn it on, but if it ever is, a session is restored only
 * when its person still may have it (moderation/recovery.ts). This runs a second Socket.IO server with
 * recovery on, wired to the test app's services, and drops the transport under a client.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CirclesServer } from '../../server/src/lib/realtime.js';
import { createMessageSocket } from '../../server/src/modules/messages/socket.js';
import { guardRecoveredSessions } from '../../server/src/modules/moderation/recovery.js';
import { installSocketAuth } from '../../server/src/plugins/socket.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createGroup, joinGroup, makeAdmin, registerUser, type TestUser } from '../helpers/factories.js';
import { ban, suspend } from '../helpers/moderation.js';

let t: TestApp;
let http: HttpServer;
let io: CirclesServer;
let url: string;
let owner: TestUser;
const open: Socket[] = [];

beforeAll(async () => {
  t = await startTestApp();
  owner = await registerUser(t);
  http = createServer();
  io = new Server(http, { connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: true } }) as CirclesServer;
  installSocketAuth(io, t.app.deps, [createMessageSocket(io.of('/'), t.app.deps)]);
  guardRecoveredSessions(io, t.app.deps);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(async () => {
  io?.disconnectSockets(true);
  await new Promise((resolve) => io?.close(resolve));
  await t?.close();
});

async function inRoom(user: TestUser, slug: string, groupId: string): Promise<Socket> {
  const s = connect(url, { auth: { token: user.token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 50 });
  open.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  expect(await s.timeout(5_000).emitWithAck('group:join', { slug })).toMatchObject({ ok: true });
  // Recovery needs the offset of a packet received: hear one event first, as a live tab would have.
  const heard = new Promise((resolve) => s.once('presence' as never, resolve));
  (io.to(`group:${groupId}`).emit as (e: string, p: unknown) => void)('presence', { slug, online: [] });
  await heard;
  return s;
}

/** Drops the transport (a network blip), lets `meanwhile` happen while it is down, then waits for the reconnection. */
async function blip(s: Socket, meanwhile: () => Promise<void>): Promise<{ recovered: boolean; missed: unknown[] }> {
  const missed: unknown[] = [];
  s.on('message:new' as never, (p: unknown) => {
    missed.push(p);
  });
  // No automatic reconnection while `meanwhile` runs: on a busy machine it could reconnect before the
  // ban lands (and its 'connect' would fire before anyone listens). The socket reconnects by hand after,
  // carrying its session id and offset as an automatic reconnection would.
  s.io.reconnection(false);
  const down = new Promise((resolve) => s.once('disconnect', resolve));
  s.io.engine.close();
  await down;
  await meanwhile();
  const up = new Promise<void>((resolve) => s.once('connect', () => resolve()));
  s.io.reconnection(true);
  s.connect();
  await up;
  // Replayed packets arrive with the connection; give them a moment.
  await new Promise((r) => setTimeout(r, 100));
  return { recovered: s.recovered, missed };
}

const missedMessage = (groupId: string) => async () => {
  (io.to(`group:${groupId}`).emit as (e: string, p: unknown) => void)('message:new', { message: { body: 'sent while you were away' } });
};

describe('connection-state recovery', () => {
  it('restores a session whose person still has access, with the packets missed meanwhile', async () => {
    const member = await registerUser(t);
    const group = await createGroup(t, owner);
    await joinGroup(t, member, group);
    const s = await inRoom(member, group.slug, group.id);
    const result = await blip(s, missedMessage(group.id));
    expect(result.recovered).toBe(true);
    expect(result.missed).toHaveLength(1);
  });

  it('does not restore a session of someone banned while they were away: no room, no missed packets', async () => {
    const member = await registerUser(t);
    const group = await createGroup(t, owner);
    await joinGroup(t, member, group);
    const s = await inRoom(member, group.slug, group.id);
    const result = await blip(s, async () => {
      await ban(t, owner, group, member);
      await missedMessage(group.id)();
    });
    expect(result.recovered).toBe(false);
    expect(result.missed).toEqual([]);
    expect(await s.timeout(5_000).emitWithAck('group:join', { slug: group.slug })).toMatchObject({ ok: false, error: { code: 'BANNED' } });
  });

  it('does not restore the members’ room of someone who left a public group while away (it still reads the group)', async () => {
    const member = await registerUser(t);
    const group = await createGroup(t, owner);
    await joinGroup(t, member, group);
    const s = await inRoom(member, group.slug, group.id);
    const result = await blip(s, async () => {
      expect((await t.http().post(`/api/groups/${group.slug}/leave`).set(member.auth)).status).toBe(204);
      (io.to(`members:${group.id}`).emit as (e: string, p: unknown) => void)('message:new', { message: { body: 'for members only' } });
    });
    expect(result.recovered).toBe(false);
    expect(result.missed).toEqual([]);
  });

  it('does not restore a suspended person’s session: the reconnection goes through the handshake and is refused', async () => {
    const admin = await makeAdmin(t, await registerUser(t));
    const member = await registerUser(t);
    const group = await createGroup(t, owner);
    await joinGroup(t, member, group);
    const s = await inRoom(member, group.slug, group.id);
    // This server is not the app's: the suspension's own disconnection does not reach it, so its
    // socket lives on until the network blip.
    await suspend(t, admin, member);
    const refused = new Promise<Error>((resolve) => s.once('connect_error', resolve));
    s.io.engine.close();
    expect((await refused).message).toBe('SUSPENDED');
    s.disconnect();
  });
});
