/**
 * Presence and typing: live-only state, never stored in the database.
 *
 * Who is online in a group is the set of distinct people with a socket in the group's room right now,
 * kept by `deps.presence` (lib/presence.ts: counted per node as sockets join and leave rooms, shared
 * through Redis with several nodes), so several tabs of one person count once, a closed tab leaves
 * the others online, and a dropped connection — or a dead node — disappears with its sockets. Each
 * change is announced to the room, bursts coalesced.
 */
import type { PublicUser } from '@circles/shared';
import { sql } from 'drizzle-orm';
import type { Namespace } from 'socket.io';
import type { Deps } from '../../deps.js';
import { rooms, type SocketData } from '../../lib/realtime.js';
import { loadPublicUsers } from '../accounts/publicUser.js';
import { rowsOf } from './rows.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNamespace = Namespace<any, any, any, SocketData>;
type Emitter = { emit: (event: string, payload: unknown) => unknown };
/** Our namespaces are typed for what clients send; these server-side emits are typed by events.ts. */
const emitter = (target: unknown) => target as Emitter;

/** How long presence changes are gathered before one announcement (a page reload leaves and rejoins). */
const PRESENCE_COALESCE_MS = 50;

/** The distinct people with a socket in the group's room, on every node, sorted by name. */
export async function onlineUsers(groupId: string, deps: Deps): Promise<PublicUser[]> {
  const ids = await deps.presence.usersIn(groupId);
  const users = await loadPublicUsers(deps.db, ids);
  return [...users.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

async function announcePresence(nsp: AnyNamespace, groupId: string, deps: Deps) {
  const [group] = await rowsOf<{ slug: string }>(deps.db, sql`select slug from groups where id = ${groupId}`);
  if (!group) return;
  const online = await onlineUsers(groupId, deps);
  emitter(nsp.to(rooms.group(groupId))).emit('presence', { slug: group.slug, online });
}

/** Announces the online list to a group's room whenever presence there changes (once per app). */
export function announcePresenceChanges(nsp: AnyNamespace, deps: Deps): void {
  const pending = new Set<string>();
  deps.presence.onChange((groupId) => {
    if (pending.has(groupId)) return;
    pending.add(groupId);
    setTimeout(() => {
      pending.delete(groupId);
      announcePresence(nsp, groupId, deps).catch((err: unknown) => deps.log.debug({ err }, 'presence announcement skipped'));
    }, PRESENCE_COALESCE_MS).unref();
  });
}

/**
 * Typing is announced at most once per `intervalMs` per user and group, however the flag is flipped:
 * a "typing" starts at most once per interval (counted from the last announced start, so toggling
 * true/false/true cannot repeat it), and "stopped typing" goes out only after an announced "typing".
 * So a room hears at most two typing events per person and interval. A start that comes too soon
 * (someone sends, then goes on typing) is not lost: it is held and goes out when the interval ends,
 * unless a stop came first. Per node: a person's tabs on two nodes may each announce, which costs a
 * duplicate "typing", nothing more (the socket event budget bounds a flood).
 */
export class TypingThrottle {
  private readonly last = new Map<string, { isTyping: boolean; startedAt: number; held?: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly intervalMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether to announce this flag now. `announceLater` is called instead, once, when a start that
   * came too soon may go out (the interval ended and no stop came meanwhile).
   */
  shouldAnnounce(userId: string, groupId: string, isTyping: boolean, announceLater?: () => void): boolean {
    const key = `${userId}:${groupId}`;
    const now = this.now();
    const previous = this.last.get(key);
    if (!isTyping) {
      if (previous?.held) {
        clearTimeout(previous.held);
        previous.held = undefined;
      }
      // "Stopped typing" matters only after an announced "typing".
      if (!previous?.isTyping) return false;
      this.last.set(key, { isTyping: false, startedAt: previous.startedAt });
      return true;
    }
    if (previous && now - previous.startedAt < this.intervalMs) {
      if (!previous.isTyping && !previous.held && announceLater) {
        previous.held = setTimeout(() => {
          previous.held = undefined;
          this.last.set(key, { isTyping: true, startedAt: this.now() });
          announceLater();
        }, previous.startedAt + this.intervalMs - now);
        previous.held.unref?.();
      }
      return false;
    }
    this.last.set(key, { isTyping: true, startedAt: now });
    if (this.last.size > 10_000) {
      for (const [k, v] of this.last) if (!v.held && now - v.startedAt > this.intervalMs * 30) this.last.delete(k);
    }
    return true;
  }
}

/** Sends `typing` to the others in the room: not back to any of the typist's own tabs. */
export function announceTyping(nsp: AnyNamespace, groupId: string, payload: { slug: string; user: PublicUser; isTyping: boolean }) {
  emitter(nsp.to(rooms.group(groupId)).except(rooms.user(payload.user.id))).emit('typing', payload);
}
