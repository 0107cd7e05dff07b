import path from 'node:path';
import type * as IoRedis from 'ioredis';
import { lazyPackage } from './lazy-package.js';
import type { FastifyInstance } from 'fastify';
import { buildAdScripts } from './ads/reader/ad-bundle.js';
import { registerAdAdminRoutes } from './ads/ad-admin-routes.js';
import { presentAdsFor, registerAdRoutes } from './ads/ad-routes.js';
import { registerAccountAdminRoutes } from './accounts/account-routes.js';
import { registerMembershipRoutes } from './membership/membership-routes.js';
import { presentAppeal, registerSupportRoutes } from './membership/support-routes.js';
import { registerMembershipAdminRoutes } from './membership/membership-admin-routes.js';
import { buildAppealScript } from './membership/appeal/appeal-bundle.js';
import { registerTopicAdminRoutes } from './topics/topic-admin-routes.js';
import { registerTopicRoutes } from './topics/topic-routes.js';
import { registerAnalyticsAdminRoutes } from './analytics/analytics-admin-routes.js';
import { viewBeacon } from './analytics/analytics-routes.js';
import { buildViewBeaconScript } from './analytics/beacon/beacon-bundle.js';
import { clientAddressFor } from './http/client-address.js';
import { STAFF_COOKIE } from './admin/admin-context.js';
import { registerSearchRoutes } from './search/search-routes.js';
import { buildSuggestScript } from './search/suggest/suggest-bundle.js';
import { registerAdmin } from './admin/admin-routes.js';
import { buildEditorAssets } from './admin/editor/editor-bundle.js';
import { registerArticleAdminRoutes } from './articles/article-admin-routes.js';
import { registerMediaAdminRoutes } from './media/media-admin-routes.js';
import { registerCorrectionAdminRoutes } from './corrections/correction-admin-routes.js';
import { registerCorrectionRoutes } from './corrections/correction-routes.js';
import { buildReaderAssets } from './corrections/reader/reader-bundle.js';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './http/rate-limit.js';
import { registerSyndicationRoutes, tdmHeaders } from './syndication/syndication-routes.js';
import { ANONYMOUS_API_LIMIT } from './syndication/content-api.js';
import { registerPolicyAdminRoutes } from './syndication/policy-admin-routes.js';
import { registerPartnerAdminRoutes } from './syndication/partner-admin-routes.js';
import { registerPartnerRoutes } from './syndication/partner-routes.js';
import { registerArticleRoutes } from './articles/article-routes.js';
import { readerLanguages } from './site/site-routes.js';
import type { Config } from './config.js';
import { createCore, type Core, type CoreOptions } from './core.js';
import { registerFeedRoutes } from './feeds/feed-routes.js';
import { loadAdminScript, loadFavicon, loadStylesheet } from './http/assets.js';
import { PageCache } from './http/page-cache.js';
import { buildHttpServer } from './http/server.js';
import { registerMediaRoutes } from './media/media-routes.js';
import { registerIconRoutes } from './site/icon-routes.js';
import { registerPrivacyRoutes } from './privacy/privacy-routes.js';
import { registerPrivacyAdminRoutes } from './privacy/privacy-admin-routes.js';
import { buildConsentScript } from './privacy/consent/consent-bundle.js';
import { registerFunderAdminRoutes } from './funders/funder-admin-routes.js';
import { registerFrontPageAdminRoutes } from './front-page/front-page-routes.js';
import { pageFrame } from './site/site-routes.js';
import { answerStaticPage, registerPageAdminRoutes } from './pages/page-routes.js';
import { answerRedirect, registerRedirectAdminRoutes, registerRedirectRoutes } from './redirects/redirect-routes.js';
import { registerOperationsRoutes } from './operations/operations-routes.js';
import { registerJobAdminRoutes } from './jobs/job-admin-routes.js';

// The core's types stay importable from here, where tests and benches have always found them.
export { type Core, type Services } from './core.js';
export { makeStores, type Stores } from './stores.js';
import { registerNewsletterRoutes } from './newsletters/newsletter-routes.js';
import { registerNewsletterAdminRoutes } from './newsletters/newsletter-admin-routes.js';

// Only a site with REDIS_URL loads the Redis client.
const redisClient = lazyPackage<typeof IoRedis>('ioredis');

