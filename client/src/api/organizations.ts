/** Typed calls for organizations, their staff, and group invite links (shapes come from @circles/shared). */
import type {
  AcceptInviteResponse,
  CreateInviteBody,
  CreateOrganizationBody,
  Invite,
  InviteCard,
  InviteList,
  InviteStaffBody,
  Organization,
  OrganizationList,
  OrganizationPage,
  StaffInvitation,
  StaffInvitationList,
  UpdateOrganizationBody,
} from '@circles/shared';
import { useSession } from '../stores/session';
import { api, ApiError, query, authCalls } from './http';

const o = (slug: string) => `/organizations/${encodeURIComponent(slug)}`;
const i = (code: string) => `/invites/${encodeURIComponent(code)}`;

export const orgsApi = {
  list: (params: { q?: string; verified?: boolean; limit?: number; cursor?: string | null }) =>
    api.get<OrganizationList>(`/organizations${query({ ...params, verified: params.verified ? 'true' : undefined })}`),
  page: (slug: string) => api.get<OrganizationPage>(o(slug)),
  create: (body: CreateOrganizationBody) => api.post<Organization>('/organizations', body),
  update: (slug: string, body: UpdateOrganizationBody) => api.patch<Organization>(o(slug), body),
  inviteStaff: (slug: string, body: Omit<InviteStaffBody, 'role'> & { role: 'admin' | 'staff' }) => api.post<StaffInvitation>(`${o(slug)}/staff`, body),
  pendingStaff: (slug: string) => api.get<StaffInvitationList>(`${o(slug)}/staff?status=pending&limit=100`),
  withdrawInvitation: (slug: string, id: string) => api.del<void>(`${o(slug)}/staff-invitations/${encodeURIComponent(id)}`),
  removeStaff: (slug: string, userId: string) => api.del<void>(`${o(slug)}/staff/${encodeURIComponent(userId)}`),
  myInvitations: () => api.get<StaffInvitationList>('/me/staff-invitations'),
  accept: (slug: string) => api.post<Organization>(`${o(slug)}/staff/accept`),
  decline: (slug: string) => api.post<Organization>(`${o(slug)}/staff/decline`),
};

export const invitesApi = {
  create: (slug: string, body: CreateInviteBody) => api.post<Invite>(`/groups/${encodeURIComponent(slug)}/invites`, body),
  list: (slug: string) => api.get<InviteList>(`/groups/${encodeURIComponent(slug)}/invites?limit=100`),
  revoke: (code: string) => api.del<void>(i(code)),
  card: (code: string) => api.get<InviteCard>(i(code)),
  accept: (code: string) => api.post<AcceptInviteResponse>(`${i(code)}/accept`),
  /** The QR code as an SVG file (moderators): fetched with the access token, handed to the browser as a download. */
  async qrSvg(code: string): Promise<Blob> {
    let token = useSession.getState().accessToken;
    let res = await authCalls.send('GET', `${i(code)}/qr.svg`, undefined, token);
    if (res.status === 401) {
      token = await useSession.getState().refreshAccessToken();
      if (token) res = await authCalls.send('GET', `${i(code)}/qr.svg`, undefined, token);
    }
    if (!res.ok) throw await authCalls.toApiError(res);
    return res.blob();
  },
};

export { ApiError };
