import { DomUtils, parseDocument } from 'htmlparser2';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle, imageBytes } from '../support/factories.js';

const ORIGIN = 'https://news.example.test';

type Doc = ReturnType<typeof parseDocument>;
type El = ReturnType<typeof DomUtils.findAll>[number];

/** Elements named `tag` under `root` whose attributes match; `class` matches one class token. */
function $$(root: Doc | El, tag: string, attrs: Record<string, string> = {}): El[] {
  return DomUtils.findAll(
    (e) => e.name === tag && Object.entries(attrs).every(([k, v]) => (k === 'class' ? (e.attribs.class ?? '').split(/\s+/).includes(v) : e.attribs[k] === v)),
    root,
  );
}

/** The one element matching; fails the test when there are none or several. */
function $(root: Doc | El, tag: string, attrs: Record<string, string> = {}): El {
  const found = $$(root, tag, attrs);
  expect(found, `exactly one <${tag} ${JSON.stringify(attrs)}>`).toHaveLength(1);
  return found[0]!;
}

const text = (e: El) => DomUtils.textContent(e);
const meta = (doc: Doc, attr: 'name' | 'property', key: string) => $(doc, 'meta', { [attr]: key }).attribs.content;
const hrefs = (links: El[]) => links.map((a) => a.attribs.href);
/** The headline link of each story card under `root`, in page order. */
function cardLinks(root: Doc | El): string[] {
  return $$(root, 'article', { class: 'card' }).map((card) => {
    const headline = DomUtils.findOne((e) => /^h[23]$/.test(e.name) && e.attribs.class === 'card-headline', card);
    expect(headline, 'each card has a headline').not.toBeNull();
    return $(headline!, 'a').attribs.href ?? '';
  });
}
const jsonLd = (doc: Doc) => $$(doc, 'script', { type: 'application/ld+json' }).map((s) => JSON.parse(text(s)) as Record<string, unknown>);

async function get(app: TestApp, url: string, headers: Record<string, string> = {}) {
  return app.http.inject({ method: 'GET', url, headers });
}

async function getPage(app: TestApp, url: string) {
  const res = await get(app, url);
  expect(res.statusCode, `GET ${url}`).toBe(200);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  return { res, doc: parseDocument(res.body) };
}

