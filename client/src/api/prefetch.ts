/**
 * A deep link's first data, asked for early. On a reload of a group's chat or a question page the SPA
 * used to fetch in a chain: refresh → /me → first render → the page's own requests → render. On a phone
 * each link is a round trip, and it is what made the largest paint late. So, as soon as the refresh has
 * brought an access token (the session's bootstrap), the requests the route's first screen makes are
 * sent beside `GET /api/me`, and the pages take their answers instead of asking again.
 *
 * This is health data, and nothing may be lost or shown to the wrong person, so an early answer is used:
 * - at most once (taking it removes it), and only on the route it was made for (the address bar's path);
 * - only by the person it was made for: the access token that asked must still be the session's;
 * - only while fresh (PREFETCH_FRESH_MS after it was asked for), else the page asks again;
 * - only when it succeeded: any failure (401, 403, 404, network) is dropped and the page asks itself,
 *   exactly as without the prefetch (and shows its error state from its own answer).
 * Signing out (and any sign-in, another person's included) drops everything held here. The chat catches
 * up after an early page of messages (stores/chat.ts), so nothing sent meanwhile is missed.
 */
import { useSession } from '../stores/session';
import { authCalls } from './http';

/** How long an early answer may wait for its page: a few seconds, about a slow phone's first render. */
export const PREFETCH_FRESH_MS = 8_000;

type Outcome = { ok: true; value: unknown } | { ok: false };

interface Entry {
  route: string;
  token: string;
  startedAt: number;
  answer: Promise<Outcome>;
}

const held = new Map<string, Entry>();
let dropTimer: ReturnType<typeof setTimeout> | null = null;

const normalise = (pathname: string) => (pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);

/** A path segment as the pages will encode it (`useParams` decodes, the API helpers encode again). */
function segment(raw: string): string | null {
  try {
    return encodeURIComponent(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

/** The API paths a route's first screen asks for, spelt exactly as the pages spell them. */
export function routeRequests(pathname: string): string[] {
  const chat = /^\/groups\/([^/]+)\/chat\/?$/.exec(pathname);
  if (chat) {
    const slug = segment(chat[1]!);
    if (!slug) return [];
    return [
      // The group (its frame renders from it), then what the chat tab and the frame ask for on first load.
      `/groups/${slug}`,
      `/groups/${slug}/messages?limit=50`,
      '/me/groups',
      `/groups/${slug}/members?limit=50`,
      '/notifications?unread=true&limit=1',
    ];
  }
  const question = /^\/questions\/([^/]+)\/?$/.exec(pathname);
  if (question) {
    const id = segment(question[1]!);
    return id ? [`/questions/${id}`, '/notifications?unread=true&limit=1'] : [];
  }
  return [];
}

async function ask(path: string, token: string): Promise<Outcome> {
  try {
    const res = await authCalls.send('GET', path, undefined, token);
    if (!res.ok) return { ok: false };
    return { ok: true, value: (await res.json()) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Starts the route's first requests with the token the refresh just brought (see `preloadRoute` in
 * App.tsx, which does the same for the route's code). Any other route: nothing.
 */
export function prefetchRoute(pathname: string, token: string): void {
  clearPrefetched();
  const route = normalise(pathname);
  const startedAt = Date.now();
  const paths = routeRequests(pathname);
  for (const path of paths) held.set(path, { route, token, startedAt, answer: ask(path, token) });
  // Whatever no page took is not kept in memory past its freshness.
  if (paths.length > 0) dropTimer = setTimeout(clearPrefetched, PREFETCH_FRESH_MS + 1_000);
}

/** Drops whatever is held (sign-out, another sign-in, or past its freshness). */
export function clearPrefetched(): void {
  held.clear();
  if (dropTimer) clearTimeout(dropTimer);
  dropTimer = null;
}

function usable(entry: Entry): boolean {
  return (
    entry.token === useSession.getState().accessToken &&
    Date.now() - entry.startedAt <= PREFETCH_FRESH_MS &&
    typeof window !== 'undefined' &&
    normalise(window.location.pathname) === entry.route
  );
}

/**
 * The early answer for `path` when there is a usable one, else null (nothing held, held for another
 * route or person, stale, or the early request failed): the caller then asks the server itself. Taking
 * it removes it, whatever it was: the next caller asks the server.
 */
export async function takePrefetched<T>(path: string): Promise<T | null> {
  const entry = held.get(path);
  if (!entry) return null;
  held.delete(path);
  if (!usable(entry)) return null;
  const outcome = await entry.answer;
  // Signed out or in as someone else while it was on its way: not this person's answer any more.
  if (!outcome.ok || entry.token !== useSession.getState().accessToken) return null;
  return outcome.value as T;
}

/** The early answer for `path` (see takePrefetched), else what `fetchIt` brings: the page as it always was. */
export async function fromPrefetch<T>(path: string, fetchIt: () => Promise<T>): Promise<T> {
  return (await takePrefetched<T>(path)) ?? fetchIt();
}

// Sign-out, or a new sign-in (another person's, perhaps): nothing asked for earlier may be shown.
useSession.subscribe((state, previous) => {
  if (state.status === 'signedOut' || (previous.user && state.user?.id !== previous.user.id)) clearPrefetched();
});
