/**
 * Per-user send rate limit: a token bucket holding `perWindow` sends that refills evenly over the
 * window, so a steady 5 messages a second (the contract's floor) passes with the default of 50 per
 * 10 s while a flood is cut off. It counts per server node; across nodes the limit is per node,
 * which still bounds a flood (a user's sockets stick to one node).
 */
import { AppError } from '../../lib/appError.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class SendRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perWindow: number,
    windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perWindow / windowMs;
  }

  /** Takes one send from the user's budget or throws RATE_LIMITED with the seconds to wait. */
  take(userId: string): void {
    const now = this.now();
    const bucket = this.buckets.get(userId) ?? { tokens: this.perWindow, updatedAt: now };
    bucket.tokens = Math.min(this.perWindow, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(userId, bucket);
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000));
      throw new AppError('RATE_LIMITED', 'messages.tooFast', { retryAfter });
    }
    bucket.tokens -= 1;
    this.buckets.set(userId, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
  }

  /** Full buckets carry no information: drop them so the map stays small. */
  private prune(now: number) {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updatedAt) * this.refillPerMs >= this.perWindow) this.buckets.delete(key);
    }
  }
}

const limiters = new WeakMap<object, SendRateLimiter>();

/** One limiter per app (keyed by its config object), shared by REST and socket sends. */
export function sendRateLimiter(config: { rateLimits: { messagesPer10s: number } }): SendRateLimiter {
  let limiter = limiters.get(config);
  if (!limiter) {
    limiter = new SendRateLimiter(config.rateLimits.messagesPer10s);
    limiters.set(config, limiter);
  }
  return limiter;
}
