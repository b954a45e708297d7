/**
 * The open chat room: its messages (confirmed ones by id, then this device's unsent ones), live
 * updates, presence and typing, the connection state, and an outbox that survives reloads.
 *
 * Nothing typed is lost: a message goes into the outbox (localStorage) before it is sent, keeps its
 * clientId across retries and reloads (the server answers a repeated clientId with the first copy),
 * and leaves the outbox only once the server has acknowledged it. After a reconnect the room is
 * rejoined and caught up with `after=<last id>`.
 */
import type { HistoryResponse, Message, PublicUser, ReactionSummary, ReactionUpdate, SafetyInfo } from '@circles/shared';
import { EXCERPT_LENGTH } from '@circles/shared/client';
import { create } from 'zustand';
import { api, ApiError, query } from '../api/http';
import { takePrefetched } from '../api/prefetch';
import { getSocket } from '../api/socket';
import { i18n } from '../i18n';
import { useGroups } from './groups';
import { spansFromDetails, type PersonalDataSpan } from '../safety/personalData';
import { outbox, type OutboxItem } from './chatStorage';
import { muteFromDetails, useModeration } from './moderation';
import { useSession } from './session';

export { drafts } from './chatStorage';

export type SendState = 'sending' | 'sent' | 'failed';

export interface SendFailure {
  /** The server's reason, in the reader's language; null when the message never got an answer. */
  message: string | null;
  retryAfter?: number;
  /** The server's code (PERSONAL_DATA, MUTED, SLOW_MODE…). */
  code?: string;
  /** For PERSONAL_DATA: where the server found it. */
  spans?: PersonalDataSpan[];
}

export interface ChatMessage extends Message {
  state: SendState;
  /** Why a send failed: `message` null means the connection (not the server) was the problem. */
  error?: SendFailure | null;
  /** An unsent message whose author chose "post anyway" over the personal-data warning. */
  acknowledgePersonalData?: boolean;
}

/**
 * `connecting`: the room opened before this page's socket had first connected (a reload): nothing is
 * wrong yet and nothing is shown. `reconnecting`: the connection dropped, or a first attempt failed.
 */
export type Connection = 'connecting' | 'connected' | 'reconnecting';

interface ChatState {
  slug: string | null;
  groupId: string | null;
  confirmed: ChatMessage[];
  pending: ChatMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: unknown;
  connection: Connection;
  online: PublicUser[];
  typing: Record<string, { user: PublicUser; until: number }>;
  /** The first message that arrived after the reader's read marker when the room was opened. */
  firstUnreadId: string | null;
  /** The latest new message from someone else, for the polite live region. */
  announcement: { id: number; text: string; messageId?: string };
  /** Where to turn: the server read one of the reader's own messages as a crisis. */
  safety: SafetyInfo | null;
  open(slug: string, groupId: string, unreadCount: number): Promise<void>;
  close(): void;
  loadOlder(): Promise<void>;
  send(body: string, replyToId: string | null, options?: { acknowledgePersonalData?: boolean }): void;
  /** Sends a failed message again; `acknowledgePersonalData` answers the personal-data warning with "post anyway". */
  retry(clientId: string, options?: { acknowledgePersonalData?: boolean }): void;
  discard(clientId: string): void;
  edit(id: string, body: string, options?: { acknowledgePersonalData?: boolean }): Promise<void>;
  remove(id: string, reason?: string): Promise<void>;
  dismissSafety(): void;
  toggleReaction(id: string, emoji: string): Promise<void>;
  markSeen(id: string): void;
  setTyping(isTyping: boolean): void;
}

const PAGE = 50;
const ACK_TIMEOUT_MS = 10_000;
/**
 * After a reconnect, catch-up re-reads from this many messages back. Ids are given at commit, but
 * broadcasts cross nodes through Redis: a message from another node may still be on its way when a
 * newer one from this node arrives, and a node that dies then never delivers it. Those holes are
 * among the last few messages held; re-reading them costs a page, and duplicates merge by id.
 */
const RECONNECT_OVERLAP = 20;
const TYPING_SHOWN_MS = 6_000;

