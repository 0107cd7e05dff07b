import { describe, expect, it } from 'vitest';
import { isLaterThere } from './writing-state.js';

const now = new Date('2026-11-27T12:00:00.000Z');

describe('isLaterThere: the Schedule label reads the publish time in the outlet zone', () => {
  it("compares with the outlet's wall clock, not UTC or the browser's", () => {
    // 12:00 UTC is 6:00 in Chicago: 7:00 there is still to come, though 07:00 UTC has passed.
    expect(isLaterThere('2026-11-27T07:00', 'America/Chicago', now)).toBe(true);
    expect(isLaterThere('2026-11-27T05:30', 'America/Chicago', now)).toBe(false);
    // 12:00 UTC is 21:00 in Tokyo: 20:00 there has passed, though 20:00 UTC has not.
    expect(isLaterThere('2026-11-27T20:00', 'Asia/Tokyo', now)).toBe(false);
    expect(isLaterThere('2026-11-28T00:15', 'Asia/Tokyo', now)).toBe(true);
  });

  it('is never "later" for an empty, malformed value or an unknown zone', () => {
    expect(isLaterThere('', 'UTC', now)).toBe(false);
    expect(isLaterThere('tomorrow', 'UTC', now)).toBe(false);
    expect(isLaterThere('2027-01-01T00:00', 'Mars/Olympus', now)).toBe(false);
  });
});
