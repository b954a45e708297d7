/**
 * The SPA's router: the part of react-router's declarative API that Circles uses (BrowserRouter,
 * Routes / Route with nesting, Outlet with context, Link, NavLink, Navigate and the hooks), on top of
 * wouter, a well-kept ~2 KB router. react-router 7 weighed 14 KB gzipped in the first script (its
 * data-router, prefetching and form code comes along with Link); with it gone the first script fits the
 * 100 KB budget (tests/e2e/spa.serving.test.ts).
 *
 * `import … from 'react-router'` resolves here (vite.config.ts `resolve.alias`, client/tsconfig.json
 * `paths`), so pages keep react-router's names, and a use of something this module does not offer
 * fails typecheck and the build rather than at run time.
 *
 * What it does like react-router: routes match in declaration order (put `/groups/new` before
 * `/groups/:slug`, as App.tsx does); a nested route's element gets its child through <Outlet>; params
 * of the parents reach the children; relative `to` ('chat', '..', '') resolves against the matched
 * route's path; NavLink marks the current page with `aria-current="page"` and the class `active`.
 */
import {
  Children,
  createContext,
  isValidElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  startTransition,
  type AnchorHTMLAttributes,
  type CSSProperties,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type Ref,
} from 'react';
import { matchRoute, useRouter } from 'wouter';
import { navigate as navigateBrowser } from 'wouter/use-browser-location';

interface Matched {
  /** The part of the location this route matched (for relative links). */
  pathname: string;
  params: Readonly<Record<string, string | undefined>>;
  /** The child route's element, shown by <Outlet>. */
  outlet: ReactNode;
}

const RouteContext = createContext<Matched>({ pathname: '/', params: {}, outlet: null });
const OutletContext = createContext<unknown>(undefined);

/** Resolves `to` against `base` the way a URL path does ('..' drops a segment, '' is `base` itself). */
function resolvePath(to: string, base: string): string {
  if (to.startsWith('/')) return to;
  const [path = '', query = ''] = to.split(/(?=[?#])/, 2);
  const segments = base.split('/').filter(Boolean);
  for (const part of path.split('/')) {
    if (part === '..') segments.pop();
    else if (part && part !== '.') segments.push(part);
  }
  return `/${segments.join('/')}${query}`;
}

function useResolvedPath(to: string): string {
  return resolvePath(to, useContext(RouteContext).pathname);
}

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** What the navigation that led here carried (`navigate(to, { state })`, <Navigate state>). */
  state: unknown;
}

const readLocation = (): Location => ({
  pathname: window.location.pathname,
  search: window.location.search,
  hash: window.location.hash,
  state: window.history.state as unknown,
});

const LocationContext = createContext<Location | null>(null);

// wouter's navigate announces pushState / replaceState as events of those names (it patches history).
const LOCATION_EVENTS = ['popstate', 'pushState', 'replaceState', 'hashchange'];

/**
 * Holds the location for every route and link below. A change is rendered as a transition, as
 * react-router does: the current page stays on screen while the next one's lazy chunk loads, instead of
 * flashing the "Loading page" fallback between two pages.
 */
export function BrowserRouter({ children }: { children?: ReactNode }) {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const update = () => startTransition(() => setLocation(readLocation()));
    for (const event of LOCATION_EVENTS) window.addEventListener(event, update);
    update();
    return () => {
      for (const event of LOCATION_EVENTS) window.removeEventListener(event, update);
    };
  }, []);
  return <LocationContext.Provider value={location}>{children}</LocationContext.Provider>;
}

export function useLocation(): Location {
  const location = useContext(LocationContext);
  if (!location) throw new Error('useLocation outside <BrowserRouter>');
  return location;
}

export interface RouteProps {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  children?: ReactNode;
}

/** Declares a route inside <Routes>; <Routes> reads its props (it renders nothing by itself). */
export function Route(_props: RouteProps): ReactElement | null {
  return null;
}

interface Branch {
  /** Absolute pattern ('/groups/:slug/chat'), or '*' for anything. */
  pattern: string;
  /** The elements from the outermost route to this one, each with its own pattern. */
  chain: Array<{ pattern: string; element: ReactNode }>;
}

const join = (parent: string, child: string) => (child === '*' && parent === '' ? '*' : `${parent.replace(/\/$/, '')}/${child}`);