/** Message ids are decimal strings of equal length; compare them as numbers without BigInt. */
export const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const g = (slug: string) => `/groups/${encodeURIComponent(slug)}`;

// ─── merging ────────────────────────────────────────────────────────────────────────────

const asSent = (m: Message): ChatMessage => ({ ...m, state: 'sent', error: null });

/** Adds or replaces confirmed messages, keeping id order; the common case (newer ones) appends. */
function mergeConfirmed(current: ChatMessage[], incoming: Message[]): ChatMessage[] {
  if (incoming.length === 0) return current;
  const last = current[current.length - 1];
  const sortedIn = [...incoming].sort((a, b) => compareIds(a.id, b.id));
  if (!last || compareIds(sortedIn[0]!.id, last.id) > 0) return [...current, ...sortedIn.map(asSent)];
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of sortedIn) byId.set(m.id, asSent(m));
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** A quote's text as the server shapes it (`replyTo.body`): the start of the original, cut with an ellipsis. */
const quoteExcerpt = (body: string) => (body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body);

/**
 * The original of some replies changed (edited: its new text; deleted: null): their quotes follow at
 * once, so nobody reads words the author took back.
 */
function requote(messages: ChatMessage[], originalId: string, body: string | null): ChatMessage[] {
  if (!messages.some((m) => m.replyTo?.id === originalId)) return messages;
  const quoted = body === null ? null : quoteExcerpt(body);
  return messages.map((m) => (m.replyTo?.id === originalId ? { ...m, replyTo: { ...m.replyTo, body: quoted } } : m));
}

/** The reactions a live update describes, with this viewer's `mine` flags kept right. */
function applyReactionUpdate(previous: ReactionSummary[], update: ReactionUpdate, myId: string | undefined): ReactionSummary[] {
  const mineBefore = new Map(previous.map((r) => [r.emoji, r.mine]));
  return update.reactions.map((r) => ({
    ...r,
    mine: update.userId === myId && r.emoji === update.emoji ? update.added : (mineBefore.get(r.emoji) ?? false),
  }));
}

function localMessage(item: OutboxItem, groupId: string, me: PublicUser, state: SendState, error: SendFailure | null = null): ChatMessage {
  return {
    id: `local-${item.clientId}`,
    groupId,
    author: me,
    body: item.body,
    clientId: item.clientId,
    replyToId: item.replyToId,
    replyTo: null,
    mentions: [],
    reactions: [],
    createdAt: item.createdAt,
    editedAt: null,
    deletedAt: null,
    state,
    error,
    acknowledgePersonalData: item.acknowledgePersonalData,
  };
}

function describeSendError(code: string, message: string, body: string, retryAfter?: number, details?: unknown): SendFailure {
  if ((code === 'RATE_LIMITED' || code === 'SLOW_MODE') && retryAfter) return { message, retryAfter, code };
  if (code === 'PERSONAL_DATA') return { message, code, spans: spansFromDetails(details, body) };
  return { message, code };
}

// ─── the store ──────────────────────────────────────────────────────────────────────────

let detach: (() => void) | null = null;
let openSeq = 0;
let lastReadSent: string | null = null;
let readTimer: ReturnType<typeof setTimeout> | null = null;
let pendingRead: string | null = null;
let typingSentAt = 0;
let typingOn = false;
let announceSeq = 0;

