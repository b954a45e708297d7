/**
 * Who has a socket in which group room, on every node, kept as it changes so that a join costs O(1)
 * work instead of a round of every node (`fetchSockets`).
 *
 * Each node counts its own sockets per (group, user) from its adapter's join-room / leave-room events
 * (joins, leaves, disconnects and `socketsLeave` from any node all pass there). Only a count going
 * 0 → 1 or 1 → 0 is written, so several tabs of one person cost nothing more. With Redis:
 *
 *   <prefix>presence:group:<groupId>   hash  "<node>|<user>"  → 1   who is in a group (presence, evictions)
 *   <prefix>presence:user:<userId>     hash  "<node>|<group>" → 1   which groups a person is in (suspensions)
 *   <prefix>presence:node:<node>       set   "<group>|<user>"       what a node holds, to clean up after it
 *   <prefix>presence:alive:<node>      string with a TTL a node renews (its heartbeat)
 *   <prefix>presence:nodes             set of the nodes that wrote anything
 *
 * A node that stops cleanly removes its entries; one that dies (SIGKILL, a lost machine) stops renewing
 * its heartbeat and the first survivor to notice removes them and announces the groups it touched.
 * Without Redis the node's own counts are the whole truth, as with one node alone.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface PresenceOptions {
  redis: Redis | null;
  prefix: string;
  /** How often a node renews its heartbeat and looks for dead nodes; a node is dead after 3 missed beats. */
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

type ChangeListener = (groupId: string) => void;

/** The adapter events presence listens to (Socket.IO's in-memory and cluster adapters emit them). */
export interface RoomEvents {
  on(event: 'join-room' | 'leave-room', listener: (room: string, socketId: string) => void): unknown;
  off(event: 'join-room' | 'leave-room', listener: (room: string, socketId: string) => void): unknown;
}

const GROUP_ROOM = 'group:';

// Removes a dead node's entries once: SREM decides which survivor does it, and it alone announces.
const REAP_SCRIPT = `
local prefix = ARGV[1]
local node = ARGV[2]
if redis.call('EXISTS', prefix .. 'alive:' .. node) == 1 then return {} end
if redis.call('SREM', prefix .. 'nodes', node) == 0 then return {} end
local held = redis.call('SMEMBERS', prefix .. 'node:' .. node)
local groups = {}
local seen = {}
for _, pair in ipairs(held) do
  local sep = string.find(pair, '|', 1, true)
  local group = string.sub(pair, 1, sep - 1)
  local user = string.sub(pair, sep + 1)
  redis.call('HDEL', prefix .. 'group:' .. group, node .. '|' .. user)
  redis.call('HDEL', prefix .. 'user:' .. user, node .. '|' .. group)
  if not seen[group] then seen[group] = true; table.insert(groups, group) end
end
redis.call('DEL', prefix .. 'node:' .. node)
return groups
`;

type RedisWithReap = Redis & { circlesReapPresence(prefix: string, node: string): Promise<string[]> };

