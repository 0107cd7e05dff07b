import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import { notFound } from '../http/errors.js';
import { readerLanguage } from '../http/language-prefix.js';
import { sendText } from '../http/responses.js';
import { toAtom, toJsonFeed, toRss } from './feed-formats.js';
import type { FeedService } from './feed-service.js';

export interface FeedRouteDeps {
  feeds: FeedService;
  clock: () => Date;
}

/** Feed formats served from one FeedDocument. A new format is one more row here. */
export const FEED_FORMATS = [
  { path: '/feed.xml', contentType: 'application/rss+xml; charset=utf-8', write: toRss },
  { path: '/atom.xml', contentType: 'application/atom+xml; charset=utf-8', write: toAtom },
  { path: '/feed.json', contentType: 'application/feed+json; charset=utf-8', write: toJsonFeed },
] as const;

const XML = 'application/xml; charset=utf-8';

/** Feeds (per language), sitemaps (one set for every language, with hreflang alternates) and robots.txt. */
export function registerFeedRoutes(deps: FeedRouteDeps) {
  return (app: FastifyInstance) => {
    for (const format of FEED_FORMATS) {
      // Each language has its own feeds (`/uk/feed.xml`), listing what its home page lists.
      app.get(format.path, async function showFeed(req, reply) {
        const doc = await deps.feeds.latestFeed(deps.clock(), format.path, readerLanguage(req));
        return sendText(reply, format.write(doc), format.contentType, { keys: [cacheKeys.site, cacheKeys.feeds] });
      });
    }

    app.get('/sitemap.xml', async function showSitemapIndex(_req, reply) {
      return sendText(reply, await deps.feeds.sitemapIndex(), XML, { keys: [cacheKeys.sitemaps] });
    });

    app.get('/sitemaps/pages.xml', async function showPagesSitemap(_req, reply) {
      return sendText(reply, await deps.feeds.pagesSitemap(deps.clock()), XML, { keys: [cacheKeys.site, cacheKeys.sitemaps] });
    });

    app.get('/sitemaps/:chunk', async function showArticlesSitemap(req, reply) {
      const { chunk } = z.object({ chunk: z.string() }).parse(req.params);
      const m = /^articles-(\d{1,6})\.xml$/.exec(chunk);
      if (!m) throw notFound('sitemap');
      const xml = await deps.feeds.articlesSitemap(Number(m[1]), deps.clock());
      if (xml === null) throw notFound('sitemap');
      return sendText(reply, xml, XML, { keys: [cacheKeys.sitemaps] });
    });

    app.get('/news-sitemap.xml', async function showNewsSitemap(_req, reply) {
      return sendText(reply, await deps.feeds.newsSitemap(deps.clock()), XML, { keys: [cacheKeys.site, cacheKeys.sitemaps] });
    });

    app.get('/robots.txt', async function showRobots(_req, reply) {
      return sendText(reply, await deps.feeds.robotsTxt(), 'text/plain; charset=utf-8', { keys: [cacheKeys.site] });
    });
  };
}