export const useChat = create<ChatState>()((set, get) => {
  const me = () => {
    const user = useSession.getState().user;
    if (!user) return null;
    const { email: _email, ...publicUser } = user;
    return publicUser as PublicUser;
  };

  const persistOutbox = () => {
    const { slug, pending } = get();
    if (!slug) return;
    outbox.save(
      slug,
      pending.map((m) => ({
        clientId: m.clientId,
        body: m.body ?? '',
        replyToId: m.replyToId,
        createdAt: m.createdAt,
        ...(m.acknowledgePersonalData ? { acknowledgePersonalData: true } : {}),
      })),
    );
  };

  const setPending = (clientId: string, patch: Partial<ChatMessage>) =>
    set((s) => ({ pending: s.pending.map((m) => (m.clientId === clientId ? { ...m, ...patch } : m)) }));

  /** A confirmed message takes the place of its local copy (matched by clientId). */
  const confirm = (message: Message) => {
    const mine = message.author.id === useSession.getState().user?.id;
    set((s) => ({
      confirmed: mergeConfirmed(s.confirmed, [message]),
      pending: mine ? s.pending.filter((p) => p.clientId !== message.clientId) : s.pending,
    }));
    if (mine) persistOutbox();
  };

  /** Sends one outbox message over the socket; it stays in the outbox until acknowledged. */
  const transmit = (clientId: string) => {
    const { slug, pending } = get();
    const item = pending.find((m) => m.clientId === clientId);
    if (!slug || !item) return;
    setPending(clientId, { state: 'sending', error: null });
    const socket = getSocket();
    if (!socket.connected) return; // flushed when the connection returns
    const body = item.body ?? '';
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        'message:send',
        {
          slug,
          body,
          clientId,
          replyToId: item.replyToId ?? undefined,
          ...(item.acknowledgePersonalData ? { acknowledgePersonalData: true } : {}),
        },
        (err, ack) => {
          if (get().slug !== slug) return;
          if (err) return setPending(clientId, { state: 'failed', error: { message: null } });
          if (ack.ok) {
            if (ack.safety?.crisis) set({ safety: ack.safety });
            return confirm(ack.message);
          }
          const { code, message, retryAfter, details } = ack.error;
          // Muted meanwhile: the room shows the mute (until when, why) instead of the message box.
          const mute = code === 'MUTED' ? muteFromDetails(details) : null;
          if (mute) useModeration.getState().setMuted(slug, mute);
          setPending(clientId, { state: 'failed', error: describeSendError(code, message, body, retryAfter, details) });
        },
      );
  };

  const flushOutbox = () => {
    for (const m of get().pending) if (m.state !== 'failed' || m.error?.message === null) transmit(m.clientId);
  };

  const fetchPage = (slug: string, params: { before?: string; after?: string }) =>
    api.get<HistoryResponse>(`${g(slug)}/messages${query({ ...params, limit: PAGE })}`);

  /**
   * Everything newer than what we hold, page by page, re-reading the last few held (after a reconnect
   * nothing is lost, see RECONNECT_OVERLAP) — or, when the server says broadcasts were lost
   * (`messages:resync`), everything after the id it names, even below ids we already hold.
   */
  const catchUpAnchor = () => {
    const { confirmed } = get();
    return confirmed.at(-Math.min(RECONNECT_OVERLAP, confirmed.length))?.id;
  };
  const catchUp = async (seq: number, from?: string) => {
    const { slug } = get();
    if (!slug) return;
    let after = from ?? catchUpAnchor();
    for (;;) {
      if (!after) return;
      const page = await fetchPage(slug, { after });
      if (seq !== openSeq) return;
      set((s) => ({ confirmed: mergeConfirmed(s.confirmed, page.items) }));
      if (!page.hasMore || page.items.length === 0) return;
      after = page.items.at(-1)!.id;
    }
  };

  const joinRoom = async (seq: number) => {
    const { slug } = get();
    if (!slug) return;
    const ack = await getSocket().timeout(ACK_TIMEOUT_MS).emitWithAck('group:join', { slug }).catch(() => null);
    if (seq !== openSeq || !ack) return;
    if (ack.ok) set({ online: ack.online });
  };

  /**
   * A first page read before this connection's live messages were coming (asked for beside the session
   * check on a reload, or before the socket had connected), applied once they are: what was sent after
   * its reading is read again — from a few of its messages back, as after a reconnect, or as the latest
   * page when the room was empty then. Duplicates merge by id. (Not connected yet: the connection's
   * catch-up does it.)
   */
  const catchUpAfterEarlyPage = async (seq: number, page: HistoryResponse) => {
    const from = page.items.at(-Math.min(RECONNECT_OVERLAP, page.items.length))?.id;
    if (from) return catchUp(seq, from);
    const { slug } = get();
    if (!slug) return;
    const latest = await fetchPage(slug, {});
    if (seq !== openSeq) return;
    set((s) => ({ confirmed: mergeConfirmed(s.confirmed, latest.items), hasOlder: s.hasOlder || latest.hasMore }));
  };

  /** The latest page, and the unread divider: the first of the last `unreadCount` messages from others. */
  const loadLatest = async (seq: number, unreadCount = 0) => {
    const { slug } = get();
    if (!slug) return;
    set({ status: 'loading', error: null });
    try {
      // On a reload of the chat this page may have been asked for already, beside the session check.
      const early = await takePrefetched<HistoryResponse>(`${g(slug)}/messages${query({ limit: PAGE })}`);
      const readWhileLive = !early && getSocket().connected;
      const page = early ?? (await fetchPage(slug, {}));
      if (seq !== openSeq) return;
      const myId = useSession.getState().user?.id;
      const confirmed = mergeConfirmed(get().confirmed, page.items);
      let firstUnreadId: string | null = null;
      for (let i = confirmed.length - 1, left = unreadCount; i >= 0 && left > 0; i--) {
        const m = confirmed[i]!;
        if (m.author.id === myId || m.deletedAt) continue;
        firstUnreadId = m.id;
        left--;
      }
      set({ confirmed, hasOlder: page.hasMore, status: 'ready', firstUnreadId });
      if (!readWhileLive && getSocket().connected) void catchUpAfterEarlyPage(seq, page).catch(() => undefined);
    } catch (err) {
      if (seq === openSeq) set({ status: 'error', error: err });
    }
  };

  return {
    slug: null,
    groupId: null,
    confirmed: [],
    pending: [],
    hasOlder: false,
    loadingOlder: false,
    status: 'idle',
    error: null,
    connection: 'connected',
    online: [],
    typing: {},
    firstUnreadId: null,
    announcement: { id: 0, text: '' },
    safety: null,

    async open(slug, groupId, unreadCount) {
      get().close();
      const seq = ++openSeq;
      const self = me();
      const socket = getSocket();
      lastReadSent = null;
      const restored = self ? outbox.load(slug).map((item) => localMessage(item, groupId, self, 'sending')) : [];
      set({
        slug,
        groupId,
        confirmed: [],
        pending: restored,
        hasOlder: false,
        loadingOlder: false,
        status: 'loading',
        error: null,
        connection: socket.connected ? 'connected' : 'connecting',
        online: [],
        typing: {},
        firstUnreadId: null,
        safety: null,
      });

      const onConnect = () => {
        set({ connection: 'connected' });
        // Decided now, before this connection's live messages arrive (the members' room brings them even
        // before the join is answered): a burst heard meanwhile must not move it past the gap.
        const from = catchUpAnchor();
        void joinRoom(seq)
          .then(() => {
            if (get().confirmed.length > 0) return catchUp(seq, from);
            // The first page never arrived (we were offline): load it now.
            if (get().status === 'error') return loadLatest(seq);
            // The room was empty when last read (before this connection): read it again.
            if (get().status === 'ready') return catchUpAfterEarlyPage(seq, { items: [], hasMore: false });
          })
          .catch(() => undefined)
          .then(flushOutbox);
      };
      const onDisconnect = () => set({ connection: 'reconnecting' });
      const onConnectError = () => {
        if (get().connection === 'connecting') set({ connection: 'reconnecting' });
      };
      const onResync = ({ afterId }: { afterId: string }) => {
        if (get().confirmed.length > 0) void catchUp(seq, afterId).catch(() => undefined);
      };
      const onNew = ({ message }: { message: Message }) => {
        if (message.groupId !== groupId) return;
        confirm(message);
        const mine = message.author.id === useSession.getState().user?.id;
        set((s) => {
          const typing = { ...s.typing };
          delete typing[message.author.id];
          return mine || !message.body
            ? { typing }
            : {
                typing,
                announcement: {
                  id: ++announceSeq,
                  text: i18n.t('chat:room.announcement', { author: message.author.displayName, text: message.body.slice(0, 300) }),
                  messageId: message.id,
                },
              };
        });
      };
      const onUpdated = ({ message }: { message: Message }) => {
        if (message.groupId !== groupId) return;
        set((s) => ({
          confirmed: requote(
            s.confirmed.map((m) => (m.id === message.id ? { ...m, body: message.body, editedAt: message.editedAt, mentions: message.mentions } : m)),
            message.id,
            message.deletedAt ? null : message.body,
          ),
        }));
      };
      const onDeleted = ({ id, groupId: gid }: { id: string; groupId: string }) => {
        if (gid !== groupId) return;
        // A removed message is not read out any more.
        if (get().announcement.messageId === id) set({ announcement: { id: ++announceSeq, text: '' } });
        set((s) => ({
          confirmed: requote(
            s.confirmed.map((m) => (m.id === id ? { ...m, body: null, reactions: [], mentions: [], deletedAt: m.deletedAt ?? new Date().toISOString() } : m)),
            id,
            null,
          ),
        }));
      };
      const onReaction = (update: ReactionUpdate) => {
        if (update.groupId !== groupId) return;
        const myId = useSession.getState().user?.id;
        set((s) => ({
          confirmed: s.confirmed.map((m) => (m.id === update.messageId ? { ...m, reactions: applyReactionUpdate(m.reactions, update, myId) } : m)),
        }));
      };
      const onTyping = (p: { slug: string; user: PublicUser; isTyping: boolean }) => {
        if (p.slug !== slug) return;
        set((s) => {
          const typing = { ...s.typing };
          if (p.isTyping) typing[p.user.id] = { user: p.user, until: Date.now() + TYPING_SHOWN_MS };
          else delete typing[p.user.id];
          return { typing };
        });
      };
      const onPresence = (p: { slug: string; online: PublicUser[] }) => {
        if (p.slug === slug) set({ online: p.online });
      };
      const onRemoved = (p: { slug: string }) => {
        if (p.slug === slug) set({ online: [], connection: get().connection });
      };
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      socket.on('connect_error', onConnectError);
      socket.on('message:new', onNew);
      socket.on('messages:resync', onResync);
      socket.on('message:updated', onUpdated);
      socket.on('message:deleted', onDeleted);
      socket.on('reaction:updated', onReaction);
      socket.on('typing', onTyping);
      socket.on('presence', onPresence);
      socket.on('group:removed', onRemoved);
      const onOnline = () => {
        if (!socket.connected) socket.connect();
      };
      window.addEventListener('online', onOnline);
      detach = () => {
        socket.off('connect', onConnect);
        socket.off('disconnect', onDisconnect);
        socket.off('connect_error', onConnectError);
        socket.off('message:new', onNew);
        socket.off('messages:resync', onResync);
        socket.off('message:updated', onUpdated);
        socket.off('message:deleted', onDeleted);
        socket.off('reaction:updated', onReaction);
        socket.off('typing', onTyping);
        socket.off('presence', onPresence);
        socket.off('group:removed', onRemoved);
        window.removeEventListener('online', onOnline);
        if (socket.connected) socket.emit('group:leave', { slug }, () => {});
      };

      // Join first, then read the latest page: anything sent in between arrives live, nothing falls between.
      if (socket.connected) await joinRoom(seq);
      await loadLatest(seq, unreadCount);
      if (socket.connected && get().status === 'ready') flushOutbox();
    },

    close() {
      openSeq++;
      detach?.();
      detach = null;
      if (readTimer) clearTimeout(readTimer);
      readTimer = null;
      if (typingOn) get().setTyping(false);
      set({ slug: null, groupId: null, confirmed: [], pending: [], online: [], typing: {}, status: 'idle' });
    },

    async loadOlder() {
      const { slug, confirmed, hasOlder, loadingOlder } = get();
      const first = confirmed[0];
      if (!slug || !first || !hasOlder || loadingOlder) return;
      const seq = openSeq;
      set({ loadingOlder: true });
      try {
        const page = await fetchPage(slug, { before: first.id });
        if (seq !== openSeq) return;
        set((s) => ({ confirmed: mergeConfirmed(s.confirmed, page.items), hasOlder: page.hasMore, loadingOlder: false }));
      } catch {
        if (seq === openSeq) set({ loadingOlder: false });
      }
    },

    send(body, replyToId, options = {}) {
      const { slug, groupId } = get();
      const self = me();
      if (!slug || !groupId || !self) return;
      const item: OutboxItem = { clientId: crypto.randomUUID(), body, replyToId, createdAt: new Date().toISOString() };
      if (options.acknowledgePersonalData) item.acknowledgePersonalData = true;
      set((s) => ({ pending: [...s.pending, localMessage(item, groupId, self, 'sending')] }));
      persistOutbox();
      if (typingOn) get().setTyping(false);
      transmit(item.clientId);
    },

    retry(clientId, options = {}) {
      if (options.acknowledgePersonalData) {
        setPending(clientId, { acknowledgePersonalData: true });
        persistOutbox();
      }
      transmit(clientId);
    },

    discard(clientId) {
      set((s) => ({ pending: s.pending.filter((m) => m.clientId !== clientId) }));
      persistOutbox();
    },

    async edit(id, body, options = {}) {
      const { safety, ...updated } = await api.patch<Message & { safety?: SafetyInfo }>(`/messages/${encodeURIComponent(id)}`, {
        body,
        ...(options.acknowledgePersonalData ? { acknowledgePersonalData: true } : {}),
      });
      set((s) => ({
        confirmed: requote(
          s.confirmed.map((m) => (m.id === id ? { ...m, ...updated, state: 'sent' } : m)),
          id,
          updated.body,
        ),
        ...(safety?.crisis ? { safety } : {}),
      }));
    },

    async remove(id, reason) {
      await api.del<void>(`/messages/${encodeURIComponent(id)}`, reason ? { reason } : undefined);
      set((s) => ({
        confirmed: requote(
          s.confirmed.map((m) => (m.id === id ? { ...m, body: null, reactions: [], mentions: [], deletedAt: m.deletedAt ?? new Date().toISOString() } : m)),
          id,
          null,
        ),
      }));
    },

    async toggleReaction(id, emoji) {
      const message = get().confirmed.find((m) => m.id === id);
      if (!message) return;
      const mine = message.reactions.some((r) => r.emoji === emoji && r.mine);
      const path = `/messages/${encodeURIComponent(id)}/reactions/${encodeURIComponent(emoji)}`;
      const { reactions } = mine ? await api.del<{ reactions: ReactionSummary[] }>(path) : await api.put<{ reactions: ReactionSummary[] }>(path);
      set((s) => ({ confirmed: s.confirmed.map((m) => (m.id === id ? { ...m, reactions } : m)) }));
    },

    dismissSafety() {
      set({ safety: null });
    },

    markSeen(id) {
      const { slug, groupId, confirmed } = get();
      if (!slug || !groupId || id.startsWith('local-')) return;
      if (lastReadSent && compareIds(id, lastReadSent) <= 0) return;
      if (pendingRead && compareIds(id, pendingRead) <= 0) return;
      pendingRead = id;
      if (confirmed.at(-1)?.id === id) useGroups.getState().clearUnread(groupId);
      if (readTimer) return;
      // At most one read marker a second; the newest seen id wins.
      readTimer = setTimeout(() => {
        readTimer = null;
        const target = pendingRead;
        pendingRead = null;
        if (!target || get().slug !== slug) return;
        lastReadSent = target;
        const socket = getSocket();
        if (socket.connected) socket.emit('read', { slug, messageId: target }, () => {});
        else void api.post(`${g(slug)}/read`, { messageId: target }).catch(() => undefined);
      }, 1_000);
    },

    setTyping(isTyping) {
      const { slug } = get();
      const socket = getSocket();
      if (!slug || !socket.connected) return;
      const now = Date.now();
      if (isTyping && typingOn && now - typingSentAt < 2_500) return;
      if (!isTyping && !typingOn) return;
      typingOn = isTyping;
      typingSentAt = now;
      socket.emit('typing', { slug, isTyping }, () => {});
    },
  };
});

/** The error text a chat action shows. */
export const actionError = (err: unknown) =>
  err instanceof ApiError ? err.message : i18n.t('common:errors.actionFailed');
