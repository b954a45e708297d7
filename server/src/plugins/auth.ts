/**
 * Authentication for REST: every /api route needs a valid access token for a live session unless its
 * route config says `public: true`. The loaded actor is available as `request.actor`.
 */
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessClaims, AccessTokens, Actor } from '../deps.js';
import { AppError } from '../lib/appError.js';
import { loadActor } from '../modules/accounts/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every authenticated route; absent on public ones. */
    actor: Actor | null;
    /** Gives back the read gate's slot this request holds (routes with `readGate`). */
    leaveReadGate: (() => void) | null;
  }
  interface FastifyContextConfig {
    /** No access token needed (sign-up, sign-in, health, the catalog). */
    public?: boolean;
    /**
     * Open to everyone, signed out too, but a presented token is checked (and the actor set), so a
     * signed-in caller sees their own standing (a group's cards, an organization's page).
     */
    optionalAuth?: boolean;
    /**
     * A read that can come in crowds (history pages): the whole request, session lookup included,
     * runs inside the read gate (lib/readGate.ts), or answers 503 UNAVAILABLE after DB_READ_WAIT_MS.
     */
    readGate?: boolean;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

export const REFRESH_COOKIE = 'circles_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

export function createAccessTokens(app: FastifyInstance): AccessTokens {
  return {
    sign: (claims) => app.jwt.sign({ sub: claims.sub, sid: claims.sid }),
    verify: (token) => {
      try {
        const claims = app.jwt.verify<AccessClaims>(token);
        if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw new Error('claims');
        return { sub: claims.sub, sid: claims.sid };
      } catch {
        throw new AppError('UNAUTHORIZED', 'auth.sessionEnded');
      }
    },
  };
}

/** The actor of a route open to everyone (`optionalAuth`): null when signed out. */
export const maybeActorOf = (request: FastifyRequest): Actor | null => request.actor;

/** The actor of an authenticated route. Throws if a route forgot to require authentication. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHORIZED', 'auth.signIn');
  return request.actor;
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { secret: string; accessTtlSeconds: number }) => {
  await app.register(cookie);
  await app.register(jwt, {
    secret: opts.secret,
    sign: { algorithm: 'HS256', expiresIn: opts.accessTtlSeconds },
    verify: { algorithms: ['HS256'] },
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('leaveReadGate', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.is404 || request.routeOptions.config?.public) return;
    // A CORS preflight never carries credentials (browsers send none); @fastify/cors answers it.
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) return;
    const header = request.headers.authorization;
    if (!header && request.routeOptions.config?.optionalAuth) return;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError('UNAUTHORIZED', 'auth.signIn');
    const claims = app.deps.tokens.verify(match[1]);
    // The token is checked first (no query): only signed-in callers wait for, and take, a slot.
    if (request.routeOptions.config?.readGate) request.leaveReadGate = await app.deps.reads.enter();
    request.actor = await loadActor(app.deps, claims);
  });

  // The slot is given back once the answer is ready (all its queries done), or at the latest when the
  // response ends: a client that gives up early does not free a slot its query still uses.
  const leaveReadGate = async (request: FastifyRequest) => {
    request.leaveReadGate?.();
  };
  app.addHook('onSend', leaveReadGate);
  app.addHook('onResponse', leaveReadGate);

  // Authenticated answers are personal: never let a shared cache keep them.
  app.addHook('onSend', async (request, reply) => {
    if (request.headers.authorization || request.actor) reply.header('Cache-Control', 'no-store');
  });
});
