/**
 * The test app's clock: real time plus an offset that tests move forward, so an hour-long mute or a
 * reminder 15 minutes away is tested without sleeping. Time still flows between the jumps.
 */
import type { Clock } from '../../server/src/lib/clock.js';

export class TestClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    if (ms < 0) throw new Error('time only moves forward');
    this.offsetMs += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
