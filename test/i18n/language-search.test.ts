import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { bilingualOutlet } from '../support/bilingual.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** The story links of a search page's results. */
const resultLinks = (html: string) => [...html.matchAll(/<h2[^>]*><a href="([^"]+)"/g)].map((m) => m[1]);

const databases = await testDatabases();
describe.each(databases)('search per language on %s', (database) => {
  it('/uk/search finds Ukrainian stories, /search the default language, and the API takes lang=', async () => {
    app = await bilingualOutlet({ database });
    // A Ukrainian story that also holds an English word, so the same query finds a story in each language.
    await createArticle(app, {
      slug: 'porom-ferry',
      headline: 'Пором Ferry змінює розклад',
      standfirst: 'Пором ходитиме щогодини.',
      bodyMarkdown: 'Новий розклад діє з понеділка.',
      language: 'uk',
      section: 'City',
      tags: [],
    });
    const uk = await app.http.inject({ url: '/uk/search?q=ferry' });
    expect(uk.statusCode).toBe(200);
    expect(resultLinks(uk.body)).toEqual(['/uk/articles/porom-ferry']);
    const en = await app.http.inject({ url: '/search?q=ferry' });
    expect(resultLinks(en.body)).toEqual(['/articles/ferry-timetable']);
    // Cyrillic words, any case, only in their own language's search.
    expect(resultLinks((await app.http.inject({ url: `/uk/search?q=${encodeURIComponent('ПРОЛІТ')}` })).body)).toEqual([
      '/uk/articles/mosty-pereviriaiut-pislia-poveni',
    ]);
    expect(resultLinks((await app.http.inject({ url: `/search?q=${encodeURIComponent('проліт')}` })).body)).toEqual([]);
    // A language filter together with a section filter and two words (the filter-probe path).
    expect(resultLinks((await app.http.inject({ url: `/uk/search?q=${encodeURIComponent('пором розклад')}&section=city` })).body)).toEqual([
      '/uk/articles/porom-ferry',
    ]);

    const api = async (qs: string) => {
      const res = await app!.http.inject({ url: `/api/v1/search?${qs}` });
      return { status: res.statusCode, body: res.json() as { results: { url: string; language: string }[]; error?: string } };
    };
    expect((await api('q=ferry&lang=uk')).body.results.map((r) => [r.url, r.language])).toEqual([['https://news.example.test/uk/articles/porom-ferry', 'uk']]);
    expect((await api('q=ferry&lang=en')).body.results.map((r) => r.url)).toEqual(['https://news.example.test/articles/ferry-timetable']);
    expect((await api('q=ferry')).body.results.map((r) => r.url).sort()).toEqual([
      'https://news.example.test/articles/ferry-timetable',
      'https://news.example.test/uk/articles/porom-ferry',
    ]);
    const bad = await api('q=ferry&lang=de');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/lang must be one of the outlet's languages: en, uk/);
    expect((await api('q=ferry&lang=Ukrainian')).status).toBe(400);
  });
});
