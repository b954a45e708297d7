/**
 * The open event page: the event, its question queue (most upvoted first, then oldest), the answered
 * questions, the group's slow mode, and the live updates that keep them current (`event:started`,
 * `event:ended`, `event:updated`, `event:question_new`, `event:question_updated`,
 * `event:question_featured`, `event:question_removed`, `group:settings`).
 *
 * Room broadcasts serve everyone, so they carry nobody's own `remindMe` or `upvotedByMe`: merging
 * keeps what the REST answers told this viewer. After a reconnect the room is joined again and the
 * event and its questions are read again, so nothing that happened meanwhile is missed.
 */
import type { EventQuestion, EventQuestionBroadcast, GroupSettings, LiveEvent, LiveEventBroadcast } from '@circles/shared';
import { create } from 'zustand';
import { eventsApi } from '../api/events';
import { getSocket } from '../api/socket';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface LiveEventState {
  eventId: string | null;
  slug: string | null;
  event: LiveEvent | null;
  status: LoadStatus;
  error: unknown;
  /** The queue: queued questions, most upvoted first, then oldest. */
  queued: EventQuestion[];
  /** The record: answered questions, in the order they were answered. */
  answered: EventQuestion[];
  questionsError: unknown;
  /** The group's slow mode (seconds between a member's messages; 0: off), live from `group:settings`. */
  slowModeSeconds: number;
  open(eventId: string, group: { slug: string; settings: GroupSettings }): Promise<void>;
  close(): void;
  /** Reads the event and its questions again (after a reconnect, or on "Try again"). */
  refresh(): Promise<void>;
  /** Subscribes this socket to the group's room again (the live chat leaves it when it closes). */
  rejoin(): void;
  /** An event as a REST action answered it: its `remindMe` is this viewer's own. */
  applyOwnEvent(event: LiveEvent): void;
  ask(body: string, acknowledgePersonalData?: boolean): Promise<EventQuestion>;
  toggleUpvote(questionId: string): Promise<void>;
  feature(questionId: string): Promise<void>;
  markAnswered(questionId: string): Promise<void>;
  setSlowMode(seconds: number): Promise<void>;
}

const byQueueOrder = (a: EventQuestion, b: EventQuestion) =>
  b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
const byAnsweredOrder = (a: EventQuestion, b: EventQuestion) =>
  (a.answeredAt ?? '').localeCompare(b.answeredAt ?? '') || a.createdAt.localeCompare(b.createdAt);

/**
 * Puts a question where it belongs (queue or record), replacing an older copy. A broadcast
 * (`own: false`) keeps this viewer's `upvotedByMe`; the caller's own REST answer sets it.
 */
function place(state: Pick<LiveEventState, 'queued' | 'answered'>, incoming: EventQuestion, own: boolean) {
  const previous = state.queued.find((q) => q.id === incoming.id) ?? state.answered.find((q) => q.id === incoming.id);
  // Answered is final: a late copy from before it was answered changes nothing.
  if (previous?.status === 'answered' && incoming.status === 'queued') return {};
  const question = own || !previous ? incoming : { ...incoming, upvotedByMe: previous.upvotedByMe };
  const queued = state.queued.filter((q) => q.id !== incoming.id);
  const answered = state.answered.filter((q) => q.id !== incoming.id);
  if (question.status === 'queued') queued.push(question);
  else answered.push(question);
  return { queued: queued.sort(byQueueOrder), answered: answered.sort(byAnsweredOrder) };
}

let detach: (() => void) | null = null;
let openSeq = 0;

