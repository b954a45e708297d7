/**
 * What a deep link's first screen needs, known from its path alone: the page modules and the
 * translation namespaces (beyond `common` and `conditions`, which every page loads). Two readers, one
 * table: the server names the route's chunks in the page it sends (`<link rel="modulepreload">`, found
 * by the browser while it parses the HTML, in parallel with the first script), and the SPA starts
 * importing them as soon as its first script runs (`preloadRoute` in client/src/App.tsx), which also
 * covers a page served by the service worker. Only the most visited screens; any other route loads its
 * parts as it renders them.
 */
export type PreloadedPage = 'HomePage' | 'FrontDoorPage' | 'GroupPage' | 'ChatRoom' | 'QuestionPage';

export interface RoutePreloads {
  pages: PreloadedPage[];
  namespaces: string[];
}

/** Namespaces every page loads at startup (see startI18n in client/src/i18n/index.ts). */
export const STARTUP_NAMESPACES = ['common', 'conditions'] as const;

/**
 * `mayBeSignedIn`: the session hint cookie is there (SESSION_HINT_COOKIE); signed-in pages are
 * preloaded only then — a signed-out visitor is sent to sign in, or sees the public card.
 */
export function routePreloads(pathname: string, mayBeSignedIn: boolean): RoutePreloads {
  if (pathname === '/') {
    return mayBeSignedIn ? { pages: ['HomePage'], namespaces: [] } : { pages: ['FrontDoorPage'], namespaces: ['orgs', 'groups'] };
  }
  if (/^\/groups\/[^/]+\/chat\/?$/.test(pathname)) {
    return mayBeSignedIn ? { pages: ['GroupPage', 'ChatRoom'], namespaces: ['groups', 'chat'] } : { pages: ['GroupPage'], namespaces: ['groups'] };
  }
  if (/^\/questions\/[^/]+\/?$/.test(pathname) && mayBeSignedIn) return { pages: ['QuestionPage'], namespaces: ['questions'] };
  return { pages: [], namespaces: [] };
}
