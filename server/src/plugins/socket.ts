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
