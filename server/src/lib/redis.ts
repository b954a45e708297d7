/**
 * The optional Redis connection (REDIS_URL). With it, Socket.IO broadcasts cross nodes through the
 * Redis Streams adapter (which rides out short Redis outages without losing broadcasts) and rate
 * limits are counted in Redis so they hold across nodes. Without it, one node runs alone.
 */
import { Redis } from 'ioredis';

export function createRedis(url: string): Redis {
  return new Redis(url, {
    // Fail fast when Redis is down instead of queueing requests forever; callers answer 503.
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    enableAutoPipelining: true,
    lazyConnect: false,
  });
}
