/**
 * The optional Redis connection (REDIS_URL). With it, Socket.IO broadcasts cross nodes through the
 * Redis Streams adapter and rate limits are counted in Redis so they hold across nodes. Without it, one
 * node runs alone.
 *
 * Two connections: one for commands (rate limits, presence, readiness), whose every command is bounded
 * by `commandTimeoutMs` — a frozen Redis must not hold a request behind a rate limit — and one the
 * adapter owns (its blocking stream reads wait seconds by design, so its bound is longer).
 */
import { Redis } from 'ioredis';

export function createRedis(url: string, options: { commandTimeoutMs: number; autoPipelining?: boolean }): Redis {
  return new Redis(url, {
    // Fail fast when Redis is down instead of queueing requests forever; callers fail open or answer 503.
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    commandTimeout: options.commandTimeoutMs,
    enableAutoPipelining: options.autoPipelining ?? true,
    lazyConnect: false,
  });
}

/** How long the adapter blocks on each stream read, and the bound on its commands (well above it). */
export const ADAPTER_BLOCK_MS = 5_000;
export const ADAPTER_COMMAND_TIMEOUT_MS = ADAPTER_BLOCK_MS + 5_000;
