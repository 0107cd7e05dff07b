import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoment } from './format.js';

const now = new Date('2026-11-20T15:00:00.000Z');
const en = { timeZone: 'America/Chicago', language: 'en' };

describe('formatMoment', () => {
  it('says how long ago within a week, with the time in the outlet zone as the title', () => {
    const m = formatMoment('2026-11-20T12:00:00.000Z', now, en);
    expect(m.text).toBe('3 hr. ago');
    expect(m.title).toBe('November 20, 2026 at 6:00 AM CST');
    expect(formatMoment('2026-11-20T14:55:00.000Z', now, en).text).toBe('5 min. ago');
    expect(formatMoment('2026-11-19T15:00:00.000Z', now, en).text).toBe('yesterday');
    expect(formatMoment('2026-11-21T15:00:00.000Z', now, en).text).toBe('tomorrow');
  });

  it('gives the date and time beyond a week', () => {
    const m = formatMoment('2026-10-01T12:00:00.000Z', now, en);
    expect(m.text).toBe(formatDateTime('2026-10-01T12:00:00.000Z', en));
    expect(m.text).toContain('CDT');
  });

  it('follows the language', () => {
    expect(formatMoment('2026-11-20T12:00:00.000Z', now, { timeZone: 'Europe/Berlin', language: 'de' }).text).toBe('vor 3 Std.');
  });
});
