/**
 * Groups state shared across pages: the condition catalog (loaded once) and "my groups" with unread
 * counts (the home page, the nav and the group page all read the same list). Joining, leaving or being
 * approved reloads it; the chat can clear or bump a group's unread count in place.
 */
import type { Condition, Message, MyGroup, NotificationPayload } from '@circles/shared';
import { create } from 'zustand';
import { groupsApi } from '../api/groups';
import { fromPrefetch } from '../api/prefetch';
import { whenSocket } from '../api/realtime';
import { useSession } from './session';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface GroupsState {
  conditions: Condition[] | null;
  conditionsError: unknown;
  myGroups: MyGroup[] | null;
  myGroupsStatus: LoadStatus;
  myGroupsError: unknown;
  loadConditions(): Promise<void>;
  /**
   * Fetches "my groups" again (after join, leave, approval, or on demand). With `reuse` (a first look,
   * not a change) a load already on its way will do: on a direct visit the chat and the side list both
   * ask, and the list is fetched once.
   */
  loadMyGroups(options?: { reuse?: boolean }): Promise<void>;
  /** The chat marks a group read. */
  clearUnread(groupId: string): void;
  /** The chat saw a new message from someone else in a group it is not showing. */
  bumpUnread(groupId: string, at?: string): void;
}

let myGroupsRequest = 0;
let myGroupsLoading = false;
let latestMyGroupsLoad: Promise<void> = Promise.resolve();

export const useGroups = create<GroupsState>()((set, get) => ({
  conditions: null,
  conditionsError: null,
  myGroups: null,
  myGroupsStatus: 'idle',
  myGroupsError: null,

  async loadConditions() {
    if (get().conditions) return;
    try {
      set({ conditions: (await groupsApi.conditions()).items, conditionsError: null });
    } catch (err) {
      set({ conditionsError: err });
    }
  },

  async loadMyGroups(options = {}) {
    if (!options.reuse || !myGroupsLoading) {
      const request = ++myGroupsRequest;
      myGroupsLoading = true;
      set((s) => ({ myGroupsStatus: s.myGroups ? s.myGroupsStatus : 'loading', myGroupsError: null }));
      latestMyGroupsLoad = (async () => {
        try {
          // On a reload of a group's chat, the list may have been asked for beside the session check.
          const { items } = await fromPrefetch('/me/groups', () => groupsApi.mine());
          if (request === myGroupsRequest) set({ myGroups: items, myGroupsStatus: 'ready' });
        } catch (err) {
          if (request === myGroupsRequest) set({ myGroupsStatus: 'error', myGroupsError: err });
        } finally {
          if (request === myGroupsRequest) myGroupsLoading = false;
        }
      })();
    }
    // Only the newest load writes the list: when another started meanwhile, settle with it, so whoever
    // awaits this sees the list it brings.
    for (let newest = latestMyGroupsLoad; ; newest = latestMyGroupsLoad) {
      await newest;
      if (latestMyGroupsLoad === newest) break;
    }
  },

  clearUnread(groupId) {
    set((s) => ({ myGroups: s.myGroups?.map((g) => (g.id === groupId ? { ...g, unreadCount: 0 } : g)) ?? null }));
  },

  bumpUnread(groupId, at) {
    set((s) => ({
      myGroups:
        s.myGroups?.map((g) => (g.id === groupId ? { ...g, unreadCount: g.unreadCount + 1, lastMessageAt: at ?? g.lastMessageAt } : g)) ?? null,
    }));
  },
}));

/** Conditions grouped by category, categories and conditions in alphabetical order of the names shown. */
export function conditionsByCategory(
  conditions: Condition[],
  names: { conditionName(c: Condition): string; categoryName(category: string): string } = {
    conditionName: (c) => c.name,
    categoryName: (category) => category,
  },
): Array<{ category: string; conditions: Condition[] }> {
  const map = new Map<string, Condition[]>();
  for (const c of conditions) map.set(c.category, [...(map.get(c.category) ?? []), c]);
  return [...map.entries()]
    .sort(([a], [b]) => names.categoryName(a).localeCompare(names.categoryName(b)))
    .map(([category, list]) => ({
      category,
      conditions: [...list].sort((a, b) => names.conditionName(a).localeCompare(names.conditionName(b))),
    }));
}

/**
 * "My groups" stays true while the app is open: the server sends every new message of a group to its
 * members' sockets on any page, so a message from someone else counts as unread at once (the open
 * chat clears it again as soon as the reader sees it); an approved join request reloads the list, and
 * so does a reconnect (whatever arrived while offline is counted by the server).
 */
let listening = false;
function listenForChanges() {
  if (listening) return;
  listening = true;
  whenSocket((socket) => {
    socket.on('notification:new', ({ notification }: { notification: NotificationPayload }) => {
      if (notification.type === 'join_approved') void useGroups.getState().loadMyGroups();
    });
    // A message may be announced twice (a retried send is announced again, its first announcement may
    // have been lost): count each id once. The last few hundred ids are plenty to tell.
    const counted = new Set<string>();
    socket.on('message:new', ({ message }: { message: Message }) => {
      if (message.author.id === useSession.getState().user?.id || message.deletedAt || counted.has(message.id)) return;
      counted.add(message.id);
      if (counted.size > 500) counted.delete(counted.values().next().value as string);
      useGroups.getState().bumpUnread(message.groupId, message.createdAt);
    });
    let connectedBefore = socket.connected;
    socket.on('connect', () => {
      if (connectedBefore && useGroups.getState().myGroups) void useGroups.getState().loadMyGroups();
      connectedBefore = true;
    });
  });
}
useSession.subscribe((state, previous) => {
  if (state.status === 'signedIn' && previous.status !== 'signedIn') listenForChanges();
  if (state.status === 'signedOut') {
    listening = false;
    // A load still on its way was asked as the person who left: its answer is not shown.
    myGroupsRequest++;
    myGroupsLoading = false;
    useGroups.setState({ myGroups: null, myGroupsStatus: 'idle', myGroupsError: null });
  }
});
if (useSession.getState().status === 'signedIn') listenForChanges();
