import { approximateMatch, MIN_FUZZY_SCORE, similarity } from './fuzzy-match.js';

/**
 * Anchoring readers' reports to passages of an article's text, with W3C Web Annotation selectors,
 * and re-anchoring them after the article is edited. Pure functions: no I/O, no clock.
 *
 * The text is an article's body text as bodyText() in src/articles/article-body.ts makes it:
 * blocks separated by "\n\n", whitespace inside a block collapsed to single spaces.
 *
 * Invariants of every Anchor these functions return, for the text it was made against:
 * - position.start < position.end are UTF-16 code-unit offsets, [start, end), that never split a
 *   surrogate pair;
 * - quote.exact === text.slice(position.start, position.end), non-empty, with no leading or
 *   trailing whitespace;
 * - quote.prefix / quote.suffix are the (up to) CONTEXT_CHARS code units just before / after the
 *   passage, never splitting a surrogate pair.
 *
 * Matching is whitespace-insensitive: any whitespace run matches any other, so a quote whose
 * paragraph break came through a DOM selection or a paste as "\n" or " " still finds the "\n\n".
 * To do that, searches run over a "flat" copy of the text with every whitespace run replaced by
 * one space, and map their results back to offsets in the real text.
 */

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  start: number;
  end: number;
}

export interface Anchor {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export type Reanchored = { status: 'exact'; anchor: Anchor } | { status: 'fuzzy'; anchor: Anchor; score: number } | { status: 'orphaned' };

/** Code units of context kept on each side of a passage. */
export const CONTEXT_CHARS = 32;
/** The longest passage a reader may report, in code units. */
export const MAX_QUOTE_CHARS = 1000;
export { MIN_FUZZY_SCORE };

/** Normalises a reader's selection the way bodyText() normalises the article: collapse whitespace runs to one space, trim. */
export function normalizeQuote(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The passage [start, end) of text as an anchor, trimmed of surrounding whitespace but not widened; null if it holds no text. */
export function quoteAt(text: string, start: number, end: number): Anchor | null {
  let s = clampIndex(text, Math.min(start, end));
  let e = clampIndex(text, Math.max(start, end));
  s = outsidePair(text, s, -1);
  e = outsidePair(text, e, 1);
  [s, e] = trimRange(text, s, e);
  return s < e ? makeAnchor(text, s, e) : null;
}

/**
 * Builds a full anchor for [start,end) in text: widens to whole words, then keeps widening word by word (both sides) until `exact` occurs only once in
 * `text` (or the whole block); fills 32 chars of prefix/suffix. Throws a RangeError if the range holds no text.
 */
export function anchorAt(text: string, start: number, end: number): Anchor {
  const passage = quoteAt(text, start, end);
  if (!passage) throw new RangeError('anchorAt: the range holds no text');
  return widen(text, flatten(text), passage.position.start, passage.position.end);
}

/**
 * Finds where a reader's report belongs in `text` (the revision they saw): uses position if it matches exact, else exact+prefix/suffix context, else
 * exact alone if unique; then widens as anchorAt does. Returns null if the quote is not in the text.
 * A quote that occurs several times with no context to tell them apart goes to the occurrence nearest `position`, or the first.
 */
export function anchorQuote(text: string, quote: { exact: string; prefix?: string; suffix?: string }, position?: TextPositionSelector): Anchor | null {
  const exact = normalizeQuote(quote.exact);
  if (!exact) return null;
  const flat = flatten(text);
  if (position) {
    const atPosition = quoteAt(text, position.start, position.end);
    if (atPosition && normalizeQuote(atPosition.quote.exact) === exact) {
      return widen(text, flat, atPosition.position.start, atPosition.position.end);
    }
  }
  const hits = occurrences(flat.flat, exact);
  if (hits.length === 0) return null;
  const near = position ? flat.at[clampIndex(text, position.start)]! : 0;
  const best = bestByContext(flat, hits, exact.length, { prefix: quote.prefix ?? '', suffix: quote.suffix ?? '', near });
  const range = toTextRange(flat, best, best + exact.length);
  return widen(text, flat, range.start, range.end);
}

/**
 * Re-anchors a stored anchor in a newer text: exact quote with context first; then exact quote alone if unique (or nearest to the old position); then
 * fuzzy matching that tolerates small edits (e.g. a changed word or a fixed typo inside the passage) — score in [0,1], accept ≥ 0.75; otherwise
 * orphaned.
 * "Exact" ignores whitespace differences (a paragraph break that became a space). The passage is
 * not widened: it stays what the reader quoted, and its new prefix/suffix tell repeats apart.
 */
export function reanchor(anchor: Anchor, newText: string): Reanchored {
  const exact = normalizeQuote(anchor.quote.exact);
  if (!exact) return { status: 'orphaned' };
  const flat = flatten(newText);
  // The old position is in the old text's offsets; it is only a hint of where to look first.
  const near = flat.at[clampIndex(newText, anchor.position.start)]!;

  const hits = occurrences(flat.flat, exact);
  if (hits.length > 0) {
    const best = bestByContext(flat, hits, exact.length, { prefix: anchor.quote.prefix, suffix: anchor.quote.suffix, near });
    const range = toTextRange(flat, best, best + exact.length);
    return { status: 'exact', anchor: makeAnchor(newText, range.start, range.end) };
  }

  const match = approximateMatch(flat.flat, exact, near);
  if (!match) return { status: 'orphaned' };
  const found = toTextRange(flat, match.start, match.end);
  const [s, e] = trimRange(newText, found.start, found.end);
  // Whole words read better ("on Wednesday", not "on Wednes"), unless widening costs the match its score.
  for (const [start, end] of [snapToWords(newText, s, e), [s, e] as const]) {
    if (start >= end) continue;
    const score = similarity(exact, normalizeQuote(newText.slice(start, end)));
    if (score >= MIN_FUZZY_SCORE) return { status: 'fuzzy', anchor: makeAnchor(newText, start, end), score };
  }
  return { status: 'orphaned' };
}

// ---------------------------------------------------------------------------------------------
// The flat text: every whitespace run of the text as one space, with maps both ways.

interface FlatText {
  /** The text with each whitespace run replaced by one space (not trimmed). */
  flat: string;
  /** For flat index i: the text offset of the first code unit it stands for. */
  from: Int32Array;
  /** For flat index i: the text offset just after the last code unit it stands for. */
  to: Int32Array;
  /** For text offset j in [0, text.length]: the flat index standing for the code unit at j (flat.length at the end). */
  at: Int32Array;
}

function flatten(text: string): FlatText {
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  const at = new Int32Array(text.length + 1);
  const parts: string[] = [];
  let k = 0;
  let copied = 0;
  const copyUpTo = (end: number) => {
    parts.push(text.slice(copied, end));
    for (let j = copied; j < end; j++, k++) {
      from[k] = j;
      to[k] = j + 1;
      at[j] = k;
    }
  };
  const whitespace = /\s+/g;
  for (let run = whitespace.exec(text); run; run = whitespace.exec(text)) {
    copyUpTo(run.index);
    parts.push(' ');
    for (let j = run.index; j < whitespace.lastIndex; j++) at[j] = k;
    from[k] = run.index;
    to[k] = whitespace.lastIndex;
    k++;
    copied = whitespace.lastIndex;
  }
  copyUpTo(text.length);
  at[text.length] = k;
  return { flat: parts.join(''), from: from.subarray(0, k), to: to.subarray(0, k), at };
}

/** Text offsets of the non-empty flat range [start, end). */
function toTextRange(flat: FlatText, start: number, end: number): TextPositionSelector {
  return { start: flat.from[start]!, end: flat.to[end - 1]! };
}

/** Every start index of needle in haystack, overlapping ones included. */
function occurrences(haystack: string, needle: string): number[] {
  const hits: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) hits.push(i);
  return hits;
}

/** The hit (flat index) whose surroundings best agree with the context; ties go to the one nearest `near`, then the first. */
function bestByContext(flat: FlatText, hits: number[], length: number, context: { prefix: string; suffix: string; near: number }): number {
  const prefix = context.prefix.replace(/\s+/g, ' ');
  const suffix = context.suffix.replace(/\s+/g, ' ');
  let best = hits[0]!;
  let bestScore = -1;
  for (const hit of hits) {
    const before = flat.flat.slice(Math.max(0, hit - prefix.length), hit);
    const after = flat.flat.slice(hit + length, hit + length + suffix.length);
    const score = commonSuffixLength(prefix, before) + commonPrefixLength(suffix, after);
    if (score > bestScore || (score === bestScore && Math.abs(hit - context.near) < Math.abs(best - context.near))) {
      best = hit;
      bestScore = score;
    }
  }
  return best;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Passages: trimming, whole words, widening until unique.

function makeAnchor(text: string, start: number, end: number): Anchor {
  const prefixStart = outsidePair(text, Math.max(0, start - CONTEXT_CHARS), 1);
  const suffixEnd = outsidePair(text, Math.min(text.length, end + CONTEXT_CHARS), -1);
  return {
    quote: { exact: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) },
    position: { start, end },
  };
}

/** Widens [start, end) to whole words, then word by word on both sides until the passage is unique in the text or fills its block(s). */
function widen(text: string, flat: FlatText, start: number, end: number): Anchor {
  let [s, e] = snapToWords(text, start, end);
  // A block is a run of text without a newline: bodyText() puts "\n\n" between blocks and none inside them.
  const blockStart = text.lastIndexOf('\n', s - 1) + 1;
  const blockEnd = text.indexOf('\n', e) === -1 ? text.length : text.indexOf('\n', e);
  for (;;) {
    const [ts, te] = trimRange(text, s, e);
    if (isUnique(flat, ts, te) || (s <= blockStart && e >= blockEnd)) return makeAnchor(text, ts, te);
    // Each turn moves s down or e up (or both) until both reach the block's edges, so this ends.
    s = previousWordStart(text, s, blockStart);
    e = nextWordEnd(text, e, blockEnd);
  }
}

function isUnique(flat: FlatText, start: number, end: number): boolean {
  const needle = flat.flat.slice(flat.at[start]!, flat.at[end - 1]! + 1);
  const first = flat.flat.indexOf(needle);
  return flat.flat.indexOf(needle, first + 1) === -1;
}

/** Extends [start, end) so that it does not begin or end inside a word. */
function snapToWords(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (wordBefore(text, s) && wordAt(text, s)) s = stepBack(text, s);
  while (wordBefore(text, e) && wordAt(text, e)) e = stepForward(text, e);
  return [s, e];
}

/** The start of the word before i (skipping the spaces and punctuation between), never below min. */
function previousWordStart(text: string, i: number, min: number): number {
  let j = i;
  while (j > min && !wordBefore(text, j)) j = stepBack(text, j);
  while (j > min && wordBefore(text, j)) j = stepBack(text, j);
  return Math.max(j, min);
}

/** The end of the word after i (skipping the spaces and punctuation between), never above max. */
function nextWordEnd(text: string, i: number, max: number): number {
  let j = i;
  while (j < max && !wordAt(text, j)) j = stepForward(text, j);
  while (j < max && wordAt(text, j)) j = stepForward(text, j);
  return Math.min(j, max);
}

function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

// Letters, digits and combining marks make words; spaces, punctuation and emoji separate them.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function wordAt(text: string, i: number): boolean {
  const cp = i < text.length ? text.codePointAt(i) : undefined;
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}

function wordBefore(text: string, i: number): boolean {
  return i > 0 && wordAt(text, stepBack(text, i));
}

function stepBack(text: string, i: number): number {
  return i >= 2 && isLowSurrogate(text.charCodeAt(i - 1)) && isHighSurrogate(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

function stepForward(text: string, i: number): number {
  return isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

/** i itself, or if it falls between the halves of a surrogate pair, the offset just before (-1) or after (+1) the pair. */
function outsidePair(text: string, i: number, direction: -1 | 1): number {
  const splits = i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1));
  return splits ? i + direction : i;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function clampIndex(text: string, i: number): number {
  const n = Math.trunc(i);
  return Number.isFinite(n) ? Math.max(0, Math.min(text.length, n)) : 0;
}

// ---------------------------------------------------------------------------------------------
// Fuzzy matching: approximate substring search (Sellers) with Ukkonen's cut-off.
