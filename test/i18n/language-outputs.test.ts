import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { bilingualOutlet } from '../support/bilingual.js';
import { articleInput } from '../support/factories.js';

const ORIGIN = 'https://news.example.test';
const UK = `${ORIGIN}/uk/articles/mosty-pereviriaiut-pislia-poveni`;
const EN = `${ORIGIN}/articles/bridges-checked`;

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const get = (url: string) => app!.http.inject({ method: 'GET', url });
/** The `<url>` element whose `<loc>` is `loc`. */
const urlEntry = (xml: string, loc: string) => xml.split('<url>').find((u) => u.startsWith(`<loc>${loc}</loc>`)) ?? '';
const links = (entry: string) => Object.fromEntries([...entry.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]));

describe('feeds and sitemaps per language', () => {
  it('gives each language its own feed: /uk/feed.xml lists only Ukrainian stories, /feed.xml only English ones', async () => {
    app = await bilingualOutlet();
    const uk = await get('/uk/feed.xml');
    expect(uk.statusCode).toBe(200);
    expect(uk.body).toContain(`<link>${UK}</link>`);
    expect(uk.body).not.toContain('/articles/bridges-checked');
    expect(uk.body).not.toContain('ferry-timetable');
    expect(uk.body).toContain('<language>uk</language>');
    expect(uk.body).toContain(`${ORIGIN}/uk/feed.xml`);
    const en = await get('/feed.xml');
    expect(en.body).toContain(`<link>${EN}</link>`);
    expect(en.body).toContain('ferry-timetable');
    expect(en.body).not.toContain('mosty-pereviriaiut');
    const json = JSON.parse((await get('/uk/feed.json')).body) as { items: { url: string }[]; language: string };
    expect(json.items.map((i) => i.url)).toEqual([UK]);
    expect(json.language).toBe('uk');
    // The Ukrainian pages advertise their own feed.
    expect((await get('/uk/')).body).toContain('href="/uk/feed.xml"');
  });

  it('lists a translated story once per language in the sitemap, each with hreflang alternates both ways and x-default', async () => {
    app = await bilingualOutlet();
    const xml = (await get('/sitemaps/articles-0.xml')).body;
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const both = { en: EN, uk: UK, 'x-default': EN };
    expect(links(urlEntry(xml, EN))).toEqual(both);
    expect(links(urlEntry(xml, UK))).toEqual(both);
    // A story without translations has no alternates.
    expect(links(urlEntry(xml, `${ORIGIN}/articles/ferry-timetable`))).toEqual({});
    const pages = (await get('/sitemaps/pages.xml')).body;
    expect(links(urlEntry(pages, `${ORIGIN}/uk/`))).toEqual({ en: `${ORIGIN}/`, uk: `${ORIGIN}/uk/`, 'x-default': `${ORIGIN}/` });
    expect(links(urlEntry(pages, `${ORIGIN}/uk/sections/city`))).toMatchObject({ uk: `${ORIGIN}/uk/sections/city`, en: `${ORIGIN}/sections/city` });
    // One sitemap serves every language: there is no /uk/ copy to keep in step.
    expect((await get('/uk/sitemap.xml')).statusCode).toBe(404);
  });

  it('purges the Ukrainian listings and feed when a Ukrainian story is published', async () => {
    app = await bilingualOutlet();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const address = app.http.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const fetchPage = async (p: string) => {
      const res = await fetch(`http://127.0.0.1:${address.port}${p}`);
      return { cache: res.headers.get('x-cache'), body: await res.text() };
    };
    const watched = ['/uk/', '/uk/sections/city', '/uk/authors/olena-marchuk', '/uk/feed.xml'];
    for (const p of watched) await fetchPage(p);
    for (const p of watched) expect((await fetchPage(p)).cache, p).toBe('HIT');
    const saved = await app.services.articles.saveArticle(
      articleInput({
        slug: 'novyi-mist',
        headline: 'Новий міст відкриють навесні',
        language: 'uk',
        section: 'City',
        authors: [{ name: 'Olena Marchuk' }],
        status: 'published',
        publishedAt: '2026-11-21T09:00:00Z',
      }),
      { now: app.clock(), actor: 'test' },
    );
    expect(saved.ok).toBe(true);
    for (const p of watched) {
      const after = await fetchPage(p);
      expect(after.cache, p).toBe('MISS');
      expect(after.body, p).toContain('novyi-mist');
    }
  });
});
