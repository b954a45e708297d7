import type { Group } from '@circles/shared';
import { useOutletContext } from 'react-router';

/** What GroupPage hands to its tabs (chat, questions, members, manage). */
export interface GroupOutletContext {
  group: Group;
  reload(): Promise<void>;
}

export const useGroupContext = () => useOutletContext<GroupOutletContext>();
