import { describe, expect, it } from 'vitest';
import { describeQuery, foldToken, parseQuery, toFtsMatch, toTsQuery, type ParsedQuery } from './search-query.js';
import { bestWindow, holdsHit, markHits } from './snippet.js';
import { distinctiveTerms, rankCandidates } from './related.js';

const parsed = (q: string): ParsedQuery => {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(r.problem);
  return r.query;
};

describe('parsing what readers type', () => {
  it('reads words, phrases and exclusions', () => {
    const q = parsed('levee  "founding act" -budget -"city hall"');
    expect(q.include).toEqual([{ tokens: ['levee'] }, { tokens: ['founding', 'act'] }]);
    expect(q.exclude).toEqual([{ tokens: ['budget'] }, { tokens: ['city', 'hall'] }]);
    expect(toFtsMatch(q)).toBe('{headline standfirst body} : (("levee" AND "founding act") NOT "budget" NOT "city hall")');
    expect(toTsQuery(q)).toBe("'levee' & ('founding' <-> 'act') & !'budget' & !('city' <-> 'hall')");
    expect(describeQuery(q)).toBe('levee "founding act" -budget -"city hall"');
  });

  it('turns engine syntax into plain words or gaps, so the emitted query only ever holds quoted words', () => {
    for (const raw of [
      'NEAR(a b, 3)',
      'title:levee OR x*',
      '"open quote',
      'a" b "c',
      "'; DROP TABLE x; --",
      '^levee',
      '{headline}: x',
      'a & b | !c <-> d',
      '\u0000a\u202Eb\u200Bc',
    ]) {
      const r = parseQuery(raw);
      if (!r.ok) continue;
      const fts = toFtsMatch(r.query).replace(/^\{headline standfirst body\} : /, '');
      // Outside the quotes only our own operators and brackets remain.
      expect(fts.replace(/"[\p{L}\p{N}\p{M} ]+"/gu, '').replace(/\b(AND|NOT)\b|[() ]/g, ''), raw).toBe('');
      expect(
        toTsQuery(r.query)
          .replace(/'[\p{L}\p{N}\p{M}]+'/gu, '')
          .replace(/<->|[&!() ]/g, ''),
        raw,
      ).toBe('');
    }
    expect(parsed('NEAR(levee').include).toEqual([{ tokens: ['NEAR', 'levee'] }]);
    expect(parsed('"open quote').include).toEqual([{ tokens: ['open', 'quote'] }]);
    expect(parsed('e-mail').include).toEqual([{ tokens: ['e', 'mail'] }]);
  });

  it('refuses empty and exclusion-only queries, and shortens long ones', () => {
    expect(parseQuery('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseQuery('" * ( )')).toEqual({ ok: false, problem: 'empty' });
    expect(parseQuery('-levee -"x y"')).toEqual({ ok: false, problem: 'only-exclusions' });
    const long = parsed('word '.repeat(5000));
    expect(long.truncated).toBe(true);
    expect(long.include).toEqual([{ tokens: ['word'] }]);
    expect(parsed(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).include).toHaveLength(12);
    expect(parsed('x'.repeat(10_000)).include[0]!.tokens[0]).toHaveLength(60);
  });

  it('folds case and accents the way the indexes do', () => {
    expect(foldToken('Café')).toBe('cafe');
    expect(foldToken('КИЇВ')).toBe('киів');
    expect(foldToken('Müller')).toBe('muller');
  });
});

describe('snippets', () => {
  it('picks the passage with the most searched words and marks them, accents aside', () => {
    const text = `${'Filler words about nothing much at all. '.repeat(20)}The café owners and the Cafe Society met. ${'More filler here. '.repeat(20)}`;
    const window = bestWindow(text, new Set(['cafe', 'society']), 12);
    expect(window.startsWith('…')).toBe(true);
    expect(window).toContain('The café owners and the Cafe Society met.');
    const parts = markHits('The café owners and the Cafe Society met.', new Set(['cafe', 'society']));
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['café', 'Cafe', 'Society']);
  });

  it('prefers the stretch with more searched words over an earlier one with fewer, and the earliest of those holding every word', () => {
    const filler = 'Nothing to report from the harbour this week. '.repeat(8);
    const text = `${filler}The dredging began. ${filler}The dredging contract was signed. ${filler}A second dredging contract followed. ${filler}`;
    const window = bestWindow(text, new Set(['dredging', 'contract']), 10);
    expect(window.startsWith('…')).toBe(true);
    expect(window).toContain('The dredging contract was signed.');
    expect(window).not.toContain('The dredging began.');
    expect(holdsHit(text, new Set(['contract']))).toBe(true);
    expect(holdsHit(text, new Set(['levee']))).toBe(false);
  });
});

describe('related-stories scoring', () => {
  it('weighs rare words over common ones and keeps within the budget', () => {
    const p = {
      id: 1,
      headline: 'Dredging contract awarded',
      standfirst: '',
      body: 'The city council said the dredging contract went to a harbour firm.',
      sectionId: null,
      publishedAt: null,
      tagIds: [],
      authorIds: [],
      sourceUrls: [],
    };
    const df = new Map([
      ['dredging', 4],
      ['contract', 300],
      ['city', 900],
      ['council', 800],
      ['harbour', 12],
      ['the', 1000],
      ['said', 950],
      ['awarded', 40],
      ['firm', 60],
      ['went', 400],
    ]);
    const terms = distinctiveTerms(p, df, 1000, 400);
    expect(terms[0]).toBe('dredging');
    expect(terms).toContain('harbour');
    expect(terms).not.toContain('the');
    expect(terms.reduce((n, t) => n + df.get(t)!, 0)).toBeLessThanOrEqual(400);
  });

  it('lets text lead, breaks ties by recency and never lists the story itself', () => {
    const c = (id: number, o: Partial<Parameters<typeof rankCandidates>[1][number]>) => ({
      id,
      publishedAt: `2026-11-0${id}T00:00:00.000Z`,
      text: 0,
      sharedTags: 0,
      sharedAuthors: 0,
      sameSection: false,
      sharedSources: 0,
      sameLanguage: true,
      ...o,
    });
    const ranked = rankCandidates(1, [
      c(1, { text: 9 }),
      c(2, { sameSection: true, sharedAuthors: 1 }),
      c(3, { text: 5 }),
      c(4, { sharedTags: 1 }),
      c(5, { sharedTags: 1 }),
      c(6, {}),
    ]);
    expect(ranked).toEqual([3, 5, 4, 2]);
  });

  it("puts stories in the story's own language first, another language's only after them", () => {
    const c = (id: number, o: Partial<Parameters<typeof rankCandidates>[1][number]>) => ({
      id,
      publishedAt: `2026-11-0${id}T00:00:00.000Z`,
      text: 0,
      sharedTags: 0,
      sharedAuthors: 0,
      sameSection: false,
      sharedSources: 0,
      sameLanguage: true,
      ...o,
    });
    // 2 reads most like the story but is in another language; 3 only shares a tag, in the same language.
    expect(rankCandidates(1, [c(2, { text: 9, sameLanguage: false }), c(3, { sharedTags: 1 }), c(4, { text: 2 })])).toEqual([4, 3, 2]);
  });
});
