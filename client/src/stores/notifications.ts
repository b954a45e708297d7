/**
 * The bell and the notifications list share one store: the unread count (fetched at sign-in, again after
 * a reconnect or when the tab comes back into view, raised live by `notification:new`), and the list's
 * first pages once the list page has asked for them. Marking read updates both at once.
 */
import type { Notification, NotificationPayload } from '@circles/shared';
import { create } from 'zustand';
import { notificationsApi } from '../api/notifications';
import { fromPrefetch } from '../api/prefetch';
import { whenSocket } from '../api/realtime';
import { useSession } from './session';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
const PAGE = 30;

interface NotificationsState {
  unreadCount: number;
  items: Notification[];
  nextCursor: string | null;
  status: LoadStatus;
  error: unknown;
  loadingMore: boolean;
  /** Asks the server for the unread count (the bell). */
  refreshCount(): Promise<void>;
  /** The list's first page (and the count with it). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** A `notification:new` arrived. */
  received(notification: Notification): void;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
  reset(): void;
}

const initial = { unreadCount: 0, items: [] as Notification[], nextCursor: null, status: 'idle' as LoadStatus, error: null, loadingMore: false };
let countRequest = 0;

export const useNotifications = create<NotificationsState>()((set, get) => ({
  ...initial,

  async refreshCount() {
    const request = ++countRequest;
    try {
      // The first count of a deep link may have been asked for beside the session check.
      const { unreadCount } = await fromPrefetch('/notifications?unread=true&limit=1', () => notificationsApi.list({ unread: true, limit: 1 }));
      if (request === countRequest) set({ unreadCount });
    } catch {
      /* the bell keeps what it had; the list page shows errors */
    }
  },

  async load() {
    set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: null }));
    try {
      ++countRequest;
      const page = await notificationsApi.list({ limit: PAGE });
      set({ items: page.items, nextCursor: page.nextCursor, unreadCount: page.unreadCount, status: 'ready' });
    } catch (err) {
      set({ status: 'error', error: err });
    }
  },

  async loadMore() {
    const { nextCursor, loadingMore } = get();
    if (!nextCursor || loadingMore) return;
    set({ loadingMore: true, error: null });
    try {
      const page = await notificationsApi.list({ limit: PAGE, cursor: nextCursor });
      set((s) => {
        const known = new Set(s.items.map((n) => n.id));
        return { items: [...s.items, ...page.items.filter((n) => !known.has(n.id))], nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (err) {
      set({ loadingMore: false, error: err });
    }
  },

  received(notification) {
    set((s) => {
      if (s.items.some((n) => n.id === notification.id)) return {};
      return {
        unreadCount: s.unreadCount + (notification.readAt ? 0 : 1),
        items: s.status === 'idle' ? s.items : [notification, ...s.items],
      };
    });
  },

  async markRead(id) {
    const target = get().items.find((n) => n.id === id);
    if (target && target.readAt) return;
    const at = new Date().toISOString();
    set((s) => ({
      items: s.items.map((n) => (n.id === id ? { ...n, readAt: at } : n)),
      unreadCount: Math.max(0, s.unreadCount - 1),
    }));
    try {
      await notificationsApi.markRead({ ids: [id] });
    } finally {
      void get().refreshCount();
    }
  },

  async markAllRead() {
    await notificationsApi.markRead({ all: true });
    const at = new Date().toISOString();
    ++countRequest;
    set((s) => ({ items: s.items.map((n) => (n.readAt ? n : { ...n, readAt: at })), unreadCount: 0 }));
  },

  reset() {
    ++countRequest;
    set(initial);
  },
}));

// Signed in: count once, then follow `notification:new` live; count again after a reconnect (what
// arrived meanwhile) and when the tab comes back into view (another tab may have read some).
let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  void useNotifications.getState().refreshCount();
  whenSocket((socket) => {
    socket.on('notification:new', ({ notification }: { notification: NotificationPayload }) => useNotifications.getState().received(notification));
    socket.io.on('reconnect', () => void useNotifications.getState().refreshCount());
  });
}
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && useSession.getState().status === 'signedIn') void useNotifications.getState().refreshCount();
  });
}
useSession.subscribe((state, previous) => {
  if (state.status === 'signedIn' && previous.status !== 'signedIn') listen();
  if (state.status === 'signedOut' && previous.status !== 'signedOut') {
    listening = false;
    useNotifications.getState().reset();
  }
});
if (useSession.getState().status === 'signedIn') listen();
