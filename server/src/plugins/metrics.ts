/**
 * Prometheus metrics at /metrics: HTTP latency, sockets, messages, database pool. They say how busy
 * the service is and when people use it, so in production they are not public: served on their own
 * listener (METRICS_PORT, kept on the private network) or behind a bearer token (METRICS_TOKEN), and
 * answered 404 otherwise, as if there were nothing there.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Backlog } from '../lib/stalledSockets.js';
import { AppError } from '../lib/appError.js';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesSent: Counter;
  socketsConnected: Gauge;
  /** Sockets cut off for not reading (lib/stalledSockets.ts). */
  socketsCut: Counter;
  /** The separate metrics listener (METRICS_PORT in production), once the app listens. */
  listener: Server | null;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    messagesSent: new Counter({ name: 'circles_messages_sent_total', help: 'Chat messages stored', registers: [registry] }),
    socketsConnected: new Gauge({ name: 'circles_sockets_connected', help: 'Open Socket.IO connections on this node', registers: [registry] }),
    socketsCut: new Counter({ name: 'circles_sockets_cut_total', help: 'Sockets cut off on this node because they stopped reading', registers: [registry] }),
    listener: null,
  };
}

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Who may read /metrics on the app's own port (see Config.metrics). */
function mayReadMetrics(config: Config, authorization: string | undefined): boolean {
  const { token, port } = config.metrics;
  if (config.env === 'production' && port !== undefined) return false;
  if (token !== undefined) return bearerMatches(authorization, token);
  return config.env !== 'production';
}

export const metricsPlugin = fp(async (app: FastifyInstance, opts: { config: Config; metrics: Metrics; poolStats: () => { total: number; idle: number; waiting: number } | null; socketBacklog: () => Backlog }) => {
  const { config } = opts;
  const { registry } = opts.metrics;
  const httpDuration = new Histogram({
    name: 'circles_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'circles_db_pool_connections',
    help: 'PostgreSQL pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = opts.poolStats();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  // What clients have not taken yet: bytes in the WebSockets' send buffers, and packets queued in
  // Engine.IO before them. A consumer that stops reading shows here until it is cut off.
  new Gauge({
    name: 'circles_socket_backlog_bytes',
    help: 'Bytes in this node\'s WebSocket send buffers that clients have not read yet',
    registers: [registry],
    collect() {
      this.set(opts.socketBacklog().bytes);
    },
  });
  new Gauge({
    name: 'circles_socket_backlog_packets',
    help: 'Engine.IO packets queued on this node for clients that have not taken them yet',
    registers: [registry],
    collect() {
      this.set(opts.socketBacklog().packets);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(config, request.headers.authorization)) {
      throw new AppError('NOT_FOUND', 'errors.noRoute', { params: { method: request.method, path: '/metrics' } });
    }
    reply.header('Cache-Control', 'no-store');
    reply.type(registry.contentType);
    return registry.metrics();
  });

  // In production with METRICS_PORT: a listener of its own that serves nothing else, opened and closed with the app.
  const port = config.metrics.port;
  if (config.env === 'production' && port !== undefined) {
    app.addHook('onListen', async () => {
      const listener = createServer((req, res) => {
        if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
          res.writeHead(404).end();
          return;
        }
        registry.metrics().then(
          (text) => res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(text),
          () => res.writeHead(500).end(),
        );
      });
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(port, config.host, () => resolve());
      });
      opts.metrics.listener = listener;
      app.log.info({ port: (listener.address() as { port: number }).port }, 'metrics listening');
    });
    app.addHook('onClose', async () => {
      const listener = opts.metrics.listener;
      if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
    });
  }
});
