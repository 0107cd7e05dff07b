import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

const ORIGIN = 'https://news.example.test';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** RFC 3339 date-time (Atom, JSON Feed; also a valid W3C Datetime for sitemaps). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** RFC 822 date as RSS 2.0 wants it, in the shape Date#toUTCString() writes. */
const RFC822 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

// Every element parses to an array (so `one(...)` can insist on exactly one) and every text to `#text`.
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Exactly one occurrence of an element. */
const one = <T extends z.ZodType>(schema: T) => z.tuple([schema]);
const text = z.object({ '#text': z.string().min(1) });
const dateText = (pattern: RegExp) => z.object({ '#text': z.string().regex(pattern) });
const absolute = z.string().startsWith(`${ORIGIN}/`);

/** RSS 2.0: required channel elements, and per item what we promise (title, link, permalink guid, date, excerpt). */
const rssDocument = z.object({
  rss: one(
    z.object({
      '@_version': z.literal('2.0'),
      '@_xmlns:atom': z.literal(ATOM_NS),
      channel: one(
        z.object({
          title: one(text),
          link: one(text),
          description: one(text),
          'atom:link': one(z.object({ '@_rel': z.literal('self'), '@_href': z.literal(`${ORIGIN}/feed.xml`), '@_type': z.literal('application/rss+xml') })),
          item: z
            .array(
              z.object({
                title: one(text),
                link: one(z.object({ '#text': absolute })),
                guid: one(z.object({ '#text': absolute, '@_isPermaLink': z.literal('true') })),
                pubDate: one(dateText(RFC822)),
                description: one(text),
              }),
            )
            .default([]),
        }),
      ),
    }),
  ),
});

const atomLink = z.object({ '@_href': z.string().min(1), '@_rel': z.string().optional(), '@_type': z.string().optional() });
/** Atom 1.0 (RFC 4287): feed id/title/updated/self link; entry id/title/updated/author/alternate link, plus our summary. */
const atomDocument = z.object({
  feed: one(
    z.object({
      '@_xmlns': z.literal(ATOM_NS),
      id: one(text),
      title: one(text),
      updated: one(dateText(RFC3339)),
      link: z.array(atomLink).min(1),
      entry: z
        .array(
          z.object({
            id: one(text),
            title: one(text),
            updated: one(dateText(RFC3339)),
            author: z.array(z.object({ name: one(text) })).min(1),
            link: z.array(atomLink).min(1),
            summary: one(text),
          }),
        )
        .default([]),
    }),
  ),
});

const rfc3339 = z.string().regex(RFC3339);
/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the spec's required and typed fields. */
const jsonFeedSchema = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: z.url().optional(),
  feed_url: z.url().optional(),
  description: z.string().optional(),
  user_comment: z.string().optional(),
  next_url: z.url().optional(),
  icon: z.url().optional(),
  favicon: z.url().optional(),
  language: z.string().optional(),
  expired: z.boolean().optional(),
  authors: z.array(z.object({ name: z.string().optional(), url: z.url().optional(), avatar: z.url().optional() })).optional(),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: z.url().optional(),
        external_url: z.url().optional(),
        title: z.string().optional(),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        summary: z.string().optional(),
        image: z.url().optional(),
        banner_image: z.url().optional(),
        date_published: rfc3339.optional(),
        date_modified: rfc3339.optional(),
        authors: z
          .array(
            z
              .object({ name: z.string().optional(), url: z.url().optional(), avatar: z.url().optional() })
              .refine((a) => a.name !== undefined || a.url !== undefined || a.avatar !== undefined, 'an author needs a name, url or avatar'),
          )
          .optional(),
        tags: z.array(z.string()).optional(),
        language: z.string().optional(),
      })
      .refine((i) => i.content_html !== undefined || i.content_text !== undefined, 'an item needs content_html or content_text'),
  ),
});

const sitemapIndexDocument = z.object({
  sitemapindex: one(z.object({ '@_xmlns': z.literal(SITEMAP_NS), sitemap: z.array(z.object({ loc: one(z.object({ '#text': absolute })) })).min(1) })),
});

