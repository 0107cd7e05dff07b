import { describe, expect, it } from 'vitest';
import { utcToZonedLocal, zonedLocalToUtc } from './time-zone.js';

describe('time zones for scheduling', () => {
  it('reads a wall-clock time in the outlet’s zone, across daylight saving', () => {
    expect(zonedLocalToUtc('2026-12-01T09:30', 'UTC')).toBe('2026-12-01T09:30:00.000Z');
    expect(zonedLocalToUtc('2026-12-01T09:30', 'Europe/London')).toBe('2026-12-01T09:30:00.000Z');
    expect(zonedLocalToUtc('2026-07-01T09:30', 'Europe/London')).toBe('2026-07-01T08:30:00.000Z');
    expect(zonedLocalToUtc('2026-07-01T09:30', 'America/Chicago')).toBe('2026-07-01T14:30:00.000Z');
    expect(zonedLocalToUtc('2026-12-01T09:30', 'America/Chicago')).toBe('2026-12-01T15:30:00.000Z');
    expect(zonedLocalToUtc('tomorrow', 'UTC')).toBeNull();
  });

  it('shows an instant as the outlet’s wall clock, the inverse of the above', () => {
    expect(utcToZonedLocal('2026-07-01T14:30:00.000Z', 'America/Chicago')).toBe('2026-07-01T09:30');
    expect(utcToZonedLocal('2026-12-01T09:30:00.000Z', 'Asia/Kolkata')).toBe('2026-12-01T15:00');
  });
});
