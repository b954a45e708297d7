import type { Locale } from '@circles/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { JobRunner } from './jobs/runner.js';
import type { Clock } from './lib/clock.js';
import type { Mailer } from './lib/mailer.js';
import type { Lifecycle } from './lib/lifecycle.js';
import type { Presence } from './lib/presence.js';
import type { ReadGate } from './lib/readGate.js';
import type { SocketCap } from './lib/socketCap.js';
import type { Limits } from './limits.js';
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
  /** Rate limits by name, shared by every node when REDIS_URL is set. */
  limits: Limits;
  /** Who is in which group room, on every node. */
  presence: Presence;
  /** Crowdable reads (history) take a share of the pool through it; the rest stays for writes. */
  reads: ReadGate;
  /** Each person's open sockets against SOCKETS_PER_USER_MAX, on every node with Redis. */
  socketCap: SocketCap;
  /** Draining after SIGTERM, and the socket work under way. */
  lifecycle: Lifecycle;
  /** Password hashing, bounded to spare the event loop's core. */
  passwords: Passwords;
  /** Outgoing email (SMTP, or the log and the development outbox); only background jobs send. */
  mailer: Mailer;
}

export interface Passwords {
  hash(password: string): Promise<string>;
  verify(storedHash: string, password: string): Promise<boolean>;
  /** Verifies against a decoy so an unknown email takes as long as a wrong password. */
  burnDecoy(password: string): Promise<void>;
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
