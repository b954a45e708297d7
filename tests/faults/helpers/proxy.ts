/**
 * A TCP proxy the fault suites put between the nodes and a private PostgreSQL or Redis, to make the
 * network misbehave on cue:
 *
 *   pass        bytes flow both ways (new connections are dialled to the target)
 *   blackhole   every connection stays open and silent: nothing forwarded either way, new ones are
 *               accepted and never answered (a hung server, a lost route — the kind of fault that no
 *               error ever reports, only timeouts)
 *   cut()       destroys every connection now (RST), as a crash of the far side would; the mode stays
 *   trap(text)  the next connection whose outgoing bytes contain `text` forwards them, then hears nothing
 *               more: the statement runs (and commits) on the server, its answer is lost on the way back
 *
 * In blackhole mode bytes are swallowed, not delivered late; going back to `pass` resets the connections
 * that hung (both ends would have given up on them), and new ones flow again.
 */
import net from 'node:net';

export type ProxyMode = 'pass' | 'blackhole';

export interface TcpProxy {
  readonly port: number;
  readonly mode: ProxyMode;
  /** Connections open right now (client side). */
  readonly connections: number;
  setMode(mode: ProxyMode): void;
  /** Resets every open connection. */
  cut(): void;
  /** Resolves once a connection has sent `marker` and gone silent (see above). */
  trap(marker: string): Promise<void>;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
  /** Held while black-holed. */
  held: boolean;
}

export async function startProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const pairs = new Set<Pair>();
  let trap: { marker: string; sprung: () => void } | null = null;

  const destroy = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream?.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    client.on('error', () => {});
    const pair: Pair = { client, upstream: null, held: mode === 'blackhole' };
    pairs.add(pair);
    client.on('close', () => destroy(pair));
    if (pair.held) {
      // Accepted, then silence: the caller's connect succeeds and its first query never returns.
      client.pause();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => destroy(pair));
    upstream.on('close', () => destroy(pair));
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.on('data', (chunk: Buffer) => {
      if (mode !== 'pass' || pair.held) return;
      upstream.write(chunk);
      if (trap && chunk.includes(trap.marker)) {
        pair.held = true;
        trap.sprung();
        trap = null;
      }
    });
    upstream.on('data', (chunk) => {
      if (mode === 'pass' && !pair.held) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get mode() {
      return mode;
    },
    get connections() {
      return pairs.size;
    },
    setMode(next) {
      if (next === mode) return;
      if (next === 'blackhole') {
        for (const pair of pairs) pair.held = true;
      } else {
        // What was held is gone: a connection that hung this long is dead to both ends.
        for (const pair of [...pairs]) if (pair.held) destroy(pair);
      }
      mode = next;
    },
    cut() {
      for (const pair of [...pairs]) destroy(pair);
    },
    trap(marker) {
      return new Promise((resolve) => (trap = { marker, sprung: resolve }));
    },
    async close() {
      for (const pair of [...pairs]) destroy(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