/** Asserts a reader-facing error page, in the site's frame, with no internals. */
function expectErrorPage(res: Awaited<ReturnType<typeof get>>, status: number, title: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  const doc = parseDocument(res.body);
  expect(text($(doc, 'h1'))).toBe(title);
  expect($$(doc, 'a', { class: 'brand' })).toHaveLength(1);
  expect(res.body).not.toMatch(/ZodError|HttpError|\bat \S+ \(|\.ts:\d+/);
  return doc;
}

async function storeHero(app: TestApp) {
  const image = await app.services.media.storeImage(await imageBytes(), app.clock());
  if (!image.ok) throw new Error(image.message);
  return image;
}

const isoHoursAfter = (start: string, hours: number) => new Date(Date.parse(start) + hours * 3600_000).toISOString();

describe('article page', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('renders a complete story: headline, standfirst, figure, byline, dates, body, sources, related, tags and metadata', async () => {
    app = await buildApp();
    const image = await storeHero(app);
    await createArticle(app, { slug: 'council-meets', headline: 'Council meets on Tuesday', tags: ['Parks'] });
    const input = await createArticle(app, {
      slug: 'river-path-funded',
      headline: 'Council funds the river path',
      standfirst: 'The £4m path opens next spring, two years late.',
      bodyMarkdown: 'Councillors voted seven to two on Tuesday night.\n\nThe path runs from the mill to the weir.',
      hero: { mediaId: image.mediaId, alt: 'Cyclists on the river path', caption: 'The path at the old mill.', credit: 'Photo: Jo Marsh' },
      authors: [{ name: 'Rosa Vance' }, { name: 'Ife Adeyemi', guest: true, bio: 'Freelance writer covering rivers.' }],
      section: 'City Hall',
      tags: ['Transport', 'Budget'],
      sources: [
        { name: 'Council minutes', url: 'https://example.org/minutes' },
        { name: 'The Valley Ledger', url: 'https://example.org/ledger' },
      ],
      related: ['council-meets'],
      publishedAt: '2026-11-26T09:00:00.000Z',
    });
    const canonical = `${ORIGIN}/articles/river-path-funded`;

    const { doc } = await getPage(app, '/articles/river-path-funded');

    expect(text($(doc, 'title'))).toBe('Council funds the river path | Masthead');
    expect(text($(doc, 'h1'))).toBe(input.headline);
    expect(text($(doc, 'p', { class: 'standfirst' }))).toBe(input.standfirst);
    expect($(doc, 'a', { class: 'kicker' }).attribs.href).toBe('/sections/city-hall');

    const figure = $(doc, 'figure', { class: 'hero' });
    const picture = $(figure, 'picture');
    expect($$(picture, 'source').map((s) => s.attribs.type)).toEqual(['image/webp', 'image/jpeg']);
    const img = $(picture, 'img');
    expect(img.attribs.alt).toBe('Cyclists on the river path');
    expect(img.attribs.src).toMatch(/^\/media\/[a-f0-9]{32}\/\d+\.jpg$/);
    const figcaption = $(figure, 'figcaption');
    expect(text($(figcaption, 'span', { class: 'caption' }))).toBe('The path at the old mill.');
    expect(text($(figcaption, 'span', { class: 'credit' }))).toBe('Photo: Jo Marsh');

    const byline = $$($(doc, 'span', { class: 'byline' }), 'a', { rel: 'author' });
    expect(byline.map(text)).toEqual(['Rosa Vance', 'Ife Adeyemi']);
    expect(hrefs(byline)).toEqual(['/authors/rosa-vance', '/authors/ife-adeyemi']);
    const published = $($(doc, 'header', { class: 'story-header' }), 'time');
    expect(published.attribs.datetime).toBe('2026-11-26T09:00:00.000Z');
    expect(text(published)).toMatch(/26/);

    const body = text($(doc, 'div', { class: 'story-body' }));
    expect(body).toContain('Councillors voted seven to two on Tuesday night.');
    expect(body).toContain('The path runs from the mill to the weir.');

    const sources = $(doc, 'section', { class: 'sources' });
    expect(text($(sources, 'h2'))).toBe('Sources');
    expect($$(sources, 'a').map((a) => [text(a), a.attribs.href])).toEqual([
      ['Council minutes', 'https://example.org/minutes'],
      ['The Valley Ledger', 'https://example.org/ledger'],
    ]);
    const pinned = $$($(doc, 'ul', { class: 'pinned' }), 'a');
    expect(pinned.map((a) => [text(a), a.attribs.href])).toEqual([['Council meets on Tuesday', '/articles/council-meets']]);
    const tags = $$($(doc, 'nav', { class: 'tags' }), 'a', { rel: 'tag' });
    expect(tags.map((a) => [text(a), a.attribs.href])).toEqual([
      ['Transport', '/tags/transport'],
      ['Budget', '/tags/budget'],
    ]);

    expect($(doc, 'link', { rel: 'canonical' }).attribs.href).toBe(canonical);
    expect(meta(doc, 'property', 'og:title')).toBe(input.headline);
    expect(meta(doc, 'property', 'og:description')).toBe(input.standfirst);
    expect(meta(doc, 'property', 'og:url')).toBe(canonical);
    expect(meta(doc, 'property', 'og:type')).toBe('article');
    const ogImage = meta(doc, 'property', 'og:image')!;
    expect(ogImage).toMatch(new RegExp(`^${ORIGIN}/media/[a-f0-9]{32}/\\d+\\.jpg$`));
    expect(meta(doc, 'name', 'twitter:card')).toBe('summary_large_image');

    const ld = jsonLd(doc);
    expect(ld).toHaveLength(1);
    const article = ld[0]!;
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: input.headline,
      description: input.standfirst,
      image: [ogImage],
      datePublished: '2026-11-26T09:00:00.000Z',
      author: [
        { '@type': 'Person', name: 'Rosa Vance', url: `${ORIGIN}/authors/rosa-vance` },
        { '@type': 'Person', name: 'Ife Adeyemi', url: `${ORIGIN}/authors/ife-adeyemi` },
      ],
      publisher: { '@type': 'NewsMediaOrganization', name: 'Masthead', url: `${ORIGIN}/` },
      citation: [
        { '@type': 'CreativeWork', name: 'Council minutes', url: 'https://example.org/minutes' },
        { '@type': 'CreativeWork', name: 'The Valley Ledger', url: 'https://example.org/ledger' },
      ],
    });
    expect(typeof article.dateModified).toBe('string');
    expect(Date.parse(article.dateModified as string)).toBeGreaterThanOrEqual(Date.parse('2026-11-26T09:00:00.000Z'));
  });

  it('links bylines to author pages that exist, for staff and guest writers alike', async () => {
    app = await buildApp();
    await createArticle(app, {
      slug: 'two-bylines',
      authors: [{ name: 'Rosa Vance' }, { name: 'Ife Adeyemi', guest: true, bio: 'Freelance writer covering rivers.' }],
    });
    const { doc } = await getPage(app, '/articles/two-bylines');

    const pages = [];
    for (const a of $$(doc, 'a', { rel: 'author' })) {
      const author = await getPage(app, a.attribs.href!);
      pages.push([text($(author.doc, 'h1')), text($(author.doc, 'p', { class: 'intro' })), cardLinks(author.doc)]);
    }
    expect(pages).toEqual([
      ['Rosa Vance', 'Staff at Masthead.', ['/articles/two-bylines']],
      ['Ife Adeyemi', 'Freelance writer covering rivers.', ['/articles/two-bylines']],
    ]);
  });

  it('serves the stylesheet the page links to as CSS that may be cached forever', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'styled' });
    const { doc } = await getPage(app, '/articles/styled');
    // The site's stylesheet, and the report island's: both ours, both fingerprinted.
    const hrefs = $$(doc, 'link', { rel: 'stylesheet' }).map((l) => l.attribs.href!);
    expect(hrefs.every((h) => /^\/assets\/[a-z]+\.[a-f0-9]{12}\.css$/.test(h))).toBe(true);
    const href = hrefs.find((h) => h.startsWith('/assets/site.'))!;
    expect(href).toMatch(/^\/assets\/site\.[a-f0-9]{12}\.css$/);

    const css = await get(app, href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.headers['cache-control']).toContain('max-age=31536000');
    expect(css.body).toMatch(/\{[^}]*:[^}]*\}/);
  });

  it('serves every image in the hero srcset, as real WebP and JPEG files', async () => {
    app = await buildApp();
    const image = await storeHero(app);
    await createArticle(app, { slug: 'pictured', hero: { mediaId: image.mediaId, alt: 'A blue square', caption: '', credit: '' } });
    const { doc } = await getPage(app, '/articles/pictured');
    const figure = $(doc, 'figure', { class: 'hero' });
    const urls = (type: string) =>
      $(figure, 'source', { type })
        .attribs.srcset!.split(',')
        .map((candidate) => candidate.trim().split(/\s+/)[0]!);

    const webp = urls('image/webp');
    const jpeg = urls('image/jpeg');
    expect(webp.length).toBeGreaterThan(1);
    expect(jpeg).toHaveLength(webp.length);
    for (const url of webp) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['cache-control']).toContain('immutable');
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(res.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
    for (const url of [...jpeg, $(figure, 'img').attribs.src!]) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    }
    // The figure has neither caption nor credit: no empty <figcaption> for screen readers to announce.
    expect($$(figure, 'figcaption')).toHaveLength(0);
  });

  it('refuses media requests with a bad hash, a bad file name or a path traversal', async () => {
    app = await buildApp();
    const image = await storeHero(app);
    const hash = image.hash;
    expect((await get(app, `/media/${hash}/800.jpg`)).statusCode).toBe(200);

    for (const url of [
      '/media/not-a-hash/800.jpg',
      `/media/${hash.toUpperCase()}/800.jpg`,
      `/media/${'0'.repeat(32)}/800.jpg`,
      `/media/${hash}/999.jpg`,
      `/media/${hash}/800.png`,
      `/media/${hash}/800.JPG`,
      '/media/..%2F..%2Fetc/passwd',
      `/media/${hash}/..%2Fx`,
      `/media/${hash}/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/media/${hash}/..%2F..%2Fmasthead.db`,
      `/media/..%2F${hash}/800.jpg`,
    ]) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('SQLite format');
    }
  });

  it('escapes hostile text in every field, including inside the JSON-LD block', async () => {
    app = await buildApp();
    const image = await storeHero(app);
    const p1 = '<script>alert(1)</script>';
    const p2 = '"><img src=x onerror=alert(1)>';
    const p3 = '</script><script>alert(2)</script>';
    const hostile = `Rates ${p1} ${p2} ${p3} rise`;
    await createArticle(app, {
      slug: 'hostile',
      headline: hostile,
      standfirst: hostile,
      authors: [{ name: hostile }],
      hero: { mediaId: image.mediaId, alt: hostile, caption: `${hostile} caption`, credit: `${hostile} credit` },
      sources: [{ name: hostile, url: 'https://example.org/hostile' }],
      tags: [p1, p2, p3],
      section: `News ${p2}`,
    });

    const article = await getPage(app, '/articles/hostile');
    const pages = [article];
    for (const url of [
      '/',
      '/sections/news-img-src-x-onerror-alert-1',
      '/tags/script-alert-1-script',
      '/tags/img-src-x-onerror-alert-1',
      '/tags/script-script-alert-2-script',
    ]) {
      pages.push(await getPage(app, url));
    }
    const byline = $(article.doc, 'a', { rel: 'author' }).attribs.href!;
    pages.push(await getPage(app, byline));

    for (const { res, doc } of pages) {
      const html = res.body;
      expect(html).not.toMatch(/<script>\s*alert/i);
      expect(html).not.toMatch(/<img src=["']?x/i);
      // Text may contain the letters "onerror=" once escaped; no element may carry an event handler.
      const handlers = DomUtils.findAll((e) => Object.keys(e.attribs).some((name) => name.toLowerCase().startsWith('on')), doc);
      expect(handlers.map((e) => e.name)).toEqual([]);
      // The only executable script is our own fingerprinted island, loaded by URL; every inline script is JSON-LD data.
      const all = $$(doc, 'script');
      const modules = all.filter((s) => s.attribs.type === 'module');
      expect(modules.every((s) => /^\/assets\/(report|appeal|view)\.[a-f0-9]{12}\.js$/.test(s.attribs.src ?? '') && text(s) === '')).toBe(true);
      const scripts = all.filter((s) => s.attribs.type !== 'module');
      expect(scripts.map((s) => s.attribs.type)).toEqual(scripts.map(() => 'application/ld+json'));
      expect(html.match(/<\/script/gi)?.length ?? 0).toBe(all.length);
      for (const s of scripts) expect(() => JSON.parse(text(s))).not.toThrow();
    }

    const { doc } = article;
    expect(text($(doc, 'h1'))).toBe(hostile);
    expect(text($(doc, 'p', { class: 'standfirst' }))).toBe(hostile);
    expect(text($(doc, 'a', { rel: 'author' }))).toBe(hostile);
    expect(text($(doc, 'span', { class: 'caption' }))).toBe(`${hostile} caption`);
    expect(text($(doc, 'span', { class: 'credit' }))).toBe(`${hostile} credit`);
    expect($(doc, 'img').attribs.alt).toBe(hostile);
    expect(text($($(doc, 'section', { class: 'sources' }), 'a'))).toBe(hostile);
    expect($$(doc, 'a', { rel: 'tag' }).map(text)).toEqual([p1, p2, p3]);
    expect(meta(doc, 'property', 'og:title')).toBe(hostile);
    expect(text($(doc, 'title'))).toBe(`${hostile} | Masthead`);
    const [ld] = jsonLd(doc);
    expect(ld).toMatchObject({
      headline: hostile,
      description: hostile,
      author: [{ name: hostile }],
      citation: [{ name: hostile }],
      articleSection: `News ${p2}`,
      keywords: `${p1}, ${p2}, ${p3}`,
    });
  });

  it('sends security headers and public caching on every reading page', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'headers', section: 'City Hall', tags: ['Budget'], authors: [{ name: 'Rosa Vance' }] });
    for (const url of ['/', '/articles/headers', '/sections/city-hall', '/tags/budget', '/authors/rosa-vance']) {
      const { res } = await getPage(app, url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(String(res.headers['cache-control']).split(/,\s*/), url).toContain('public');
    }
    const missing = await get(app, '/articles/no-such-story');
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('a scheduled story, once published, is not dated as modified before it was published', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'embargoed', publishedAt: '2026-11-28T06:00:00.000Z' });
    app.fixedClock.advance(24 * 3600_000);
    expect(await app.services.articles.publishDueArticles(app.clock())).toEqual(['embargoed']);

    const { doc } = await getPage(app, '/articles/embargoed');
    const [ld] = jsonLd(doc);
    expect(ld!.datePublished).toBe('2026-11-28T06:00:00.000Z');
    expect(Date.parse(ld!.dateModified as string)).toBeGreaterThanOrEqual(Date.parse('2026-11-28T06:00:00.000Z'));
    expect(Date.parse(meta(doc, 'property', 'article:modified_time')!)).toBeGreaterThanOrEqual(Date.parse('2026-11-28T06:00:00.000Z'));
  });
});

