import { describe, expect, it } from 'vitest';
import { bodyText } from '../articles/article-body.js';
import { anchorAt, anchorQuote, normalizeQuote, quoteAt, reanchor, type Anchor } from './anchoring.js';

const ARTICLE = [
  'The harbour board voted on Tuesday to raise ferry fares by 40 cents, the first rise in six years.',
  'Fares rise to $2.90 from March 1. The board said the money will pay for two new boats.',
  '"We pay enough already," said Ana Ruiz, who rides the ferry every day. The board did not reply.',
  'The board will meet again in April.',
].join('\n\n');

/** The anchor invariants: exact is the slice at position, trimmed; prefix/suffix are the text around it. */
function expectValidAnchor(anchor: Anchor, text: string) {
  const { start, end } = anchor.position;
  expect(start).toBeLessThan(end);
  expect(anchor.quote.exact).toBe(text.slice(start, end));
  expect(anchor.quote.exact).toBe(anchor.quote.exact.trim());
  expect(text.slice(0, start).endsWith(anchor.quote.prefix)).toBe(true);
  expect(text.slice(end).startsWith(anchor.quote.suffix)).toBe(true);
  expect(anchor.quote.prefix.length).toBeLessThanOrEqual(32);
  expect(anchor.quote.suffix.length).toBeLessThanOrEqual(32);
}

const rangeOf = (text: string, passage: string, from = 0) => {
  const start = text.indexOf(passage, from);
  if (start === -1) throw new Error(`fixture: "${passage}" not in text`);
  return { start, end: start + passage.length };
};

