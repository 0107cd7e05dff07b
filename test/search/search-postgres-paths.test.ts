import { afterEach, describe, expect, it } from 'vitest';
import { PostgresSearchStore } from '../../src/search/postgres-search-store.js';
import type { SearchFilters } from '../../src/search/search-index.js';
import { parseQuery } from '../../src/search/search-query.js';
import { buildApp, type TestApp } from '../support/app.js';
import { postgresAvailable } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

// PostgreSQL looks for a common word's newest matches month by month (walking dense months, GIN for
// sparse ones); a rare word is one GIN query. At test sizes every word is rare, so these tests lower the
// thresholds and check that each path finds exactly what the plain GIN query finds.
describe.runIf(await postgresAvailable())('PostgreSQL search paths', () => {
  it('finds the same stories, in the same order and with the same totals, month by month as in one GIN query', async () => {
    app = await buildApp({ database: 'postgres' });
    for (let i = 1; i <= 48; i++) {
      await createArticle(app, {
        slug: `story-${i}`,
        headline: i % 6 === 0 ? `Harbour dredging report ${i}` : `Flood update ${i}`,
        bodyMarkdown: i % 4 === 0 ? 'The flood gates and the harbour wall were inspected.' : 'The flood gates were inspected.',
        section: i % 2 ? 'Environment' : 'City Hall',
        tags: i % 5 === 0 ? ['Levees'] : ['Weather'],
        publishedAt: new Date(Date.UTC(2024, i % 24, 1 + (i % 27), 8)).toISOString(), // two stories a month for two years
      });
    }
    const db = app.database.db;
    const sections = new Map((await db.selectFrom('sections').select(['id', 'slug']).execute()).map((s) => [s.slug, s.id]));
    const tags = new Map((await db.selectFrom('tags').select(['id', 'slug']).execute()).map((t) => [t.slug, t.id]));
    const now = app.clock().toISOString();
    const cases: [string, Omit<SearchFilters, 'now'>][] = [
      ['flood', {}],
      ['flood', { sectionId: sections.get('environment')! }],
      ['flood gates', { tagId: tags.get('levees')! }],
      ['harbour', {}],
      ['"harbour wall"', { sectionId: sections.get('city-hall')! }],
      ['flood -harbour', { from: '2024-03-01T00:00:00.000Z', to: '2025-06-01T00:00:00.000Z' }],
      // Fewer matches than the rarest term suggests: the first months hold none, so older ones are searched.
      ['harbour dredging', { tagId: tags.get('levees')! }],
      ['harbour wall', { tagId: tags.get('levees')! }],
      ['dredging', { sectionId: sections.get('city-hall')!, tagId: tags.get('weather')! }],
    ];
    // Dredging is only in City Hall's stories: an empty intersection of filters.
    const empty: [string, Omit<SearchFilters, 'now'>] = ['dredging', { sectionId: sections.get('environment')!, tagId: tags.get('weather')! }];
    for (const window of [3, 7, 100]) {
      const plain = new PostgresSearchStore(db, { window, sliced: 1_000_000 });
      // Sliced, ranking at once when the first months promise a window not full; and sliced to the end, never at once.
      const sliced = new PostgresSearchStore(db, { window, sliced: 0 });
      const slicedOnly = new PostgresSearchStore(db, { window, sliced: 0, rankAtOnce: 0 });
      for (const c of [...cases, empty]) {
        const [q, filters] = c;
        const parsed = parseQuery(q);
        if (!parsed.ok) throw new Error(parsed.problem);
        for (const offset of [0, 5]) {
          const req = { query: parsed.query, filters: { now, ...filters }, limit: 5, offset };
          const expected = await plain.search(req);
          expect(await sliced.search(req), `${q} ${JSON.stringify(filters)} window ${window} offset ${offset}`).toEqual(expected);
          expect(await slicedOnly.search(req), `${q} ${JSON.stringify(filters)} window ${window} offset ${offset}, never at once`).toEqual(expected);
          if (offset === 0) expect(expected.ids.length > 0, q).toBe(c !== empty);
        }
      }
    }
    // A full window is scored by where the words stand, as on SQLite: headline matches before body-only ones.
    const parsed = parseQuery('harbour');
    if (!parsed.ok) throw new Error(parsed.problem);
    const full = await new PostgresSearchStore(db, { window: 6, sliced: 0 }).search({ query: parsed.query, filters: { now }, limit: 6, offset: 0 });
    expect(full.exact).toBe(false);
    const headlines = new Map((await db.selectFrom('articles').select(['id', 'headline']).execute()).map((a) => [a.id, a.headline]));
    const inHeadline = full.ids.map((id) => headlines.get(id)!.includes('Harbour'));
    expect(inHeadline.includes(true) && inHeadline.includes(false), 'the window holds both kinds').toBe(true);
    expect(inHeadline.indexOf(false)).toBe(inHeadline.lastIndexOf(true) + 1);
  }, 120_000); // 48 stories and 180 searches: slow on a loaded machine, never a timing check

  it('ranks at once when the newest months promise a window not full, and goes on month by month when the older ones fill it', async () => {
    app = await buildApp({ database: 'postgres' });
    // Forty stories, two a month. "harbour" is in the older half, "gates" in the newer half, so each is common
    // and both together are rare: three stories, one of them in the newest month. "wall" joins "harbour" in
    // that newest story and in the twelve oldest: the newest months promise few matches, the oldest fill the window.
    for (let i = 1; i <= 40; i++) {
      const words = [i <= 20 ? 'harbour' : 'gates', ...(i === 40 || i === 3 || i === 7 ? ['harbour', 'gates'] : []), ...(i === 40 || i <= 12 ? ['wall'] : [])];
      await createArticle(app, {
        slug: `story-${i}`,
        headline: i % 3 ? `Flood update ${i}` : `Flood report ${i}`,
        bodyMarkdown: `The flood ${words.join(' and the ')} were inspected.`,
        publishedAt: new Date(Date.UTC(2024, Math.floor((i - 1) / 2), 1 + (i % 2) * 10, 8)).toISOString(),
      });
    }
    const db = app.database.db;
    const now = app.clock().toISOString();
    for (const [q, total] of [
      ['harbour gates', 3],
      ['harbour wall', 13],
    ] as const) {
      const parsed = parseQuery(q);
      if (!parsed.ok) throw new Error(parsed.problem);
      const req = { query: parsed.query, filters: { now }, limit: 3, offset: 0 };
      const expected = await new PostgresSearchStore(db, { window: 5, sliced: 1_000_000 }).search(req);
      // A full window's total is its rarest term's count ("wall": 13), not exact.
      expect([expected.total, expected.exact], q).toEqual([total, total < 5]);
      expect(await new PostgresSearchStore(db, { window: 5, sliced: 0 }).search(req), q).toEqual(expected);
      expect(await new PostgresSearchStore(db, { window: 5, sliced: 0, rankAtOnce: 0 }).search(req), `${q}, never at once`).toEqual(expected);
    }
  }, 120_000);
});
