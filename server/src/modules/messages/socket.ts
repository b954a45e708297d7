/**
 * Socket.IO adapter for chat: each event is validated with the shared schema by `handleEvent` and calls
 * the same service function as its REST route. Room membership (which groups this socket listens
 * to) and presence are transport concerns and live here and in presence.ts.
 */
import type { PublicUser } from '@circles/shared';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/appError.js';
import { rooms } from '../../lib/realtime.js';
import { handleEvent, type CirclesSocket } from '../../lib/socketEvents.js';
import { loadPublicUser } from '../accounts/publicUser.js';
import type { SocketModule } from '../../plugins/socket.js';
import { withSafety } from '../moderation/crisisResources.js';
import { announcePresenceChanges, announceTyping, onlineUsers, TypingThrottle } from './presence.js';
import { authorizeRoom, deleteMessage, editMessage, markRead, sendMessage, setReaction } from './service.js';

/** The chat socket module of one app: its typing throttle and presence announcements are that app's. */
export function createMessageSocket(nsp: Parameters<typeof announcePresenceChanges>[0], deps: Deps): SocketModule {
  const typing = new TypingThrottle();
  announcePresenceChanges(nsp, deps);
  return (socket) => messageSocket(socket, deps, typing);
}

function messageSocket(socket: CirclesSocket, deps: Deps, typing: TypingThrottle): void {
  const nsp = socket.nsp;

  /** The groups this socket subscribed to, by the slug it used: slug → { id, canonical slug }. */
  const joined = new Map<string, { groupId: string; slug: string }>();
  let self: PublicUser | null = null;

  handleEvent(socket, deps, 'group:join', async (actor, payload) => {
    const room = await authorizeRoom(actor, payload, deps);
    await socket.join(rooms.group(room.groupId));
    // A ban or removal that committed between the check and the join evicted before this socket was
    // in the room: judge again now that it is, so such a socket cannot stay.
    await authorizeRoom(actor, payload, deps).catch(async (err: unknown) => {
      await socket.leave(rooms.group(room.groupId));
      throw err;
    });
    joined.set(payload.slug, room);
    return { online: await onlineUsers(room.groupId, deps) };
  });

  handleEvent(socket, deps, 'group:leave', async (_actor, payload) => {
    const room = joined.get(payload.slug);
    if (room) {
      joined.delete(payload.slug);
      await socket.leave(rooms.group(room.groupId));
    }
  });

  // The author's ack carries the crisis notice in the language the socket connected with, as errors do.
  handleEvent(socket, deps, 'message:send', async (actor, payload) => {
    const { message, crisis } = await sendMessage(actor, payload, deps);
    return withSafety({ message }, crisis, deps.config, socket.data.locale);
  });

  handleEvent(socket, deps, 'message:edit', async (actor, payload) => {
    const { message, crisis } = await editMessage(actor, payload, deps);
    return withSafety({ message }, crisis, deps.config, socket.data.locale);
  });

  handleEvent(socket, deps, 'message:delete', async (actor, payload) => {
    await deleteMessage(actor, payload, deps);
  });

  handleEvent(socket, deps, 'reaction:add', async (actor, payload) => setReaction(actor, { ...payload, add: true }, deps));
  handleEvent(socket, deps, 'reaction:remove', async (actor, payload) => setReaction(actor, { ...payload, add: false }, deps));

  handleEvent(socket, deps, 'read', async (actor, payload) => {
    await markRead(actor, payload, deps);
  });

  // Typing is for readers who opened the room: a socket removed from it (left, banned) stops at once.
  handleEvent(socket, deps, 'typing', async (actor, payload) => {
    const room = joined.get(payload.slug);
    if (!room || !socket.rooms.has(rooms.group(room.groupId))) {
      throw new AppError('FORBIDDEN', 'messages.openChatFirst');
    }
    self ??= await loadPublicUser(deps.db, actor.userId);
    const announce = () => {
      // Held starts go out only while this socket still reads the room.
      if (self && socket.connected && socket.rooms.has(rooms.group(room.groupId))) {
        announceTyping(nsp, room.groupId, { slug: room.slug, user: self, isTyping: payload.isTyping });
      }
    };
    if (typing.shouldAnnounce(actor.userId, room.groupId, payload.isTyping, announce)) announce();
  });
}
