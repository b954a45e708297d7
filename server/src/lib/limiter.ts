/**
 * The application's rate limits (chat sends, socket events, and any a module adds), one object in
 * `Deps`. Each limit is a token bucket: `limit` takes in a burst, refilled evenly over `windowMs`, so a
 * steady pace under the limit always passes while a flood is cut off.
 *
 * With REDIS_URL the buckets live in Redis (one Lua script, Redis's own clock), so a limit holds across
 * every node: a person whose sockets sit on two nodes, or who switches node after a restart, gets one
 * budget, not one per node. Without it they live in this process, which is exact for one node alone.
 * The REST limits (sign-in, API) are @fastify/rate-limit's, on the same Redis connection and prefix.
 */
import type { Redis } from 'ioredis';
import type { MessageKey } from '../i18n/index.js';
import { AppError } from './appError.js';

export interface LimitRule {
  /** Sends (or events) allowed in a burst, and per window on average. */
  limit: number;
  windowMs: number;
  /** What the person reads when refused. */
  message: MessageKey;
}

export interface Limiter<Name extends string = string> {
  /** Whether the buckets are shared by every node (Redis) or this process's own. */
  readonly shared: boolean;
  /** Takes one from `key`'s budget under the rule, or throws RATE_LIMITED with the seconds to wait. */
  take(name: Name, key: string): Promise<void>;
}

interface BucketStore {
  readonly shared: boolean;
  /** 0 when a token was taken; otherwise the milliseconds until one is available. */
  take(bucket: string, limit: number, windowMs: number): Promise<number>;
}

export function createLimiter<Name extends string>(
  rules: Record<Name, LimitRule>,
  store: { redis: Redis | null; prefix: string; onError?: (err: unknown) => void },
): Limiter<Name> {
  const buckets: BucketStore = store.redis ? new RedisBuckets(store.redis, `${store.prefix}limit:`, store.onError) : new MemoryBuckets();
  return {
    shared: buckets.shared,
    async take(name, key) {
      const rule = rules[name];
      const waitMs = await buckets.take(`${name}:${key}`, rule.limit, rule.windowMs);
      if (waitMs > 0) throw new AppError('RATE_LIMITED', rule.message, { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
    },
  };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** One node alone: buckets in a map, full ones pruned so it stays small. */
export class MemoryBuckets implements BucketStore {
  readonly shared = false;
  private readonly buckets = new Map<string, Bucket & { windowMs: number; limit: number }>();

  constructor(private readonly now: () => number = () => performance.timeOrigin + performance.now()) {}

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    return this.takeNow(key, limit, windowMs);
  }

  takeNow(key: string, limit: number, windowMs: number): number {
    const now = this.now();
    const rate = limit / windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: limit, updatedAt: now, windowMs, limit };
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.updatedAt) * rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / rate);
    bucket.tokens -= 1;
    if (this.buckets.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number) {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updatedAt) * (b.limit / b.windowMs) >= b.limit) this.buckets.delete(key);
    }
  }
}

// A bucket is a hash { t: tokens, u: last update in ms } that expires once it would be full again.
// TIME is Redis's clock, so nodes whose clocks disagree still share one refill rate.
const TAKE_SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = limit / window
local state = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then tokens = limit; updated = now end
tokens = math.min(limit, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens < 1 then
  wait = math.ceil((1 - tokens) / rate)
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'u', tostring(now))
redis.call('PEXPIRE', KEYS[1], window + 1000)
return wait
`;

type RedisWithTake = Redis & { circlesTakeToken(key: string, limit: number, windowMs: number): Promise<number> };

/** Every node: buckets in Redis, taken atomically by one script. */
class RedisBuckets implements BucketStore {
  readonly shared = true;
  private readonly redis: RedisWithTake;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    if (!('circlesTakeToken' in redis)) redis.defineCommand('circlesTakeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as RedisWithTake;
  }

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    try {
      return Number(await this.redis.circlesTakeToken(this.prefix + key, limit, windowMs));
    } catch (err) {
      // Like the REST limits: a brief Redis outage lets people through rather than stopping the chat.
      this.onError(err);
      return 0;
    }
  }
}
