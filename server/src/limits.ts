/**
 * The application's own rate limits (the REST ones are @fastify/rate-limit's, in plugins/security.ts),
 * by name. `deps.limits.take('messages', userId)` spends one; with REDIS_URL the budgets are shared by
 * every node. A module that needs a new limit adds its rule here, with its setting in config.ts.
 */
import type { Config } from './config.js';
import type { Limiter, LimitRule } from './lib/limiter.js';

export function limitRules(config: Config) {
  return {
    /** Chat sends per person, REST and socket alike: a steady 5 a second passes with the default 50 / 10 s. */
    messages: { limit: config.rateLimits.messagesPer10s, windowMs: 10_000, message: 'messages.tooFast' },
    /** Every socket event a person sends, on all their connections together (the socket's API limit). */
    socketEvents: { limit: config.rateLimits.socketEventsPerMinute, windowMs: 60_000, message: 'errors.rateLimited' },
  } satisfies Record<string, LimitRule>;
}

export type LimitName = keyof ReturnType<typeof limitRules>;
export type Limits = Limiter<LimitName>;
