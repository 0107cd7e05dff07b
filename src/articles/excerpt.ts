/**
 * Cuts text to at most `max` characters without splitting a word or a surrogate pair.
 * Characters are counted as Unicode code points, the way a reader counts them.
 * When the text is cut, an ellipsis is appended and counted within `max`.
 */
export function excerptText(text: string, max: number): string {
  // Only the start can show: a story's whole text (its description) need not be split into characters.
  // Cleaning a prefix gives the start of the cleaned whole; with max + 2 characters in it, the cut (which
  // reads max + 1) is the same, and a surrogate pair split at the prefix's end lies past them. Whitespace
  // runs shrink when cleaned, so a prefix that falls short is doubled.
  for (let n = 2 * max + 16; n < text.length; n *= 2) {
    const chars = Array.from(clean(text.slice(0, n)));
    if (chars.length >= max + 2) return cut(chars, max);
  }
  const whole = clean(text);
  // No more UTF-16 units than `max` means no more code points either: it fits, uncounted.
  if (whole.length <= max) return whole;
  const chars = Array.from(whole);
  return chars.length <= max ? whole : cut(chars, max);
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `chars` holds more than `max` characters: the first words that fit in max - 1, then the ellipsis. */
function cut(chars: string[], max: number): string {
  if (max <= 1) return '';
  const budget = chars.slice(0, max - 1); // room for the ellipsis
  let end = budget.length;
  // Only cut at a space when the next character starts a new word; otherwise walk back to one.
  if (chars[end] !== ' ') {
    const lastSpace = budget.lastIndexOf(' ');
    if (lastSpace > 0) end = lastSpace;
  }
  const kept = budget
    .slice(0, end)
    .join('')
    .replace(/[\s,;:.–—-]+$/u, '');
  return `${kept}…`;
}
