/**
 * The one source of "now" for business time (expiries, reminders, timed mutes, claims). Services take
 * it from `deps.clock` instead of calling `Date.now()`, so tests move time forward instead of sleeping
 * and every node agrees on what "due" means by the same rule.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Whole seconds (at least 1) from `now` until `until`: what `Retry-After` and countdowns show. */
export const secondsUntil = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
