/**
 * Presence and typing: live-only state, never stored.
 *
 * Presence is derived, not tracked: who is online in a group is the set of distinct users whose
 * sockets are in the group's room right now (`fetchSockets`, which asks every node once the Redis
 * adapter is in place). So several tabs of one user count once, a closed tab leaves the others
 * online, and a dropped connection disappears with its socket. Each node watches its own sockets
 * joining and leaving group rooms (including disconnects and `removeUserFromGroup`) and announces the
 * new list to the room, coalescing bursts.
 */
import type { PublicUser } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Namespace } from 'socket.io';
import type { Queryable } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { rooms, type SocketData } from '../../lib/realtime.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { rowsOf } from './rows.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNamespace = Namespace<any, any, any, SocketData>;
type Emitter = { emit: (event: string, payload: unknown) => unknown };
/** Our namespaces are typed for what clients send; these server-side emits are typed by events.ts. */
const emitter = (target: unknown) => target as Emitter;

const GROUP_ROOM_PREFIX = 'group:';
/** How long presence changes are gathered before one announcement (a page reload leaves and rejoins). */
const PRESENCE_COALESCE_MS = 50;

/** The distinct users with a socket in the group's room, on every node, sorted by name. */
export async function onlineUsers(nsp: AnyNamespace, groupId: string, db: Queryable): Promise<PublicUser[]> {
  const sockets = await nsp.in(rooms.group(groupId)).fetchSockets();
  const ids = new Set<string>();
  for (const s of sockets) if (s.data?.userId) ids.add(s.data.userId);
  const users = await loadPublicUsers(db, ids);
  return [...users.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

async function announcePresence(nsp: AnyNamespace, groupId: string, deps: Deps) {
  const [group] = await rowsOf<{ slug: string }>(deps.db, sql`select slug from groups where id = ${groupId}`);
  if (!group) return;
  const online = await onlineUsers(nsp, groupId, deps.db);
  emitter(nsp.to(rooms.group(groupId))).emit('presence', { slug: group.slug, online });
}

const watched = new WeakSet<object>();

/**
 * Starts announcing presence for the namespace's group rooms (once per adapter: installing the Redis
 * adapter later replaces it, and the next connection hooks the new one).
 */
export function watchPresence(nsp: AnyNamespace, deps: Deps): void {
  const adapter = nsp.adapter;
  if (watched.has(adapter)) return;
  watched.add(adapter);
  const pending = new Set<string>();
  const onChange = (room: string) => {
    if (!room.startsWith(GROUP_ROOM_PREFIX) || pending.has(room)) return;
    pending.add(room);
    setTimeout(() => {
      pending.delete(room);
      announcePresence(nsp, room.slice(GROUP_ROOM_PREFIX.length), deps).catch((err: unknown) =>
        deps.log.debug({ err }, 'presence announcement skipped'),
      );
    }, PRESENCE_COALESCE_MS).unref();
  };
  adapter.on('join-room', onChange);
  adapter.on('leave-room', onChange);
}

/** Typing is announced at most once per `intervalMs` per user and group while it stays the same. */
export class TypingThrottle {
  private readonly last = new Map<string, { isTyping: boolean; at: number }>();

  constructor(
    private readonly intervalMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  shouldAnnounce(userId: string, groupId: string, isTyping: boolean): boolean {
    const key = `${userId}:${groupId}`;
    const now = this.now();
    const previous = this.last.get(key);
    // "Stopped typing" matters only after "typing"; a repeat of "typing" only after the interval.
    if (!isTyping && (!previous || !previous.isTyping)) return false;
    if (isTyping && previous?.isTyping && now - previous.at < this.intervalMs) return false;
    this.last.set(key, { isTyping, at: now });
    if (this.last.size > 10_000) {
      for (const [k, v] of this.last) if (now - v.at > this.intervalMs * 30) this.last.delete(k);
    }
    return true;
  }
}

/** Sends `typing` to the others in the room: not back to any of the typist's own tabs. */
export function announceTyping(nsp: AnyNamespace, groupId: string, payload: { slug: string; user: PublicUser; isTyping: boolean }) {
  emitter(nsp.to(rooms.group(groupId)).except(rooms.user(payload.user.id))).emit('typing', payload);
}
