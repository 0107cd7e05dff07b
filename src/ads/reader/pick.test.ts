import { describe, expect, it } from 'vitest';
import { available, pickCreative, recordShowing, seenToday, type Candidate } from './pick.js';

const NOON = Date.parse('2026-12-01T12:00:00.000Z');
const c = (id: number, over: Partial<Candidate> = {}): Candidate => ({
  id,
  weight: 1,
  startsMs: Date.parse('2026-11-01T00:00:00Z'),
  endsMs: null,
  cap: null,
  ...over,
});
/** A fixed sequence of "random" numbers, so a test can say exactly which draw lands where. */
const draws = (...xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length]!;
};

describe('picking a creative', () => {
  it('splits the draw by weight: a weight-3 campaign owns three quarters of it', () => {
    const pool = [c(1, { weight: 1 }), c(2, { weight: 3 })];
    expect(pickCreative(pool, { nowMs: NOON, seen: {}, random: draws(0) })?.id).toBe(1);
    expect(pickCreative(pool, { nowMs: NOON, seen: {}, random: draws(0.249) })?.id).toBe(1);
    expect(pickCreative(pool, { nowMs: NOON, seen: {}, random: draws(0.25) })?.id).toBe(2);
    expect(pickCreative(pool, { nowMs: NOON, seen: {}, random: draws(0.999) })?.id).toBe(2);
    // Over many evenly spread draws the shares come out 1:3 exactly.
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const id = pickCreative(pool, { nowMs: NOON, seen: {}, random: () => i / 1000 })!.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ 1: 250, 2: 750 });
  });

  it('honours start and end: not before the start, not at or after the end', () => {
    const later = c(1, { startsMs: NOON + 1 });
    const ended = c(2, { endsMs: NOON });
    const running = c(3, { startsMs: NOON, endsMs: NOON + 1 });
    expect(available([later, ended, running], { nowMs: NOON, seen: {} }).map((x) => x.id)).toEqual([3]);
    expect(pickCreative([later, ended], { nowMs: NOON, seen: {}, random: draws(0.5) })).toBeNull();
    // The same cached markup shows the later campaign once its time comes: no purge needed.
    expect(pickCreative([later, ended], { nowMs: NOON + 1, seen: {}, random: draws(0.5) })?.id).toBe(1);
  });

  it('keeps to the daily cap in this browser, and a new day starts the count again', () => {
    const capped = c(7, { cap: 2 });
    let seen = {};
    seen = recordShowing(seen, 7, NOON);
    expect(pickCreative([capped], { nowMs: NOON, seen, random: draws(0) })?.id).toBe(7);
    seen = recordShowing(seen, 7, NOON + 1000);
    expect(seenToday(seen, 7, NOON)).toBe(2);
    expect(pickCreative([capped], { nowMs: NOON, seen, random: draws(0) })).toBeNull();
    const tomorrow = NOON + 86_400_000;
    expect(pickCreative([capped], { nowMs: tomorrow, seen, random: draws(0) })?.id).toBe(7);
    // Recording on a new day forgets yesterday's entries.
    expect(recordShowing(seen, 8, tomorrow)).toEqual({ 8: { day: '2026-12-02', n: 1 } });
  });

  it('does not show the same campaign twice on one page, and gives null with nothing left', () => {
    const pool = [c(1), c(2)];
    expect(pickCreative(pool, { nowMs: NOON, seen: {}, random: draws(0), exclude: new Set([1]) })?.id).toBe(2);
    expect(pickCreative(pool, { nowMs: NOON, seen: {}, random: draws(0), exclude: new Set([1, 2]) })).toBeNull();
    expect(pickCreative([], { nowMs: NOON, seen: {}, random: draws(0) })).toBeNull();
  });
});
