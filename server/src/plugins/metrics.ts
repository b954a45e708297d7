/** Prometheus metrics at /metrics: HTTP latency, sockets, messages, database pool. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesSent: Counter;
  socketsConnected: Gauge;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    messagesSent: new Counter({ name: 'circles_messages_sent_total', help: 'Chat messages stored', registers: [registry] }),
    socketsConnected: new Gauge({ name: 'circles_sockets_connected', help: 'Open Socket.IO connections on this node', registers: [registry] }),
  };
}

export const metricsPlugin = fp(async (app: FastifyInstance, opts: { metrics: Metrics; poolStats: () => { total: number; idle: number; waiting: number } | null }) => {
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

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
});
