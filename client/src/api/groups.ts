/** Typed calls for conditions, groups and membership (shapes come from @circles/shared). */
import type {
  Condition,
  CreateGroupBody,
  Group,
  GroupList,
  GroupSettingsResponse,
  JoinRequest,
  JoinRequestList,
  Member,
  MemberList,
  MembershipResponse,
  MembershipRole,
  MyGroupList,
  UpdateGroupBody,
  UpdateSettingsBody,
} from '@circles/shared';
import { api, query } from './http';

const g = (slug: string) => `/groups/${encodeURIComponent(slug)}`;

export interface GroupSearch {
  q?: string;
  condition?: string;
  category?: string;
  organization?: string;
  cursor?: string | null;
  limit?: number;
}

export const groupsApi = {
  conditions: () => api.get<{ items: Condition[] }>('/conditions'),
  list: (params: GroupSearch) => api.get<GroupList>(`/groups${query({ ...params })}`),
  get: (slug: string) => api.get<Group>(g(slug)),
  create: (body: CreateGroupBody) => api.post<Group>('/groups', body),
  update: (slug: string, body: UpdateGroupBody) => api.patch<Group>(g(slug), body),
  /** A private group's request may carry a note for its moderators. */
  join: (slug: string, note?: string) => api.post<MembershipResponse>(`${g(slug)}/join`, note ? { note } : undefined),
  leave: (slug: string) => api.post<void>(`${g(slug)}/leave`),
  members: (slug: string, cursor?: string | null) => api.get<MemberList>(`${g(slug)}/members${query({ cursor, limit: 50 })}`),
  requests: (slug: string, cursor?: string | null) => api.get<JoinRequestList>(`${g(slug)}/requests${query({ cursor, limit: 50 })}`),
  approve: (slug: string, userId: string) => api.post<Member>(`${g(slug)}/requests/${encodeURIComponent(userId)}/approve`),
  deny: (slug: string, userId: string) => api.post<void>(`${g(slug)}/requests/${encodeURIComponent(userId)}/deny`),
  setRole: (slug: string, userId: string, role: MembershipRole) =>
    api.put<Member>(`${g(slug)}/members/${encodeURIComponent(userId)}/role`, { role }),
  settings: (slug: string) => api.get<GroupSettingsResponse>(`${g(slug)}/settings`),
  saveSettings: (slug: string, body: UpdateSettingsBody) => api.put<GroupSettingsResponse>(`${g(slug)}/settings`, body),
  mine: () => api.get<MyGroupList>('/me/groups'),
};

export type { JoinRequest };
