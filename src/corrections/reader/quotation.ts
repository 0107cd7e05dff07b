/**
 * Quotations under the outlet's reprint policy: anyone may quote at most `max` characters of a story
 * with an active link back. Pure functions (no DOM), so they are unit-tested in Node; quote-tool.ts
 * wires them to the page.
 */

/** Where a quotation comes from, as the article page states it on `.story-body` (data-quote-*). */
export interface QuoteSource {
  headline: string;
  /** The story's canonical absolute URL. */
  url: string;
  outlet: string;
  /** The most characters (code points) of the story anyone may quote. */
  max: number;
}

export interface Quotation {
  plain: string;
  html: string;
  /** True if the passage was cut to fit the policy. */
  trimmed: boolean;
}

const ELLIPSIS = '…';
// Cut passages end at a word, and not on a dangling comma, colon or dash before the ellipsis.
const DANGLING = /[\s,;:\u2013\u2014-]+$/u;
// A full stop, question or exclamation mark that ends a sentence: followed by a space or the end,
// perhaps after closing quotes or brackets (so "$2.90" and "e.g" inside a word do not count).
const SENTENCE_END = /[.!?…]+["'”’)\]]*(?=\s|$)/gu;
const LONG_COPY_CHARS = 200;
const LONG_COPY_SENTENCES = 3;

/** Reads data-quote-headline, -url, -outlet and -max; null if any is missing or unusable, so nothing is offered. */
export function readQuoteSource(data: DOMStringMap): QuoteSource | null {
  const headline = data.quoteHeadline?.trim() ?? '';
  const url = data.quoteUrl?.trim() ?? '';
  const outlet = data.quoteOutlet?.trim() ?? '';
  const max = Number(data.quoteMax);
  // Room for at least one character and the ellipsis.
  if (!headline || !outlet || !/^https?:\/\//i.test(url) || !Number.isInteger(max) || max < 2) return null;
  return { headline, url, outlet, max };
}

/**
 * The passage with whitespace runs collapsed, cut to at most `max` code points (the ellipsis
 * included) at a word boundary. The one exception: a first word longer than the limit is cut
 * mid-word, because the limit is the policy and the whole word is only good manners.
 */
export function trimQuote(passage: string, max: number): { quote: string; trimmed: boolean } {
  const points = Array.from(passage.replace(/\s+/g, ' ').trim());
  if (points.length <= max) return { quote: points.join(''), trimmed: false };
  const room = points.slice(0, max - 1);
  // Cutting just before a space keeps the last word whole; otherwise drop the partial word.
  let kept = points[max - 1] === ' ' ? room.join('') : room.join('').replace(/\S+$/u, '');
  kept = kept.replace(DANGLING, '');
  if (!kept) kept = room.join('').replace(DANGLING, '');
  return { quote: kept + ELLIPSIS, trimmed: true };
}

/** The clipboard's two flavours of a quotation: `“quote”\n— headline, outlet: url`, and the same as a linked blockquote. */
export function formatQuotation(passage: string, source: QuoteSource): Quotation {
  const { quote, trimmed } = trimQuote(passage, source.max);
  const { headline, url, outlet } = source;
  const plain = `“${quote}”\n— ${headline}, ${outlet}: ${url}`;
  const href = escapeHtml(url);
  const html =
    `<blockquote cite="${href}"><p>${escapeHtml(quote)}</p></blockquote>` + `<p>— <a href="${href}">${escapeHtml(headline)}</a>, ${escapeHtml(outlet)}</p>`;
  return { plain, html, trimmed };
}

/** True for a copy worth a source line: more than 200 characters, or three sentences or more. */
export function isLongPassage(text: string): boolean {
  const trimmed = text.trim();
  return Array.from(trimmed).length > LONG_COPY_CHARS || (trimmed.match(SENTENCE_END)?.length ?? 0) >= LONG_COPY_SENTENCES;
}

/** A hand-made copy with its source appended. `selectionHtml` must be the story's own sanitized markup. */
export function withSourceLine(selection: { text: string; html: string }, source: QuoteSource): { plain: string; html: string } {
  const { headline, url, outlet } = source;
  return {
    plain: `${selection.text}\n\nSource: ${headline}, ${outlet} — ${url}`,
    html: `${selection.html}<p>Source: <a href="${escapeHtml(url)}">${escapeHtml(headline)}</a>, ${escapeHtml(outlet)}</p>`,
  };
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
