import { describe, expect, it } from 'vitest';
import { endOfLocalDay, lastLocalDay, utcToZonedLocal, zonedLocalToUtc } from './time-zone.js';

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

  it('ends an inclusive last day at the following midnight there, and names that day back', () => {
    expect(endOfLocalDay('2026-12-31', 'UTC')).toBe('2027-01-01T00:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', 'America/Chicago')).toBe('2027-01-01T06:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', 'Asia/Kolkata')).toBe('2026-12-31T18:30:00.000Z');
    expect(endOfLocalDay('2026-02-30', 'UTC')).toBeNull();
    for (const tz of ['UTC', 'America/Chicago', 'Asia/Kolkata', 'Europe/London']) expect(lastLocalDay(endOfLocalDay('2026-12-31', tz)!, tz)).toBe('2026-12-31');
  });
});
