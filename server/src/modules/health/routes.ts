import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/appError.js';

/** Liveness (the process answers) and readiness (not draining; its database, and Redis when configured, answer). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const status = z.object({ status: z.string() });
  app.get('/api/health', { config: { public: true }, schema: { operationId: 'getHealth', tags: ['operations'], summary: 'Liveness: 200 while the process lives', security: [], response: { 200: status } } }, async () => ({
    status: 'ok',
  }));

  app.get('/api/ready', { config: { public: true }, schema: { operationId: 'getReadiness', tags: ['operations'], summary: 'Readiness: 200 while the database (and Redis) answer and the node is not shutting down, else 503', security: [], response: { 200: status } } }, async () => {
    // A node shutting down says so at once, so a balancer sends new work elsewhere while it drains.
    if (app.deps.lifecycle.draining) throw new AppError('UNAVAILABLE', 'errors.shuttingDown', { retryAfter: 1 });
    try {
      await withTimeout(app.deps.database.ping(), 2_000);
      if (app.readinessChecks) for (const check of app.readinessChecks) await withTimeout(check(), 2_000);
    } catch {
      throw new AppError('UNAVAILABLE', 'errors.dependencyDown', { retryAfter: 5 });
    }
    return { status: 'ready' };
  });
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}