describe('not found and bad requests', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it.each([
    ['article', '/articles/no-such-story', 'We could not find that article.'],
    ['section', '/sections/no-such-section', 'We could not find that section.'],
    ['tag', '/tags/no-such-tag', 'We could not find that tag.'],
    ['author', '/authors/no-such-author', 'We could not find that author.'],
    ['page', '/no/such/page', 'There is no page at this address.'],
  ])('answers an unknown %s with the HTML 404 page', async (_kind, url, message) => {
    app = await buildApp();
    await createArticle(app, { slug: 'a-real-story' });
    const res = await get(app, url);
    const doc = expectErrorPage(res, 404, 'Page not found');
    expect(text($($(doc, 'main'), 'p'))).toContain(message);
    expect(meta(doc, 'name', 'robots')).toBe('noindex');
    expect(String(res.headers['cache-control'])).not.toContain('s-maxage=300');
  });

  it('treats upper-case and malformed slugs as pages that do not exist', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'river-path', section: 'City Hall', tags: ['Budget'], authors: [{ name: 'Rosa Vance' }] });
    for (const url of ['/articles/river-path', '/sections/city-hall', '/tags/budget', '/authors/rosa-vance']) {
      expect((await get(app, url)).statusCode, url).toBe(200);
    }
    for (const url of [
      '/articles/River-Path',
      '/articles/RIVER-PATH',
      '/articles/river--path',
      '/articles/-river-path',
      '/articles/river-path-',
      '/articles/river_path',
      '/articles/river%20path',
      '/articles/river-path%00',
      '/sections/City-Hall',
      '/tags/BUDGET',
      '/authors/Rosa-Vance',
    ]) {
      expectErrorPage(await get(app, url), 404, 'Page not found');
    }
  });

  it('answers an unknown API address with JSON, not a page', async () => {
    app = await buildApp();
    const res = await get(app, '/api/v1/nope', { accept: 'application/json' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual(expect.any(String));
    expect(res.body).not.toContain('<html');
  });
});

