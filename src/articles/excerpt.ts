/**
 * Cuts text to at most `max` characters without splitting a word or a surrogate pair.
 * Characters are counted as Unicode code points, the way a reader counts them.
 * When the text is cut, an ellipsis is appended and counted within `max`.
 */
export function excerptText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  if (max <= 1) return '';
  const budget = chars.slice(0, max - 1); // room for the ellipsis
  let end = budget.length;
  // Only cut at a space when the next character starts a new word; otherwise walk back to one.
  if (chars[end] !== ' ') {
    const lastSpace = budget.lastIndexOf(' ');
    if (lastSpace > 0) end = lastSpace;
  }
  const cut = budget
    .slice(0, end)
    .join('')
    .replace(/[\s,;:.–—-]+$/u, '');
  return `${cut}…`;
}