/** Every route as a branch, children before their parent (a parent with children matches only its own path as a leaf when it has an index). */
function branchesOf(children: ReactNode, parent = '', parentChain: Branch['chain'] = []): Branch[] {
  const branches: Branch[] = [];
  Children.forEach(children, (child) => {
    if (!isValidElement<RouteProps>(child) || child.type !== Route) return;
    const { path, index, element, children: nested } = child.props;
    const pattern = index ? parent || '/' : path === undefined ? parent : path.startsWith('/') || path === '*' ? (path === '*' && parent ? join(parent, '*') : path) : join(parent, path);
    const chain = [...parentChain, { pattern, element }];
    if (nested) branches.push(...branchesOf(nested, pattern, chain));
    else branches.push({ pattern, chain });
  });
  return branches;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The path a pattern matched, its params put back in ('/groups/:slug' → '/groups/brave-hearts'). */
function matchedPath(pattern: string, params: Record<string, string | undefined>, location: string): string {
  if (pattern.includes('*')) return location;
  return pattern.replace(/:(\w+)\??/g, (_, key: string) => encodeURIComponent(params[key] ?? '')).replace(/\/$/, '') || '/';
}

/** Shows the first declared route that matches the location (react-router's <Routes>, in declaration order). */
export function Routes({ children }: { children?: ReactNode }) {
  const { pathname: location } = useLocation();
  const { parser } = useRouter();
  const branches = useMemo(() => branchesOf(children), [children]);
  for (const branch of branches) {
    const [matches, found] = matchRoute(parser, branch.pattern, location);
    if (!matches) continue;
    const params = Object.fromEntries(
      Object.entries(found ?? {})
        .filter(([key]) => !/^\d+$/.test(key))
        .map(([key, value]) => [key, value === undefined ? undefined : safeDecode(value)]),
    ) as Record<string, string | undefined>;
    // Innermost first: each element gets the next one as its outlet.
    return branch.chain.reduceRight<ReactNode>(
      (outlet, route) => (
        <RouteContext.Provider value={{ pathname: matchedPath(route.pattern, params, location), params, outlet }}>
          {route.element}
        </RouteContext.Provider>
      ),
      null,
    );
  }
  return null;
}

/** Where a nested route's element shows its matched child; `context` reaches it through useOutletContext. */
export function Outlet({ context }: { context?: unknown }) {
  const { outlet } = useContext(RouteContext);
  return <OutletContext.Provider value={context}>{outlet}</OutletContext.Provider>;
}

export function useOutletContext<T = unknown>(): T {
  return useContext(OutletContext) as T;
}

export function useParams<T extends Record<string, string | undefined> = Record<string, string | undefined>>(): Readonly<Partial<T>> {
  return useContext(RouteContext).params as Partial<T>;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
  relative?: 'route' | 'path';
}

export type NavigateFunction = {
  (to: string, options?: NavigateOptions): void;
  (delta: number): void;
};

export function useNavigate(): NavigateFunction {
  const base = useContext(RouteContext).pathname;
  return useCallback(
    (to: string | number, options: NavigateOptions = {}) => {
      if (typeof to === 'number') return window.history.go(to);
      navigateBrowser(resolvePath(to, base), { replace: options.replace ?? false, state: options.state ?? null });
    },
    [base],
  ) as NavigateFunction;
}

/** Navigates when rendered (to sign in, to an event's canonical address). */
export function Navigate({ to, replace = false, state }: { to: string; replace?: boolean; state?: unknown }) {
  const navigate = useNavigate();
  useEffect(() => {
    navigate(to, { replace, state });
  }, [navigate, to, replace, state]);
  return null;
}

export function useSearchParams(): [URLSearchParams, (next: URLSearchParams | Record<string, string> | string | ((previous: URLSearchParams) => URLSearchParams), options?: NavigateOptions) => void] {
  const { pathname, search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const setParams = useCallback<ReturnType<typeof useSearchParams>[1]>(
    (next, options = {}) => {
      const query = new URLSearchParams(typeof next === 'function' ? next(new URLSearchParams(window.location.search)) : next).toString();
      navigateBrowser(`${pathname}${query ? `?${query}` : ''}`, { replace: options.replace ?? false, state: options.state ?? null });
    },
    [pathname],
  );
  return [params, setParams];
}

type AnchorProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

export interface LinkProps extends AnchorProps {
  to: string;
  replace?: boolean;
  state?: unknown;
  relative?: 'route' | 'path';
  ref?: Ref<HTMLAnchorElement>;
}

/** A modified or non-left click, or another target, is the browser's own (new tab, download). */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>, target: string | undefined): boolean {
  return !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey && (!target || target === '_self');
}

export function Link({ to, replace, state, relative: _relative, onClick, target, ref, ...rest }: LinkProps) {
  const href = useResolvedPath(to);
  return (
    <a
      {...rest}
      ref={ref}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event, target)) return;
        event.preventDefault();
        navigateBrowser(href, { replace: replace ?? false, state: state ?? null });
      }}
    />
  );
}

export interface NavLinkProps extends Omit<LinkProps, 'className' | 'style' | 'children'> {
  /** Active only on this exact path, not below it. */
  end?: boolean;
  className?: string | ((state: { isActive: boolean }) => string | undefined);
  style?: CSSProperties | ((state: { isActive: boolean }) => CSSProperties | undefined);
  children?: ReactNode | ((state: { isActive: boolean }) => ReactNode);
}

/** A Link that knows it leads to the current page: `aria-current="page"` and the class `active`. */
export function NavLink({ end = false, className, style, children, ...rest }: NavLinkProps) {
  const href = useResolvedPath(rest.to);
  const { pathname } = useLocation();
  const path = href.split(/[?#]/)[0]!.replace(/(.)\/$/, '$1');
  const isActive = pathname === path || (!end && pathname.startsWith(path.endsWith('/') ? path : `${path}/`));
  const state = { isActive };
  const classes = typeof className === 'function' ? className(state) : [className, isActive ? 'active' : null].filter(Boolean).join(' ') || undefined;
  return (
    <Link {...rest} aria-current={isActive ? 'page' : undefined} className={classes} style={typeof style === 'function' ? style(state) : style}>
      {typeof children === 'function' ? children(state) : children}
    </Link>
  );
}
