/**
 * Who is signed in. The access token lives only in memory; the refresh token is an httpOnly cookie the
 * page never sees. Refreshes are serialised across tabs with a Web Lock, because refresh tokens are
 * single-use and two tabs racing with the same cookie would end the session.
 */
import type { AuthResponse, LoginBody, Me, RegisterBody } from '@circles/shared';
import { create } from 'zustand';
import { authCalls } from '../api/http';

type Status = 'loading' | 'signedIn' | 'signedOut';

interface SessionState {
  status: Status;
  user: Me | null;
  accessToken: string | null;
  bootstrap(): Promise<void>;
  login(body: LoginBody): Promise<void>;
  register(body: RegisterBody): Promise<void>;
  logout(): Promise<void>;
  /** Returns a fresh access token, or null when the session is over. */
  refreshAccessToken(): Promise<string | null>;
  setUser(user: Me): void;
  signedOut(): void;
}

let inflightRefresh: Promise<string | null> | null = null;

async function callRefresh(): Promise<string | null> {
  const res = await authCalls.send('POST', '/auth/refresh', {}, null);
  if (!res.ok) return null;
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

function withRefreshLock(fn: () => Promise<string | null>): Promise<string | null> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  // The lock is held until fn settles; its result is what request() resolves with.
  return locks.request('circles-refresh', fn) as unknown as Promise<string | null>;
}

export const useSession = create<SessionState>()((set, get) => ({
  status: 'loading',
  user: null,
  accessToken: null,

  async bootstrap() {
    const token = await get().refreshAccessToken();
    if (!token) return set({ status: 'signedOut', user: null, accessToken: null });
    const res = await authCalls.send('GET', '/me', undefined, token);
    if (!res.ok) return set({ status: 'signedOut', user: null, accessToken: null });
    set({ status: 'signedIn', user: (await res.json()) as Me, accessToken: token });
  },

  async login(body) {
    const res = await authCalls.send('POST', '/auth/login', body, null);
    if (!res.ok) throw await authCalls.toApiError(res);
    const auth = (await res.json()) as AuthResponse;
    set({ status: 'signedIn', user: auth.user, accessToken: auth.accessToken });
  },

  async register(body) {
    const res = await authCalls.send('POST', '/auth/register', body, null);
    if (!res.ok) throw await authCalls.toApiError(res);
    const auth = (await res.json()) as AuthResponse;
    set({ status: 'signedIn', user: auth.user, accessToken: auth.accessToken });
  },

  async logout() {
    const token = get().accessToken;
    if (token) await authCalls.send('POST', '/auth/logout', {}, token).catch(() => undefined);
    get().signedOut();
  },

  refreshAccessToken() {
    inflightRefresh ??= withRefreshLock(callRefresh)
      .catch(() => null)
      .then((token) => {
        if (token) set({ accessToken: token });
        return token;
      })
      .finally(() => {
        inflightRefresh = null;
      });
    return inflightRefresh;
  },

  setUser(user) {
    set({ user });
  },

  signedOut() {
    set({ status: 'signedOut', user: null, accessToken: null });
  },
}));

/** True while the signed-in user holds an unexpired clinician badge. */
export const isVerifiedClinician = (user: Me | null) =>
  Boolean(user?.clinician && new Date(user.clinician.expiresAt).getTime() > Date.now());
