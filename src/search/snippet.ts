import { foldToken } from './search-query.js';

/** A piece of snippet text; `hit` pieces are words the reader searched for. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Picks the stretch of `text` (about `words` words) that holds the most different searched words,
 * the earliest such stretch when several tie. Returns plain text: the caller cuts it through the
 * reprint policy's excerpt function, then marks the hits with `markHits`. Reading stops at the first
 * stretch holding every searched word: no later one can beat it, and bodies are long.
 */
export function bestWindow(text: string, hits: Set<string>, words = 30): string {
  const spans: { start: number; folded: string }[] = [];
  let best = 0;
  let bestScore = -1;
  const counts = new Map<string, number>();
  let distinct = 0;
  const add = (w: string, d: number) => {
    if (!hits.has(w)) return;
    const n = (counts.get(w) ?? 0) + d;
    if (n === 0) counts.delete(w);
    else counts.set(w, n);
    if (d > 0 && n === 1) distinct += 1;
    if (d < 0 && n === 0) distinct -= 1;
  };
  for (const m of text.matchAll(WORD)) {
    const i = spans.push({ start: m.index, folded: foldToken(m[0]) }) - 1;
    add(spans[i]!.folded, 1);
    if (i >= words) add(spans[i - words]!.folded, -1);
    if (i >= words - 1 && distinct > bestScore) {
      bestScore = distinct;
      best = i - words + 1;
    }
    // Past `words` words the text is longer than one stretch; a stretch with every word cannot be beaten.
    if (i >= words && bestScore === hits.size) break;
  }
  if (spans.length <= words) return text;
  // Start a few words before the first hit, so the reader sees it in context.
  const firstHit = spans.slice(best, best + words).findIndex((s) => hits.has(s.folded));
  const from = firstHit > 3 ? best + firstHit - 3 : best;
  const lead = from > 0 ? '…' : '';
  return lead + text.slice(spans[from]!.start);
}

/** Whether `text` holds any searched word (stops at the first). */
export function holdsHit(text: string, hits: Set<string>): boolean {
  for (const m of text.matchAll(WORD)) if (hits.has(foldToken(m[0]))) return true;
  return false;
}

/** Splits text into plain and searched-for pieces, comparing words as the index does (case and accents aside). */
export function markHits(text: string, hits: Set<string>): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (!hits.has(foldToken(m[0]))) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}
