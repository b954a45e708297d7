import { useEffect, useRef } from 'react';
import { getSocket } from '../api/socket';

/**
 * Subscribes this socket to a group's live room while `enabled` (and again after each reconnect, when
 * `onReconnect` catches up on what was missed); leaves it when the screen goes away.
 */
export function useGroupRoom(slug: string, enabled: boolean, onReconnect?: () => void) {
  const reconnect = useRef(onReconnect);
  useEffect(() => {
    reconnect.current = onReconnect;
  });
  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const join = () => socket.emit('group:join', { slug }, () => undefined);
    const onConnect = () => {
      join();
      reconnect.current?.();
    };
    socket.on('connect', onConnect);
    if (socket.connected) join();
    return () => {
      socket.off('connect', onConnect);
      if (socket.connected) socket.emit('group:leave', { slug }, () => undefined);
    };
  }, [slug, enabled]);
}