/** The editor bundle is the same for every app in a process: build it once. */
let editorBuild: ReturnType<typeof buildEditorAssets> | null = null;
let readerBuild: ReturnType<typeof buildReaderAssets> | null = null;
let appealBuild: ReturnType<typeof buildAppealScript> | null = null;
let adBuild: ReturnType<typeof buildAdScripts> | null = null;

let viewBeaconBuild: ReturnType<typeof buildViewBeaconScript> | null = null;
let suggestBuild: ReturnType<typeof buildSuggestScript> | null = null;
let consentBuild: ReturnType<typeof buildConsentScript> | null = null;

/** Cookies that mark a request as personal: it bypasses the shared page cache. */
export const PERSONAL_COOKIES = ['mh_session', 'mh_member'];

/**
 * Query parameters that cached public routes read (listing pages, search, the Content API, oEmbed). A
 * cached route that reads a new one must add it here; until then its URLs just bypass the cache.
 */
export const CACHED_QUERY_PARAMS = [
  'page',
  'per_page',
  'section',
  'tag',
  'since',
  'cursor',
  'url',
  'format',
  'maxwidth',
  'status',
  'limit',
  'q',
  'author',
  'from',
  'to',
];

/** The core with its web shell: what `serve` runs and what HTTP tests drive. */
export interface App extends Core {
  http: FastifyInstance;
  pageCache: PageCache;
  /** Stops the web shell (in-flight requests finish), then closes the core. */
  close(): Promise<void>;
}

export type AppOptions = CoreOptions;

/** The core plus the web shell, over one database. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const core = await createCore(config, opts);
  try {
    return await createWeb(core);
  } catch (err) {
    await core.close();
    throw err;
  }
}

/**
 * The web shell around a core: the page cache, rate limits, the islands' bundles, every route.
 * Closing the returned app closes the core too.
 */
