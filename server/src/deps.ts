import type { Locale } from '@circles/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { JobRunner } from './jobs/runner.js';
import type { Clock } from './lib/clock.js';
import type { Realtime } from './lib/realtime.js';
import type { ActorCache } from './modules/accounts/actorCache.js';

/** What every service function receives besides the actor and its input. */
export interface Deps {
  db: Db;
  database: Database;
  config: Config;
  realtime: Realtime;
  log: FastifyBaseLogger;
  tokens: AccessTokens;
  actorCache: ActorCache;
  /** Business time: expiries, reminders, mutes. Tests move it forward. */
  clock: Clock;
  /** Time-driven work that survives restarts and runs once across nodes. */
  jobs: JobRunner;
}

export interface AccessClaims {
  /** user id */
  sub: string;
  /** session id */
  sid: string;
}

/** Short-lived access JWTs (signed and verified by @fastify/jwt, algorithm pinned). */
export interface AccessTokens {
  sign(claims: AccessClaims): string;
  /** Throws UNAUTHORIZED for a missing, malformed, forged or expired token. */
  verify(token: string): AccessClaims;
}

/** The signed-in caller, as loaded from a valid, unrevoked session. */
export interface Actor {
  userId: string;
  sessionId: string;
  isAdmin: boolean;
  /** The language the person chose; null or absent: follow their browser (Accept-Language). */
  locale?: Locale | null;
}