const urlsetDocument = z.object({
  urlset: one(
    z.object({
      '@_xmlns': z.literal(SITEMAP_NS),
      url: z.array(z.object({ loc: one(z.object({ '#text': absolute })), lastmod: z.tuple([dateText(RFC3339)]).optional() })).default([]),
    }),
  ),
});

/** Google News sitemap: per URL, publication name and language, publication date and title. */
const newsSitemapDocument = z.object({
  urlset: one(
    z.object({
      '@_xmlns': z.literal(SITEMAP_NS),
      '@_xmlns:news': z.literal(NEWS_NS),
      url: z
        .array(
          z.object({
            loc: one(z.object({ '#text': absolute })),
            'news:news': one(
              z.object({
                'news:publication': one(z.object({ 'news:name': one(text), 'news:language': one(dateText(/^(?:[a-z]{2,3}|zh-cn|zh-tw)$/)) })),
                'news:publication_date': one(dateText(RFC3339)),
                'news:title': one(text),
              }),
            ),
          }),
        )
        .default([]),
    }),
  ),
});

/** Parses an XML response after checking it is well-formed, then validates its structure. */
function parseXml<T extends z.ZodType>(body: string, schema: T): z.infer<T> {
  expect(XMLValidator.validate(body)).toBe(true);
  return schema.parse(xmlParser.parse(body));
}

async function get(app: TestApp, url: string) {
  return app.http.inject({ method: 'GET', url });
}

async function fetchOk(app: TestApp, url: string, contentType: RegExp) {
  const res = await get(app, url);
  expect(res.statusCode, url).toBe(200);
  expect(res.headers['content-type'], url).toMatch(contentType);
  return res.body;
}

const BODY_MARKER = 'Only the full story says the weir gates were left open.';
const articleUrl = (slug: string) => `${ORIGIN}/articles/${slug}`;

/**
 * Three published stories (one within the last 48 hours of the clock, 27 Nov 2026 12:00 UTC, two older),
 * a draft and a story scheduled for tomorrow. Returns the published ones, newest first.
 */
async function seed(app: TestApp) {
  const published = [
    {
      slug: 'weir-gates',
      headline: 'Weir gates left open',
      standfirst: 'Flooding on Mill Lane followed a missed inspection.',
      publishedAt: '2026-11-27T09:00:00.000Z',
    },
    {
      slug: 'bus-route-cut',
      headline: 'Bus route 7 to be cut',
      standfirst: 'The operator says too few riders use it after dark.',
      publishedAt: '2026-11-24T15:30:00.000Z',
    },
    {
      slug: 'library-hours',
      headline: 'Library opens on Sundays',
      standfirst: 'A trial of Sunday hours starts in the new year.',
      publishedAt: '2026-11-22T09:00:00.000Z',
    },
  ];
  for (const p of [...published].reverse()) {
    await createArticle(app, { ...p, bodyMarkdown: `${BODY_MARKER}\n\nMore of the story.`, authors: [{ name: 'Rosa Vance' }] });
  }
  await createArticle(app, { slug: 'draft-story', headline: 'Secret draft headline', status: 'draft' });
  await createArticle(app, { slug: 'scheduled-story', headline: 'Embargoed headline', publishedAt: '2026-11-28T08:00:00.000Z' });
  return published;
}

const HIDDEN = ['draft-story', 'Secret draft headline', 'scheduled-story', 'Embargoed headline'];

