import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import { notFound } from '../http/errors.js';
import { readerLanguage } from '../http/language-prefix.js';
import { sendHtml } from '../http/responses.js';
import { ArticlePage } from '../views/pages/articles/article-page.js';
import { HomePage, ListingPage } from '../views/pages/site/listing-pages.js';
import {
  presentLanguageAlternates,
  presentArticle,
  presentCard,
  presentChrome,
  presentListingHead,
  presentPagination,
  type ArticleExtras,
  type PresenterContext,
} from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { AdsView } from '../views/view-models.js';
import { composeFront, type ComposedFront } from '../front-page/front-page.js';
import { outletText, type TextLocale } from '../i18n/outlet-text.js';
import { SLUG_PATTERN, type ArticleSummary, type PublicArticle } from './article.js';
import { pageQuerySchema } from './article-schema.js';
import type { ArticleService } from './article-service.js';

export interface ArticleRouteDeps {
  articles: ArticleService;
  /** `language`: the reader's, from the URL prefix (http/language-prefix.ts); null for the default. */
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  /**
   * What other domains add to the story page (corrections notes, the report island, the appeal).
   * `patron` is true only on a signed-in patron's personal request, never on a shared page. `locale`: the
   * page's language, in which the appeal is worded when the outlet wrote it in that language.
   */
  articleExtras: (article: PublicArticle, viewer: { patron: boolean }, locale: TextLocale) => Promise<ArticleExtras>;
  /** The front page's top slots from the editors' pins (src/front-page/); absent: the newest stories fill them. */
  frontTop?: (now: Date, newest: ArticleSummary[]) => Promise<ComposedFront<ArticleSummary>>;
  /** The home page's ad slots (src/ads/); absent or null for none. */
  homeAds?: (viewer: { patron: boolean }) => Promise<AdsView | null>;
}

const slugParams = z.object({ slug: z.string() });
/** Stories per home page; every page uses the same size so paging never skips a story. */
const HOME_PER_PAGE = 12;

/** Reads a slug from the URL. A malformed slug is simply a page that does not exist. */
function slugFrom(params: unknown): string {
  const { slug } = slugParams.parse(params);
  if (!SLUG_PATTERN.test(slug)) throw notFound();
  return slug;
}

