/**
 * Who is signed in. The access token lives only in memory; the refresh token is an httpOnly cookie the
 * page never sees. Refreshes are serialised across tabs with a Web Lock, because refresh tokens are
 * single-use and two tabs racing with the same cookie would end the session.
 */
import type { AuthResponse, LoginBody, Me, RegisterBody } from '@circles/shared';
import { SESSION_HINT_COOKIE } from '@circles/shared/client';
import { create } from 'zustand';
import { authCalls } from '../api/http';

type Status = 'loading' | 'signedIn' | 'signedOut';

/** A site-wide suspension in force (403 SUSPENDED, connect_error SUSPENDED); reason and end when the server gives them. */
export interface Suspension {
  reason: string | null;
  until: string | null;
}

interface SessionState {
  status: Status;
  user: Me | null;
  accessToken: string | null;
  /** Set while the account is suspended: the layout shows the suspended screen instead of any page. */
  suspended: Suspension | null;
  /**
   * Checks the session (refresh, then /me). `onAccessToken` runs as soon as the refresh has brought a
   * token, once /me is sent and before it answers: a deep link's first data is asked for beside it
   * (api/prefetch.ts).
   */
  bootstrap(options?: { onAccessToken?(token: string): void }): Promise<void>;
  login(body: LoginBody): Promise<void>;
  /** With `inviteCode`, joins the invite's group in the same step; resolves to the join's outcome. */
  register(body: RegisterBody): Promise<AuthResponse['invite']>;
  logout(): Promise<void>;
  /** Returns a fresh access token, or null when the session is over. */
  refreshAccessToken(): Promise<string | null>;
  setUser(user: Me): void;
  signedOut(): void;
  /** The server answered SUSPENDED (`details` may carry `{ reason, until }`). */
  markSuspended(details?: unknown): void;
  /** Asks again whether the account may be used (after a suspension ends); true when it may. */
  recheckSuspension(): Promise<boolean>;
}

function suspensionFrom(details: unknown): Suspension {
  const d = (details && typeof details === 'object' ? details : {}) as { reason?: unknown; until?: unknown };
  return { reason: typeof d.reason === 'string' && d.reason ? d.reason : null, until: typeof d.until === 'string' ? d.until : null };
}

async function suspendedDetails(res: Response): Promise<unknown | false> {
  if (res.status !== 403) return false;
  const error = await authCalls.toApiError(res);
  return error.code === 'SUSPENDED' ? (error.details ?? {}) : false;
}

/** The server's readable hint that a refresh cookie was set (see shared/src/session.ts). */
function mayHaveSession(): boolean {
  if (typeof document === 'undefined') return true;
  return document.cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_HINT_COOKIE}=`));
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
  suspended: null,

  async bootstrap(options = {}) {
    // A signed-out visitor never sends a refresh that can only fail (a 401 in the console on every visit).
    if (!mayHaveSession()) return set({ status: 'signedOut', user: null, accessToken: null });
    const token = await get().refreshAccessToken();
    if (!token) return set({ status: 'signedOut', user: null, accessToken: null });
    const me = authCalls.send('GET', '/me', undefined, token);
    options.onAccessToken?.(token);
    const res = await me;
    if (!res.ok) {
      // A suspended account keeps its session, but may use nothing: no page, no socket.
      const details = await suspendedDetails(res);
      return set({ status: 'signedOut', user: null, accessToken: details === false ? null : token, suspended: details === false ? null : suspensionFrom(details) });
    }
    set({ status: 'signedIn', user: (await res.json()) as Me, accessToken: token, suspended: null });
  },

  async login(body) {
    const res = await authCalls.send('POST', '/auth/login', body, null);
    if (!res.ok) {
      const error = await authCalls.toApiError(res);
      if (error.code === 'SUSPENDED') get().markSuspended(error.details);
      throw error;
    }
    const auth = (await res.json()) as AuthResponse;
    set({ status: 'signedIn', user: auth.user, accessToken: auth.accessToken });
  },

  async register(body) {
    const res = await authCalls.send('POST', '/auth/register', body, null);
    if (!res.ok) throw await authCalls.toApiError(res);
    const auth = (await res.json()) as AuthResponse;
    set({ status: 'signedIn', user: auth.user, accessToken: auth.accessToken });
    return auth.invite;
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
    set({ status: 'signedOut', user: null, accessToken: null, suspended: null });
  },

  markSuspended(details) {
    set({ suspended: suspensionFrom(details) });
  },

  async recheckSuspension() {
    const token = get().accessToken ?? (await get().refreshAccessToken());
    if (!token) {
      get().signedOut();
      return true;
    }
    const res = await authCalls.send('GET', '/me', undefined, token).catch(() => null);
    if (!res) return false;
    if (res.ok) {
      set({ status: 'signedIn', user: (await res.json()) as Me, accessToken: token, suspended: null });
      return true;
    }
    const details = await suspendedDetails(res);
    if (details === false) {
      get().signedOut();
      return true;
    }
    set({ suspended: suspensionFrom(details) });
    return false;
  },
}));

/** True while the signed-in user holds an unexpired clinician badge. */
export const isVerifiedClinician = (user: Me | null) =>
  Boolean(user?.clinician && new Date(user.clinician.expiresAt).getTime() > Date.now());