describe('feeds', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('RSS 2.0 lists published stories with permalinks, RFC 822 dates and the standfirst as excerpt', async () => {
    app = await buildApp();
    const published = await seed(app);
    const body = await fetchOk(app, '/feed.xml', /^application\/rss\+xml/);

    const channel = parseXml(body, rssDocument).rss[0].channel[0];
    expect(channel.title[0]['#text']).toBe('Masthead');
    expect(channel.link[0]['#text']).toMatch(new RegExp(`^${ORIGIN}/?$`));
    expect(
      channel.item.map((i) => ({
        title: i.title[0]['#text'],
        link: i.link[0]['#text'],
        guid: i.guid[0]['#text'],
        pubDate: i.pubDate[0]['#text'],
        description: i.description[0]['#text'],
      })),
    ).toEqual(
      published.map((p) => ({
        title: p.headline,
        link: articleUrl(p.slug),
        guid: articleUrl(p.slug),
        pubDate: new Date(p.publishedAt).toUTCString(),
        description: p.standfirst,
      })),
    );
    for (const i of channel.item) expect(Date.parse(i.pubDate[0]['#text'])).not.toBeNaN();
    expect(body).not.toContain(BODY_MARKER);
    for (const hidden of HIDDEN) expect(body).not.toContain(hidden);
  });

  it('Atom 1.0 has a self link, RFC 3339 times, authors, alternate links and summaries', async () => {
    app = await buildApp();
    const published = await seed(app);
    const body = await fetchOk(app, '/atom.xml', /^application\/atom\+xml/);

    const feed = parseXml(body, atomDocument).feed[0];
    expect(feed.link.filter((l) => l['@_rel'] === 'self').map((l) => l['@_href'])).toEqual([`${ORIGIN}/atom.xml`]);
    expect(feed.updated[0]['#text']).toBe(published[0]!.publishedAt);
    expect(
      feed.entry.map((e) => ({
        id: e.id[0]['#text'],
        title: e.title[0]['#text'],
        updated: e.updated[0]['#text'],
        authors: e.author.map((a) => a.name[0]['#text']),
        alternate: e.link.filter((l) => l['@_rel'] === 'alternate').map((l) => l['@_href']),
        summary: e.summary[0]['#text'],
      })),
    ).toEqual(
      published.map((p) => ({
        id: articleUrl(p.slug),
        title: p.headline,
        updated: p.publishedAt,
        authors: ['Rosa Vance'],
        alternate: [articleUrl(p.slug)],
        summary: p.standfirst,
      })),
    );
    expect(body).not.toContain(BODY_MARKER);
    for (const hidden of HIDDEN) expect(body).not.toContain(hidden);
  });

  it('JSON Feed 1.1 validates against the spec and carries ids, urls, dates, authors and excerpts', async () => {
    app = await buildApp();
    const published = await seed(app);
    const res = await get(app, '/feed.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/feed\+json/);

    const feed = jsonFeedSchema.parse(JSON.parse(res.body));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Masthead');
    expect(feed.home_page_url).toMatch(new RegExp(`^${ORIGIN}/?$`));
    expect(feed.feed_url).toBe(`${ORIGIN}/feed.json`);
    expect(
      feed.items.map((i) => ({
        id: i.id,
        url: i.url,
        title: i.title,
        date_published: i.date_published,
        authors: i.authors?.map((a) => a.name),
        summary: i.summary,
      })),
    ).toEqual(
      published.map((p) => ({
        id: articleUrl(p.slug),
        url: articleUrl(p.slug),
        title: p.headline,
        date_published: p.publishedAt,
        authors: ['Rosa Vance'],
        summary: p.standfirst,
      })),
    );
    expect(res.body).not.toContain(BODY_MARKER);
    for (const hidden of HIDDEN) expect(res.body).not.toContain(hidden);
  });

  it('are well-formed and valid before anything is published', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'draft-only', status: 'draft' });
    expect(parseXml(await fetchOk(app, '/feed.xml', /rss\+xml/), rssDocument).rss[0].channel[0].item).toEqual([]);
    expect(parseXml(await fetchOk(app, '/atom.xml', /atom\+xml/), atomDocument).feed[0].entry).toEqual([]);
    expect(jsonFeedSchema.parse(JSON.parse(await fetchOk(app, '/feed.json', /feed\+json/))).items).toEqual([]);
  });

  it('keep a hostile headline well-formed and return it as the same text', async () => {
    app = await buildApp();
    const headline = 'Fish & chips <b>bold</b> ]]> "quoted"';
    const standfirst = "Salt & vinegar <i>lots</i> ]]> 'quoted' <![CDATA[x]]>";
    await createArticle(app, { slug: 'fish-and-chips', headline, standfirst, publishedAt: '2026-11-27T10:00:00.000Z' });

    const rss = parseXml(await fetchOk(app, '/feed.xml', /rss\+xml/), rssDocument).rss[0].channel[0].item[0]!;
    expect(rss.title[0]['#text']).toBe(headline);
    expect(rss.description[0]['#text']).toBe(standfirst);
    const atom = parseXml(await fetchOk(app, '/atom.xml', /atom\+xml/), atomDocument).feed[0].entry[0]!;
    expect(atom.title[0]['#text']).toBe(headline);
    expect(atom.summary[0]['#text']).toBe(standfirst);
    const json = jsonFeedSchema.parse(JSON.parse(await fetchOk(app, '/feed.json', /feed\+json/))).items[0]!;
    expect(json.title).toBe(headline);
    const news = parseXml(await fetchOk(app, '/news-sitemap.xml', /xml/), newsSitemapDocument).urlset[0].url[0]!;
    expect(news['news:news'][0]['news:title'][0]['#text']).toBe(headline);
  });

  it('include a scheduled story once its time has passed and the publishing job has run', async () => {
    app = await buildApp();
    await seed(app);
    const scheduledUrl = articleUrl('scheduled-story');
    const rssLinks = async () => parseXml(await fetchOk(app, '/feed.xml', /rss\+xml/), rssDocument).rss[0].channel[0].item.map((i) => i.link[0]['#text']);
    expect(await rssLinks()).not.toContain(scheduledUrl);

    app.fixedClock.advance(24 * 3600_000); // 28 Nov 12:00, four hours after the scheduled time
    expect(await app.services.articles.publishDueArticles(app.clock())).toEqual(['scheduled-story']);
    expect(await app.services.articles.publishDueArticles(app.clock())).toEqual([]);

    expect((await rssLinks())[0]).toBe(scheduledUrl);
    const rssItem = parseXml(await fetchOk(app, '/feed.xml', /rss\+xml/), rssDocument).rss[0].channel[0].item[0]!;
    expect(rssItem.pubDate[0]['#text']).toBe(new Date('2026-11-28T08:00:00.000Z').toUTCString());
    const atom = parseXml(await fetchOk(app, '/atom.xml', /atom\+xml/), atomDocument).feed[0];
    expect(atom.entry[0]!.id[0]['#text']).toBe(scheduledUrl);
    const json = jsonFeedSchema.parse(JSON.parse(await fetchOk(app, '/feed.json', /feed\+json/)));
    expect(json.items[0]).toMatchObject({ url: scheduledUrl, date_published: '2026-11-28T08:00:00.000Z' });
    const sitemap = parseXml(await fetchOk(app, '/sitemaps/articles-0.xml', /xml/), urlsetDocument);
    expect(sitemap.urlset[0].url.map((u) => u.loc[0]['#text'])).toContain(scheduledUrl);
    const news = parseXml(await fetchOk(app, '/news-sitemap.xml', /xml/), newsSitemapDocument);
    expect(news.urlset[0].url.map((u) => u.loc[0]['#text'])).toContain(scheduledUrl);
    expect((await get(app, '/articles/scheduled-story')).statusCode).toBe(200);
  });
});

