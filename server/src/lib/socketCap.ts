/**
 * How many Socket.IO connections one person may hold at once (SOCKETS_PER_USER_MAX), on every node
 * together. A person has a few tabs and devices; hundreds of sockets are a script holding server memory
 * and fan-out hostage, so the handshake past the cap is refused (`connect_error` RATE_LIMITED).
 *
 * Without Redis the node's own count is the whole truth: the sockets in the person's user room here.
 * With Redis each person has a sorted set of socket ids scored by an expiry time (Redis's clock); a
 * claim drops expired entries, counts and adds in one script, so concurrent handshakes on two nodes
 * cannot both take the last place. Each node renews the entries of its live sockets; a node that dies
 * stops renewing and its entries lapse within the TTL instead of holding places forever. If Redis
 * cannot be reached, the node falls back to its own count (as the rate limits let people through).
 */
import type { Redis } from 'ioredis';

/** An entry lives this long unless its node renews it. */
const ENTRY_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;

export interface SocketCapOptions {
  max: number;
  redis: Redis | null;
  prefix: string;
  onError?: (err: unknown) => void;
}

// KEYS[1]: the person's set. ARGV: max, ttl ms, socket id. Returns 1 if the place was taken, 0 if full.
const CLAIM_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

// KEYS[1]: the person's set. ARGV: ttl ms, then socket ids still open on the calling node.
const RENEW_SCRIPT = `
local t = redis.call('TIME')
local until_ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', until_ms, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 0
`;

type RedisWithCap = Redis & {
  circlesClaimSocket(key: string, max: number, ttlMs: number, socketId: string): Promise<number>;
  circlesRenewSockets(key: string, ttlMs: number, ...socketIds: string[]): Promise<number>;
};

export class SocketCap {
  readonly max: number;
  private readonly redis: RedisWithCap | null;
  private readonly keys: string;
  private renewTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SocketCapOptions) {
    this.max = options.max;
    this.keys = `${options.prefix}sockets:user:`;
    const redis = options.redis;
    if (redis && !('circlesClaimSocket' in redis)) {
      redis.defineCommand('circlesClaimSocket', { numberOfKeys: 1, lua: CLAIM_SCRIPT });
      redis.defineCommand('circlesRenewSockets', { numberOfKeys: 1, lua: RENEW_SCRIPT });
    }
    this.redis = redis as RedisWithCap | null;
  }

  /** Whether the count spans every node (Redis) or only this one. */
  get shared(): boolean {
    return this.redis !== null;
  }

  /**
   * Takes a place for `socketId`, or answers false past the cap. `localCount`: the person's sockets
   * already open on this node (the whole count without Redis, the fallback when it is away).
   */
  async claim(userId: string, socketId: string, localCount: number): Promise<boolean> {
    if (!this.redis) return localCount < this.max;
    try {
      return (await this.redis.circlesClaimSocket(this.keys + userId, this.max, ENTRY_TTL_MS, socketId)) === 1;
    } catch (err) {
      this.options.onError?.(err);
      return localCount < this.max;
    }
  }

  /** Gives the place back when the socket closes. */
  release(userId: string, socketId: string): void {
    this.redis?.zrem(this.keys + userId, socketId).catch((err: unknown) => this.options.onError?.(err));
  }

  /** Renews this node's entries regularly; `openSockets` lists the node's sockets and their people. */
  start(openSockets: () => Iterable<{ socketId: string; userId: string }>): void {
    if (!this.redis || this.renewTimer) return;
    const redis = this.redis;
    this.renewTimer = setInterval(() => {
      const byUser = new Map<string, string[]>();
      for (const { socketId, userId } of openSockets()) {
        const ids = byUser.get(userId) ?? [];
        ids.push(socketId);
        byUser.set(userId, ids);
      }
      if (byUser.size === 0) return;
      const batch = redis.pipeline();
      // Queued on the pipeline; the results (and any error) arrive through exec() below.
      for (const [userId, ids] of byUser) void (batch as unknown as RedisWithCap).circlesRenewSockets(this.keys + userId, ENTRY_TTL_MS, ...ids);
      batch.exec().catch((err: unknown) => this.options.onError?.(err));
    }, RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  stop(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }
}
