/**
 * Limits and fixed sets of the contract as plain constants, free of zod, so the SPA can import them
 * (through `@circles/shared/client`) without pulling the schemas into its first script.
 */

// groups
export const GROUP_NAME_MIN = 3;
export const GROUP_NAME_MAX = 80;
export const GROUP_DESCRIPTION_MAX = 2000;
export const GROUP_RULES_MAX = 4000;
export const SLOW_MODE_MAX_SECONDS = 3600;
export const BLOCKED_TERMS_MAX = 200;

// liveEvents
/** An event lasts at most this long (the database checks it too). */
export const EVENT_MAX_HOURS = 24;
export const EVENT_TITLE_MIN = 3;
export const EVENT_TITLE_MAX = 120;
export const EVENT_DESCRIPTION_MAX = 2000;
export const EVENT_HOSTS_MAX = 10;
export const EVENT_QUESTION_MAX = 1000;
/** Reminders go out this long before the start, and again at the start. */
export const EVENT_REMINDER_MINUTES = 15;

/**
 * What is wrong with a schedule, or null: the end must come after the start, at most 24 hours later.
 * The server refuses these with VALIDATION_ERROR; the scheduling form says so before sending.
 */
export function scheduleProblem(startsAt: string | Date, endsAt: string | Date): 'ends_before_start' | 'too_long' | null {
  const start = new Date(startsAt).getTime();
  const end = new Date(endsAt).getTime();
  if (!(end > start)) return 'ends_before_start';
  if (end - start > EVENT_MAX_HOURS * 3_600_000) return 'too_long';
  return null;
}

// messages
/** The supportive reactions a member can add; anything else is a VALIDATION_ERROR. */
export const SUPPORTIVE_EMOJI = ['❤️', '🙏', '👍', '🤗', '💪', '🌟'] as const;
/** Longest reply excerpt carried in `replyTo.body` and in notifications. */
export const EXCERPT_LENGTH = 140;

// moderation
/** Longest moderation reason or note. */
export const MODERATION_TEXT_MAX = 1000;

// groups
/** Longest note a person writes with a request to join a private group (for its moderators only). */
export const JOIN_NOTE_MAX = 500;
/** Longest timed mute, ban or suspension: one year. */
export const MODERATION_MINUTES_MAX = 525_600;
/** A resolution by mute without `minutes` mutes for this long. */
export const DEFAULT_MUTE_MINUTES = 60;