describe('sitemaps and robots.txt', () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it('the sitemap index points at absolute sitemaps that are each a valid urlset', async () => {
    app = await buildApp();
    await seed(app);
    const index = parseXml(await fetchOk(app, '/sitemap.xml', /^application\/xml/), sitemapIndexDocument);
    const locs = index.sitemapindex[0].sitemap.map((s) => s.loc[0]['#text']);
    expect(locs).toContain(`${ORIGIN}/sitemaps/pages.xml`);
    expect(locs).toContain(`${ORIGIN}/sitemaps/articles-0.xml`);

    const urlsBySitemap = new Map<string, string[]>();
    for (const loc of locs) {
      const set = parseXml(await fetchOk(app, loc.slice(ORIGIN.length), /^application\/xml/), urlsetDocument);
      urlsBySitemap.set(
        loc,
        set.urlset[0].url.map((u) => u.loc[0]['#text']),
      );
    }
    expect(urlsBySitemap.get(`${ORIGIN}/sitemaps/pages.xml`)).toEqual(expect.arrayContaining([`${ORIGIN}/`, `${ORIGIN}/sections/city-hall`]));
  });

  it('the article sitemap lists exactly the published stories, each with lastmod', async () => {
    app = await buildApp();
    const published = await seed(app);
    const set = parseXml(await fetchOk(app, '/sitemaps/articles-0.xml', /^application\/xml/), urlsetDocument);
    const entries = set.urlset[0].url.map((u) => ({ loc: u.loc[0]['#text'], lastmod: u.lastmod?.[0]['#text'] }));
    expect(entries.sort((a, b) => a.loc.localeCompare(b.loc))).toEqual(
      published.map((p) => ({ loc: articleUrl(p.slug), lastmod: p.publishedAt })).sort((a, b) => a.loc.localeCompare(b.loc)),
    );
  });

  it('a sitemap past the last article, or with a made-up name, is not found', async () => {
    app = await buildApp();
    await seed(app);
    for (const url of ['/sitemaps/articles-999.xml', '/sitemaps/articles-x.xml', '/sitemaps/secrets.xml']) {
      expect((await get(app, url)).statusCode, url).toBe(404);
    }
  });

  it('a scheduled story, once published, does not have a lastmod earlier than its publication', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'scheduled-story', publishedAt: '2026-11-28T08:00:00.000Z' });
    app.fixedClock.advance(24 * 3600_000);
    await app.services.articles.publishDueArticles(app.clock());

    const set = parseXml(await fetchOk(app, '/sitemaps/articles-0.xml', /xml/), urlsetDocument);
    const entry = set.urlset[0].url.find((u) => u.loc[0]['#text'] === articleUrl('scheduled-story'));
    expect(entry?.lastmod).toBeDefined();
    expect(Date.parse(entry!.lastmod![0]['#text'])).toBeGreaterThanOrEqual(Date.parse('2026-11-28T08:00:00.000Z'));
  });

  it('the news sitemap holds only stories from the last 48 hours, with publication, date and title', async () => {
    app = await buildApp();
    const [recent] = await seed(app);
    const news = parseXml(await fetchOk(app, '/news-sitemap.xml', /^application\/xml/), newsSitemapDocument);
    expect(
      news.urlset[0].url.map((u) => {
        const n = u['news:news'][0];
        return {
          loc: u.loc[0]['#text'],
          name: n['news:publication'][0]['news:name'][0]['#text'],
          language: n['news:publication'][0]['news:language'][0]['#text'],
          date: n['news:publication_date'][0]['#text'],
          title: n['news:title'][0]['#text'],
        };
      }),
    ).toEqual([{ loc: articleUrl(recent!.slug), name: 'Masthead', language: 'en', date: recent!.publishedAt, title: recent!.headline }]);
  });

  it('robots.txt is plain text that names the sitemap, keeps search engines in and the policy’s AI crawlers out', async () => {
    app = await buildApp();
    const body = await fetchOk(app, '/robots.txt', /^text\/plain/);
    const lines = body.split('\n').map((l) => l.trim());
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    // Groups are separated by blank lines; the group for every other crawler must not shut the site.
    const groups = body.split(/\n\s*\n/).map((g) => g.trim().split('\n'));
    const everyone = groups.find((g) => g[0] === 'User-agent: *')!;
    expect(everyone).toBeDefined();
    expect(everyone).not.toContain('Disallow: /');
    const gpt = groups.find((g) => g[0] === 'User-agent: GPTBot')!;
    expect(gpt).toContain('Disallow: /');
    await app.services.policy.updatePolicy({ aiCrawlers: ['ExampleBot'] }, { now: app.clock(), actor: null });
    const after = await fetchOk(app, '/robots.txt', /^text\/plain/);
    expect(after).toContain('User-agent: ExampleBot\nDisallow: /');
    expect(after).not.toContain('GPTBot');
  });
});
