/** Typed calls for reports, the moderators' queue, mutes, bans, removals and the audit log (shapes from @circles/shared). */
import type {
  AuditList,
  BanBody,
  CreateReportBody,
  HistoryResponse,
  MuteBody,
  Report,
  ReportList,
  ReportStatus,
  ResolveReportBody,
  Restriction,
  RestrictionList,
} from '@circles/shared';
import { api, query } from './http';

const g = (slug: string) => `/groups/${encodeURIComponent(slug)}`;
const u = (userId: string) => encodeURIComponent(userId);

export const moderationApi = {
  /** Files a report (or, with reason `appeal` about oneself, an appeal). 409 CONFLICT: already reported. */
  report: (body: CreateReportBody) => api.post<Report>('/reports', body),
  /** An appeal of the latest decision about the caller in a group (one per decision). */
  appeal: (slug: string, myId: string, note: string) =>
    api.post<Report>('/reports', { targetType: 'user', targetId: myId, reason: 'appeal', note: note || undefined, groupSlug: slug } satisfies CreateReportBody),
  reports: (slug: string, status: ReportStatus, cursor?: string | null) =>
    api.get<ReportList>(`${g(slug)}/reports${query({ status, cursor, limit: 50 })}`),
  resolve: (id: string, body: ResolveReportBody) => api.post<Report>(`/reports/${encodeURIComponent(id)}/resolve`, body),

  mutes: (slug: string, cursor?: string | null) => api.get<RestrictionList>(`${g(slug)}/mutes${query({ cursor, limit: 50 })}`),
  mute: (slug: string, body: MuteBody) => api.post<Restriction>(`${g(slug)}/mutes`, body),
  unmute: (slug: string, userId: string) => api.del<void>(`${g(slug)}/mutes/${u(userId)}`),
  bans: (slug: string, cursor?: string | null) => api.get<RestrictionList>(`${g(slug)}/bans${query({ cursor, limit: 50 })}`),
  ban: (slug: string, body: BanBody) => api.post<Restriction>(`${g(slug)}/bans`, body),
  unban: (slug: string, userId: string) => api.del<void>(`${g(slug)}/bans/${u(userId)}`),
  /** Removes a member (they may rejoin); `group:removed` reaches them at once. */
  removeMember: (slug: string, userId: string, reason: string) => api.del<void>(`${g(slug)}/members/${u(userId)}`, { reason }),
  /** A moderator deleting someone else's message may say why (its author is told). */
  deleteMessage: (id: string, reason?: string) => api.del<void>(`/messages/${encodeURIComponent(id)}`, reason ? { reason } : undefined),

  auditLog: (slug: string, cursor?: string | null, action?: string) =>
    api.get<AuditList>(`${g(slug)}/audit-log${query({ cursor, action, limit: 50 })}`),

  /** A few messages on each side of a reported one, so the queue shows it in its conversation. */
  neighbours: async (slug: string, messageId: string, each = 2) => {
    const [before, after] = await Promise.all([
      api.get<HistoryResponse>(`${g(slug)}/messages${query({ before: messageId, limit: each })}`),
      api.get<HistoryResponse>(`${g(slug)}/messages${query({ after: messageId, limit: each })}`),
    ]);
    return { before: before.items, after: after.items };
  },
};
