import { outletText } from '../i18n/outlet-text.js';
import type { ArticleSummary } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { SiteService } from '../site/site-service.js';
import type { PolicyService } from '../syndication/policy-service.js';
import type { ReprintPolicy } from '../syndication/reprint-policy.js';
import type { Urls } from '../site/urls.js';
import type { FeedDocument, FeedItem } from './feed.js';
import { el, xmlEscape } from './xml.js';
import { baseLanguage, OutletLanguages } from '../i18n/languages.js';

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

  /**
   * The newest stories of one language: `language` is the reader's URL prefix (null: the default
   * language, whose feed at the root lists what its home page lists).
   */
  async latestFeed(now: Date, selfPath: string, language: string | null = null): Promise<FeedDocument> {
    const site = await this.site.getSettings();
    const langs = new OutletLanguages({ default: site.language, others: site.languages });
    const lang = language && langs.prefixFor(language) !== null ? baseLanguage(language) : langs.default;
    const urls = this.urls.localized(langs, lang);
    const locale = { language: lang, languages: langs };
    const [page, policy] = await Promise.all([
      this.articles.listLatest(1, now, { perPage: FEED_ITEMS, language: langs.listingFilter(lang) }),
      this.policy.getPolicy(),
    ]);
    // A story without a standfirst is summarised from its body instead (rare: one lookup each).
    const bodies = await Promise.all(page.items.map((a) => (a.standfirst ? null : this.articles.findArticle(a.slug))));
    const items = page.items.map((a, i) => this.item(a, bodies[i]?.bodyText ?? '', policy, urls));
    return {
      title: site.name,
      description:
        [outletText(site, site.translations, 'description', locale), outletText(site, site.translations, 'tagline', locale)].find((s) => s.text)?.text ?? '',
      language: lang === langs.default ? site.language : lang,
      // Without the closing slash, as the formats expect (the default language's stays the bare origin).
      homeUrl: urls.absolute(urls.prefix),
      selfUrl: urls.absolute(urls.path(selfPath)),
      updated: items.reduce((max, i) => (i.updated > max ? i.updated : max), items[0]?.updated ?? new Date(0).toISOString()),
      items,
    };
  }

  private item(a: ArticleSummary, bodyText: string, policy: ReprintPolicy, urls: Urls): FeedItem {
    const url = urls.absolute(urls.article(a.slug, a.language));
    const hero = a.hero;
    return {
      url,
      // Sponsored stories say so in feed readers too: in the title, which every reader shows, and as a category.
      title: a.funding?.kind === 'sponsored' ? `Sponsored: ${a.headline}` : a.headline,
      summary: this.policy.excerpt(a.standfirst || bodyText, url, policy).text,
      published: a.publishedAt!,
      updated: a.updatedAt > a.publishedAt! ? a.updatedAt : a.publishedAt!,
      authors: a.authors.map((au) => ({ name: au.name, url: urls.absolute(urls.author(au.slug)) })),
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
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex ` +
      `xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`
    );
  }

  /**
   * Each language's home and section pages. A page that exists in more than one language lists them
   * all as hreflang alternates, with x-default the default language's.
   */
  async pagesSitemap(now: Date): Promise<string> {
    const langs = await this.languages();
    const perLanguage = await Promise.all(
      langs.all.map(async (l) => ({ l, sections: (await this.articles.listPublicSections(now, langs.listingFilter(l))).map((s) => s.slug) })),
    );
    const paths = ['/', ...new Set(perLanguage.flatMap((p) => p.sections.map((s) => this.urls.section(s))))];
    const urls: string[] = [];
    for (const path of paths) {
      const versions = perLanguage.filter((p) => path === '/' || p.sections.some((s) => this.urls.section(s) === path)).map((p) => p.l);
      const href = (l: string) => this.urls.absolute(`${langs.prefixFor(l) ?? ''}${path}`);
      const links = versions.map((l) => ({ hreflang: l, href: href(l) }));
      for (const l of versions) urls.push(sitemapUrl(href(l), links.length > 1 ? [...links, { hreflang: 'x-default', href: href(versions[0]!) }] : []));
    }
    return urlset(urls);
  }

  /** Articles with ids in chunk `n`, each with its translations as hreflang alternates; null when the chunk is past the last article. */
  async articlesSitemap(n: number, now: Date): Promise<string | null> {
    if (n * SITEMAP_CHUNK > (await this.articles.maxArticleId())) return null;
    const [langs, entries] = await Promise.all([
      this.languages(),
      this.articles.listSitemapEntries({ fromId: n * SITEMAP_CHUNK, toId: (n + 1) * SITEMAP_CHUNK, now: now.toISOString() }),
    ]);
    const urls = this.urls.localized(langs, langs.default);
    const href = (a: { slug: string; language: string }) => urls.absolute(urls.article(a.slug, a.language));
    return urlset(
      entries.map((e) => {
        // One story per language: two of a group can share a language only by a slip the editor refuses.
        const group = e.translations.filter((t, i, all) => all.findIndex((o) => baseLanguage(o.language) === baseLanguage(t.language)) === i);
        const links = group.length > 1 ? group.map((t) => ({ hreflang: baseLanguage(t.language), href: href(t) })) : [];
        const xDefault = group.find((t) => baseLanguage(t.language) === langs.default) ?? group[0];
        return sitemapUrl(href(e), links.length ? [...links, { hreflang: 'x-default', href: href(xDefault!) }] : [], e.updatedAt);
      }),
    );
  }

  /** Google News sitemap: articles published in the last 48 hours (at most 1,000), each in its own language. */
  async newsSitemap(now: Date): Promise<string> {
    const [site, recent] = await Promise.all([
      this.site.getSettings(),
      this.articles.listPublishedSince({ since: new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now: now.toISOString(), limit: 1000 }),
    ]);
    const urls = this.urls.localized(new OutletLanguages({ default: site.language, others: site.languages }), site.language);
    const entries = recent.map(
      (a) =>
        `<url>${el('loc', urls.absolute(urls.article(a.slug, a.language)))}<news:news><news:publication>${el('news:name', site.name)}` +
        `${el('news:language', baseLanguage(a.language))}</news:publication>${el('news:publication_date', a.publishedAt!)}` +
        `${el('news:title', a.headline)}</news:news></url>`,
    );
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ` +
      `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${entries.join('\n')}\n</urlset>\n`
    );
  }

  private async languages(): Promise<OutletLanguages> {
    const site = await this.site.getSettings();
    return new OutletLanguages({ default: site.language, others: site.languages });
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
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n` +
    `${urls.join('\n')}\n</urlset>\n`
  );
}

/** One <url>, with its other-language versions as xhtml:link alternates (Google's sitemap form of hreflang). */
function sitemapUrl(loc: string, alternates: { hreflang: string; href: string }[], lastmod?: string): string {
  const links = alternates.map((a) => `<xhtml:link rel="alternate" hreflang="${xmlEscape(a.hreflang)}" href="${xmlEscape(a.href)}"/>`).join('');
  return `<url>${el('loc', loc)}${lastmod ? el('lastmod', lastmod) : ''}${links}</url>`;
}
