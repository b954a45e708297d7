/**
 * The socket adapter's one wrapper: validate the payload with the shared schema, run the service with
 * the socket's actor, answer the ack with `{ ok: true, ...result }` or `{ ok: false, error }` (its message
 * in the language the socket connected with: the person's saved locale, else the handshake's Accept-Language).
 * A bad payload or a thrown error never crashes the connection. Each event spends from the person's
 * socket-event budget (RATE_LIMITED past it).
 */
import { socketPayloads, validationMessage, type ClientToServerEvents, type SocketPayloads } from '@circles/shared';
import type { Socket } from 'socket.io';
import type { Actor, Deps } from '../deps.js';
import { msg } from '../i18n/index.js';
import { toAppError, validationError } from './appError.js';
import type { SocketData } from './realtime.js';

export type CirclesSocket = Socket<ClientToServerEvents, Record<string, never>, Record<string, never>, SocketData>;

type EventName = keyof SocketPayloads;
type Handler<E extends EventName> = (actor: Actor, payload: SocketPayloads[E], socket: CirclesSocket) => Promise<object | void>;

export function actorOfSocket(socket: CirclesSocket): Actor {
  return { userId: socket.data.userId, sessionId: socket.data.sessionId, isAdmin: socket.data.isAdmin, locale: socket.data.locale };
}

export function handleEvent<E extends EventName>(socket: CirclesSocket, deps: Deps, event: E, handler: Handler<E>): void {
  const schema = socketPayloads[event];
  (socket.on as (e: string, l: (...args: unknown[]) => void) => void)(event, (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => {};
    // Every event spends from the person's socket budget (all their connections, every node) before
    // anything else, malformed ones too, and counts as work under way, which a draining node lets
    // finish before it closes the socket.
    const work = deps.limits.take('socketEvents', socket.data.userId).then(() => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw validationError(
          parsed.error.issues.map((issue) => {
            const { key, params } = validationMessage(issue);
            return { field: issue.path.join('.') || 'payload', problem: msg(key, params) };
          }),
        );
      }
      return handler(actorOfSocket(socket), parsed.data as SocketPayloads[E], socket);
    });
    deps.lifecycle.track(work).then(
      (result) => reply({ ok: true, ...(result ?? {}) }),
      (err: unknown) => {
        const appError = toAppError(err);
        if (appError.statusCode >= 500) deps.log.error({ err, event }, 'socket event failed');
        reply({ ok: false, error: appError.toAck(socket.data.locale) });
      },
    );
  });
}
