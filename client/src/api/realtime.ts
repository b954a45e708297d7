/**
 * The light door to the Socket.IO connection. socket.io-client (~15 KB gzipped) is not part of the
 * first script: it loads on demand — as soon as someone is signed in, or when a lazily loaded page
 * that imports `./socket` itself (the chat, its outbox) opens. Code in the first script reaches the
 * socket through `whenSocket`; the lazily loaded stores keep calling `getSocket()` synchronously.
 */
import { useSession } from '../stores/session';
import type { CirclesSocket } from './socket';

type SocketModule = typeof import('./socket');

let loaded: SocketModule | null = null;
let loading: Promise<SocketModule> | null = null;

/** Loads the connection module (once); it connects by itself when someone is signed in. */
export function loadSocketModule(): Promise<SocketModule> {
  loading ??= import('./socket').then(
    (module) => (loaded = module),
    (err: unknown) => {
      loading = null; // a failed chunk fetch (offline): the next caller tries again
      throw err;
    },
  );
  return loading;
}

/** Runs `fn` with the shared socket once its module is there. */
export function whenSocket(fn: (socket: CirclesSocket) => void): void {
  loadSocketModule().then(
    (module) => fn(module.getSocket()),
    () => undefined,
  );
}

/** See `reconnectSocket` in ./socket: nothing to do when the connection was never opened. */
export function reconnectSocket(): void {
  loaded?.reconnectSocket();
}

// Signed in: fetch the connection module, which connects at once (suspensions and notifications
// arrive live on every page, not only once the chat has been opened).
useSession.subscribe((state, previous) => {
  if (state.status === 'signedIn' && previous.status !== 'signedIn' && !loaded) void loadSocketModule().catch(() => undefined);
});
