/**
 * After a client-side navigation, focus goes to the new page's heading, as a full page load would
 * put a screen reader at the top: its `h1`, or — when only a group's tab changed — the tab's own
 * heading (`h2`), so the group's header is not read again. Lazily loaded pages render their heading
 * later: it is awaited (briefly). A page that puts focus somewhere itself (a form's first field) is
 * left alone, and so is the first load and a change of query string only.
 */
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

const WAIT_MS = 5_000;

function groupOf(pathname: string): string | null {
  const m = /^\/groups\/([^/]+)/.exec(pathname);
  return m && m[1] !== 'new' ? m[1]! : null;
}

export function useRouteFocus(): void {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);

  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    if (from === null || from === pathname) return;
    const main = document.getElementById('main');
    if (!main) return;
    const sameGroup = groupOf(from) !== null && groupOf(from) === groupOf(pathname);
    const focusedAtNavigation = document.activeElement;

    const find = (): HTMLElement | null =>
      main.querySelector<HTMLElement>(sameGroup ? '.group-tab-panel h2' : 'h1');
    const pageTookFocus = () => {
      const active = document.activeElement;
      return active !== null && active !== document.body && active !== focusedAtNavigation && main.contains(active);
    };
    const moveTo = (heading: HTMLElement) => {
      if (pageTookFocus()) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    };

    let observer: MutationObserver | null = null;
    let timer = 0;
    // The page renders in this commit or a few later (lazy chunk, data): wait for its heading.
    const tryNow = () => {
      const heading = find();
      if (!heading) return false;
      moveTo(heading);
      return true;
    };
    if (!tryNow()) {
      observer = new MutationObserver(() => {
        if (tryNow()) stop();
      });
      observer.observe(main, { childList: true, subtree: true });
      timer = window.setTimeout(() => {
        // No tab heading came (a tab without one): the page's h1 will do.
        const heading = main.querySelector<HTMLElement>('h1');
        if (heading) moveTo(heading);
        stop();
      }, WAIT_MS);
    }
    function stop() {
      observer?.disconnect();
      window.clearTimeout(timer);
    }
    return stop;
  }, [pathname]);
}
