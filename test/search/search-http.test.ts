import { afterEach, describe, expect, it } from 'vitest';
import { apiSearchResultSchema } from '../../src/search/search-api.js';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Posts the edit form as multipart, as the browser does. */
async function submitEdit(client: AdminClient, id: number, fields: Record<string, string>) {
  const page = await client.get(`/admin/articles/${id}`);
  const form = new FormData();
  form.set('_csrf', csrfToken(page.body));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('hero_file', new Blob([]), '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return app.http.inject({
    method: 'POST',
    url: `/admin/articles/${id}`,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      'content-type': req.headers.get('content-type')!,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'user-agent': 'TestBrowser/1.0',
    },
  });
}

describe('the search page and API', () => {
  it('every page has a search box that works without JavaScript', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'ferry', headline: 'Ferry timetable changes in January' });
    const home = await app.http.inject({ url: '/' });
    expect(home.body).toMatch(/<form class="header-search" method="get" action="\/search" role="search">/);
    expect(home.body).toContain('name="q"');
    const page = await app.http.inject({ url: '/search?q=ferry+timetable' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['surrogate-key']).toBe('site search');
    expect(page.body).toContain('1 story found.');
    expect(page.body).toContain('<a href="/articles/ferry">Ferry timetable changes in January</a>');
    expect(page.body).toContain('<meta name="robots" content="noindex"/>');
    // The form posts as a plain GET; the one script is the optional suggest island, which only this page loads.
    expect([...page.body.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      expect.stringMatching(/^\/assets\/suggest\.[0-9a-f]{12}\.js$/),
    ]);
    expect(home.body).not.toContain('/assets/suggest.');
    const empty = await app.http.inject({ url: '/search' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('id="search-q"');
  });

  it('escapes what the reader typed and answers odd input with a message, never a 500', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'levee', headline: 'Levee report' });
    const xss = await app.http.inject({ url: `/search?q=${encodeURIComponent('<script>alert(1)</script> levee')}` });
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert(1)');
    for (const q of ['"', 'NEAR(', '*', 'AND OR', '"open quote', '\u0000', 'x'.repeat(10_240)]) {
      const page = await app.http.inject({ url: `/search?q=${encodeURIComponent(q)}` });
      expect(page.statusCode, q.slice(0, 20)).toBe(200);
      expect(page.body).not.toMatch(/fts5|syntax error|tsquery/i);
      const api = await app.http.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      expect([200, 400], q.slice(0, 20)).toContain(api.statusCode);
      expect(api.body).not.toMatch(/fts5|syntax error|tsquery/i);
    }
    expect((await app.http.inject({ url: '/search?q=%22' })).body).toContain('Type a word or two to search for.');
    expect((await app.http.inject({ url: '/search?q=a&q=b' })).statusCode).toBe(400);
    expect((await app.http.inject({ url: '/search?q=levee&page=0' })).statusCode).toBe(400);
    expect((await app.http.inject({ url: '/search?q=levee&from=2026-13-45' })).statusCode).toBe(400);
    const badSection = await app.http.inject({ url: '/search?q=levee&section=nowhere' });
    expect(badSection.statusCode).toBe(400);
    expect(badSection.body).toContain('There is no section');
  });

  it('GET /api/v1/search returns results and a total, with snippets within the policy', async () => {
    app = await buildApp();
    const filler = 'Crews worked through the night to clear the road. '.repeat(40);
    await createArticle(app, {
      slug: 'landslide',
      headline: 'Landslide closes the valley road',
      bodyMarkdown: `${filler} The landslide buried two cars. ${filler}`,
    });
    await createArticle(app, { slug: 'roads', headline: 'Road repairs', bodyMarkdown: 'A small landslide last spring is still being cleared.' });
    const res = await app.http.inject({ url: '/api/v1/search?q=landslide&per_page=1' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { results: Record<string, string>[]; total: number; next: string | null };
    expect(body.total).toBe(2);
    expect(body.results).toHaveLength(1);
    expect(Object.keys(body.results[0]!).sort()).toEqual(['headline', 'language', 'published_at', 'slug', 'snippet', 'url']);
    // The answer is what openapi.json promises.
    expect(apiSearchResultSchema.safeParse(body).error).toBeUndefined();
    expect(body.results[0]).toMatchObject({ slug: 'landslide', url: 'https://news.example.test/articles/landslide', published_at: '2026-11-26T09:00:00.000Z' });
    expect(Array.from(body.results[0]!.snippet!).length).toBeLessThanOrEqual(500);
    expect(body.next).toBe('https://news.example.test/api/v1/search?q=landslide&per_page=1&page=2');
    const second = (await app.http.inject({ url: '/api/v1/search?q=landslide&per_page=1&page=2' })).json() as typeof body;
    expect(second.results[0]!.slug).toBe('roads');
    expect((await app.http.inject({ url: '/api/v1/search' })).json()).toEqual({ error: 'q is required: the words to search for' });
    expect((await app.http.inject({ url: '/api/v1/search?q=-landslide' })).statusCode).toBe(400);
    expect((await app.http.inject({ url: '/api/v1/search?q=x&per_page=500' })).json()).toEqual({ error: 'per_page: per_page must be 50 or less' });
  });
});

