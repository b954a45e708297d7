/** Security headers, CORS limited to PUBLIC_ORIGIN, rate limits and load shedding. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { AppError } from '../lib/appError.js';

/**
 * The security headers of every response (helmet's, with a CSP the built SPA satisfies). `scriptHashes`:
 * the built page's own inline scripts, allowed by hash (see inlineScriptHashes in ./spa.ts).
 */
export function securityHeadersOf(config: Config, scriptHashes: string[] = []): Record<string, string> {
  return headersOf({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...scriptHashes],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': config.publicOrigin?.startsWith('https:') ? [] : null,
      },
    },
    // The SPA and /docs load only same-origin resources.
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * Security headers on every response, errors included: registered before authentication, whose
 * refusals would otherwise answer before the headers were set.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { headers: Record<string, string> }) => {
  const { headers } = opts;
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
});

export const securityPlugin = fp(async (app: FastifyInstance, opts: { config: Config; redis: Redis | null; prefix: string }) => {
  const { config } = opts;
  await app.register(cors, {
    // Same-origin requests need no CORS; other origins only when they are the configured public one.
    origin: config.publicOrigin ? [config.publicOrigin] : false,
    credentials: true,
  });

  await app.register(rateLimit, {
    global: true,
    max: config.rateLimits.apiPerMinute,
    // Shared counters across nodes when Redis is configured; if Redis is briefly away, let requests through.
    // (Per-route limits such as sign-in's use the same store under their own key.)
    ...(opts.redis ? { redis: opts.redis, skipOnError: true, nameSpace: `${opts.prefix}rl:` } : {}),
    timeWindow: 60_000,
    // After authentication, so a clinic's patients behind one address each get their own budget.
    hook: 'preHandler',
    keyGenerator: (request) => (request.actor ? `user:${request.actor.userId}` : `ip:${request.ip}`),
    allowList: (request) => request.url === '/api/health' || request.url === '/api/ready' || request.url === '/metrics',
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', 'errors.rateLimited', {
        retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });

  await app.register(underPressure, {
    maxEventLoopDelay: config.overloadEventLoopDelayMs,
    exposeStatusRoute: false,
    pressureHandler: (_request, reply) => {
      reply.header('Retry-After', '5');
      throw new AppError('UNAVAILABLE', 'errors.overloaded', { retryAfter: 5 });
    },
  });
});

/**
 * The headers helmet sets, computed once: none of ours depend on the request (no nonces), and
 * building helmet's middleware and its CSP per request (as @fastify/helmet does) showed up in profiles.
 */
export function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    removeHeader: (name: string) => void delete headers[name],
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
