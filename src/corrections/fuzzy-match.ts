/**
 * Approximate substring search for re-anchoring: finds where a passage most likely is after small
 * edits (a changed word, a fixed typo), bounded so a 30,000-character article stays fast.
 */

/** A fuzzy re-anchoring is accepted at this similarity (1 − edit distance / quote length) or above. */
export const MIN_FUZZY_SCORE = 0.75;

// Fuzzy search is skipped for longer quotes: its cost grows with the quote's length times the text's.
// (Twice the longest quote a reader may report, anchoring.ts's MAX_QUOTE_CHARS.)
const MAX_FUZZY_QUOTE = 2000;
// Code units searched on either side of the old position before the whole text is searched.
const NEAR_WINDOW = 2000;
// Above this many DP cells (quote length x text length) only the window near the old position is searched.
const MAX_FUZZY_CELLS = 60_000_000;

export interface Match {
  start: number;
  end: number;
  distance: number;
}

/**
 * The substring of haystack with the least edit distance to pattern, if that distance is at most
 * (1 − MIN_FUZZY_SCORE) of the pattern's length. Ties go to the match whose length is nearest the
 * pattern's, then to the one nearest `near`. The window around `near` is searched first: what it
 * finds bounds the distance, which makes the whole-text search that follows cheaper.
 */
export function approximateMatch(haystack: string, pattern: string, near: number): Match | null {
  const m = pattern.length;
  const maxDistance = Math.floor(m * (1 - MIN_FUZZY_SCORE));
  if (maxDistance === 0 || m > MAX_FUZZY_QUOTE) return null;
  const lo = Math.max(0, near - NEAR_WINDOW);
  const hi = Math.min(haystack.length, near + m + NEAR_WINDOW);
  const nearby = searchApproximately(haystack, pattern, { lo, hi, maxDistance, near });
  if (m * haystack.length > MAX_FUZZY_CELLS) return nearby;
  const anywhere = searchApproximately(haystack, pattern, { lo: 0, hi: haystack.length, maxDistance: nearby?.distance ?? maxDistance, near });
  return anywhere ?? nearby;
}

/**
 * Sellers' algorithm over haystack[lo, hi): column by column, D[i] is the least edit distance
 * between pattern[0, i) and any substring of the haystack ending at the current column, and S[i]
 * where that substring starts. Row 0 is always 0 (a match may start anywhere).
 * Ukkonen's cut-off: only rows 0..last+1 are computed, where `last` is the deepest row whose value
 * is ≤ maxDistance. Rows below it hold values > maxDistance (by induction: a row's value is at least
 * its smallest predecessor's), and such cells can never lead to a cell ≤ maxDistance. So the work is
 * about maxDistance x (hi − lo) cells on ordinary text, and pattern x (hi − lo) at worst.
 */
function searchApproximately(haystack: string, pattern: string, opts: { lo: number; hi: number; maxDistance: number; near: number }): Match | null {
  const { lo, hi, maxDistance, near } = opts;
  const m = pattern.length;
  const codes = new Uint16Array(m);
  for (let i = 0; i < m; i++) codes[i] = pattern.charCodeAt(i);
  const D = new Int32Array(m + 1);
  const S = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    D[i] = i;
    S[i] = lo;
  }
  let last = Math.min(maxDistance, m);
  let best: Match | null = null;
  for (let j = lo; j < hi; j++) {
    const c = haystack.charCodeAt(j);
    let diag = D[0]!;
    let diagStart = S[0]!;
    D[0] = 0;
    S[0] = j + 1;
    const top = Math.min(m, last + 1);
    for (let i = 1; i <= top; i++) {
      const left = D[i]!;
      const leftStart = S[i]!;
      // Prefer the diagonal on ties: it keeps the match the pattern's length.
      let value = diag + (codes[i - 1] === c ? 0 : 1);
      let start = diagStart;
      if (left + 1 < value) {
        value = left + 1;
        start = leftStart;
      }
      if (D[i - 1]! + 1 < value) {
        value = D[i - 1]! + 1;
        start = S[i - 1]!;
      }
      diag = left;
      diagStart = leftStart;
      D[i] = value;
      S[i] = start;
    }
    last = top;
    while (D[last]! > maxDistance) last--;
    if (last === m) {
      const match = { start: S[m]!, end: j + 1, distance: D[m]! };
      if (!best || isBetterMatch(match, best, m, near)) best = match;
    }
  }
  return best;
}

function isBetterMatch(a: Match, b: Match, length: number, near: number): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  const aSize = Math.abs(a.end - a.start - length);
  const bSize = Math.abs(b.end - b.start - length);
  if (aSize !== bSize) return aSize < bSize;
  return Math.abs(a.start - near) < Math.abs(b.start - near);
}

/** 1 − Levenshtein distance / |a|, floored at 0: how much of the quoted passage survives in b. */
export function similarity(a: string, b: string): number {
  return Math.max(0, 1 - levenshtein(a, b) / a.length);
}

function levenshtein(a: string, b: string): number {
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