/** Public reading pages: home, article, section, tag and author. All cacheable for logged-out readers. */
export function registerArticleRoutes(deps: ArticleRouteDeps) {
  return (app: FastifyInstance) => {
    app.get('/', async function showHomePage(req, reply) {
      const { page } = pageQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const language = ctx.locale.listing;
      const [latest, ads] = await Promise.all([
        deps.articles.listLatest(page, now, { perPage: HOME_PER_PAGE, language }),
        deps.homeAds?.({ patron: Boolean(req.member?.patron) }) ?? null,
      ]);
      if (page > 1 && latest.items.length === 0) throw notFound();
      // Page 1 is the editors' front: pinned slots first, the newest fill the rest. Later pages are
      // plain lists of the same newest-first sequence, so paging never skips a story.
      // Pinned slots are the default language's front; another language's front is its newest stories.
      const unpinned = (_now: Date, newest: typeof latest.items) => Promise.resolve(composeFront(new Map(), newest));
      const compose = ctx.urls.prefix === '' ? (deps.frontTop ?? unpinned) : unpinned;
      const front = page === 1 ? await compose(now, latest.items) : null;
      const fronts = front ? await deps.articles.listSectionFronts(now, { exclude: front.shown, language }) : [];
      const pagination = presentPagination(latest, (p) => ctx.urls.home(p));
      const [lead, ...secondary] = front ? front.slots.map((s) => s.story) : [];
      const html = renderDocument(
        HomePage({
          v: {
            chrome: presentChrome(ctx),
            head: {
              ...presentListingHead({
                title: ctx.site.name,
                description: outletText(ctx.site, ctx.site.translations, 'description', ctx.locale).text,
                path: ctx.urls.home(page),
                pagination,
                urls: ctx.urls,
                locale: ctx.locale,
              }),
              jsonLd: [{ '@context': 'https://schema.org', '@type': 'NewsMediaOrganization', name: ctx.site.name, url: ctx.urls.absolute('/') }],
              alternates: page === 1 ? presentLanguageAlternates(ctx, '/') : [],
            },
            top: front
              ? {
                  lead: lead ? presentCard(lead, ctx, { withPicture: true, eager: true, size: 'lead' }) : null,
                  secondary: secondary.filter((s) => s !== null).map((a, i) => presentCard(a, ctx, { withPicture: true, eager: i < 1 })),
                }
              : null,
            latest: (front ? front.latest : latest.items).map((a) => presentCard(a, ctx, { withPicture: true, size: 'thumb' })),
            fronts: fronts
              .filter((f) => f.articles.length)
              .map((f) => ({
                section: { href: ctx.urls.section(f.section.slug), text: f.section.name },
                cards: f.articles.map((a) => presentCard(a, ctx, { withPicture: false, kicker: false })),
              })),
            pagination,
            ads,
          },
        }),
      );
      // Pinned stories may be older than the newest: their own keys purge the page when they change.
      const pinnedKeys = front ? front.slots.flatMap((s) => (s.pinned && s.story ? [cacheKeys.article(s.story.slug)] : [])) : [];
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.home, cacheKeys.ads, ...pinnedKeys] });
    });

    app.get('/articles/:slug', async function showArticlePage(req, reply) {
      const slug = slugFrom(req.params);
      const now = deps.clock();
      const article = await deps.articles.getPublicArticle(slug, now);
      if (!article) throw notFound('article');
      const ctx = await deps.pageContext(now, readerLanguage(req));
      // One address per story: under its own language's prefix.
      const home = ctx.urls.article(article.slug, article.language);
      if (ctx.locale.languages.homeOf(article.language) !== ctx.locale.language)
        return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(home);
      const [more, extras] = await Promise.all([
        deps.articles.listRelatedArticles(article, now),
        deps.articleExtras(article, { patron: Boolean(req.member?.patron) }, ctx.locale),
      ]);
      // The page shows its own text, the headlines it links to, and stories picked by its tags.
      const keys = [
        cacheKeys.site,
        cacheKeys.ads,
        cacheKeys.article(article.slug),
        ...article.related.map((r) => cacheKeys.article(r.slug)),
        ...more.map((m) => cacheKeys.article(m.slug)),
        ...article.tags.map((t) => cacheKeys.tag(t.slug)),
        // The language switcher shows each translation's headline.
        ...article.translations.map((t) => cacheKeys.article(t.slug)),
      ];
      if (extras.headers) reply.headers(extras.headers);
      return sendHtml(reply, renderDocument(ArticlePage({ v: presentArticle(article, more, ctx, extras) })), { keys });
    });

    app.get('/sections/:slug', async function showSectionPage(req, reply) {
      const slug = slugFrom(req.params);
      const { page } = pageQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const found = await deps.articles.listSection(slug, page, now, { language: ctx.locale.listing });
      if (!found) throw notFound('section');
      const pagination = presentPagination(found.articles, (p) => ctx.urls.section(slug, p));
      return sendListing(reply, ctx, {
        heading: found.section.name,
        intro: found.section.description,
        description: found.section.description || ctx.locale.t('listing.section.description', { section: found.section.name, outlet: ctx.site.name }),
        path: ctx.urls.section(slug, page),
        keys: [cacheKeys.site, cacheKeys.section(slug)],
        pagination,
        items: found.articles.items,
        sectionId: found.section.id,
        withLead: page === 1,
      });
    });

    app.get('/tags/:slug', async function showTagPage(req, reply) {
      const slug = slugFrom(req.params);
      const { page } = pageQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const found = await deps.articles.listTag(slug, page, now, { language: ctx.locale.listing });
      if (!found) throw notFound('tag');
      const pagination = presentPagination(found.articles, (p) => ctx.urls.tag(slug, p));
      return sendListing(reply, ctx, {
        heading: found.tag.name,
        intro: '',
        description: ctx.locale.t('listing.tag.description', { tag: found.tag.name, outlet: ctx.site.name }),
        path: ctx.urls.tag(slug, page),
        keys: [cacheKeys.site, cacheKeys.tag(slug)],
        pagination,
        items: found.articles.items,
      });
    });

    app.get('/authors/:slug', async function showAuthorPage(req, reply) {
      const slug = slugFrom(req.params);
      const { page } = pageQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const found = await deps.articles.listAuthor(slug, page, now, { language: ctx.locale.listing });
      if (!found) throw notFound('author');
      const pagination = presentPagination(found.articles, (p) => ctx.urls.author(slug, p));
      return sendListing(reply, ctx, {
        heading: found.author.name,
        intro: found.author.bio || ctx.locale.t(found.author.isGuest ? 'listing.author.guest' : 'listing.author.staff', { outlet: ctx.site.name }),
        description: found.author.bio || ctx.locale.t('listing.author.description', { author: found.author.name, outlet: ctx.site.name }),
        path: ctx.urls.author(slug, page),
        keys: [cacheKeys.site, cacheKeys.author(slug)],
        pagination,
        items: found.articles.items,
      });
    });
  };
}

function sendListing(
  reply: Parameters<typeof sendHtml>[0],
  ctx: PresenterContext,
  l: {
    heading: string;
    intro: string;
    description: string;
    path: string;
    pagination: ReturnType<typeof presentPagination>;
    items: Parameters<typeof presentCard>[0][];
    keys: string[];
    /** The section a section front counts its views for. */
    sectionId?: number;
    /** A section's first page sets its newest story large; the list below carries no kicker. */
    withLead?: boolean;
  },
) {
  // A tag, author or section with nothing published has no public page: it would only leak a draft's labels.
  if (l.items.length === 0) throw notFound();
  const html = renderDocument(
    ListingPage({
      v: {
        chrome: presentChrome(ctx),
        head: {
          ...presentListingHead({ title: l.heading, description: l.description, path: l.path, pagination: l.pagination, urls: ctx.urls, locale: ctx.locale }),
          analytics: { articleId: null, sectionId: l.sectionId ?? null },
        },
        heading: l.heading,
        intro: l.intro,
        lead: l.withLead && l.items[0] ? presentCard(l.items[0], ctx, { withPicture: true, eager: true, size: 'lead', kicker: false }) : null,
        cards: (l.withLead ? l.items.slice(1) : l.items).map((a, i) =>
          presentCard(a, ctx, { withPicture: true, eager: !l.withLead && i < 2, size: l.withLead ? 'thumb' : 'card', kicker: l.sectionId === undefined }),
        ),
        pagination: l.pagination,
      },
    }),
  );
  return sendHtml(reply, html, { keys: l.keys });
}
