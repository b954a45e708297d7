/** Real socket.io-client connections for realtime tests. */
import type { ClientToServerEvents, ServerToClientEvents } from '@circles/shared';
import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './app.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(t: TestApp, token: string | undefined, options: { autoConnect?: boolean } = {}): TestSocket {
  return io(t.url, {
    path: '/socket.io',
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: options.autoConnect ?? true,
  }) as TestSocket;
}

export function waitForConnect(socket: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export async function connected(t: TestApp, token: string): Promise<TestSocket> {
  const socket = connectSocket(t, token);
  await waitForConnect(socket);
  return socket;
}

/** Emits with an acknowledgement and resolves with the ack (`{ ok, ... }`). */
export function emitAck(socket: TestSocket, event: string, payload: unknown, timeoutMs = 5_000): Promise<any> {
  return (socket.timeout(timeoutMs) as any).emitWithAck(event, payload);
}

/** Resolves with the next `event` whose payload passes `filter`; rejects after `timeoutMs`. */
export function nextEvent<T = any>(socket: TestSocket, event: string, filter: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      (socket as any).off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      (socket as any).off(event, listener);
      resolve(payload);
    };
    (socket as any).on(event, listener);
  });
}

/** Collects every `event` payload until stopped. */
export function collect<T = any>(socket: TestSocket, event: string): { items: T[]; stop: () => void } {
  const items: T[] = [];
  const listener = (payload: T) => items.push(payload);
  (socket as any).on(event, listener);
  return { items, stop: () => (socket as any).off(event, listener) };
}