export async function createWeb(core: Core): Promise<App> {
  const { config, clock, caches, log } = core;
  const {
    accounts,
    audit,
    articles,
    corrections,
    partners,
    policy,
    media,
    site,
    urls,
    members,
    patrons,
    stripeWebhooks,
    topics,
    ads,
    analytics,
    privacy,
    funders,
    editing,
    drafting,
    pages,
    redirects,
    frontPage,
  } = core.services;
  const stripe = core.stripe;
  const services = core.services;
  const pageCache = new PageCache({
    maxBytes: config.pageCacheBytes,
    maxAgeMs: 3600_000,
    personalCookies: PERSONAL_COOKIES,
    queryParams: CACHED_QUERY_PARAMS,
    // Wall-clock time for the safety-net expiry: a hit must not allocate a Date.
    now: Date.now,
  });
  caches.register(pageCache);
  const cacheStat = (name: 'hits' | 'misses' | 'evictions') => () => [{ value: pageCache.stats()[name] }];
  for (const name of ['hits', 'misses', 'evictions'] as const) {
    core.metrics.gauge({ name: `masthead_page_cache_${name}_total`, help: `Page-cache ${name} since start`, counter: true, read: cacheStat(name) });
  }
  core.metrics.gauge({
    name: 'masthead_page_cache_bytes',
    help: 'Bytes held by the page cache (all encodings)',
    read: () => [{ value: pageCache.stats().bytes }],
  });
  const secretKey = core.secretKey;

  // Per-IP limits: in memory on one server; in Redis when there are several, so they hold across all of them.
  // Commands wait for the connection at start; during an outage each gives up within a second and counts locally.
  const limitsRedis = config.redisUrl ? new (redisClient().Redis)(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000 }) : null;
  limitsRedis?.on('error', (err) => log.warn({ err }, 'redis rate limits unavailable'));
  const limiter = (name: string, limit: number, windowMs: number): RateLimiter =>
    limitsRedis
      ? new RedisRateLimiter(limitsRedis, name, limit, windowMs, (err) => log.warn({ err }, `rate limit ${name}: counting in this process`))
      : new MemoryRateLimiter(limit, windowMs);

  const stylesheet = loadStylesheet();
  const frontPageScript = loadAdminScript('front-page-drag');
  const favicon = loadFavicon();
  editorBuild ??= buildEditorAssets();
  readerBuild ??= buildReaderAssets();
  appealBuild ??= buildAppealScript();
  adBuild ??= buildAdScripts();
  viewBeaconBuild ??= buildViewBeaconScript();
  consentBuild ??= buildConsentScript();
  suggestBuild ??= buildSuggestScript();
  const [editorAssets, readerAssets, appealScript, adScripts, beaconScript, consentScript, suggestScript] = await Promise.all([
    editorBuild,
    readerBuild,
    appealBuild,
    adBuild,
    viewBeaconBuild,
    consentBuild,
    suggestBuild,
  ]);
  const viewBeaconScript = config.analytics === false ? null : beaconScript;
  const { pageContext, renderMessagePage } = pageFrame({
    site,
    articles,
    policy,
    funders,
    privacy,
    pages,
    caches,
    urls,
    clock,
    stylesheet,
    favicon,
    viewBeaconHref: viewBeaconScript?.href ?? null,
    consentJsHref: consentScript.href,
    newsletters: core.services.newsletters,
  });
  const adsFor = presentAdsFor({ ads, caches, islandHref: adScripts.island.href, checkHref: adScripts.check.href });
  const reportIsland = { jsHref: readerAssets.js.href, cssHref: readerAssets.css.href };
  // A hop count means: trust that many proxies nearest to us.
  const trustProxy =
    typeof config.trustProxy === 'number'
      ? (
          (hops: number) => (_address: string, hop: number) =>
            hop < hops
        )(config.trustProxy)
      : config.trustProxy;
  const http = buildHttpServer({
    logLevel: config.logLevel,
    trustProxy,
    stylesheet,
    assets: [
      readerAssets.js,
      readerAssets.css,
      appealScript,
      adScripts.island,
      adScripts.check,
      consentScript,
      suggestScript,
      favicon,
      ...(viewBeaconScript ? [viewBeaconScript] : []),
    ],
    early: viewBeaconScript ? [viewBeacon({ analytics, clock, clientAddress: clientAddressFor(trustProxy), staffCookie: STAFF_COOKIE })] : [],
    scriptOrigins: async () => (await privacy.consentConfig()).origins,
    pageCache,
    // A miss (no route matched) may be a static page, then an old address that redirects.
    missing: [answerStaticPage({ pages, pageContext, clock }), answerRedirect({ redirects })],
    cookieSecret: secretKey,
    formActionOrigins: stripe?.redirectOrigins() ?? [],
    renderMessagePage,
    metrics: core.metrics,
    languages: readerLanguages(site),
    routes: [
      registerRedirectRoutes({ redirects }),
      registerOperationsRoutes({ health: core.health, metrics: core.metrics, metricsToken: config.metricsToken ?? null }),
      // First: it sets req.member, which the other domains' routes read.
      registerMembershipRoutes({
        members,
        patrons,
        stripe,
        pageContext,
        clock,
        secretKey,
        secureCookies: config.publicUrl.startsWith('https:'),
        limiter: limiter('sign-in', 10, 15 * 60_000),
        accountUrl: urls.absolute('/account'),
        exportExtras: async (memberId) => ({ topics: await topics.exportFor(memberId) }),
      }),
      registerTopicRoutes({ topics, pageContext, clock, limiter: limiter('topics', 120, 60_000) }),
      registerSearchRoutes({ search: services.search, pageContext, clock, suggestJsHref: suggestScript.href }),
      registerSupportRoutes({ patrons, stripe, stripeWebhooks, pageContext, clock, limiter: limiter('checkout', 20, 3600_000) }),
      registerArticleRoutes({
        articles,
        pageContext,
        clock,
        frontTop: (now, newest) => frontPage.composeFront(now, newest),
        articleExtras: async (article, viewer, locale) => {
          const [notes, reprint, support, chosen, articleAds] = await Promise.all([
            corrections.listNotesForArticle(article.id),
            policy.getPolicy(),
            patrons.getSupportSettings(),
            topics.listTopicsCoveredBy(article.id),
            adsFor(
              {
                slots: ['article-inline', 'article-end', 'sidebar'],
                sectionSlug: article.section?.slug ?? null,
                tagSlugs: article.tags.map((t) => t.slug),
                patron: viewer.patron,
              },
              clock(),
            ),
          ]);
          const appeal = presentAppeal(support, viewer, appealScript.href, locale);
          const chosenBy = chosen.map((t) => ({ href: `/topics/${t.id}`, text: t.title }));
          return { notes, reportIsland, headers: tdmHeaders(reprint, urls), appeal, chosenBy, ads: articleAds };
        },
        homeAds: (viewer) => adsFor({ slots: ['home', 'sidebar'], sectionSlug: null, tagSlugs: [], patron: viewer.patron }, clock()),
      }),
      registerAdRoutes({ ads, storage: media.storage, clock, limiter: limiter('ads', 600, 60_000) }),
      registerCorrectionRoutes({ corrections, articles, pageContext, clock, limiter: limiter('corrections', 10, 10 * 60_000) }),
      registerSyndicationRoutes({
        articles,
        policy,
        partners,
        pageContext,
        clock,
        limiter: limiter('api', ANONYMOUS_API_LIMIT.count, ANONYMOUS_API_LIMIT.windowMs),
      }),
      registerPartnerRoutes({
        partners,
        pageContext,
        clock,
        limiter: limiter('republish', 5, 3600_000),
        pixelLimiter: limiter('republish-pixel', 120, 60_000),
      }),
      registerFeedRoutes({ feeds: services.feeds, clock }),
      registerNewsletterRoutes({
        newsletters: core.services.newsletters,
        pageContext,
        clock,
        limiter: limiter('newsletter-signup', 10, 10 * 60_000),
        addressLimiter: limiter('newsletter-address', 3, 3600_000),
      }),
      registerPrivacyRoutes({ privacy, pageContext, clock }),
      registerMediaRoutes({ storage: media.storage }),
      registerIconRoutes({ site, storage: media.storage, defaultMark: favicon.body }),
      registerAdmin({
        accounts,
        site,
        clock,
        secureCookies: config.publicUrl.startsWith('https:'),
        stylesheet: loadStylesheet('admin'),
        assets: [editorAssets.js, editorAssets.css, frontPageScript],
        uploadDir: path.join(config.dataDir, 'tmp'),
        sections: [
          registerArticleAdminRoutes({
            editing,
            drafting,
            articles,
            site,
            urls,
            clock,
            pageContext,
            editorAssets: () => ({ jsHref: editorAssets.js.href, cssHref: editorAssets.css.href }),
            newsletterSends: {
              listNewsletters: () => services.newsletters.listNewsletters(),
              sendStory: async (input, now) => {
                const r = await services.newsletters.createIssue(
                  { newsletterId: input.newsletterId, articleSlugs: [input.slug], sendAt: null, createdBy: input.createdBy },
                  now,
                );
                return r.ok ? { ok: true } : { ok: false, message: r.message };
              },
              sendWhenPublished: async (input, now) => {
                const r = await services.newsletters.setSendWhenPublished(input, now);
                return r.ok ? { ok: true } : { ok: false, message: r.message };
              },
              waitingSendOf: (articleId) => services.newsletters.waitingSendOf(articleId),
            },
          }),
          registerMediaAdminRoutes({ media, urls, clock }),
          registerCorrectionAdminRoutes({ corrections, clock }),
          registerTopicAdminRoutes({ topics, clock }),
          registerAnalyticsAdminRoutes({ analytics, clock }),
          registerPolicyAdminRoutes({ policy, clock }),
          registerMembershipAdminRoutes({ members, patrons, stripeConfigured: stripe !== null, site, clock }),
          registerPartnerAdminRoutes({ partners, articles, clock }),
          registerAdAdminRoutes({ ads, articles, clock }),
          registerAccountAdminRoutes({ accounts, audit, site, urls, clock, media }),
          registerFunderAdminRoutes({ funders, site, urls, clock }),
          registerPrivacyAdminRoutes({ privacy, clock }),
          registerPageAdminRoutes({ pages, clock }),
          registerRedirectAdminRoutes({ redirects, clock }),
          registerFrontPageAdminRoutes({ frontPage, articles, site, clock, scriptHref: frontPageScript.href }),
          registerJobAdminRoutes({ jobs: core.jobs, audit, clock }),
          registerNewsletterAdminRoutes({ newsletters: core.services.newsletters, sender: core.services.newsletterSender, urls, clock }),
        ],
      }),
    ],
  });

  log.attach(http.log);

  return {
    ...core,
    http,
    pageCache,
    async close() {
      // The jobs in flight finish (core.close stops the worker) only after requests have.
      await http.close();
      limitsRedis?.disconnect();
      await core.close();
    },
  };
}
