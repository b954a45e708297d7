/**
 * One shared Socket.IO connection for the whole SPA. Loaded on demand (see ./realtime.ts): only lazily
 * loaded modules import this file directly. It authenticates with the current access token and,
 * when the server refuses an expired one, refreshes it and reconnects.
 */
import type { ClientToServerEvents, ServerToClientEvents } from '@circles/shared';
import { io, type Socket } from 'socket.io-client';
import { useSession } from '../stores/session';

export type CirclesSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: CirclesSocket | null = null;

export function getSocket(): CirclesSocket {
  if (socket) return socket;
  const s: CirclesSocket = io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    autoConnect: false,
    // The token is read at every (re)connect, so a refreshed one is used.
    auth: (cb) => cb({ token: useSession.getState().accessToken }),
  });
  s.on('connect_error', async (err) => {
    if (err.message === 'SUSPENDED') return useSession.getState().markSuspended();
    if (err.message !== 'UNAUTHORIZED') return;
    const token = await useSession.getState().refreshAccessToken();
    if (token) setTimeout(() => s.connect(), 250);
    else useSession.getState().signedOut();
  });
  // A suspension takes effect live: the server says so, then drops the connection.
  s.on('group:removed', ({ reason }) => {
    if (reason === 'suspended') useSession.getState().markSuspended();
  });
  // The server ends a connection when access ends (suspension, revoked session): connect once more to
  // learn why — the handshake answers SUSPENDED or UNAUTHORIZED, handled above.
  let lastServerDrop = 0;
  s.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect' || Date.now() - lastServerDrop < 5_000) return;
    lastServerDrop = Date.now();
    setTimeout(() => {
      if (socket === s && useSession.getState().status === 'signedIn' && !useSession.getState().suspended) s.connect();
    }, 500);
  });
  // The device says its network is gone (a phone entering a tunnel): drop the transport now, so the chat
  // says "Reconnecting…" at once rather than when the heartbeat gives up (up to 45 s), and the client
  // keeps retrying until the network is back.
  window.addEventListener('offline', () => {
    if (socket === s && s.connected) s.io.engine.close();
  });
  socket = s;
  if (useSession.getState().accessToken && !useSession.getState().suspended) s.connect();
  return s;
}

/**
 * Reconnects (when connected): the server words acknowledgements in the language it learns at
 * connect time, so a language change takes effect on a fresh connection. The chat catches up as
 * after any reconnect.
 */
export function reconnectSocket(): void {
  if (!socket?.connected) return;
  socket.disconnect();
  socket.connect();
}

// Connect when signed in, drop the connection at sign-out.
useSession.subscribe((state, previous) => {
  if (state.status === 'signedIn' && previous.status !== 'signedIn') connectSoon();
  // A lifted suspension: connect again (a page that rejoins its room catches up as after any reconnect).
  if (state.status === 'signedIn' && previous.suspended && !state.suspended) getSocket().connect();
  if (state.status === 'signedOut' && socket) {
    socket.disconnect();
    socket = null;
  }
});

// Loaded after the sign-in (./realtime.ts fetches it then, or a page that needs it opened): connect now.
if (useSession.getState().status === 'signedIn') getSocket();

/**
 * Connects in a task of its own, just after the one that signed in: opening the connection (the manager,
 * the transport, the handshake request) is ~20 ms of main thread on a phone, and the sign-in's task
 * also starts the first render. A page that needs the socket before then (the chat's outbox) still gets
 * it at once through `getSocket()`.
 */
function connectSoon(): void {
  setTimeout(() => {
    if (useSession.getState().status === 'signedIn') getSocket().connect();
  }, 0);
}