export class Presence {
  readonly nodeId = randomUUID();
  /** groupId → userId → this node's sockets of that person in the group's room. */
  private readonly local = new Map<string, Map<string, number>>();
  /** socketId → userId, for the sockets in at least one group room (a leave must find its person). */
  private readonly socketUsers = new Map<string, { userId: string; rooms: number }>();
  private readonly listeners: ChangeListener[] = [];
  private readonly redis: RedisWithReap | null;
  private readonly keys: string;
  private readonly heartbeatMs: number;
  private heartbeat: NodeJS.Timeout | null = null;
  private detach: (() => void) | null = null;
  private stopped = false;
  private registered = false;
  /** The latest write, so reads from this node see its own joins (commands on one connection run in order). */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PresenceOptions) {
    this.redis = options.redis as RedisWithReap | null;
    this.keys = `${options.prefix}presence:`;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    if (options.redis && !('circlesReapPresence' in options.redis)) {
      options.redis.defineCommand('circlesReapPresence', { numberOfKeys: 0, lua: REAP_SCRIPT });
    }
  }

  /** Whether presence spans every node (Redis) or only this one. */
  get shared(): boolean {
    return this.redis !== null;
  }

  /** Called with a group id whenever someone appears or disappears there (on this node, or a dead node's). */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Follows a namespace's adapter. `userOf` names the person behind a socket id at the moment it joins.
   * Call again after replacing the adapter (only the latest one is followed).
   */
  async attach(adapter: RoomEvents, userOf: (socketId: string) => string | undefined): Promise<void> {
    this.detach?.();
    const onJoin = (room: string, socketId: string) => {
      if (!room.startsWith(GROUP_ROOM) || this.stopped) return;
      const userId = userOf(socketId);
      if (!userId) return;
      const entry = this.socketUsers.get(socketId) ?? { userId, rooms: 0 };
      entry.rooms++;
      this.socketUsers.set(socketId, entry);
      this.count(room.slice(GROUP_ROOM.length), userId, +1);
    };
    const onLeave = (room: string, socketId: string) => {
      if (!room.startsWith(GROUP_ROOM) || this.stopped) return;
      const entry = this.socketUsers.get(socketId);
      if (!entry) return;
      if (--entry.rooms <= 0) this.socketUsers.delete(socketId);
      this.count(room.slice(GROUP_ROOM.length), entry.userId, -1);
    };
    adapter.on('join-room', onJoin);
    adapter.on('leave-room', onLeave);
    this.detach = () => {
      adapter.off('join-room', onJoin);
      adapter.off('leave-room', onLeave);
    };
    if (this.redis && !this.heartbeat) {
      await this.beat();
      this.heartbeat = setInterval(() => void this.beat().then(() => this.reapDeadNodes()), this.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  /** The distinct people with a socket in a group's room, on every node. */
  async usersIn(groupId: string): Promise<Set<string>> {
    if (!this.redis) return new Set(this.local.get(groupId)?.keys() ?? []);
    await this.pending;
    const fields = await this.redis.hkeys(`${this.keys}group:${groupId}`);
    return new Set(fields.map((f) => f.slice(f.indexOf('|') + 1)));
  }

  /** The groups whose rooms any socket of a person is in, on every node. */
  async groupsOf(userId: string): Promise<Set<string>> {
    if (!this.redis) {
      const groups = new Set<string>();
      for (const [groupId, users] of this.local) if (users.has(userId)) groups.add(groupId);
      return groups;
    }
    await this.pending;
    const fields = await this.redis.hkeys(`${this.keys}user:${userId}`);
    return new Set(fields.map((f) => f.slice(f.indexOf('|') + 1)));
  }

  /**
   * Leaves the cluster cleanly: this node's entries are removed (it is shutting down and its sockets
   * are gone or going), and the groups they were in are announced so others see them go.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.detach?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
    const groups = [...this.local.keys()];
    if (this.redis) {
      try {
        await this.pending;
        const pipeline = this.redis.multi();
        for (const [groupId, users] of this.local) {
          for (const userId of users.keys()) {
            pipeline.hdel(`${this.keys}group:${groupId}`, `${this.nodeId}|${userId}`);
            pipeline.hdel(`${this.keys}user:${userId}`, `${this.nodeId}|${groupId}`);
          }
        }
        pipeline.del(`${this.keys}node:${this.nodeId}`, `${this.keys}alive:${this.nodeId}`);
        pipeline.srem(`${this.keys}nodes`, this.nodeId);
        await pipeline.exec();
      } catch (err) {
        // The survivors clean up after a missed heartbeat instead.
        this.options.onError?.(err);
      }
    }
    this.local.clear();
    this.socketUsers.clear();
    for (const groupId of groups) this.emit(groupId);
  }

  /** Removes what dead nodes left behind; returns how many it cleaned up. Runs on every heartbeat. */
  async reapDeadNodes(): Promise<number> {
    if (!this.redis || this.stopped) return 0;
    try {
      const nodes = (await this.redis.smembers(`${this.keys}nodes`)).filter((n) => n !== this.nodeId);
      if (nodes.length === 0) return 0;
      const alive = await this.redis.exists(...nodes.map((n) => `${this.keys}alive:${n}`));
      if (alive === nodes.length) return 0;
      let reaped = 0;
      for (const node of nodes) {
        const groups = await this.redis.circlesReapPresence(this.keys, node);
        if (groups.length > 0) reaped++;
        for (const groupId of groups) this.emit(groupId);
      }
      return reaped;
    } catch (err) {
      this.options.onError?.(err);
      return 0;
    }
  }

  private async beat(): Promise<void> {
    if (!this.redis || this.stopped) return;
    try {
      const results = await this.redis
        .multi()
        .set(`${this.keys}alive:${this.nodeId}`, '1', 'PX', this.heartbeatMs * 3)
        .sadd(`${this.keys}nodes`, this.nodeId)
        .exec();
      const added = results?.[1]?.[1] === 1;
      // Back in the set after having been in it: this node stalled past its heartbeat and a survivor
      // removed its entries. Write them again, since its sockets are in fact still here.
      if (added && this.registered) {
        for (const [groupId, users] of this.local) for (const userId of users.keys()) this.write(groupId, userId, true);
      }
      this.registered = true;
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  private count(groupId: string, userId: string, delta: 1 | -1): void {
    let users = this.local.get(groupId);
    if (!users) this.local.set(groupId, (users = new Map()));
    const before = users.get(userId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) {
      users.delete(userId);
      if (users.size === 0) this.local.delete(groupId);
    } else users.set(userId, after);
    if ((before === 0) === (after === 0)) return;
    if (this.redis) this.write(groupId, userId, after > 0);
    this.emit(groupId);
  }

  private write(groupId: string, userId: string, present: boolean): void {
    const redis = this.redis!;
    const groupKey = `${this.keys}group:${groupId}`;
    const userKey = `${this.keys}user:${userId}`;
    const nodeKey = `${this.keys}node:${this.nodeId}`;
    const multi = redis.multi();
    if (present) {
      multi.hset(groupKey, `${this.nodeId}|${userId}`, '1').hset(userKey, `${this.nodeId}|${groupId}`, '1').sadd(nodeKey, `${groupId}|${userId}`);
    } else {
      multi.hdel(groupKey, `${this.nodeId}|${userId}`).hdel(userKey, `${this.nodeId}|${groupId}`).srem(nodeKey, `${groupId}|${userId}`);
    }
    this.pending = multi.exec().catch((err: unknown) => this.options.onError?.(err));
  }

  private emit(groupId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(groupId);
      } catch (err) {
        this.options.onError?.(err);
      }
    }
  }
}
