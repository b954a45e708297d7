/**
 * The SPA's event times: what a person types in `<input type="datetime-local">` is read in their own
 * time zone (daylight-saving changes included) and sent as a UTC instant; an instant shown back in
 * the form reads as they typed it. Runs without a browser, in Toronto time (the browser test covers
 * the countdown's wording).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// localInput.ts, not format.ts: the SPA's i18n types (a module augmentation of i18next) stay out of
// this project, whose server code types i18next its own way.
import { fromLocalInputValue, toLocalInputValue } from '../../client/src/i18n/localInput.js';

const machineZone = process.env.TZ;
beforeAll(() => {
  // Node applies a new TZ at once: Date and Intl then work in Toronto time.
  process.env.TZ = 'America/Toronto';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('event times in the viewer’s time zone', () => {
  it('reads a datetime-local value in the viewer’s zone, on both sides of a daylight-saving change', () => {
    expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Toronto');
    // Winter: UTC−5.
    expect(fromLocalInputValue('2026-01-15T14:05')).toBe('2026-01-15T19:05:00.000Z');
    // Clocks go forward on 8 March 2026 at 2:00: before it UTC−5, after it UTC−4.
    expect(fromLocalInputValue('2026-03-08T01:30')).toBe('2026-03-08T06:30:00.000Z');
    expect(fromLocalInputValue('2026-03-08T03:30')).toBe('2026-03-08T07:30:00.000Z');
    // Summer, with seconds.
    expect(fromLocalInputValue('2026-07-01T09:00:30')).toBe('2026-07-01T13:00:30.000Z');
  });

  it('shows an instant back as the viewer typed it', () => {
    expect(toLocalInputValue('2026-01-15T19:05:00.000Z')).toBe('2026-01-15T14:05');
    expect(toLocalInputValue('2026-07-01T13:00:00Z')).toBe('2026-07-01T09:00');
    for (const value of ['2026-01-15T14:05', '2026-03-08T03:30', '2026-11-01T23:59']) {
      expect(toLocalInputValue(fromLocalInputValue(value)!)).toBe(value);
    }
  });

  it('refuses what is not a date and time', () => {
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('2026-01-15')).toBeNull();
    expect(fromLocalInputValue('tomorrow at noon')).toBeNull();
  });
});
