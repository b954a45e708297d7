/**
 * The question board of one group: filters, pages and live updates (`question:new`,
 * `question:pinned`). Room broadcasts carry the anonymous form and no `mine`, so merging keeps what
 * the REST answer told this viewer (their own `mine`, an author a moderator may see).
 */
import type { Question, QuestionList } from '@circles/shared';
import { create } from 'zustand';
import { api, query } from '../api/http';

export type BoardFilter = 'all' | 'open' | 'answered' | 'pinned';
export type BoardSort = 'new' | 'top';

export interface BoardParams {
  filter: BoardFilter;
  sort: BoardSort;
  q: string;
}

interface BoardState {
  slug: string | null;
  groupId: string | null;
  params: BoardParams;
  items: Question[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  error: unknown;
  load(slug: string, groupId: string, params: BoardParams): Promise<void>;
  loadMore(): Promise<void>;
  applyLive(question: Question): void;
}

export const DEFAULT_PARAMS: BoardParams = { filter: 'all', sort: 'new', q: '' };

function listPath(slug: string, params: BoardParams, cursor?: string | null) {
  return `/groups/${encodeURIComponent(slug)}/questions${query({
    status: params.filter === 'open' || params.filter === 'answered' ? params.filter : undefined,
    pinned: params.filter === 'pinned' ? 'true' : undefined,
    sort: params.sort,
    q: params.q.trim() || undefined,
    cursor: cursor ?? undefined,
    limit: 20,
  })}`;
}

/** Whether a live question belongs on the board as currently filtered. */
function matches(question: Question, params: BoardParams): boolean {
  if (params.q.trim()) return false; // search results are ranked by the server; do not guess.
  if (params.filter === 'open' && question.status !== 'open') return false;
  if (params.filter === 'answered' && question.status !== 'answered') return false;
  if (params.filter === 'pinned' && !question.pinned) return false;
  return true;
}

const byPinnedThenNewest = (a: Question, b: Question) =>
  Number(b.pinned) - Number(a.pinned) || b.createdAt.localeCompare(a.createdAt);

let loadSeq = 0;

export const useQuestionBoard = create<BoardState>()((set, get) => ({
  slug: null,
  groupId: null,
  params: DEFAULT_PARAMS,
  items: [],
  nextCursor: null,
  status: 'idle',
  error: null,

  async load(slug, groupId, params) {
    const seq = ++loadSeq;
    const sameBoard = get().slug === slug;
    set({ slug, groupId, params, status: 'loading', error: null, ...(sameBoard ? {} : { items: [], nextCursor: null }) });
    try {
      const page = await api.get<QuestionList>(listPath(slug, params));
      if (seq !== loadSeq) return; // a newer search or filter won
      set({ items: page.items, nextCursor: page.nextCursor, status: 'ready' });
    } catch (error) {
      if (seq === loadSeq) set({ status: 'error', error });
    }
  },

  async loadMore() {
    const { slug, params, nextCursor, status } = get();
    if (!slug || !nextCursor || status === 'loadingMore') return;
    const seq = loadSeq;
    set({ status: 'loadingMore' });
    try {
      const page = await api.get<QuestionList>(listPath(slug, params, nextCursor));
      if (seq !== loadSeq) return;
      const seen = new Set(get().items.map((q) => q.id));
      set({ items: [...get().items, ...page.items.filter((q) => !seen.has(q.id))], nextCursor: page.nextCursor, status: 'ready' });
    } catch (error) {
      if (seq === loadSeq) set({ status: 'error', error });
    }
  },

  applyLive(incoming) {
    const { groupId, items, params } = get();
    if (incoming.groupId !== groupId) return;
    const existing = items.find((q) => q.id === incoming.id);
    if (existing) {
      const merged: Question = {
        ...existing,
        ...incoming,
        author: incoming.author ?? existing.author,
        mine: existing.mine,
      };
      let next = items.map((q) => (q.id === incoming.id ? merged : q));
      if (!matches(merged, params) && !params.q.trim()) next = next.filter((q) => q.id !== incoming.id);
      if (params.sort === 'new' && !params.q.trim()) next = [...next].sort(byPinnedThenNewest);
      set({ items: next });
      return;
    }
    if (!matches(incoming, params)) return;
    // Under "top" a brand-new question ranks low; if more pages exist it belongs to one of them.
    if (params.sort === 'top' && get().nextCursor) return;
    const next = [...items, incoming];
    if (params.sort === 'new') next.sort(byPinnedThenNewest);
    set({ items: next });
  },
}));