const databases = await testDatabases();
describe.each(databases)('suggestions as a reader types, on %s', (database) => {
  it('offers the newest headlines holding every word, the last one as a prefix, and never a draft', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'old-ferry', headline: 'Ferry fares frozen for a year', publishedAt: '2026-10-01T09:00:00.000Z' });
    await createArticle(app, { slug: 'new-ferry', headline: 'Ferry timetable changes in January', publishedAt: '2026-11-20T09:00:00.000Z' });
    await createArticle(app, { slug: 'body-only', headline: 'Harbour works begin', bodyMarkdown: 'The ferry will dock at the north pier.' });
    await createArticle(app, { slug: 'draft-ferry', headline: 'Ferry operator sold', status: 'draft' });
    await createArticle(app, { slug: 'kyiv', headline: 'Поромна переправа відновлює роботу' });
    const suggest = async (q: string) => {
      const res = await app.http.inject({ url: `/api/v1/search/suggest?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, q).toBe(200);
      return (res.json() as { suggestions: { headline: string; url: string }[] }).suggestions;
    };
    expect(await suggest('fer')).toEqual([
      { headline: 'Ferry timetable changes in January', url: '/articles/new-ferry' },
      { headline: 'Ferry fares frozen for a year', url: '/articles/old-ferry' },
    ]);
    expect((await suggest('ferry tim')).map((s) => s.url)).toEqual(['/articles/new-ferry']);
    expect((await suggest('FÉRRY')).map((s) => s.url)).toEqual(['/articles/new-ferry', '/articles/old-ferry']);
    expect((await suggest('пором')).map((s) => s.url)).toEqual(['/articles/kyiv']);
    // Two letters are not enough to suggest from; nothing is said, the reader is mid-word.
    expect(await suggest('fe')).toEqual([]);
    for (const q of ['', '"', 'NEAR(', '*', '-ferry', '\u0000', 'x'.repeat(300)]) expect(await suggest(q)).toEqual([]);
    expect((await app.http.inject({ url: `/api/v1/search/suggest?q=${'x'.repeat(301)}` })).statusCode).toBe(400);
  });
});

describe.each(databases)('index consistency on %s', (database) => {
  it('a story unpublished or deleted in the newsroom is gone from results at once, cached pages included', async () => {
    app = await buildApp({ database });
    // Through the real listener: the page cache answers there, in front of Fastify.
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const fetchPage = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${address.port}${path}`);
      return { cache: res.headers.get('x-cache'), body: await res.text() };
    };
    await createArticle(app, { slug: 'keep', headline: 'Salvage crews return' });
    await createArticle(app, { slug: 'pull', headline: 'Salvage deal questioned' });
    await createArticle(app, { slug: 'gone', headline: 'Salvage firm named' });
    // Related lists of neighbours are recomputed after each publish; a purge meanwhile would keep the page out of the cache.
    await app.jobs.drain();
    const first = await fetchPage('/search?q=salvage');
    expect(first.body).toContain('/articles/pull');
    expect((await fetchPage('/search?q=salvage')).cache).toBe('HIT');
    const { client } = await loggedInClient(app, 'editor');
    const pull = (await app.services.articles.findArticle('pull'))!;
    const unpublished = await submitEdit(client, pull.id, {
      revision: String(pull.revision),
      headline: pull.headline,
      standfirst: pull.standfirst,
      body_html: pull.bodyHtml,
      authors: 'Rosa Vance',
      section: 'City Hall',
      tags: 'Budget',
      sources: '',
      related: '',
      language: 'en',
      action: 'unpublish',
    });
    expect(unpublished.statusCode).toBe(303);
    const after = await fetchPage('/search?q=salvage');
    expect(after.cache).toBe('MISS');
    expect(after.body).not.toContain('/articles/pull');
    expect(after.body).toContain('/articles/keep');
    const gone = (await app.services.articles.findArticle('gone'))!;
    const deleted = await client.post(`/admin/articles/${gone.id}/delete`, {}, { csrfFrom: `/admin/articles/${gone.id}` });
    expect(deleted.statusCode).toBe(303);
    const api = (await app.http.inject({ url: '/api/v1/search?q=salvage' })).json() as { results: { slug: string }[]; total: number };
    expect(api.results.map((r) => r.slug)).toEqual(['keep']);
    expect(api.total).toBe(1);
  });
});
