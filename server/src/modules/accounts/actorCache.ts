/**
 * A short-lived, per-node memory of valid sessions, so an authenticated request does not cost a
 * database round trip. Correctness does not rest on the TTL: every revocation (sign-out, password
 * change, reuse detection, deletion, suspension) drops the entries here and, through the Socket.IO
 * adapter, on every other node before the revoking request answers. The TTL only bounds staleness if
 * a node missed that message.
 */
import type { Actor } from '../../deps.js';

interface Entry {
  actor: Actor;
  /** When the account's suspension ends (ms; Infinity: until lifted), or null when not suspended. */
  suspendedUntil: number | null;
  expiresAt: number;
}

export class ActorCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 50_000,
  ) {}

  get(sessionId: string, userId: string): Entry | null {
    const entry = this.entries.get(sessionId);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now() || entry.actor.userId !== userId) {
      this.entries.delete(sessionId);
      return null;
    }
    return entry;
  }

  set(actor: Actor, suspendedUntil: number | null): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(actor.sessionId, {
      actor,
      suspendedUntil,
      expiresAt: Date.now() + this.ttlMs,
    });
  }

  dropSessions(sessionIds: Iterable<string>): void {
    for (const id of sessionIds) this.entries.delete(id);
  }

  dropUsers(userIds: Iterable<string>): void {
    const users = new Set(userIds);
    if (users.size === 0) return;
    for (const [sid, entry] of this.entries) if (users.has(entry.actor.userId)) this.entries.delete(sid);
  }
}
