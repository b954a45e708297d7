/**
 * Sizes the conversation so that the message box is on screen without scrolling, on a desktop and on
 * a phone, the on-screen keyboard included: the list takes what is left of the visible viewport below
 * its own top, after the dock (typing line, notices, composer). CSS reads three variables
 * (chat.css `.chat-scroll`): `--chat-top` (the list's top in the page), `--chat-dock` (the dock's
 * height) and `--chat-vh` (the visual viewport's height, which shrinks when a phone's keyboard opens;
 * `100dvh` is the fallback). The dock is also `position: sticky` at the bottom of the viewport, so the
 * composer stays in view when the page itself is scrolled.
 */
import { useLayoutEffect, type RefObject } from 'react';

export function useChatFit(scrollRef: RefObject<HTMLElement | null>, dockRef: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    let frame = 0;
    const fit = () => {
      frame = 0;
      const top = list.getBoundingClientRect().top + window.scrollY;
      const viewport = window.visualViewport?.height ?? window.innerHeight;
      list.style.setProperty('--chat-top', `${Math.round(top)}px`);
      list.style.setProperty('--chat-dock', `${Math.round(dockRef.current?.offsetHeight ?? 0)}px`);
      list.style.setProperty('--chat-vh', `${Math.round(viewport)}px`);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(fit);
    };
    // The first fit runs before the next paint, not inside React's commit: measuring there forced the
    // layout of the whole new page in the commit's task (the longest task of opening a chat on a phone);
    // in the frame's own task it is the layout the browser does anyway to paint.
    schedule();
    // What sits above the list (header, group head, a wrapping tab bar) and the dock's own height
    // (a reply banner, a growing textarea, a notice) change the room left; setting the same values
    // again resizes nothing, so observing the body settles after one round.
    const observer = new ResizeObserver(schedule);
    observer.observe(document.body);
    if (dockRef.current) observer.observe(dockRef.current);
    window.addEventListener('resize', schedule);
    window.visualViewport?.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      window.visualViewport?.removeEventListener('resize', schedule);
    };
  }, [scrollRef, dockRef]);
}
