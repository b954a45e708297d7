/**
 * What the chat keeps on this device, per signed-in user and group: the draft being typed and the
 * outbox of messages not yet acknowledged, so neither is lost to a reload or a dropped connection.
 * Signing out clears it, so a shared device keeps nothing of the conversation.
 */
import { useSession } from './session';

export interface OutboxItem {
  clientId: string;
  body: string;
  replyToId: string | null;
  createdAt: string;
  /** The author chose "post anyway" over the personal-data warning: every resend says so. */
  acknowledgePersonalData?: boolean;
}

const storageKey = (kind: 'outbox' | 'draft', slug: string) => `circles.chat.${useSession.getState().user?.id ?? 'anon'}.${kind}.${slug}`;

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown) {
  try {
    if (value === null || (Array.isArray(value) && value.length === 0) || value === '') localStorage.removeItem(key);
    else localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
  } catch {
    /* storage full or blocked: the in-memory copy still works */
  }
}

export const drafts = {
  load: (slug: string): string => {
    try {
      return localStorage.getItem(storageKey('draft', slug)) ?? '';
    } catch {
      return '';
    }
  },
  save: (slug: string, text: string) => writeJson(storageKey('draft', slug), text),
};

export const outbox = {
  load: (slug: string) => readJson<OutboxItem[]>(storageKey('outbox', slug), []),
  save: (slug: string, items: OutboxItem[]) => writeJson(storageKey('outbox', slug), items),
};

// Signing out on a shared device leaves no chat text behind.
useSession.subscribe((state, previous) => {
  if (state.status === 'signedOut' && previous.user) {
    const prefix = `circles.chat.${previous.user.id}.`;
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  }
});