describe('drafts and scheduled stories', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('are not found at their address and absent from the home page, listings, related links and feeds', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'draft-story', headline: 'Secret draft headline', status: 'draft' });
    await createArticle(app, { slug: 'embargoed-story', headline: 'Embargoed headline', publishedAt: '2026-11-28T06:00:00.000Z' });
    await createArticle(app, { slug: 'public-story', headline: 'The public story', related: ['draft-story', 'embargoed-story'] });

    for (const url of ['/articles/draft-story', '/articles/embargoed-story']) {
      expectErrorPage(await get(app, url), 404, 'Page not found');
    }
    for (const url of [
      '/',
      '/sections/city-hall',
      '/tags/budget',
      '/authors/rosa-vance',
      '/articles/public-story',
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/sitemaps/articles-0.xml',
      '/news-sitemap.xml',
    ]) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('public-story');
      for (const secret of ['draft-story', 'Secret draft headline', 'embargoed-story', 'Embargoed headline']) {
        expect(res.body, `${url} must not mention ${secret}`).not.toContain(secret);
      }
    }
    const { doc } = await getPage(app, '/articles/public-story');
    expect($$(doc, 'aside', { class: 'related' })).toHaveLength(0);
  });

  it('do not reveal their section, tags or guest author before publication', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'public-story', section: 'City Hall', tags: ['Budget'], authors: [{ name: 'Rosa Vance' }] });
    await createArticle(app, {
      slug: 'layoffs-draft',
      status: 'draft',
      section: 'Investigations',
      tags: ['Acme Layoffs'],
      authors: [{ name: 'Nadia Whistle', guest: true }],
    });

    for (const url of ['/', '/articles/public-story', '/sitemaps/pages.xml']) {
      const res = await get(app, url);
      expect(res.statusCode, url).toBe(200);
      for (const secret of ['Investigations', 'investigations', 'Acme Layoffs', 'Nadia Whistle']) {
        expect(res.body, `${url} must not mention ${secret}`).not.toContain(secret);
      }
    }
    for (const url of ['/sections/investigations', '/tags/acme-layoffs', '/authors/nadia-whistle']) {
      expectErrorPage(await get(app, url), 404, 'Page not found');
    }
  });
});

