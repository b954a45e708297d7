/**
 * Groups state shared across pages: the condition catalog (loaded once) and "my groups" with unread
 * counts (the home page, the nav and the group page all read the same list). Joining, leaving or being
 * approved reloads it; the chat can clear or bump a group's unread count in place.
 */
import type { Condition, MyGroup, NotificationPayload } from '@circles/shared';
import { create } from 'zustand';
import { groupsApi } from '../api/groups';
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
  /** Fetches "my groups" again (after join, leave, approval, or on demand). */
  loadMyGroups(): Promise<void>;
  /** The chat marks a group read. */
  clearUnread(groupId: string): void;
  /** The chat saw a new message from someone else in a group it is not showing. */
  bumpUnread(groupId: string, at?: string): void;
}

let myGroupsRequest = 0;

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

  async loadMyGroups() {
    const request = ++myGroupsRequest;
    set((s) => ({ myGroupsStatus: s.myGroups ? s.myGroupsStatus : 'loading', myGroupsError: null }));
    try {
      const { items } = await groupsApi.mine();
      if (request === myGroupsRequest) set({ myGroups: items, myGroupsStatus: 'ready' });
    } catch (err) {
      if (request === myGroupsRequest) set({ myGroupsStatus: 'error', myGroupsError: err });
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

// An approved join request changes "my groups": refresh it as soon as the notification arrives.
let listening = false;
function listenForApprovals() {
  if (listening) return;
  listening = true;
  whenSocket((socket) =>
    socket.on('notification:new', ({ notification }: { notification: NotificationPayload }) => {
      if (notification.type === 'join_approved') void useGroups.getState().loadMyGroups();
    }),
  );
}
useSession.subscribe((state, previous) => {
  if (state.status === 'signedIn' && previous.status !== 'signedIn') listenForApprovals();
  if (state.status === 'signedOut') {
    listening = false;
    useGroups.setState({ myGroups: null, myGroupsStatus: 'idle', myGroupsError: null });
  }
});
if (useSession.getState().status === 'signedIn') listenForApprovals();
