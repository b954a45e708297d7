/**
 * Live events: scheduled live chats in a group, with hosts, a question queue and a transcript.
 * Every REST body, query and answer of the contract's "Live events" section, and their socket payloads.
 */
import { z } from 'zod';
import { EVENT_DESCRIPTION_MAX, EVENT_HOSTS_MAX, EVENT_QUESTION_MAX, EVENT_TITLE_MAX, EVENT_TITLE_MIN, scheduleProblem } from '../limits.js';
export { scheduleProblem };
import { acknowledgePersonalData, limitQuery, listOf, nameText, optionalText, plainText, safetyInfo } from './common.js';
import { message } from './messages.js';
import { publicUser } from './users.js';

export const liveEventStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
export type LiveEventStatus = z.infer<typeof liveEventStatus>;

export const liveEvent = z.object({
  id: z.string(),
  groupId: z.string(),
  /** Extra to the contract: where it happens, so a list across groups can link to it. */
  group: z.object({ slug: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  hosts: z.array(publicUser),
  status: liveEventStatus,
  /**
   * Whether the caller asked to be reminded. Broadcasts (`event:started`, …) serve everyone and carry
   * `false`: a client keeps its own value.
   */
  remindMe: z.boolean(),
  /** Extra to the contract: when it actually went live and ended (null until then). */
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Extra to the contract: the question the hosts are taking now (null: none). */
  featuredQuestionId: z.string().nullable(),
  createdAt: z.string(),
});
export type LiveEvent = z.infer<typeof liveEvent>;

export const liveEventList = listOf(liveEvent);
export type LiveEventList = z.infer<typeof liveEventList>;

/** ISO-8601 with a time zone (`Z` or an offset); answers always come back in UTC. */
const instant = z.iso.datetime({ offset: true });
const hostIds = z.array(z.uuid()).min(1).max(EVENT_HOSTS_MAX);

export const eventTitle = nameText(EVENT_TITLE_MIN, EVENT_TITLE_MAX);
export const eventDescription = optionalText(EVENT_DESCRIPTION_MAX);

export const createLiveEventBody = z.object({
  title: eventTitle,
  description: eventDescription.default(''),
  startsAt: instant,
  endsAt: instant,
  hostIds,
});
export type CreateLiveEventBody = z.infer<typeof createLiveEventBody>;

export const updateLiveEventBody = z
  .object({
    title: eventTitle.optional(),
    description: eventDescription.optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    hostIds: hostIds.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined));
export type UpdateLiveEventBody = z.infer<typeof updateLiveEventBody>;


export const groupEventsQuery = z.object({
  /** `upcoming`: scheduled and live, soonest first; `past`: ended and cancelled, latest first. */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  cursor: z.string().max(200).optional(),
  limit: limitQuery,
});
export type GroupEventsQuery = z.infer<typeof groupEventsQuery>;

export const myEventsQuery = z.object({
  /** Events still going on at or after this instant (default: now). */
  from: instant.optional(),
  cursor: z.string().max(200).optional(),
  limit: limitQuery,
});
export type MyEventsQuery = z.infer<typeof myEventsQuery>;

export const eventIdParams = z.object({ id: z.string().min(1).max(64) });
export const eventQuestionParams = z.object({ id: z.string().min(1).max(64), qid: z.string().min(1).max(64) });

// ─── the question queue ───────────────────────────────────────────────────────────────────

export const eventQuestionStatus = z.enum(['queued', 'answered']);

export const eventQuestion = z.object({
  id: z.string(),
  /** Extra to the contract, as are `upvotedByMe`, `featured`, `createdAt`, `answeredAt`. */
  eventId: z.string(),
  body: z.string(),
  author: publicUser,
  upvotes: z.number().int(),
  /** The caller's own upvote; broadcasts serve everyone and carry `false`. */
  upvotedByMe: z.boolean(),
  status: eventQuestionStatus,
  /** The question the hosts are taking now. */
  featured: z.boolean(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type EventQuestion = z.infer<typeof eventQuestion>;

export const eventQuestionList = listOf(eventQuestion);
export type EventQuestionList = z.infer<typeof eventQuestionList>;

export const askEventQuestionBody = z.object({ body: plainText(1, EVENT_QUESTION_MAX), acknowledgePersonalData });
export type AskEventQuestionBody = z.infer<typeof askEventQuestionBody>;
/** The asker's answer: the question, with `safety` when it reads as a crisis. */
export const askEventQuestionResponse = eventQuestion.extend({ safety: safetyInfo.optional() });

export const eventQuestionsQuery = z.object({
  /** `queued` (default): the queue, by upvotes then age; `answered`: the record, in the order they were answered; `all`: both. */
  status: z.enum(['queued', 'answered', 'all']).default('queued'),
  cursor: z.string().max(200).optional(),
  limit: limitQuery,
});
export type EventQuestionsQuery = z.infer<typeof eventQuestionsQuery>;

// ─── the transcript ───────────────────────────────────────────────────────────────────────

export const transcriptQuery = z.object({
  cursor: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export type TranscriptQuery = z.infer<typeof transcriptQuery>;

/** The messages sent while the event was live, oldest first; `nextCursor` continues it. */
export const transcriptList = listOf(message);
export type TranscriptList = z.infer<typeof transcriptList>;

// ─── socket payloads (server → client) ────────────────────────────────────────────────────

export const liveEventBroadcast = z.object({ event: liveEvent });
export type LiveEventBroadcast = z.infer<typeof liveEventBroadcast>;
export const eventQuestionBroadcast = z.object({ eventId: z.string(), question: eventQuestion });
export type EventQuestionBroadcast = z.infer<typeof eventQuestionBroadcast>;
