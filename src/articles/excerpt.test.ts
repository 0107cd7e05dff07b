import { describe, expect, it } from 'vitest';
import { excerptText } from './excerpt.js';

const codePoints = (s: string) => Array.from(s).length;

/** True when the string holds a high or low surrogate that is not part of a pair. */
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('excerptText', () => {
  it('returns short text unchanged apart from collapsed whitespace', () => {
    expect(excerptText('The council met on Tuesday.', 100)).toBe('The council met on Tuesday.');
    expect(excerptText('  The council\n\tmet   on\u00a0Tuesday.  ', 100)).toBe('The council met on Tuesday.');
  });

  it('returns text of exactly max characters unchanged, without an ellipsis', () => {
    expect(excerptText('abcde fghij', 11)).toBe('abcde fghij');
  });

  it('cuts at the end of a word and appends an ellipsis', () => {
    expect(excerptText('The council voted to delay the garage again', 20)).toBe('The council voted…');
  });

  it('keeps a word that ends exactly where the budget ends', () => {
    // Budget is max - 1 = 11 characters: "The council" fits whole, and the next character is a space.
    expect(excerptText('The council voted', 12)).toBe('The council…');
  });

  it('trims trailing punctuation before the ellipsis', () => {
    expect(excerptText('Hello, world. This is long', 14)).toBe('Hello, world…');
    expect(excerptText('One two: three four', 9)).toBe('One two…');
    expect(excerptText('Rates rose — again; sharply', 14)).toBe('Rates rose…');
    expect(excerptText('First, second, third', 16)).toBe('First, second…');
  });

  it('counts an emoji or an astral letter as one character and never splits its surrogate pair', () => {
    expect(excerptText('😀😀😀 𝒜𝒜𝒜 abc', 9)).toBe('😀😀😀 𝒜𝒜𝒜…');
    expect(codePoints(excerptText('😀😀😀 𝒜𝒜𝒜 abc', 9))).toBe(8);
    // One code point each: 11 characters fit in 11 even though the string has more UTF-16 units.
    expect(excerptText('😀😀😀 𝒜𝒜𝒜 abc', 11)).toBe('😀😀😀 𝒜𝒜𝒜 abc');
  });

  it('cuts a single word longer than max inside the word, still within max and on a code-point boundary', () => {
    expect(excerptText('Supercalifragilistic', 8)).toBe('Superca…');
    const astral = excerptText('𝒜'.repeat(20), 5);
    expect(astral).toBe('𝒜𝒜𝒜𝒜…');
    expect(hasLoneSurrogate(astral)).toBe(false);
  });

  it('gives an empty string when there is no room for any text', () => {
    expect(excerptText('Some words here', 1)).toBe('');
    expect(excerptText('Some words here', 0)).toBe('');
  });

  it('holds its invariants for every max: within max code points, whole words, whole surrogate pairs', () => {
    const text = 'Flood 🌊 study: the city’s 𝒜-rated bonds, 18 new posts — and no inspectors 👷‍♀️ hired yet.';
    const clean = text.replace(/\s+/g, ' ').trim();
    const words = new Set(clean.split(' '));
    const firstWord = clean.split(' ')[0]!;
    for (let max = 2; max <= codePoints(clean) + 2; max++) {
      const out = excerptText(text, max);
      expect(codePoints(out), `max ${max}: ${out}`).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out), `max ${max}: ${out}`).toBe(false);
      if (codePoints(clean) <= max) {
        expect(out).toBe(clean);
        continue;
      }
      expect(out.endsWith('…'), `max ${max}: ${out}`).toBe(true);
      const kept = out.slice(0, -1);
      expect(clean.startsWith(kept), `max ${max}: ${out}`).toBe(true);
      if (codePoints(firstWord) < max - 1) {
        // Once the first word fits, every kept word is a whole word of the text (trailing punctuation aside).
        for (const w of kept.split(' ')) {
          expect(
            [...words].some((full) => full === w || (full.startsWith(w) && /^[,;:.–—-]+$/.test(full.slice(w.length)))),
            `max ${max}: "${w}" in ${out}`,
          ).toBe(true);
        }
      }
    }
  });

  it('cuts a long text as it would cut the whole text, across long whitespace runs and split surrogate pairs', () => {
    // The whole text cleaned and cut, as excerptText did before it read only a prefix: the oracle.
    const whole = (text: string, max: number) => {
      const clean = text.replace(/\s+/g, ' ').trim();
      const chars = Array.from(clean);
      if (chars.length <= max) return clean;
      if (max <= 1) return '';
      let end = max - 1;
      if (chars[end] !== ' ') {
        const lastSpace = chars.slice(0, max - 1).lastIndexOf(' ');
        if (lastSpace > 0) end = lastSpace;
      }
      return `${chars
        .slice(0, end)
        .join('')
        .replace(/[\s,;:.–—-]+$/u, '')}…`;
    };
    const pieces = ['word', ' ', '\n\n\n', ' '.repeat(700), '𝕏', 'é', 'council,', '—', '\t'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 300; round++) {
      let text = '';
      while (text.length < 50 + (next() % 3000)) text += pieces[next() % pieces.length];
      for (const max of [1, 2, 5, 40, 160, 300]) expect(excerptText(text, max), `round ${round}, max ${max}`).toBe(whole(text, max));
    }
  });
});
