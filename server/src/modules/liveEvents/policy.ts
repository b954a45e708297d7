/**
 * Who may do what with live events, and when. Group roles come from groups/policy.ts (readers,
 * members, moderators); this file adds the event's own: its hosts, and the states each action needs.
 *
 *   schedule, edit, cancel ........ the group's moderators (owners, site admins), edit/cancel before it starts
 *   start, end, feature, answered . a host or a moderator
 *   ask, upvote ................... members who may post, while it is scheduled or live
 *   read, remind me, calendar ..... readers of the group
 */
import { scheduleProblem, EVENT_MAX_HOURS, type LiveEventStatus } from '@circles/shared';
import { msg, type MessageKey, type Msg } from '../../i18n/index.js';
import { AppError, validationError } from '../../lib/appError.js';
import { assertCanPost, assertCanRead, assertModerator, isActiveMember, isModerator, type GroupAccess } from '../groups/policy.js';
import type { EventRow } from './views.js';

export { assertCanPost, assertCanRead, assertModerator };

/** A host runs the event while they are still an active member of the group (and not banned from it). */
export const isHost = (access: GroupAccess, event: Pick<EventRow, 'hostIds'>) =>
  event.hostIds.includes(access.actor.userId) && isActiveMember(access) && !access.banned;

/** Starting, ending, featuring and answering: its hosts and the group's moderators. */
export const canRunEvent = (access: GroupAccess, event: Pick<EventRow, 'hostIds'>) => isHost(access, event) || isModerator(access);

export function assertCanRunEvent(access: GroupAccess, event: Pick<EventRow, 'hostIds'>): void {
  assertCanRead(access);
  if (!canRunEvent(access, event)) throw new AppError('FORBIDDEN', 'events.hostsOrModerators');
}

/** Edits and cancellations happen before the event starts. */
export function assertNotStarted(event: Pick<EventRow, 'status'>): void {
  if (event.status === 'scheduled') return;
  const why: Record<Exclude<LiveEventStatus, 'scheduled'>, MessageKey> = {
    live: 'events.alreadyStarted',
    ended: 'events.over',
    cancelled: 'events.cancelled',
  };
  throw new AppError('CONFLICT', why[event.status]);
}

/** Questions are asked and upvoted while the event is ahead or under way, not once it is over. */
export function assertTakesQuestions(event: Pick<EventRow, 'status'>): void {
  if (event.status === 'scheduled' || event.status === 'live') return;
  throw new AppError('CONFLICT', event.status === 'ended' ? 'events.over' : 'events.cancelled');
}

/** Featuring a question needs the event to be live. */
export function assertLive(event: Pick<EventRow, 'status'>): void {
  if (event.status !== 'live') throw new AppError('CONFLICT', 'events.notLive');
}

/** How far ahead an event may be scheduled, and how far in the past a start may lie (a form sent slowly). */
const MAX_DAYS_AHEAD = 366;
const START_SLACK_MS = 5 * 60_000;

/**
 * VALIDATION_ERROR unless the end comes after the start, at most 24 hours later. A new start must not
 * lie in the past (a few minutes of slack for a form filled in slowly) nor more than a year ahead.
 */
export function assertValidSchedule(startsAt: Date, endsAt: Date, now: Date, options: { startChanged: boolean }): void {
  const problem = scheduleProblem(startsAt, endsAt);
  if (problem === 'ends_before_start') throw invalid('body.endsAt', msg('events.endsAfterStart'));
  if (problem === 'too_long') throw invalid('body.endsAt', msg('events.tooLong', { count: EVENT_MAX_HOURS }));
  if (options.startChanged && startsAt.getTime() < now.getTime() - START_SLACK_MS) throw invalid('body.startsAt', msg('events.notInPast'));
  if (startsAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) throw invalid('body.startsAt', msg('events.withinYear'));
}

/** VALIDATION_ERROR when a host is not an active member of the group. */
export function assertHostsAreMembers(hostIds: string[], activeMemberIds: Set<string>): void {
  if (hostIds.some((id) => !activeMemberIds.has(id))) throw invalid('body.hostIds', msg('events.hostsMustBeMembers'));
}

const invalid = (field: string, problem: Msg) => validationError([{ field, problem }]);
