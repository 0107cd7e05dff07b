import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_API_LIMIT, decodeCursor, encodeCursor, MAX_PAGE } from '../../src/syndication/content-api.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());
const databases = await testDatabases();

interface ListAnswer {
  items: { slug: string; tags: string[]; published_at: string }[];
  page: number | null;
  per_page: number;
  next: string | null;
  next_cursor: string | null;
}

/** 23 stories; groups of three share a publication time, so the order needs the id as a tie-break. */
async function withStories(database: 'sqlite' | 'postgres') {
  app = await buildApp({ database });
  const slugs: string[] = [];
  for (let i = 0; i < 23; i++) {
    const hour = String(Math.floor(i / 3)).padStart(2, '0');
    const slug = `story-${String(i).padStart(2, '0')}`;
    await createArticle(app, {
      slug,
      publishedAt: `2026-11-20T${hour}:00:00.000Z`,
      section: i % 2 ? 'Schools' : 'City Hall',
      tags: i % 2 ? ['Budget', 'Teachers'] : ['Budget'],
    });
    slugs.push(slug);
  }
  // Newest first; within one time, the later insert (higher id) first.
  return slugs.reverse();
}

const get = async (url: string, headers: Record<string, string> = {}) => app.http.inject({ url, headers: { 'x-forwarded-for': '198.51.100.7', ...headers } });

/** Follows `next` from `first` to the end; the slugs in order. */
async function walk(first: string) {
  const seen: string[] = [];
  let url: string | null = first;
  for (let guard = 0; url && guard < 50; guard++) {
    const res = await get(url.replace('https://news.example.test', ''));
    expect(res.statusCode).toBe(200);
    const body = res.json() as ListAnswer;
    seen.push(...body.items.map((a) => a.slug));
    expect(body.next === null).toBe(body.next_cursor === null);
    url = body.next;
  }
  return seen;
}

describe.each(databases)('Content API paging on %s', (database) => {
  it('follows next (a keyset cursor) through every story once, in order, also by section and tag', async () => {
    const order = await withStories(database);
    expect(await walk('/api/v1/articles?per_page=4')).toEqual(order);
    const schools = order.filter((s) => Number(s.slice(-2)) % 2 === 1);
    expect(await walk('/api/v1/articles?per_page=5&section=schools')).toEqual(schools);
    expect(await walk('/api/v1/articles?per_page=3&tag=teachers')).toEqual(schools);
    expect(await walk('/api/v1/articles?per_page=6&since=2026-11-20T04:00:00Z')).toEqual(order.filter((s) => Number(s.slice(-2)) >= 12));
  });

  it('a cursor page answers the same stories as the page number it replaces', async () => {
    await withStories(database);
    const first = (await get('/api/v1/articles?per_page=5')).json() as ListAnswer;
    const byCursor = (await get(`/api/v1/articles?per_page=5&cursor=${first.next_cursor}`)).json() as ListAnswer;
    const byPage = (await get('/api/v1/articles?per_page=5&page=2')).json() as ListAnswer;
    expect(byCursor.items.map((a) => a.slug)).toEqual(byPage.items.map((a) => a.slug));
    expect(byCursor.page).toBeNull();
    expect(byPage.page).toBe(2);
  });

  it('lists each story with its tags', async () => {
    await withStories(database);
    const body = (await get('/api/v1/articles?per_page=2')).json() as ListAnswer;
    expect(body.items.map((a) => a.tags)).toEqual([['Budget'], ['Budget', 'Teachers']]);
  });
});

describe('Content API limits', () => {
  it(`refuses page numbers past ${MAX_PAGE} with a 400 that points to the cursor`, async () => {
    app = await buildApp();
    await createArticle(app);
    expect((await get(`/api/v1/articles?page=${MAX_PAGE}&per_page=50`)).statusCode).toBe(200);
    const deep = await get('/api/v1/articles?page=10000&per_page=50');
    expect(deep.statusCode).toBe(400);
    expect((deep.json() as { error: string }).error).toMatch(/page must be 100 or less.*cursor/);
  });

  it('refuses a cursor it did not give out, and page together with cursor', async () => {
    app = await buildApp();
    for (const bad of [
      'nonsense!',
      Buffer.from('yesterday~1').toString('base64url'),
      Buffer.from('2026-11-20T00:00:00.000Z~0').toString('base64url'),
      'x'.repeat(300),
    ]) {
      const res = await get(`/api/v1/articles?cursor=${encodeURIComponent(bad)}`);
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: string }).error).toMatch(/cursor/);
    }
    const cursor = encodeCursor({ publishedAt: '2026-11-20T00:00:00.000Z', id: 5 });
    expect(decodeCursor(cursor)).toEqual({ publishedAt: '2026-11-20T00:00:00.000Z', id: 5 });
    const both = await get(`/api/v1/articles?page=2&cursor=${cursor}`);
    expect(both.statusCode).toBe(400);
    expect((both.json() as { error: string }).error).toMatch(/page or cursor/);
  });

  it('limits anonymous callers per address; a partner key is not limited', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'limited-story' });
    for (let i = 0; i < ANONYMOUS_API_LIMIT.count; i++) expect((await get('/api/v1/articles?per_page=1')).statusCode).toBe(200);
    const over = await get('/api/v1/articles/limited-story');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((over.json() as { error: string }).error).toMatch(/partner key/);
    // Another address has its own budget.
    expect((await get('/api/v1/articles', { 'x-forwarded-for': '198.51.100.8' })).statusCode).toBe(200);
    const granted = await app.services.partners.grant(
      { partnerName: 'Valley Ledger', scope: { kind: 'all' }, fullText: false, expiresAt: null, notes: '' },
      null,
      app.clock(),
    );
    if (!granted.ok) throw new Error(granted.message);
    for (let i = 0; i < 5; i++) expect((await get('/api/v1/articles', { authorization: `Bearer ${granted.key}` })).statusCode).toBe(200);
    app.fixedClock.advance(ANONYMOUS_API_LIMIT.windowMs);
    expect((await get('/api/v1/articles')).statusCode).toBe(200);
  });
});
