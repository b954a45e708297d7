/**
 * The reader's own standing in groups as moderation changes it live: a mute (`moderation:muted`, or a
 * post refused with MUTED), its end (`moderation:unmuted`), and losing access (`group:removed`). The
 * group's own `myMembership.mutedUntil/muteReason` say the same on every load; these live values take
 * precedence until the page reloads the group. Appeals sent are remembered so the button says so.
 */
import type { Group, GroupRemovedReason } from '@circles/shared';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { getSocket, type CirclesSocket } from '../api/socket';

export interface MuteInfo {
  until: string;
  reason: string;
}

interface ModerationState {
  /** Live mute per group slug: a value once muted, null once lifted; absent: the group's own fields decide. */
  mutes: Record<string, MuteInfo | null>;
  removed: Record<string, GroupRemovedReason>;
  appealed: Record<string, true>;
  /** Open reports per group for its moderators' "Reports" tab; `more`: at least that many. */
  openReports: Record<string, { count: number; more: boolean }>;
  setOpenReports(slug: string, count: number, more: boolean): void;
  bumpOpenReports(slug: string): void;
  setMuted(slug: string, mute: MuteInfo | null): void;
  setRemoved(slug: string, reason: GroupRemovedReason): void;
  /** Forgets live state for a group whose fresh copy has just been loaded. */
  forget(slug: string): void;
  setAppealed(slug: string): void;
}

export const useModeration = create<ModerationState>()((set) => ({
  mutes: {},
  removed: {},
  appealed: {},
  openReports: {},
  setOpenReports: (slug, count, more) => set((s) => ({ openReports: { ...s.openReports, [slug]: { count, more } } })),
  bumpOpenReports: (slug) =>
    set((s) => {
      const now = s.openReports[slug];
      return now ? { openReports: { ...s.openReports, [slug]: { ...now, count: now.count + 1 } } } : {};
    }),
  setMuted: (slug, mute) => set((s) => ({ mutes: { ...s.mutes, [slug]: mute } })),
  setRemoved: (slug, reason) => set((s) => ({ removed: { ...s.removed, [slug]: reason } })),
  forget: (slug) =>
    set((s) => {
      const { [slug]: _m, ...mutes } = s.mutes;
      const { [slug]: _r, ...removed } = s.removed;
      return { mutes, removed };
    }),
  setAppealed: (slug) => set((s) => ({ appealed: { ...s.appealed, [slug]: true } })),
}));

const watched = new WeakSet<CirclesSocket>();

/** Listens (once per connection object) for the moderation events addressed to this person. */
export function watchModeration(): void {
  const socket = getSocket();
  if (watched.has(socket)) return;
  watched.add(socket);
  const store = useModeration.getState;
  socket.on('moderation:muted', ({ slug, until, reason }) => store().setMuted(slug, { until, reason }));
  socket.on('moderation:unmuted', ({ slug }) => store().setMuted(slug, null));
  socket.on('group:removed', ({ slug, reason }) => store().setRemoved(slug, reason));
}

/** Reads a MUTED error's details (`{ until, reason }`), if it has them. */
export function muteFromDetails(details: unknown): MuteInfo | null {
  if (!details || typeof details !== 'object') return null;
  const { until, reason } = details as { until?: unknown; reason?: unknown };
  return typeof until === 'string' ? { until, reason: typeof reason === 'string' ? reason : '' } : null;
}

/**
 * The mute in force for the reader in `group` (live value first, else the group's own fields), or
 * null. Re-renders when it runs out, so the composer comes back by itself.
 */
export function useMyMute(group: Pick<Group, 'slug' | 'myMembership'>): MuteInfo | null {
  const live = useModeration((s) => s.mutes[group.slug]);
  const fromGroup: MuteInfo | null = group.myMembership?.mutedUntil
    ? { until: group.myMembership.mutedUntil, reason: group.myMembership.muteReason ?? '' }
    : null;
  const mute = live === undefined ? fromGroup : live;
  const [, setTick] = useState(0);
  const endsAt = mute ? Date.parse(mute.until) : NaN;
  useEffect(() => {
    if (!Number.isFinite(endsAt)) return;
    const wait = endsAt - Date.now();
    if (wait <= 0) return;
    // setTimeout caps at about 24.8 days; a longer mute re-checks then.
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(wait + 250, 2_000_000_000));
    return () => clearTimeout(timer);
  }, [endsAt]);
  return mute && endsAt > Date.now() ? mute : null;
}
