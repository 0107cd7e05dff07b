import { describe, expect, it } from 'vitest';
import { formatQuotation, isLongPassage, readQuoteSource, trimQuote, withSourceLine, type QuoteSource } from './quotation.js';

const SOURCE: QuoteSource = { headline: 'Ferry fares rise', url: 'https://news.example/articles/ferry-fares', outlet: 'Harbour Times', max: 500 };
const points = (s: string) => Array.from(s).length;

describe('trimQuote', () => {
  it('keeps a passage within the limit whole, with its whitespace collapsed', () => {
    expect(trimQuote('  The board\n\nvoted  on Tuesday. ', 30)).toEqual({ quote: 'The board voted on Tuesday.', trimmed: false });
    expect(trimQuote('exactly ten', 11)).toEqual({ quote: 'exactly ten', trimmed: false });
  });

  it('cuts a longer passage at a word, with the ellipsis inside the limit', () => {
    expect(trimQuote('The board voted on Tuesday', 12)).toEqual({ quote: 'The board…', trimmed: true });
    // The cut falls just before a space: the last word is whole and stays.
    expect(trimQuote('The board voted on Tuesday', 16)).toEqual({ quote: 'The board voted…', trimmed: true });
    expect(trimQuote('Fares rise, the board said', 13)).toEqual({ quote: 'Fares rise…', trimmed: true });
  });

  it('counts code points, so emoji count once and are never split', () => {
    const passage = '🎉🎉 café 🎉🎉🎉 owners';
    const { quote, trimmed } = trimQuote(passage, 12);
    expect(trimmed).toBe(true);
    expect(quote).toBe('🎉🎉 café 🎉🎉🎉…');
    expect(points(quote)).toBeLessThanOrEqual(12);
  });

  it('cuts a first word longer than the limit mid-word rather than break the policy', () => {
    expect(trimQuote('Supercalifragilistic words', 6)).toEqual({ quote: 'Super…', trimmed: true });
  });
});

describe('formatQuotation', () => {
  it('gives the plain and HTML flavours with the headline, outlet and link', () => {
    expect(formatQuotation('voted on Tuesday', SOURCE)).toEqual({
      plain: '“voted on Tuesday”\n— Ferry fares rise, Harbour Times: https://news.example/articles/ferry-fares',
      html:
        '<blockquote cite="https://news.example/articles/ferry-fares"><p>voted on Tuesday</p></blockquote>' +
        '<p>— <a href="https://news.example/articles/ferry-fares">Ferry fares rise</a>, Harbour Times</p>',
      trimmed: false,
    });
  });

  it('escapes every value in the HTML flavour', () => {
    const hostile = { ...SOURCE, headline: 'Fares <b>&"rise"', outlet: "O'Brien & <i>Co</i>", url: 'https://news.example/a?x=1&y="2"' };
    const { html, plain } = formatQuotation('chalked <img src=x onerror=alert(1)> on', hostile);
    expect(html).not.toMatch(/<(b|i|img)\b/);
    expect(html).toContain('Fares &#60;b&#62;&#38;&#34;rise&#34;');
    expect(html).toContain('href="https://news.example/a?x=1&#38;y=&#34;2&#34;"');
    expect(plain).toContain('chalked <img src=x onerror=alert(1)> on');
  });
});

describe('isLongPassage', () => {
  it('is true past 200 characters or at three sentences', () => {
    expect(isLongPassage('a'.repeat(200))).toBe(false);
    expect(isLongPassage('a'.repeat(201))).toBe(true);
    expect(isLongPassage('One. Two? Three!')).toBe(true);
    expect(isLongPassage('He said “Go.” Then left. Fine')).toBe(false);
    expect(isLongPassage('He said “Go.” Then left. Fine.')).toBe(true);
  });

  it('does not count decimal points or a lone sentence as sentences', () => {
    expect(isLongPassage('Fares rise to $2.90 from $2.50. It needs 1.5 boats.')).toBe(false);
  });
});

describe('readQuoteSource', () => {
  const data = { quoteHeadline: 'Ferry fares rise', quoteUrl: SOURCE.url, quoteOutlet: 'Harbour Times', quoteMax: '500' };
  it('reads the data-quote-* attributes', () => {
    expect(readQuoteSource(data)).toEqual(SOURCE);
  });
  it('offers nothing when one is missing, the limit is not a number, or the link is not http(s)', () => {
    expect(readQuoteSource({ ...data, quoteOutlet: undefined })).toBeNull();
    expect(readQuoteSource({ ...data, quoteMax: 'lots' })).toBeNull();
    expect(readQuoteSource({ ...data, quoteMax: '1' })).toBeNull();
    expect(readQuoteSource({ ...data, quoteUrl: 'javascript:alert(1)' })).toBeNull();
  });
});

describe('withSourceLine', () => {
  it('appends the source to both flavours, escaping only the source', () => {
    const copy = withSourceLine({ text: 'Fares rise.', html: '<p>Fares <strong>rise</strong>.</p>' }, { ...SOURCE, headline: 'A & B' });
    expect(copy.plain).toBe('Fares rise.\n\nSource: A & B, Harbour Times — https://news.example/articles/ferry-fares');
    expect(copy.html).toBe(
      '<p>Fares <strong>rise</strong>.</p><p>Source: <a href="https://news.example/articles/ferry-fares">A &#38; B</a>, Harbour Times</p>',
    );
  });
});