describe('home page', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('leads with the newest story, then four secondary ones, then the latest, then section blocks that repeat none of them', async () => {
    app = await buildApp();
    // 14 stories alternating between two sections: the 12 newest fill the top and the latest list, the 2 oldest are left for the blocks.
    const stories = Array.from({ length: 14 }, (_, i) => ({ slug: `${i % 2 ? 'schools' : 'hall'}-${i}`, section: i % 2 ? 'Schools' : 'City Hall' }));
    for (const [i, s] of stories.entries()) await createArticle(app, { ...s, publishedAt: isoHoursAfter('2026-11-20T08:00:00.000Z', i) });
    const newestFirst = stories.map((s) => `/articles/${s.slug}`).reverse();

    const { doc } = await getPage(app, '/');
    const top = $(doc, 'section', { class: 'front-top' });
    expect(cardLinks($(top, 'div', { class: 'front-lead' }))).toEqual([newestFirst[0]]);
    expect(cardLinks($(top, 'div', { class: 'front-secondary' }))).toEqual(newestFirst.slice(1, 5));
    expect(cardLinks($(doc, 'section', { class: 'latest' }))).toEqual(newestFirst.slice(5, 12));
    const fronts = $$(doc, 'section', { class: 'front' }).map((f) => [
      text($(f, 'h2')),
      $($(f, 'h2'), 'a').attribs.href,
      cardLinks(f),
      $$(f, 'a', { class: 'kicker' }).length,
    ]);
    expect(fronts).toEqual([
      ['City Hall', '/sections/city-hall', ['/articles/hall-0'], 0],
      ['Schools', '/sections/schools', ['/articles/schools-1'], 0],
    ]);
    expect(hrefs($$($(doc, 'nav', { class: 'sections' }), 'a'))).toEqual(['/sections/city-hall', '/sections/schools']);
    expect($(doc, 'link', { rel: 'canonical' }).attribs.href).toBe(`${ORIGIN}/`);
    expect(jsonLd(doc)).toEqual([expect.objectContaining({ '@type': 'NewsMediaOrganization', url: `${ORIGIN}/` })]);
  });

  it("shows a small site's stories once each: all in the top slots, no empty latest list, no section blocks", async () => {
    app = await buildApp();
    for (const [i, s] of ['hall-1', 'schools-1', 'hall-2'].entries())
      await createArticle(app, { slug: s, section: s.startsWith('hall') ? 'City Hall' : 'Schools', publishedAt: isoHoursAfter('2026-11-20T08:00:00.000Z', i) });
    const { doc } = await getPage(app, '/');
    expect(cardLinks(doc)).toEqual(['/articles/hall-2', '/articles/schools-1', '/articles/hall-1']);
    expect($$(doc, 'section', { class: 'latest' })).toHaveLength(0);
    expect($$(doc, 'section', { class: 'front' })).toHaveLength(0);
  });

  it('pages through every published story exactly once, following rel=next', async () => {
    app = await buildApp();
    const slugs: string[] = [];
    for (let i = 0; i < 25; i++) {
      slugs.push(`home-${i}`);
      await createArticle(app, { slug: `home-${i}`, publishedAt: isoHoursAfter('2026-11-01T00:00:00.000Z', i) });
    }

    const seen: string[] = [];
    let url: string | null = '/';
    for (let pages = 0; url && pages < 10; pages++) {
      const { doc } = await getPage(app, url);
      // Page 1 has the top slots above its latest list; later pages only the list.
      if (pages === 0) seen.push(...cardLinks($(doc, 'section', { class: 'front-top' })));
      seen.push(...cardLinks($(doc, 'section', { class: 'latest' })));
      const next = $$(doc, 'link', { rel: 'next' })[0]?.attribs.href;
      url = next ? next.replace(ORIGIN, '') : null;
    }
    expect(seen).toEqual(slugs.reverse().map((s) => `/articles/${s}`));
  });

  it('answers a page past the end with 404 and a non-number page with 400', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'only-story' });
    expectErrorPage(await get(app, '/?page=50'), 404, 'Page not found');
    const bad = expectErrorPage(await get(app, '/?page=abc'), 400, 'That request did not work');
    expect(text($($(bad, 'main'), 'p'))).toMatch(/\bpage\b/);
  });
});

