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

// messages
/** The supportive reactions a member can add; anything else is a VALIDATION_ERROR. */
export const SUPPORTIVE_EMOJI = ['❤️', '🙏', '👍', '🤗', '💪', '🌟'] as const;
/** Longest reply excerpt carried in `replyTo.body` and in notifications. */
export const EXCERPT_LENGTH = 140;

// moderation
/** Longest moderation reason or note. */
export const MODERATION_TEXT_MAX = 1000;
/** Longest timed mute, ban or suspension: one year. */
export const MODERATION_MINUTES_MAX = 525_600;
/** A resolution by mute without `minutes` mutes for this long. */
export const DEFAULT_MUTE_MINUTES = 60;
