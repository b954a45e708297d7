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

/**
 * Whether a handshake's `Origin` may open a socket: PUBLIC_ORIGIN, or the origin of the server it
 * reached (same-origin). A page elsewhere must not ride a visitor's cookies on long-polling, nor open
 * sockets from the visitor's browser. No Origin at all is a non-browser client (an app, a script with
 * its own token): nothing ambient to abuse, so allowed.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicOrigin: string | undefined): boolean {
  if (origin === undefined) return true;
  if (publicOrigin !== undefined && origin === publicOrigin) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * `recoveryMs` > 0 turns on connection-state recovery: a transport back within that window gets its
 * rooms and the packets it missed, if its person still may have them (moderation/recovery.ts); later,
 * or refused, it starts afresh. The handshake runs for a restored socket too (`skipMiddlewares: false`):
 * its token is checked again and it counts towards the person's connection cap.
 */
export function createSocketServer(app: FastifyInstance, publicOrigin: string | undefined, lifecycle: Lifecycle, recoveryMs = 0): CirclesServer {
  return new Server(app.server, {
    ...(recoveryMs > 0 ? { connectionStateRecovery: { maxDisconnectionDuration: recoveryMs, skipMiddlewares: false } } : {}),
    path: '/socket.io',
    allowRequest: (req, callback) => {
      // A draining node takes no new connections; the client's reconnection lands on another node.
      if (lifecycle.draining) return callback('draining', false);
      // Defence in depth besides CORS: a foreign Origin is refused before any session exists (403).
      if (!originAllowed(req.headers.origin, req.headers.host, publicOrigin)) return callback('FORBIDDEN', false);
      callback(null, true);
    },
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
      // One person's connections are capped (every node together with Redis). Without Redis the count
      // and the join happen with no await between them, so two handshakes cannot both take the last place.
      // A restored socket (connection-state recovery) is already back in its user room: not counted twice.
      const mine = io.of('/').adapter.rooms.get(rooms.user(actor.userId));
      const openHere = (mine?.size ?? 0) - (mine?.has(socket.id) ? 1 : 0);
      const placed = deps.socketCap.shared ? await deps.socketCap.claim(actor.userId, socket.id, openHere) : openHere < deps.socketCap.max;
      if (!placed) throw new AppError('RATE_LIMITED', 'errors.tooManyConnections');
      if (deps.socketCap.shared) socket.once('disconnect', () => deps.socketCap.release(actor.userId, socket.id));
      await socket.join([rooms.user(actor.userId), rooms.session(actor.sessionId)]);
      await followMyGroups(socket as unknown as CirclesSocket, deps);
    })().then(
      () => next(),
      (err: unknown) => {
        const appError = toAppError(err);
        const passed = appError.code === 'SUSPENDED' || appError.code === 'UNAVAILABLE' || appError.code === 'RATE_LIMITED';
        const message = passed ? appError.code : 'UNAUTHORIZED';
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