export const useLiveEvent = create<LiveEventState>()((set, get) => {
  /** A broadcast's event, with this viewer's own reminder kept. */
  const mergeEvent = (incoming: LiveEvent) => {
    const current = get().event;
    if (!current || current.id !== incoming.id) return;
    set({ event: { ...incoming, remindMe: current.remindMe } });
  };

  /** Which question is featured follows the event (one at a time; answering or ending clears it). */
  const setFeatured = (questionId: string | null) => {
    const { event, queued } = get();
    if (!event) return;
    set({
      event: { ...event, featuredQuestionId: questionId },
      queued: queued.map((q) => (q.featured === (q.id === questionId) ? q : { ...q, featured: q.id === questionId })),
    });
  };

  const loadQuestions = async (eventId: string, seq: number) => {
    try {
      const [queued, answered] = await Promise.all([eventsApi.questions(eventId, 'queued'), eventsApi.questions(eventId, 'answered')]);
      if (seq !== openSeq) return;
      set({ queued: [...queued.items].sort(byQueueOrder), answered: [...answered.items].sort(byAnsweredOrder), questionsError: null });
    } catch (err) {
      if (seq === openSeq) set({ questionsError: err });
    }
  };

  const load = async (seq: number) => {
    const { eventId } = get();
    if (!eventId) return;
    try {
      const event = await eventsApi.get(eventId);
      if (seq !== openSeq) return;
      set({ event, status: 'ready', error: null });
    } catch (err) {
      if (seq === openSeq) set({ status: get().event ? 'ready' : 'error', error: err });
      return;
    }
    await loadQuestions(eventId, seq);
  };

  const join = () => {
    const { slug } = get();
    const socket = getSocket();
    if (slug && socket.connected) socket.emit('group:join', { slug }, () => undefined);
  };

  return {
    eventId: null,
    slug: null,
    event: null,
    status: 'idle',
    error: null,
    queued: [],
    answered: [],
    questionsError: null,
    slowModeSeconds: 0,

    async open(eventId, group) {
      get().close();
      const seq = ++openSeq;
      set({
        eventId,
        slug: group.slug,
        event: null,
        status: 'loading',
        error: null,
        queued: [],
        answered: [],
        questionsError: null,
        slowModeSeconds: group.settings.slowModeSeconds,
      });
      const socket = getSocket();
      const mine = (p: { event: LiveEvent }) => p.event.id === get().eventId;
      const onConnect = () => {
        join();
        void load(seq);
      };
      const onEvent = (p: LiveEventBroadcast) => {
        if (!mine(p)) return;
        mergeEvent(p.event);
        // Ending clears the featured question; answered ones asked at the last moment are read again.
        if (p.event.status === 'ended') {
          setFeatured(null);
          void loadQuestions(eventId, seq);
        }
      };
      const onQuestion = (p: EventQuestionBroadcast) => {
        if (p.eventId !== get().eventId) return;
        set((s) => place(s, p.question, false));
        if (p.question.status === 'answered' && get().event?.featuredQuestionId === p.question.id) setFeatured(null);
      };
      const onFeatured = (p: EventQuestionBroadcast) => {
        if (p.eventId !== get().eventId) return;
        set((s) => place(s, p.question, false));
        setFeatured(p.question.id);
      };
      const onRemoved = (p: { eventId: string; questionId: string }) => {
        if (p.eventId !== get().eventId) return;
        if (get().event?.featuredQuestionId === p.questionId) setFeatured(null);
        set((s) => ({ queued: s.queued.filter((q) => q.id !== p.questionId), answered: s.answered.filter((q) => q.id !== p.questionId) }));
      };
      const onSettings = (p: { slug: string; settings: GroupSettings }) => {
        if (p.slug === get().slug) set({ slowModeSeconds: p.settings.slowModeSeconds });
      };
      socket.on('connect', onConnect);
      socket.on('event:started', onEvent);
      socket.on('event:ended', onEvent);
      socket.on('event:updated', onEvent);
      socket.on('event:question_new', onQuestion);
      socket.on('event:question_updated', onQuestion);
      socket.on('event:question_featured', onFeatured);
      socket.on('event:question_removed', onRemoved);
      socket.on('group:settings', onSettings);
      detach = () => {
        socket.off('connect', onConnect);
        socket.off('event:started', onEvent);
        socket.off('event:ended', onEvent);
        socket.off('event:updated', onEvent);
        socket.off('event:question_new', onQuestion);
        socket.off('event:question_updated', onQuestion);
        socket.off('event:question_featured', onFeatured);
        socket.off('event:question_removed', onRemoved);
        socket.off('group:settings', onSettings);
        if (socket.connected) socket.emit('group:leave', { slug: group.slug }, () => undefined);
      };
      // Join first, then read: whatever happens in between arrives live, nothing falls between.
      join();
      await load(seq);
    },

    close() {
      openSeq++;
      detach?.();
      detach = null;
      set({ eventId: null, slug: null, event: null, status: 'idle', error: null, queued: [], answered: [], questionsError: null });
    },

    async refresh() {
      const seq = openSeq;
      if (!get().event) set({ status: 'loading', error: null });
      await load(seq);
    },

    rejoin: join,

    applyOwnEvent(event) {
      if (event.id === get().eventId) set({ event });
    },

    async ask(body, acknowledgePersonalData) {
      const { eventId } = get();
      if (!eventId) throw new Error('no event open');
      const question = await eventsApi.ask(eventId, acknowledgePersonalData ? { body, acknowledgePersonalData } : { body });
      if (get().eventId === eventId) set((s) => place(s, question, true));
      return question;
    },

    async toggleUpvote(questionId) {
      const { eventId, queued } = get();
      const question = queued.find((q) => q.id === questionId);
      if (!eventId || !question) return;
      const updated = await eventsApi.upvote(eventId, questionId, !question.upvotedByMe);
      if (get().eventId === eventId) set((s) => place(s, updated, true));
    },

    async feature(questionId) {
      const { eventId } = get();
      if (!eventId) return;
      const featured = await eventsApi.feature(eventId, questionId);
      if (get().eventId !== eventId) return;
      set((s) => place(s, featured, true));
      setFeatured(featured.id);
    },

    async markAnswered(questionId) {
      const { eventId } = get();
      if (!eventId) return;
      const answered = await eventsApi.markAnswered(eventId, questionId);
      if (get().eventId !== eventId) return;
      set((s) => place(s, answered, true));
      if (get().event?.featuredQuestionId === questionId) setFeatured(null);
    },

    async setSlowMode(seconds) {
      const { slug } = get();
      if (!slug) return;
      const saved = await eventsApi.setSlowMode(slug, seconds);
      if (get().slug === slug) set({ slowModeSeconds: saved.slowModeSeconds });
    },
  };
});
