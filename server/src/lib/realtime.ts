/**
 * The broadcast port services use. It names audiences (a group's room, one user, one session) rather
 * than sockets, so the same calls reach every node once the Socket.IO Redis adapter is plugged in.
 */
import type { ClientToServerEvents, Locale, ServerToClientEvents } from '@circles/shared';
import type { Server } from 'socket.io';
import type { Presence } from './presence.js';

export type EventName = keyof ServerToClientEvents;
export type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface SocketData {
  userId: string;
  sessionId: string;
  isAdmin: boolean;
  /** The language of ack error messages, fixed at connect (the SPA reconnects after a change). */
  locale: Locale;
}

export type CirclesServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const GROUP_ROOM = 'group:';
const MEMBERS_ROOM = 'members:';

export const rooms = {
  group: (groupId: string) => `${GROUP_ROOM}${groupId}`,
  /**
   * A group's active members' sockets, whatever page they have open: new messages reach them here so
   * their unread counts move live. Not a presence room (presence counts `group:` rooms only).
   */
  members: (groupId: string) => `${MEMBERS_ROOM}${groupId}`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};

/** Which group a room belongs to, and whether it is its live room or its members' room; null for other rooms. */
export function groupRoomOf(room: string): { groupId: string; kind: 'group' | 'members' } | null {
  if (room.startsWith(GROUP_ROOM)) return { groupId: room.slice(GROUP_ROOM.length), kind: 'group' };
  if (room.startsWith(MEMBERS_ROOM)) return { groupId: room.slice(MEMBERS_ROOM.length), kind: 'members' };
  return null;
}

/** What a node tells the others when sessions or users change under them. */
export interface Invalidation {
  sessionIds?: string[];
  userIds?: string[];
}

export interface Realtime {
  toGroup<E extends EventName>(groupId: string, event: E, payload: EventPayload<E>): void;
  /** To the group's room and to every socket of its active members (a new message: unread counts). */
  toGroupAndMembers<E extends EventName>(groupId: string, event: E, payload: EventPayload<E>): void;
  toUser<E extends EventName>(userId: string, event: E, payload: EventPayload<E>): void;
  /** Every socket of a user now follows a group they became an active member of (joined, approved, invited). */
  followGroup(userId: string, groupId: string): Promise<void>;
  /** Removes every socket of a user from a group's room and its members' room (left, banned, removed). */
  removeUserFromGroup(userId: string, groupId: string): Promise<void>;
  disconnectSession(sessionId: string): Promise<void>;
  disconnectUser(userId: string): Promise<void>;
  /** The distinct users with a socket in a group's room, on every node. */
  usersInGroup(groupId: string): Promise<Set<string>>;
  /** The groups whose rooms any socket of a user is in, on every node. */
  groupsOfUser(userId: string): Promise<Set<string>>;
  /**
   * Drops cached sessions/users on this node and waits (briefly) for every other node to do the same,
   * so a revoked token is refused everywhere by the time the revoking request answers.
   */
  invalidate(change: Invalidation): Promise<void>;
}

const INVALIDATE_EVENT = 'circles:invalidate';

export function createRealtime(
  io: CirclesServer,
  options: { clustered: boolean; presence: Presence; onInvalidate: (change: Invalidation) => void },
): Realtime {
  if (options.clustered) {
    (io.on as (event: string, listener: (change: Invalidation, ack?: () => void) => void) => void)(INVALIDATE_EVENT, (change, ack) => {
      options.onInvalidate(change);
      ack?.();
    });
  }
  return {
    toGroup(groupId, event, payload) {
      (io.to(rooms.group(groupId)).emit as (e: string, p: unknown) => void)(event, payload);
    },
    toGroupAndMembers(groupId, event, payload) {
      // One emit to both rooms: a socket in both (the open chat of a member) gets it once.
      (io.to([rooms.group(groupId), rooms.members(groupId)]).emit as (e: string, p: unknown) => void)(event, payload);
    },
    toUser(userId, event, payload) {
      (io.to(rooms.user(userId)).emit as (e: string, p: unknown) => void)(event, payload);
    },
    async followGroup(userId, groupId) {
      io.in(rooms.user(userId)).socketsJoin(rooms.members(groupId));
    },
    async removeUserFromGroup(userId, groupId) {
      io.in(rooms.user(userId)).socketsLeave([rooms.group(groupId), rooms.members(groupId)]);
    },
    async disconnectSession(sessionId) {
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
    async disconnectUser(userId) {
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    // From presence, kept as rooms change: no round of every node (which would also wait out a dead one).
    usersInGroup: (groupId) => options.presence.usersIn(groupId),
    groupsOfUser: (userId) => options.presence.groupsOf(userId),
    async invalidate(change) {
      options.onInvalidate(change);
      if (!options.clustered) return;
      const acked = (io.serverSideEmitWithAck as (e: string, c: Invalidation) => Promise<unknown>).call(io, INVALIDATE_EVENT, change);
      try {
        await Promise.race([acked, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000).unref())]);
      } catch {
        acked.catch(() => {});
        // A node that did not answer in time still drops the entry when its short TTL runs out.
      }
    },
  };
}
