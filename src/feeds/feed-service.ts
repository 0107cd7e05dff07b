import type { ArticleSummary } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { SiteService } from '../site/site-service.js';
import type { PolicyService } from '../syndication/policy-service.js';
import type { ReprintPolicy } from '../syndication/reprint-policy.js';
import type { Urls } from '../site/urls.js';
import type { FeedDocument, FeedItem } from './feed.js';
import { el, xmlEscape } from './xml.js';

export const FEED_ITEMS = 30;
/** A sitemap file holds at most 50,000 URLs; we use chunks of article ids well under that. */
export const SITEMAP_CHUNK = 10_000;
const NEWS_WINDOW_MS = 48 * 3600 * 1000;

/** Builds feeds and sitemaps from published articles. Invalidated by: any publish, unpublish or edit. */
export class FeedService {
  constructor(
    private readonly articles: ArticleService,
    private readonly site: SiteService,
    private readonly policy: PolicyService,
    private readonly urls: Urls,
  ) {}

  async latestFeed(now: Date, selfPath: string): Promise<FeedDocument> {
    const [site, page, policy] = await Promise.all([
      this.site.getSettings(),
      this.articles.listLatest(1, now, { perPage: FEED_ITEMS }),
      this.policy.getPolicy(),
    ]);
    // A story without a standfirst is summarised from its body instead (rare: one lookup each).
    const bodies = await Promise.all(page.items.map((a) => (a.standfirst ? null : this.articles.findArticle(a.slug))));
    const items = page.items.map((a, i) => this.item(a, bodies[i]?.bodyText ?? '', policy));
    return {
      title: site.name,
      description: site.description || site.tagline,
      language: site.language,
      homeUrl: this.urls.publicUrl,
      selfUrl: this.urls.absolute(selfPath),
      updated: items.reduce((max, i) => (i.updated > max ? i.updated : max), items[0]?.updated ?? new Date(0).toISOString()),
      items,
    };
  }

  private item(a: ArticleSummary, bodyText: string, policy: ReprintPolicy): FeedItem {
    const url = this.urls.absolute(this.urls.article(a.slug));
    const hero = a.hero;
    return {
      url,
      // Sponsored stories say so in feed readers too: in the title, which every reader shows, and as a category.
      title: a.funding?.kind === 'sponsored' ? `Sponsored: ${a.headline}` : a.headline,
      summary: this.policy.excerpt(a.standfirst || bodyText, url, policy).text,
      published: a.publishedAt!,
      updated: a.updatedAt > a.publishedAt! ? a.updatedAt : a.publishedAt!,
      authors: a.authors.map((au) => ({ name: au.name, url: this.urls.absolute(this.urls.author(au.slug)) })),
      tags: [...(a.section ? [a.section.name] : []), ...(a.funding?.kind === 'sponsored' ? ['Sponsored'] : [])],
      image: hero
        ? this.urls.absolute(this.urls.media(hero.mediaHash, hero.widths.find((w) => w >= 800) ?? hero.widths[hero.widths.length - 1]!, 'jpeg'))
        : null,
    };
  }

  /** The sitemap index: one file for the fixed pages, one per chunk of article ids. */
  async sitemapIndex(): Promise<string> {
    const maxId = await this.articles.maxArticleId();
    const chunks = Math.floor(maxId / SITEMAP_CHUNK) + 1;
    const entries = [`<sitemap><loc>${xmlEscape(this.urls.absolute('/sitemaps/pages.xml'))}</loc></sitemap>`];
    for (let n = 0; n < chunks; n++) entries.push(`<sitemap><loc>${xmlEscape(this.urls.absolute(`/sitemaps/articles-${n}.xml`))}</loc></sitemap>`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
  }

  async pagesSitemap(now: Date): Promise<string> {
    const sections = await this.articles.listPublicSections(now);
    const locs = ['/', ...sections.map((s) => this.urls.section(s.slug))];
    return urlset(locs.map((l) => `<url>${el('loc', this.urls.absolute(l))}</url>`));
  }

  /** Articles with ids in chunk `n`; null when the chunk is past the last article. */
  async articlesSitemap(n: number, now: Date): Promise<string | null> {
    if (n * SITEMAP_CHUNK > (await this.articles.maxArticleId())) return null;
    const entries = await this.articles.listSitemapEntries({ fromId: n * SITEMAP_CHUNK, toId: (n + 1) * SITEMAP_CHUNK, now: now.toISOString() });
    return urlset(entries.map((e) => `<url>${el('loc', this.urls.absolute(this.urls.article(e.slug)))}${el('lastmod', e.updatedAt)}</url>`));
  }

  /** Google News sitemap: articles published in the last 48 hours (at most 1,000). */
  async newsSitemap(now: Date): Promise<string> {
    const [site, recent] = await Promise.all([
      this.site.getSettings(),
      this.articles.listPublishedSince({ since: new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now: now.toISOString(), limit: 1000 }),
    ]);
    const urls = recent.map(
      (a) =>
        `<url>${el('loc', this.urls.absolute(this.urls.article(a.slug)))}<news:news><news:publication>${el('news:name', site.name)}` +
        `${el('news:language', site.language.split('-')[0]!)}</news:publication>${el('news:publication_date', a.publishedAt!)}` +
        `${el('news:title', a.headline)}</news:news></url>`,
    );
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
      `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`
    );
  }

  /** robots.txt: everything open to readers' search engines; the policy's AI crawlers kept out. */
  async robotsTxt(): Promise<string> {
    const policy = await this.policy.getPolicy();
    const blocked = policy.aiCrawlers.flatMap((agent) => [`User-agent: ${agent}`, 'Disallow: /', '']);
    return [
      ...blocked,
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin',
      'Disallow: /api/',
      '',
      `Sitemap: ${this.urls.absolute('/sitemap.xml')}`,
      `Sitemap: ${this.urls.absolute('/news-sitemap.xml')}`,
      '',
    ].join('\n');
  }
}

function urlset(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
