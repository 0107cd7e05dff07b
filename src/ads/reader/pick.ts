/**
 * Choosing one creative for a slot, in the reader's browser. Pure: the island passes the time, what
 * this browser has seen today and a random number, so tests can fix all three.
 */

/** A creative as the cached page describes it (data-* attributes of its <template>). */
export interface Candidate {
  id: number;
  weight: number;
  /** Milliseconds since the epoch; the campaign runs from startsMs (inclusive) to endsMs (exclusive). */
  startsMs: number;
  endsMs: number | null;
  /** Showings a day in this browser; null for no cap. */
  cap: number | null;
}

/** Showings in this browser: campaign id -> { day (UTC, YYYY-MM-DD), count on that day }. */
export type Seen = Record<string, { day: string; n: number }>;

/** The UTC day of a time, as the frequency cap counts days. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** How many times this browser has shown a campaign today. */
export function seenToday(seen: Seen, id: number, nowMs: number): number {
  const s = seen[String(id)];
  return s && s.day === dayOf(nowMs) ? s.n : 0;
}

/** Candidates that may show now: running, under their daily cap, and not already on this page. */
export function available(candidates: Candidate[], opts: { nowMs: number; seen: Seen; exclude?: ReadonlySet<number> }): Candidate[] {
  return candidates.filter(
    (c) =>
      c.weight > 0 &&
      c.startsMs <= opts.nowMs &&
      (c.endsMs === null || opts.nowMs < c.endsMs) &&
      (c.cap === null || seenToday(opts.seen, c.id, opts.nowMs) < c.cap) &&
      !opts.exclude?.has(c.id),
  );
}

/**
 * Picks one candidate with probability proportional to its weight among those available, or null.
 * `random` returns a number in [0, 1).
 */
export function pickCreative(
  candidates: Candidate[],
  opts: { nowMs: number; seen: Seen; random: () => number; exclude?: ReadonlySet<number> },
): Candidate | null {
  const pool = available(candidates, opts);
  const total = pool.reduce((sum, c) => sum + c.weight, 0);
  if (total <= 0) return null;
  let r = opts.random() * total;
  for (const c of pool) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return pool[pool.length - 1]!;
}

/** Records one showing, dropping other days' entries so the record stays small. */
export function recordShowing(seen: Seen, id: number, nowMs: number): Seen {
  const day = dayOf(nowMs);
  const next: Seen = {};
  for (const [k, v] of Object.entries(seen)) if (v.day === day) next[k] = v;
  next[String(id)] = { day, n: seenToday(seen, id, nowMs) + 1 };
  return next;
}
