/**
 * A consumer that stops reading (a frozen tab, a phone whose radio went quiet with the TCP connection
 * still open) makes everything sent to it pile up in this process: Engine.IO's write buffer and the
 * WebSocket's send buffer grow with every broadcast to its rooms. Each node therefore looks at its own
 * sockets every `intervalMs`: one whose backlog has stayed above `stallBytes` (or any unsent packets)
 * for `stallMs`, or whose backlog passes `maxBytes` at any time, is cut off — its transport destroyed,
 * not closed politely (a close would wait for the very backlog that is stuck). Memory held for it is
 * released at once; if the client wakes up it sees a dropped transport, reconnects and catches up over
 * REST, as after any other drop.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CirclesServer } from './realtime.js';

export interface StalledSocketOptions {
  stallMs: number;
  intervalMs?: number;
  /** Backlog that counts as not reading (bytes in the WebSocket's send buffer). */
  stallBytes?: number;
  /** Backlog cut off at once. */
  maxBytes?: number;
  /** Unsent Engine.IO packets cut off at once. */
  maxPackets?: number;
  log: FastifyBaseLogger;
  onCut?: () => void;
}

interface EngineSocketView {
  writeBuffer: unknown[];
  transport: { name: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
}

/** What this node holds for its sockets that they have not taken yet. */
export interface Backlog {
  /** In the WebSockets' send buffers. */
  bytes: number;
  /** Queued in Engine.IO before them. */
  packets: number;
}

export interface StalledSocketWatch {
  stop(): void;
  /**
   * What the last look found held for the sockets it kept (the `circles_socket_backlog_*` gauges): the
   * watch walks every socket anyway, so a scrape reads its sums (at most `intervalMs` old) instead of
   * walking them again.
   */
  backlog(): Backlog;
}

export function watchStalledSockets(io: CirclesServer, options: StalledSocketOptions): StalledSocketWatch {
  const stallBytes = options.stallBytes ?? 256 * 1024;
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const maxPackets = options.maxPackets ?? 2_000;
  const since = new Map<string, number>();
  let held: Backlog = { bytes: 0, packets: 0 };

  const timer = setInterval(() => {
    const now = Date.now();
    const seen = new Set<string>();
    const total: Backlog = { bytes: 0, packets: 0 };
    for (const socket of io.of('/').sockets.values()) {
      const conn = socket.conn as unknown as EngineSocketView;
      const bytes = conn.transport.socket?.bufferedAmount ?? 0;
      const packets = conn.writeBuffer.length;
      if (bytes >= stallBytes || packets > 0) {
        seen.add(socket.id);
        const first = since.get(socket.id) ?? now;
        since.set(socket.id, first);
        if (bytes >= maxBytes || packets >= maxPackets || now - first >= options.stallMs) {
          options.log.warn({ userId: socket.data.userId, backlogBytes: bytes, backlogPackets: packets, stalledMs: now - first }, 'cutting off a socket that stopped reading');
          since.delete(socket.id);
          options.onCut?.();
          const ws = conn.transport.socket;
          if (conn.transport.name === 'websocket' && ws?.terminate) ws.terminate();
          else conn.close(true);
          continue;
        }
      }
      total.bytes += bytes;
      total.packets += packets;
    }
    for (const id of since.keys()) if (!seen.has(id)) since.delete(id);
    held = total;
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer), backlog: () => held };
}
