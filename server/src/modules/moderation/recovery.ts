/**
 * Socket.IO connection-state recovery, when it is turned on, restores a reconnecting socket's rooms
 * and replays the packets it missed — without running the handshake middleware again, from state
 * saved before the disconnection. A person banned, removed or suspended while their connection was
 * down would get the room back, and the messages sent meanwhile. So a session is restored only if its
 * person still passes every check now: a live session of a live, unsuspended account, the audience
 * rule for each group room it was in, and active membership for each members' room (the rooms that
 * carry a group's new messages to its members on any page). Otherwise the reconnection starts afresh: through the
 * handshake (UNAUTHORIZED / SUSPENDED), with no rooms, rejoining each through `group:join`.
 */
import type { Deps } from '../../deps.js';
import { groupRoomOf, type CirclesServer, type SocketData } from '../../lib/realtime.js';
import { loadActor } from '../accounts/sessions.js';
import { loadGroupAccessById } from '../groups/access.js';
import { isActiveMember } from '../groups/policy.js';
import { mayReceive } from './audience.js';

/** What the adapter saved of a disconnected socket (socket.io-adapter's Session, the parts read here). */
interface SavedSession {
  data: unknown;
  rooms: string[];
}

type RestoreSession = (pid: string, offset: string) => Promise<SavedSession | null>;

/** True when the saved session's person may still have everything it held. */
export async function mayRestoreSession(session: SavedSession, deps: Deps): Promise<boolean> {
  const data = session.data as Partial<SocketData> | undefined;
  if (!data?.userId || !data.sessionId) return false;
  try {
    const actor = await loadActor(deps, { sub: data.userId, sid: data.sessionId });
    for (const room of session.rooms) {
      const groupRoom = groupRoomOf(room);
      if (!groupRoom) continue;
      const access = await loadGroupAccessById(deps.db, actor, groupRoom.groupId);
      if (!mayReceive(access)) return false;
      if (groupRoom.kind === 'members' && !isActiveMember(access)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Wraps the default namespace's adapter so that only sessions `mayRestoreSession` accepts are restored. */
export function guardRecoveredSessions(io: CirclesServer, deps: Deps): void {
  const adapter = io.of('/').adapter as unknown as { restoreSession: RestoreSession };
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (!session) return session;
    return (await mayRestoreSession(session, deps)) ? session : null;
  };
}
