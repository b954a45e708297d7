/**
 * The typed API client. Sends the access token, refreshes it silently once on a 401, and turns every
 * error answer into an ApiError carrying the contract's stable `code`.
 */
import type { ErrorCode, WireError } from '@circles/shared';
import { currentLocale, i18n } from '../i18n';
import { useSession } from '../stores/session';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK_ERROR';
  readonly details: unknown;
  readonly retryAfter: number | null;
  constructor(status: number, code: ErrorCode | 'NETWORK_ERROR', message: string, details?: unknown, retryAfter: number | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
  /** Field → message, for forms. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as Array<{ field?: string; message?: string }>) {
        const field = d.field?.split('.').slice(1).join('.') ?? '';
        if (field && d.message && !out[field]) out[field] = d.message;
      }
    }
    return out;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body: unknown, token: string | null): Promise<Response> {
  // Server messages (errors, validation) come in the language the SPA shows.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('common:errors.network'));
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  let wire: Partial<WireError> = {};
  try {
    wire = (await res.json()) as WireError;
  } catch {
    /* not JSON: keep the generic message */
  }
  const retryAfter = Number(res.headers.get('Retry-After'));
  return new ApiError(
    res.status,
    (wire.code as ErrorCode) ?? 'INTERNAL',
    wire.message ?? i18n.t('common:errors.requestFailed', { status: res.status }),
    wire.details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** Sends with the access token (refreshed once on a 401); a successful Response, else an ApiError. */
async function authorized(method: Method, path: string, body?: unknown): Promise<Response> {
  const session = useSession.getState();
  let res = await send(method, path, body, session.accessToken);
  if (res.status === 401 && session.accessToken && !path.startsWith('/auth/')) {
    const fresh = await session.refreshAccessToken();
    if (fresh) res = await send(method, path, body, fresh);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (error.status === 401 && !path.startsWith('/auth/')) useSession.getState().signedOut();
    // Suspended while using the app: every screen gives way to the suspended screen.
    if (error.code === 'SUSPENDED') useSession.getState().markSuspended(error.details);
    throw error;
  }
  return res;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const res = await authorized(method, path, body);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  /** A file that needs the access token (an `.ics`, an export): fetched as a Blob, never as a bare link. */
  blob: async (path: string): Promise<Blob> => {
    try {
      return await (await authorized('GET', path)).blob();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(0, 'NETWORK_ERROR', i18n.t('common:errors.network'));
    }
  },
};

/** Builds a query string, skipping empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Raw calls used by the session store itself (no refresh loop). */
export const authCalls = { send, toApiError };
