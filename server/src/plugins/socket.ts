/**
 * Socket.IO on the same port as the API. The handshake checks the access token and its session exactly
 * like REST; each socket joins its user's and session's rooms so that sign-out, password change and
 * moderation can reach or disconnect it on any node.
 */
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { Deps } from '../deps.js';
import type { Lifecycle } from '../lib/lifecycle.js';
import { localeOf } from '../i18n/index.js';
import { AppError, toAppError } from '../lib/appError.js';
import { rooms, type CirclesServer } from '../lib/realtime.js';
import type { CirclesSocket } from '../lib/socketEvents.js';
import { loadActor } from '../modules/accounts/sessions.js';
import { activeGroupIds } from '../modules/groups/membership.js';

/** Largest socket frame accepted: a 4000-character message in any script fits with room to spare. */
export const MAX_SOCKET_FRAME_BYTES = 64 * 1024;

export function createSocketServer(app: FastifyInstance, publicOrigin: string | undefined, lifecycle: Lifecycle): CirclesServer {
  return new Server(app.server, {
    path: '/socket.io',
    // A draining node takes no new connections; the client's reconnection lands on another node.
    allowRequest: (_req, callback) => callback(lifecycle.draining ? 'draining' : null, !lifecycle.draining),
    maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    cors: publicOrigin ? { origin: [publicOrigin], credentials: true } : undefined,
    serveClient: false,
  }) as CirclesServer;
}

export type SocketModule = (socket: CirclesSocket, deps: Deps) => void;

export function installSocketAuth(io: CirclesServer, deps: Deps, modules: SocketModule[]) {
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    (async () => {
      if (typeof token !== 'string' || token.length === 0) throw new AppError('UNAUTHORIZED', 'auth.signIn');
      const claims = deps.tokens.verify(token);
      const actor = await loadActor(deps, claims);
      socket.data = { userId: actor.userId, sessionId: actor.sessionId, isAdmin: actor.isAdmin, locale: localeOf({ actor, headers: socket.handshake.headers }) };
      await socket.join([rooms.user(actor.userId), rooms.session(actor.sessionId)]);
      await followMyGroups(socket as unknown as CirclesSocket, deps);
    })().then(
      () => next(),
      (err: unknown) => {
        const appError = toAppError(err);
        const message = appError.code === 'SUSPENDED' || appError.code === 'UNAVAILABLE' ? appError.code : 'UNAUTHORIZED';
        next(Object.assign(new Error(message), { data: { code: message } }));
      },
    );
  });

  io.on('connection', (socket) => {
    for (const register of modules) register(socket as unknown as CirclesSocket, deps);
  });
}

/**
 * Before the connection is announced, a socket follows the groups its person is an active member of
 * (their members' rooms), so a new message there reaches any page they have open and unread counts
 * move live. A membership that ends meanwhile (a ban committing between the read and the join, whose
 * eviction found this socket in the user room but not yet in the group's) is judged again once in.
 */
async function followMyGroups(socket: CirclesSocket, deps: Deps): Promise<void> {
  const userId = socket.data.userId;
  const groupIds = await activeGroupIds(deps.db, userId);
  if (groupIds.length === 0) return;
  await socket.join(groupIds.map(rooms.members));
  const still = new Set(await activeGroupIds(deps.db, userId));
  await Promise.all(groupIds.filter((id) => !still.has(id)).map((id) => socket.leave(rooms.members(id))));
}