describe.each([
  ['section', '/sections/schools', 'Schools'],
  ['tag', '/tags/exams', 'Exams'],
  ['author', '/authors/dana-whitfield', 'Dana Whitfield'],
])('%s page', (_kind, base, heading) => {
  let app: TestApp;
  afterEach(async () => app?.close());

  /** 22 stories in Schools, tagged Exams, by Dana Whitfield; two elsewhere. Returns the 22 hrefs, newest first. */
  async function seed(): Promise<string[]> {
    const ours: string[] = [];
    for (let i = 0; i < 22; i++) {
      await createArticle(app, {
        slug: `exam-${i}`,
        section: 'Schools',
        tags: ['Exams'],
        authors: [{ name: 'Dana Whitfield' }],
        publishedAt: isoHoursAfter('2026-11-01T00:00:00.000Z', i),
      });
      ours.unshift(`/articles/exam-${i}`);
    }
    for (const slug of ['other-1', 'other-2']) {
      await createArticle(app, { slug, section: 'City Hall', tags: ['Budget'], authors: [{ name: 'Rosa Vance' }], publishedAt: '2026-11-26T00:00:00.000Z' });
    }
    return ours;
  }

  it('lists only its stories, newest first, 20 to a page with rel=next and rel=prev', async () => {
    app = await buildApp();
    const ours = await seed();

    const first = (await getPage(app, base)).doc;
    expect(text($(first, 'h1'))).toBe(heading);
    expect(cardLinks(first)).toEqual(ours.slice(0, 20));
    expect($(first, 'link', { rel: 'canonical' }).attribs.href).toBe(`${ORIGIN}${base}`);
    expect($(first, 'link', { rel: 'next' }).attribs.href).toBe(`${ORIGIN}${base}?page=2`);
    expect($$(first, 'link', { rel: 'prev' })).toHaveLength(0);
    expect($($(first, 'nav', { class: 'pagination' }), 'a', { rel: 'next' }).attribs.href).toBe(`${base}?page=2`);

    const second = (await getPage(app, `${base}?page=2`)).doc;
    expect(cardLinks(second)).toEqual(ours.slice(20));
    expect(text($(second, 'title'))).toBe(`${heading} (page 2) | Masthead`);
    expect($(second, 'link', { rel: 'canonical' }).attribs.href).toBe(`${ORIGIN}${base}?page=2`);
    expect($(second, 'link', { rel: 'prev' }).attribs.href).toBe(`${ORIGIN}${base}`);
    expect($$(second, 'link', { rel: 'next' })).toHaveLength(0);
    expect($($(second, 'nav', { class: 'pagination' }), 'a', { rel: 'prev' }).attribs.href).toBe(base);
  });

  it('answers a page past the end with the 404 page', async () => {
    app = await buildApp();
    await seed();
    expectErrorPage(await get(app, `${base}?page=3`), 404, 'Page not found');
  });

  it('answers a page that is not a whole number from 1 with 400 naming the page parameter', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'one-exam', section: 'Schools', tags: ['Exams'], authors: [{ name: 'Dana Whitfield' }] });
    for (const page of ['abc', '0', '-1', '1.5']) {
      const doc = expectErrorPage(await get(app, `${base}?page=${page}`), 400, 'That request did not work');
      expect(text($($(doc, 'main'), 'p')), `page=${page}`).toBe('The page number in this address must be a whole number, 1 or more.');
    }
    const json = await get(app, `${base}?page=abc`, { accept: 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual({ error: expect.stringMatching(/\bpage\b/) });
  });
});
