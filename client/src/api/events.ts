/** Typed calls for live events (the contract's "Live events" section; shapes come from @circles/shared). */
import type {
  AskEventQuestionBody,
  CreateLiveEventBody,
  EventQuestion,
  EventQuestionList,
  GroupSettingsResponse,
  LiveEvent,
  LiveEventList,
  TranscriptList,
  UpdateLiveEventBody,
} from '@circles/shared';
import { api, query } from './http';

const e = (id: string) => `/events/${encodeURIComponent(id)}`;
const q = (id: string, qid: string) => `${e(id)}/questions/${encodeURIComponent(qid)}`;

export const eventsApi = {
  listForGroup: (slug: string, when: 'upcoming' | 'past', cursor?: string | null, limit = 10) =>
    api.get<LiveEventList>(`/groups/${encodeURIComponent(slug)}/events${query({ when, cursor, limit })}`),
  mine: (cursor?: string | null, limit = 5) => api.get<LiveEventList>(`/me/events${query({ cursor, limit })}`),
  get: (id: string) => api.get<LiveEvent>(e(id)),
  schedule: (slug: string, body: CreateLiveEventBody) => api.post<LiveEvent>(`/groups/${encodeURIComponent(slug)}/events`, body),
  update: (id: string, body: UpdateLiveEventBody) => api.patch<LiveEvent>(e(id), body),
  cancel: (id: string) => api.post<LiveEvent>(`${e(id)}/cancel`),
  start: (id: string) => api.post<LiveEvent>(`${e(id)}/start`),
  end: (id: string) => api.post<LiveEvent>(`${e(id)}/end`),
  remindMe: (id: string, on: boolean) => (on ? api.put<LiveEvent>(`${e(id)}/reminder`) : api.del<LiveEvent>(`${e(id)}/reminder`)),
  calendarFile: (id: string) => api.blob(`${e(id)}/event.ics`),
  questions: (id: string, status: 'queued' | 'answered', cursor?: string | null) =>
    api.get<EventQuestionList>(`${e(id)}/questions${query({ status, cursor, limit: 100 })}`),
  ask: (id: string, body: AskEventQuestionBody) => api.post<EventQuestion>(`${e(id)}/questions`, body),
  upvote: (id: string, qid: string, on: boolean) => (on ? api.post<EventQuestion>(`${q(id, qid)}/upvote`) : api.del<EventQuestion>(`${q(id, qid)}/upvote`)),
  feature: (id: string, qid: string) => api.post<EventQuestion>(`${q(id, qid)}/feature`),
  markAnswered: (id: string, qid: string) => api.post<EventQuestion>(`${q(id, qid)}/answered`),
  transcript: (id: string, cursor?: string | null) => api.get<TranscriptList>(`${e(id)}/transcript${query({ cursor, limit: 100 })}`),
  setSlowMode: (slug: string, slowModeSeconds: number) =>
    api.put<GroupSettingsResponse>(`/groups/${encodeURIComponent(slug)}/settings`, { slowModeSeconds }),
};