describe('anchorAt', () => {
  it('anchors a unique passage as it is, with 32 characters of context on each side', () => {
    const { start, end } = rangeOf(ARTICLE, 'voted on Tuesday');
    const anchor = anchorAt(ARTICLE, start, end);
    expect(anchor).toEqual({
      quote: { exact: 'voted on Tuesday', prefix: 'The harbour board ', suffix: ' to raise ferry fares by 40 cent' },
      position: { start, end },
    });
    expectValidAnchor(anchor, ARTICLE);
  });

  it('widens a selection that cuts words to the whole words', () => {
    const { start, end } = rangeOf(ARTICLE, 'oard vot');
    expect(anchorAt(ARTICLE, start, end).quote.exact).toBe('board voted');
  });

  it('trims whitespace around the selection', () => {
    const { start, end } = rangeOf(ARTICLE, ' six years.\n\n');
    const anchor = anchorAt(ARTICLE, start, end);
    expect(anchor.quote.exact).toBe('six years.');
    expectValidAnchor(anchor, ARTICLE);
  });

  it('widens a short repeated selection ("the") word by word on both sides until it is unique', () => {
    const { start, end } = rangeOf(ARTICLE, 'the first');
    const anchor = anchorAt(ARTICLE, start, start + 3);
    expect(anchor.quote.exact).toBe('cents, the first');
    expect(ARTICLE.split(anchor.quote.exact)).toHaveLength(2);
    expect(anchor.position.end).toBe(end);
    expectValidAnchor(anchor, ARTICLE);
  });

  it('stops widening at the edges of the block when the whole paragraph repeats', () => {
    const text = 'A note from the editor.\n\nWe regret the error.\n\nThe story continues.\n\nWe regret the error.';
    const second = text.lastIndexOf('regret');
    const anchor = anchorAt(text, second, second + 'regret'.length);
    expect(anchor.quote.exact).toBe('We regret the error.');
    expect(anchor.position.start).toBe(text.lastIndexOf('We regret'));
    // The context still tells the two apart.
    expect(anchor.quote.prefix).toBe('e error.\n\nThe story continues.\n\n');
  });

  it('keeps a selection across paragraphs, joined by the blank line between blocks', () => {
    const start = ARTICLE.indexOf('six years.');
    const end = ARTICLE.indexOf('Fares rise') + 'Fares rise'.length;
    const anchor = anchorAt(ARTICLE, start, end);
    expect(anchor.quote.exact).toBe('six years.\n\nFares rise');
    expectValidAnchor(anchor, ARTICLE);
  });

  it('never splits a surrogate pair or an accented word, in the passage or its context', () => {
    const text = 'Café owners 🎉 welcomed the news 🎉🎉🎉 and the crème brûlée returned to the menu.';
    const emoji = text.indexOf('🎉');
    // Starting between the two halves of the emoji takes in the whole pair.
    const anchor = anchorAt(text, emoji + 1, emoji + 12);
    expect(anchor.quote.exact).toBe('🎉 welcomed');
    const brulee = text.indexOf('brûlée');
    const accented = anchorAt(text, brulee + 2, brulee + 4);
    expect(accented.quote.exact).toBe('brûlée');
    // The 32-unit prefix would begin between an emoji's halves: it drops that half instead.
    const party = '🎉'.repeat(20) + ' ferry ' + '🎉'.repeat(20);
    const ferry = anchorAt(party, 41, 46);
    expect(ferry.quote).toEqual({ exact: 'ferry', prefix: '🎉'.repeat(15) + ' ', suffix: ' ' + '🎉'.repeat(15) });
    for (const a of [anchor, accented]) {
      expectValidAnchor(a, text);
      expect(a.quote.prefix + a.quote.exact + a.quote.suffix).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    // Combining accents (e + U+0301) belong to their word.
    const combining = 'Le cafe\u0301 ferme.';
    expect(anchorAt(combining, 3, 6).quote.exact).toBe('cafe\u0301');
  });

  it('refuses a range that holds no text', () => {
    const gap = ARTICLE.indexOf('\n\n');
    expect(() => anchorAt(ARTICLE, gap, gap + 2)).toThrow(RangeError);
    expect(() => anchorAt(ARTICLE, 5, 5)).toThrow(RangeError);
  });

  it('clamps offsets outside the text and accepts a reversed range', () => {
    expect(anchorAt(ARTICLE, ARTICLE.length + 50, ARTICLE.lastIndexOf('April')).quote.exact).toBe('April.');
    expect(anchorAt(ARTICLE, -10, 3).quote.exact).toBe('The harbour');
  });
});

describe('normalizeQuote and quoteAt', () => {
  it('collapses whitespace the way bodyText() does, and trims', () => {
    expect(normalizeQuote('  six\u00a0years.\n\n\tFares   rise \r\n')).toBe('six years. Fares rise');
    expect(normalizeQuote(' \n ')).toBe('');
  });

  it('quoteAt gives the selection itself, not widened, or null for whitespace', () => {
    const { start } = rangeOf(ARTICLE, 'oard vot');
    expect(quoteAt(ARTICLE, start, start + 8)?.quote.exact).toBe('oard vot');
    const gap = ARTICLE.indexOf('\n\n');
    expect(quoteAt(ARTICLE, gap, gap + 2)).toBeNull();
  });
});

describe('anchorQuote', () => {
  it('uses the position when the text there is the quote', () => {
    const position = rangeOf(ARTICLE, 'raise ferry fares');
    const anchor = anchorQuote(ARTICLE, { exact: 'raise ferry fares', prefix: 'stale', suffix: 'stale' }, position);
    expect(anchor?.position).toEqual(position);
    expect(anchor?.quote.suffix).toBe(' by 40 cents, the first rise in ');
  });

  it('falls back to the context when the position does not match, and picks the right repeat', () => {
    const first = rangeOf(ARTICLE, 'The board');
    const second = rangeOf(ARTICLE, 'The board', first.end);
    const third = rangeOf(ARTICLE, 'The board', second.end);
    const anchor = anchorQuote(ARTICLE, { exact: 'The board', prefix: 'who rides the ferry every day. ', suffix: ' did not reply.' }, { start: 0, end: 9 });
    expect(anchor?.position.start).toBe(second.start - 'day. '.length);
    expect(third.start).toBeGreaterThan(second.start);
    // Widened until unique: "The board" alone is on the page three times.
    expect(anchor?.quote.exact).toBe('day. The board did');
    expectValidAnchor(anchor!, ARTICLE);
  });

  it('finds a unique quote with no position or context, and widens a partial word', () => {
    const anchor = anchorQuote(ARTICLE, { exact: 'na Rui' });
    expect(anchor?.quote.exact).toBe('Ana Ruiz');
  });

  it('without context, goes to the occurrence nearest the position, else the first', () => {
    const last = ARTICLE.lastIndexOf('The board');
    expect(anchorQuote(ARTICLE, { exact: 'The board' }, { start: last - 3, end: last + 6 })?.position.end).toBe(last + 'The board will'.length);
    expect(anchorQuote(ARTICLE, { exact: 'The board' })?.quote.exact).toBe('1. The board said');
  });

  it('matches a quote with odd whitespace and newlines from a DOM selection against the blank line between blocks', () => {
    const fromDom = '  40 cents, the first rise in six\u00a0years.\nFares  rise\t';
    const anchor = anchorQuote(ARTICLE, { exact: fromDom, prefix: 'fares by ', suffix: '\nto $2.90' });
    expect(anchor?.quote.exact).toBe('40 cents, the first rise in six years.\n\nFares rise');
    expectValidAnchor(anchor!, ARTICLE);
  });

  it('returns null for a quote that is not in the text, or is empty', () => {
    expect(anchorQuote(ARTICLE, { exact: 'voted on Wednesday' })).toBeNull();
    expect(anchorQuote(ARTICLE, { exact: '  \n ' })).toBeNull();
  });

  it('anchors against body text made by bodyText() from real HTML', () => {
    const html = '<p>Tom &amp; Jerry <strong>ate</strong>\n   the cheese.</p><ul><li>First</li><li>Second</li></ul>';
    const text = bodyText(html);
    const anchor = anchorQuote(text, { exact: 'Jerry ate the cheese.\nFirst' });
    expect(anchor?.quote.exact).toBe('Jerry ate the cheese.\n\nFirst');
  });
});

describe('reanchor', () => {
  const anchorFor = (text: string, passage: string) => {
    const { start, end } = rangeOf(text, passage);
    return anchorAt(text, start, end);
  };

  it('finds an unchanged passage in an unchanged text', () => {
    const anchor = anchorFor(ARTICLE, 'voted on Tuesday');
    expect(reanchor(anchor, ARTICLE)).toEqual({ status: 'exact', anchor });
  });

  it('follows the passage when an edit before it shifts every position (still exact)', () => {
    const anchor = anchorFor(ARTICLE, 'said Ana Ruiz');
    const inserted = 'Update: this story has been updated with a statement from the board.\n\n';
    const edited = inserted + ARTICLE.replace('$2.90', '$2.95');
    const result = reanchor(anchor, edited);
    expect(result.status).toBe('exact');
    if (result.status !== 'exact') return;
    expect(result.anchor.quote.exact).toBe('said Ana Ruiz');
    expect(result.anchor.position.start).toBe(anchor.position.start + inserted.length);
    expectValidAnchor(result.anchor, edited);
  });

  it('tolerates a changed word inside the passage (fuzzy, with a score)', () => {
    const anchor = anchorFor(ARTICLE, 'The harbour board voted on Tuesday to raise ferry fares');
    const edited = ARTICLE.replace('voted on Tuesday', 'voted on Wednesday');
    const result = reanchor(anchor, edited);
    expect(result.status).toBe('fuzzy');
    if (result.status !== 'fuzzy') return;
    expect(result.anchor.quote.exact).toBe('The harbour board voted on Wednesday to raise ferry fares');
    // "Tuesday" -> "Wednesday" is 4 edits over 55 characters.
    expect(result.score).toBeCloseTo(1 - 4 / 55, 5);
    expectValidAnchor(result.anchor, edited);
  });

  it('tolerates a fixed typo inside the passage', () => {
    const text = ARTICLE.replace('rides the ferry every day', 'rides the ferry evrey day');
    const anchor = anchorFor(text, 'who rides the ferry evrey day');
    const result = reanchor(anchor, ARTICLE);
    expect(result).toMatchObject({ status: 'fuzzy', anchor: { quote: { exact: 'who rides the ferry every day' } } });
    if (result.status === 'fuzzy') expect(result.score).toBeCloseTo(1 - 2 / 29, 5);
  });

  it('orphans a passage that was deleted', () => {
    const anchor = anchorFor(ARTICLE, 'The board said the money will pay for two new boats.');
    const edited = ARTICLE.replace(' The board said the money will pay for two new boats.', '');
    expect(reanchor(anchor, edited)).toEqual({ status: 'orphaned' });
  });

  it('orphans a passage rewritten beyond recognition', () => {
    const anchor = anchorFor(ARTICLE, 'The board will meet again in April.');
    const edited = ARTICLE.replace('The board will meet again in April.', 'Its next meeting is not yet scheduled.');
    expect(reanchor(anchor, edited)).toEqual({ status: 'orphaned' });
  });

  it('tells a repeated passage apart by its context, even when the other repeat is nearer the old position', () => {
    const text = 'Officials said the ferry was late.\n\nA second source said the ferry was late.\n\nNo one was hurt.';
    const second = text.lastIndexOf('said the ferry was late.');
    expect(anchorAt(text, second, second + 24).quote.exact).toBe('source said the ferry was late.');
    // A quote stored before widening (or one the widening could not make unique): only its context tells.
    const anchor = quoteAt(text, second, second + 24)!;
    expect(anchor.quote.prefix).toBe('erry was late.\n\nA second source ');
    // After the edit the passage still appears twice; the context picks the reader's one over the one nearer the old position.
    const edited = 'A second source said the ferry was late.\n\nNo one was hurt. Officials, and a source, said the ferry was late.';
    const other = edited.lastIndexOf('said the ferry');
    expect(Math.abs(other - second)).toBeLessThan(Math.abs(edited.indexOf('said the ferry') - second));
    const result = reanchor(anchor, edited);
    expect(result.status).toBe('exact');
    if (result.status === 'exact') expect(result.anchor.position.start).toBe(edited.indexOf('said the ferry'));
  });

  it('without matching context, takes the repeat nearest the old position', () => {
    const anchor: Anchor = { quote: { exact: 'ferry', prefix: 'zzz', suffix: 'zzz' }, position: { start: 60, end: 65 } };
    const text = 'ferry one. ' + 'x'.repeat(50) + ' ferry two. ' + 'y'.repeat(50) + ' ferry three.';
    const result = reanchor(anchor, text);
    expect(result.status === 'exact' && result.anchor.position.start).toBe(text.indexOf('ferry two'));
  });

  it('stays exact when two paragraphs were merged into one', () => {
    const anchor = anchorFor(ARTICLE, 'six years.\n\nFares rise');
    const edited = ARTICLE.replace('six years.\n\nFares rise', 'six years. Fares rise');
    const result = reanchor(anchor, edited);
    expect(result.status).toBe('exact');
    if (result.status === 'exact') expect(result.anchor.quote.exact).toBe('six years. Fares rise');
  });

  it('re-anchors accented and emoji text, fuzzily when an accent was fixed', () => {
    const before = 'The cafe owners 🎉 welcomed the news on Tuesday.\n\nOthers did not.';
    const after = 'Breaking: 🚢 ferry fares rise.\n\nThe café owners 🎉 welcomed the news on Tuesday.\n\nOthers did not.';
    const anchor = anchorFor(before, 'cafe owners 🎉 welcomed the news');
    const result = reanchor(anchor, after);
    expect(result.status).toBe('fuzzy');
    if (result.status !== 'fuzzy') return;
    expect(result.anchor.quote.exact).toBe('café owners 🎉 welcomed the news');
    expect(result.score).toBeCloseTo(1 - 1 / 32, 5);
    expectValidAnchor(result.anchor, after);

    const emojiOnly = anchorFor(before, 'owners 🎉 welcomed');
    expect(reanchor(emojiOnly, after)).toMatchObject({
      status: 'exact',
      anchor: { quote: { exact: 'owners 🎉 welcomed', prefix: ' 🚢 ferry fares rise.\n\nThe café ' } },
    });
  });

  it('prefers the fuzzy match nearest the old position when two are equally close', () => {
    const paragraph = 'The council approved the budget after a long debate.';
    const old = `${paragraph}\n\nFiller text one.\n\n${paragraph}`;
    const secondStart = old.lastIndexOf(paragraph);
    const anchor: Anchor = { quote: { exact: paragraph, prefix: '', suffix: '' }, position: { start: secondStart, end: secondStart + paragraph.length } };
    const edited = old.replaceAll('long debate', 'short debate');
    const result = reanchor(anchor, edited);
    expect(result.status).toBe('fuzzy');
    if (result.status === 'fuzzy') expect(result.anchor.position.start).toBe(edited.lastIndexOf('The council'));
  });

  it('completes on a 30,000-character article with a 1,000-character quote (sanity, not timing)', () => {
    const words = ['ferry', 'board', 'fares', 'harbour', 'commuters', 'the', 'a', 'said', 'on', 'council', 'budget', 'March', 'cents', 'rise'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const paragraphs: string[] = [];
    let length = 0;
    while (length < 30_000) {
      const sentence = Array.from({ length: 40 }, () => words[next() % words.length]).join(' ') + '.';
      paragraphs.push(sentence);
      length += sentence.length + 2;
    }
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThanOrEqual(30_000);

    const start = text.indexOf(' ', 15_000) + 1;
    const anchor = anchorAt(text, start, start + 1000);
    expectValidAnchor(anchor, text);
    const edited = text.slice(0, start + 100) + 'EDITED' + text.slice(start + 106, start + 700) + 'TYPO' + text.slice(start + 704);
    const fuzzy = reanchor(anchor, edited);
    expect(fuzzy.status).toBe('fuzzy');
    if (fuzzy.status === 'fuzzy') expect(fuzzy.score).toBeGreaterThan(0.98);

    // Not in the text at all: the whole-text search runs to the end and finds nothing.
    const absent: Anchor = { quote: { exact: 'zq'.repeat(500), prefix: '', suffix: '' }, position: { start: 100, end: 1100 } };
    expect(reanchor(absent, text)).toEqual({ status: 'orphaned' });

    // A repetitive text is the worst case for the cut-off: every column stays active.
    const repetitive = 'a'.repeat(30_000);
    const nearMiss: Anchor = { quote: { exact: 'a'.repeat(600) + 'b'.repeat(400), prefix: '', suffix: '' }, position: { start: 0, end: 1000 } };
    expect(reanchor(nearMiss, repetitive)).toEqual({ status: 'orphaned' });
    expect(anchorQuote(text, { exact: text.slice(start, start + 1000) })?.position.start).toBe(anchor.position.start);
  });
});
