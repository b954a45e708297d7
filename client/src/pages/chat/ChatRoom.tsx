/**
 * A group's live chat: a virtualized history (smooth with many thousands of messages) that loads
 * older pages as you scroll up, live updates, optimistic sends with per-message state, replies,
 * reactions, edits and deletes, mentions, typing and presence, and a visible reconnecting state.
 * New messages from others are read out by a polite live region (author, then text).
 */
import type { Group, PublicUser } from '@circles/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { createPortal } from 'react-dom';
import { lazy, startTransition, Suspense, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { groupsApi } from '../../api/groups';
import { fromPrefetch } from '../../api/prefetch';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { CrisisPanel } from '../../safety/CrisisPanel';
import { MutedNotice } from '../../safety/MutedNotice';
import { checkPersonalData, spansFromDetails, type PersonalDataSpan } from '../../safety/personalData';
import { PersonalDataPrompt } from '../../safety/PersonalDataPrompt';
import { ApiError } from '../../api/http';
import { actionError, drafts, useChat, type ChatMessage } from '../../stores/chat';
import { useGroups } from '../../stores/groups';
import { useMyMute } from '../../stores/moderation';
import { useSession } from '../../stores/session';
import { useGroupContext } from '../groups/groupContext';
import { canModerate, isActiveMember } from '../groups/membership';
import { Composer, type ComposerHandle } from './Composer';
import { sameDay, typingLine } from './format';
import { useChatFit } from './useChatFit';
import { MessageItem, type MessageActions, type ModerationAction } from './MessageItem';
import '../../styles/chat.css';
import { personName } from '../../i18n/people';

// Reporting and moderating are occasional: their dialogs (and strings) load when first opened.
const ReportDialog = lazy(() => import('../moderation/ReportDialog'));
const MemberActionDialog = lazy(() => import('../moderation/MemberActionDialog'));

type ChatDialog = { kind: 'report'; message: ChatMessage } | { kind: ModerationAction; message: ChatMessage };

/** A send or an edit held back by the personal-data warning. */
interface HeldPost {
  text: string;
  spans: PersonalDataSpan[];
  replyToId: string | null;
  /** The message being edited, if it is an edit. */
  editingId: string | null;
}

const AT_BOTTOM_PX = 48;
const LOAD_OLDER_PX = 300;

/** The chat tab of a group page. */
export default function ChatRoom() {
  const { group } = useGroupContext();
  return <ChatPanel group={group} />;
}

interface ChatPanelProps {
  group: Group;
  /** The panel's heading (default: "Chat"); a live event's page calls it the live chat. */
  heading?: string;
}

/** The group's live chat, wherever it is shown: its own tab, or beside a live event's question queue. */
export function ChatPanel({ group, heading }: ChatPanelProps) {
  const { t } = useTranslation(['chat', 'common']);
  const user = useSession((s) => s.user);
  const myId = user?.id ?? '';
  const mayModerate = canModerate(group, user);
  const canPost = Boolean(user?.isAdmin) || isActiveMember(group);

  const confirmed = useChat((s) => s.confirmed);
  const pending = useChat((s) => s.pending);
  const status = useChat((s) => s.status);
  const error = useChat((s) => s.error);
  const hasOlder = useChat((s) => s.hasOlder);
  const loadingOlder = useChat((s) => s.loadingOlder);
  const connection = useChat((s) => s.connection);
  const online = useChat((s) => s.online);
  const typing = useChat((s) => s.typing);
  const firstUnreadId = useChat((s) => s.firstUnreadId);
  const announcement = useChat((s) => s.announcement);
  const safety = useChat((s) => s.safety);
  const mute = useMyMute(group);

  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const [reactingId, setReactingId] = useState<string | null>(null);
  const [menuId, setMenuId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ChatDialog | null>(null);
  const [held, setHeld] = useState<HeldPost | null>(null);
  const [moderationNews, setModerationNews] = useState('');
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const [members, setMembers] = useState<PublicUser[]>([]);
  const [unseenBelow, setUnseenBelow] = useState(0);
  const [, setTick] = useState(0);
  const composerRef = useRef<ComposerHandle>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const dockRef = useRef<HTMLDivElement>(null);
  useChatFit(scrollRef, dockRef);
  /** The message that holds the list's one tab stop (roving tabindex); null: the newest in view. */
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  // A message moved to by the keyboard gets focus once the virtualizer has rendered it.
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    const article = scrollRef.current?.querySelector<HTMLElement>(`article.msg[data-key="${CSS.escape(key)}"]`);
    if (article) {
      pendingFocus.current = null;
      article.focus({ preventScroll: true });
      article.scrollIntoView({ block: 'nearest' });
    }
  });
  const atBottom = useRef(true);
  const initialScrollDone = useRef(false);
  /**
   * The group whose room has been placed at its first screen (scrolled to the newest message, the unread
   * divider or the linked one). Until then no row renders: the list starts at its top, and rendering the
   * rows there only to scroll away from them was a second render and layout of a page of messages each
   * time a room opened (on a phone, the longest task of opening a chat).
   */
  const [placedFor, setPlacedFor] = useState<string | null>(null);
  const placed = placedFor === group.id;

  // Open the room (and close it when leaving the page or switching groups).
  // The unread count (for the "New messages" divider) comes from "my groups"; on a direct visit it is
  // fetched first.
  useEffect(() => {
    let cancelled = false;
    initialScrollDone.current = false;
    void (async () => {
      const groups = useGroups.getState();
      if (!groups.myGroups && isActiveMember(group)) await groups.loadMyGroups({ reuse: true });
      if (cancelled) return;
      const unread = useGroups.getState().myGroups?.find((g) => g.id === group.id)?.unreadCount ?? 0;
      void useChat.getState().open(group.slug, group.id, unread);
    })();
    return () => {
      cancelled = true;
      useChat.getState().close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [group.slug, group.id]);

  // Members for @mention suggestions (the first pages are plenty to suggest from).
  useEffect(() => {
    let cancelled = false;
    // On a reload of the chat, the first page may have been asked for beside the session check.
    fromPrefetch(`/groups/${encodeURIComponent(group.slug)}/members?limit=50`, () => groupsApi.members(group.slug))
      .then((page) => !cancelled && setMembers(page.items.map((m) => m.user)))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [group.slug]);

  // Typing indicators fade out on their own if a "stopped typing" never arrives: one render when the
  // soonest one expires, not a render of the whole room every second while nobody types.
  useEffect(() => {
    const now = Date.now();
    const expiries = Object.values(typing).map((t) => t.until).filter((until) => until > now);
    if (expiries.length === 0) return;
    const timer = setTimeout(() => setTick((t) => t + 1), Math.min(...expiries) - now + 50);
    return () => clearTimeout(timer);
  });

  // Rendered as a deferred value: a page of messages arriving (the store's update is synchronous) is
  // rendered in slices that let the browser breathe, not in one long task; a sent message still shows
  // within a frame.
  const items = useDeferredValue(useMemo(() => [...confirmed, ...pending], [confirmed, pending]));

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 84,
    // A few beyond the screen keep keyboard moves and short scrolls seamless; each more is DOM to lay
    // out in the first render of the room (the longest task of opening a chat on a phone).
    overscan: 4,
    // Re-render after a scroll as an ordinary update, not inside the scroll event with flushSync: the
    // event's task stays short, and React 19 warns about flushSync during its own lifecycle.
    useFlushSync: false,
    getItemKey: (index) => `${items[index]!.author.id}:${items[index]!.clientId}`,
  });

  // Older pages go on top: keep what the reader is looking at in place.
  const firstKey = items[0] ? `${items[0].author.id}:${items[0].clientId}` : null;
  const anchor = useRef<{ key: string | null; offset: number; total: number } | null>(null);
  const loadOlder = useCallback(() => {
    const el = scrollRef.current;
    anchor.current = { key: firstKey, offset: el?.scrollTop ?? 0, total: virtualizer.getTotalSize() };
    void useChat.getState().loadOlder();
  }, [firstKey, virtualizer]);
  useLayoutEffect(() => {
    const a = anchor.current;
    const el = scrollRef.current;
    if (!a || !el || a.key === firstKey) return;
    anchor.current = null;
    el.scrollTop = a.offset + (virtualizer.getTotalSize() - a.total);
  }, [firstKey, virtualizer]);

  // A notification's link names a message (`?message=<id>`): land on it, focused, when it is in the page.
  const [searchParams] = useSearchParams();
  const targetId = searchParams.get('message');

  // First load: the linked message if there is one, else the unread divider if there is one, else the newest message.
  const firstScreen = useRef<{ index: number; align: 'center' | 'start' | 'end' } | null>(null);
  useLayoutEffect(() => {
    if (status !== 'ready' || initialScrollDone.current || items.length === 0) return;
    initialScrollDone.current = true;
    const targetIndex = targetId ? items.findIndex((m) => m.id === targetId) : -1;
    const dividerIndex = firstUnreadId ? items.findIndex((m) => m.id === firstUnreadId) : -1;
    if (targetIndex >= 0) {
      const target = items[targetIndex]!;
      const key = `${target.author.id}:${target.clientId}`;
      firstScreen.current = { index: targetIndex, align: 'center' };
      setActiveKey(key);
      pendingFocus.current = key;
    } else if (dividerIndex > 0) firstScreen.current = { index: dividerIndex, align: 'start' };
    else firstScreen.current = { index: items.length - 1, align: 'end' };
    virtualizer.scrollToIndex(firstScreen.current.index, { align: firstScreen.current.align });
  }, [status, items, firstUnreadId, virtualizer, targetId]);

  // The rows render once the list is at its first screen: by the next frame's callbacks, the scroll
  // written above has reached the virtualizer (scroll events fire before animation frames).
  useEffect(() => {
    if (placed || status !== 'ready' || items.length === 0 || !initialScrollDone.current) return;
    // A transition, as the deferred page of messages was: React renders the rows in slices.
    const frame = requestAnimationFrame(() => startTransition(() => setPlacedFor(group.id)));
    return () => cancelAnimationFrame(frame);
  }, [placed, status, items.length, group.id]);
  // Rendered, the rows have been measured (their real heights, not the estimate): the same scroll
  // again lands exactly (the newest message fully above the composer).
  useLayoutEffect(() => {
    const target = firstScreen.current;
    if (!placed || !target) return;
    firstScreen.current = null;
    virtualizer.scrollToIndex(target.index, { align: target.align });
  }, [placed, virtualizer]);

  // New messages: follow them when the reader is at the bottom, else offer a jump.
  const lastKey = items.length > 0 ? `${items.at(-1)!.author.id}:${items.at(-1)!.clientId}` : null;
  const previousLastKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!initialScrollDone.current || lastKey === previousLastKey.current) {
      previousLastKey.current = lastKey;
      return;
    }
    previousLastKey.current = lastKey;
    const last = items.at(-1);
    if (atBottom.current || last?.author.id === myId) {
      virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
      setUnseenBelow(0);
    } else setUnseenBelow((n) => n + 1);
  }, [lastKey, items, myId, virtualizer]);

  /** Marks read the newest confirmed message fully on screen, while the page is visible. */
  const markVisibleRead = useCallback(() => {
    const el = scrollRef.current;
    if (!el || document.visibilityState !== 'visible') return;
    const bottom = el.scrollTop + el.clientHeight;
    let newest: string | null = null;
    for (const v of virtualizer.getVirtualItems()) {
      const m = items[v.index];
      if (m && m.state === 'sent' && v.end <= bottom + 4 && v.start >= el.scrollTop - 4) newest = m.id;
    }
    if (newest) useChat.getState().markSeen(newest);
  }, [items, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX;
    if (atBottom.current) setUnseenBelow(0);
    if (el.scrollTop < LOAD_OLDER_PX && hasOlder && !loadingOlder && initialScrollDone.current) loadOlder();
    markVisibleRead();
  };
  useEffect(() => {
    markVisibleRead();
    const onVisible = () => markVisibleRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [markVisibleRead]);

  const jumpToLatest = () => {
    virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
    setUnseenBelow(0);
  };

  const actions: MessageActions = useMemo(
    () => ({
      reply(message) {
        setEditing(null);
        setReplyTo(message);
        composerRef.current?.focus();
      },
      edit(message) {
        if (!editing) drafts.save(group.slug, composerRef.current?.currentText() ?? '');
        setReplyTo(null);
        setEditing(message);
        composerRef.current?.setText(message.body ?? '');
      },
      askDelete(id) {
        setConfirmingDelete(id);
      },
      confirmDelete(id, reason) {
        setConfirmingDelete(null);
        setActionProblem(null);
        useChat
          .getState()
          .remove(id, reason)
          .catch((err: unknown) => setActionProblem(actionError(err)));
      },
      toggleMenu(id) {
        setMenuId(id);
      },
      setCurrent(key) {
        setActiveKey(key);
      },
      report(message) {
        setDialog({ kind: 'report', message });
      },
      moderate(action, message) {
        setDialog({ kind: action, message });
      },
      postAnyway(clientId) {
        useChat.getState().retry(clientId, { acknowledgePersonalData: true });
      },
      editUnsent(message) {
        // The text goes back into the box (and its saved draft) before the unsent copy is dropped: nothing is lost.
        const text = message.body ?? '';
        drafts.save(group.slug, text);
        composerRef.current?.setText(text);
        useChat.getState().discard(message.clientId);
      },
      toggleReactions(id) {
        setReactingId(id);
      },
      react(id, emoji) {
        setActionProblem(null);
        useChat
          .getState()
          .toggleReaction(id, emoji)
          .catch((err: unknown) => setActionProblem(actionError(err)));
      },
      retry(clientId) {
        useChat.getState().retry(clientId);
      },
      discard(clientId) {
        useChat.getState().discard(clientId);
      },
    }),
    [editing, group.slug],
  );

  /** Sends (or saves an edit) now, or holds it for the personal-data warning. */
  const post = async (text: string, editingId: string | null, replyToId: string | null, acknowledgePersonalData: boolean): Promise<void | 'keep'> => {
    if (!acknowledgePersonalData) {
      const spans = await checkPersonalData(text);
      if (spans.length > 0) {
        setHeld({ text, spans, replyToId, editingId });
        return 'keep';
      }
    }
    setHeld(null);
    if (editingId) {
      try {
        await useChat.getState().edit(editingId, text, { acknowledgePersonalData });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'PERSONAL_DATA') {
          setHeld({ text, spans: spansFromDetails(err.details, text), replyToId, editingId });
          return 'keep';
        }
        throw new Error(actionError(err));
      }
      setEditing(null);
      return;
    }
    useChat.getState().send(text, replyToId, { acknowledgePersonalData });
    setReplyTo(null);
  };

  const submit = (text: string) => post(text, editing?.id ?? null, replyTo?.id ?? null, false);

  const postHeldAnyway = async () => {
    if (!held) return;
    const { text, editingId, replyToId } = held;
    try {
      await post(text, editingId, replyToId, true);
      if (editingId) composerRef.current?.setText(drafts.load(group.slug));
      else {
        drafts.save(group.slug, '');
        composerRef.current?.setText('');
      }
    } catch (err) {
      setActionProblem(err instanceof Error ? err.message : actionError(err));
    }
  };

  const candidates = useMemo(() => {
    const byId = new Map<string, PublicUser>();
    for (const u of [...members, ...online, ...confirmed.slice(-200).map((m) => m.author)]) if (u.id !== myId) byId.set(u.id, u);
    return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }, [members, online, confirmed, myId]);

  const now = Date.now();
  const typingNames = Object.values(typing)
    .filter((t) => t.until > now && t.user.id !== myId)
    .map((t) => t.user.displayName);

  if (status === 'error' && confirmed.length === 0 && pending.length === 0) {
    return (
      <section className="chat" aria-labelledby="chat-heading">
        <h2 id="chat-heading">{heading ?? t('room.heading')}</h2>
        <ErrorState error={error} groupSlug={group.slug} onRetry={() => void useChat.getState().open(group.slug, group.id, 0)} />
      </section>
    );
  }

  const virtualItems = placed ? virtualizer.getVirtualItems() : [];
  const keyAt = (index: number) => `${items[index]!.author.id}:${items[index]!.clientId}`;
  // The list is one tab stop: the current message if it is rendered, else the newest one in view.
  const tabKey = (() => {
    if (activeKey && virtualItems.some((v) => v.key === activeKey)) return activeKey;
    const el = scrollRef.current;
    const bottom = el ? el.scrollTop + el.clientHeight : Infinity;
    const inView = virtualItems.filter((v) => v.end <= bottom + 4);
    return String((inView.at(-1) ?? virtualItems.at(-1))?.key ?? '');
  })();

  /** Arrow keys (and Home / End / Page keys) move between messages, as in a feed. */
  const onListKey = (e: KeyboardEvent<HTMLOListElement>) => {
    const target = e.target as HTMLElement;
    if (!target.matches('article.msg') || items.length === 0) return;
    const at = items.findIndex((_, i) => keyAt(i) === target.dataset.key);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / 84));
    const next =
      e.key === 'ArrowDown' ? at + 1
      : e.key === 'ArrowUp' ? at - 1
      : e.key === 'PageDown' ? at + page
      : e.key === 'PageUp' ? at - page
      : e.key === 'Home' ? 0
      : e.key === 'End' ? items.length - 1
      : null;
    if (next === null) return;
    e.preventDefault();
    const index = Math.min(items.length - 1, Math.max(0, next));
    if (index === 0 && e.key !== 'Home' && hasOlder && !loadingOlder) loadOlder();
    const key = keyAt(index);
    setActiveKey(key);
    pendingFocus.current = key;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const composerAvailable = canPost && !mute;
  const skipTarget = typeof document !== 'undefined' ? document.getElementById('skip-links') : null;
  return (
    <section className="chat" aria-labelledby="chat-heading">
      {composerAvailable &&
        skipTarget &&
        createPortal(
          <a
            className="skip-link"
            href="#chat-composer"
            onClick={(e) => {
              e.preventDefault();
              composerRef.current?.focus();
            }}
          >
            {t('room.skipToComposer')}
          </a>,
          skipTarget,
        )}
      <div className="chat-top">
        <h2 id="chat-heading">{heading ?? t('room.heading')}</h2>
        <details className="chat-presence">
          <summary>
            <span className="presence-dot" aria-hidden="true" /> {t('room.online', { count: online.length })}
          </summary>
          <ul aria-label={t('room.onlineNow')}>
            {online.map((u) => (
              <li key={u.id}>{u.id === myId ? t('common:people.you', { name: u.displayName }) : u.displayName}</li>
            ))}
          </ul>
        </details>
      </div>

      <p role="status" className={connection === 'reconnecting' ? 'chat-reconnecting' : 'visually-hidden'}>
        {connection === 'reconnecting' ? t('room.reconnecting') : ''}
      </p>

      <div
        ref={scrollRef}
        className="chat-scroll"
        tabIndex={-1}
        role="region"
        aria-label={t('room.conversation')}
        aria-describedby="chat-list-help"
        onScroll={onScroll}
      >
        {status === 'loading' && items.length === 0 && <Loading label={t('room.loading')} />}
        {status === 'ready' && items.length === 0 && <p className="chat-empty muted">{t('room.empty')}</p>}
        {hasOlder && (
          <p className="chat-older">
            {loadingOlder ? (
              t('room.loadingOlder')
            ) : (
              <button type="button" className="link-button" onClick={loadOlder}>
                {t('room.loadOlder')}
              </button>
            )}
          </p>
        )}
        <p id="chat-list-help" className="visually-hidden">
          {t('room.listHelp')}
        </p>
        <ol className="chat-list" style={{ height: virtualizer.getTotalSize() }} onKeyDown={onListKey}>
          {virtualItems.map((v) => {
            const message = items[v.index]!;
            const previous = items[v.index - 1];
            return (
              <li
                key={v.key}
                data-index={v.index}
                ref={virtualizer.measureElement}
                className="chat-item"
                style={{ transform: `translateY(${v.start}px)` }}
                aria-setsize={hasOlder ? -1 : items.length}
                aria-posinset={v.index + 1}
              >
                <MessageItem
                  message={message}
                  listKey={String(v.key)}
                  current={String(v.key) === tabKey}
                  myId={myId}
                  canModerate={mayModerate}
                  canPost={canPost}
                  showDay={!previous || !sameDay(previous.createdAt, message.createdAt)}
                  firstUnread={message.id === firstUnreadId && v.index > 0}
                  confirmingDelete={confirmingDelete === message.id}
                  reacting={reactingId === message.id}
                  menuOpen={menuId === message.id}
                  actions={actions}
                />
              </li>
            );
          })}
        </ol>
      </div>

      {unseenBelow > 0 && (
        <button type="button" className="button secondary chat-jump" onClick={jumpToLatest}>
          {t('room.newMessages', { count: unseenBelow })} ↓
        </button>
      )}

      <div className="chat-dock" id="chat-composer" ref={dockRef}>
      <p className="chat-typing muted" aria-hidden={typingNames.length === 0}>
        {typingLine(typingNames)}
      </p>

      {actionProblem && (
        <p className="field-error" role="alert">
          {actionProblem}
        </p>
      )}

      {safety && <CrisisPanel safety={safety} takeFocus={false} onClose={() => useChat.getState().dismissSafety()} />}

      {held && (
        <PersonalDataPrompt
          parts={[{ text: held.text, spans: held.spans }]}
          onEdit={() => {
            setHeld(null);
            composerRef.current?.focus();
          }}
          onPostAnyway={() => void postHeldAnyway()}
        />
      )}

      {canPost && mute ? (
        <MutedNotice slug={group.slug} mute={mute} />
      ) : canPost ? (
        <Composer
          ref={composerRef}
          slug={group.slug}
          candidates={candidates}
          replyTo={replyTo ? { name: personName(replyTo.author), excerpt: (replyTo.body ?? '').slice(0, 120) } : null}
          editing={editing !== null}
          onCancelReply={() => setReplyTo(null)}
          onCancelEdit={() => {
            setEditing(null);
            composerRef.current?.setText(drafts.load(group.slug));
          }}
          onSubmit={submit}
          onTyping={(isTyping) => useChat.getState().setTyping(isTyping)}
          onTextChange={() => setHeld(null)}
        />
      ) : (
        <p className="chat-join-hint card">
          {group.myMembership?.status === 'pending'
            ? t('room.pendingHint')
            : t('room.joinHint')}
        </p>
      )}

      </div>

      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement.text}
      </div>
      <p className={moderationNews ? 'success-box' : 'visually-hidden'} role="status">
        {moderationNews}
      </p>

      {dialog && (
        <Suspense fallback={null}>
          {dialog.kind === 'report' ? (
            <ReportDialog
              target={{ type: 'message', id: dialog.message.id, authorName: personName(dialog.message.author) }}
              onClose={() => setDialog(null)}
            />
          ) : (
            <MemberActionDialog
              action={dialog.kind}
              slug={group.slug}
              user={dialog.message.author}
              onClose={() => setDialog(null)}
              onDone={(text) => {
                setDialog(null);
                setModerationNews(text);
              }}
            />
          )}
        </Suspense>
      )}
    </section>
  );
}
