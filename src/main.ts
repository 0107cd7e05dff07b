import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AccountService } from './accounts/account-service.js';
import { buildAdScripts } from './ads/reader/ad-bundle.js';
import { registerAdAdminRoutes } from './ads/ad-admin-routes.js';
import { presentAdsFor, registerAdRoutes } from './ads/ad-routes.js';
import { AdService } from './ads/ad-service.js';
import { AdStore } from './ads/ad-store.js';
import { registerAccountAdminRoutes } from './accounts/account-routes.js';
import { AccountStore } from './accounts/account-store.js';
import { MemberService } from './membership/member-service.js';
import { MemberStore } from './membership/member-store.js';
import { registerMembershipRoutes } from './membership/membership-routes.js';
import { registerSupportRoutes } from './membership/support-routes.js';
import { registerMembershipAdminRoutes } from './membership/membership-admin-routes.js';
import { buildAppealScript } from './membership/appeal/appeal-bundle.js';
import { PatronService } from './membership/patron-service.js';
import { StripeGateway } from './membership/stripe-gateway.js';
import { StripeWebhookService } from './membership/stripe-webhooks.js';
import { registerTopicAdminRoutes } from './topics/topic-admin-routes.js';
import { registerTopicRoutes } from './topics/topic-routes.js';
import { TopicService } from './topics/topic-service.js';
import { TopicStore } from './topics/topic-store.js';
import { SessionService } from './accounts/session-service.js';
import { registerAnalyticsAdminRoutes } from './analytics/analytics-admin-routes.js';
import { viewBeacon } from './analytics/analytics-routes.js';
import { AnalyticsService } from './analytics/analytics-service.js';
import { AnalyticsStore } from './analytics/analytics-store.js';
import { buildViewBeaconScript } from './analytics/beacon/beacon-bundle.js';
import { noCountryLookup } from './analytics/country-lookup.js';
import { clientAddressFor } from './http/client-address.js';
import { STAFF_COOKIE } from './admin/admin-context.js';
import { InProcessTasks, type BackgroundTasks } from './search/deferred-tasks.js';
import type { JobQueue } from './jobs/job-queue.js';
import { JobStore } from './jobs/job-store.js';
import { TableJobQueue } from './jobs/table-queue.js';
import { RelatedService } from './search/related-service.js';
import { registerSearchRoutes } from './search/search-routes.js';
import { SearchService } from './search/search-service.js';
import { SearchSync } from './search/search-sync.js';
import { registerAdmin } from './admin/admin-routes.js';
import { buildEditorAssets } from './admin/editor/editor-bundle.js';
import { registerArticleAdminRoutes } from './articles/article-admin-routes.js';
import { ArticleEditing } from './articles/article-editing.js';
import { registerMediaAdminRoutes } from './media/media-admin-routes.js';
import { registerCorrectionAdminRoutes } from './corrections/correction-admin-routes.js';
import { registerCorrectionRoutes } from './corrections/correction-routes.js';
import { CorrectionService } from './corrections/correction-service.js';
import { CorrectionStore } from './corrections/correction-store.js';
import { buildReaderAssets } from './corrections/reader/reader-bundle.js';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './http/rate-limit.js';
import { Redis } from 'ioredis';
import { PolicyService } from './syndication/policy-service.js';
import { registerSyndicationRoutes } from './syndication/syndication-routes.js';
import { ANONYMOUS_API_LIMIT } from './syndication/content-api.js';
import { registerPolicyAdminRoutes } from './syndication/policy-admin-routes.js';
import { registerPartnerAdminRoutes } from './syndication/partner-admin-routes.js';
import { registerPartnerRoutes } from './syndication/partner-routes.js';
import { PartnerService } from './syndication/partner-service.js';
import { PartnerStore } from './syndication/partner-store.js';
import { ConsoleMailer, SmtpMailer, type Mailer } from './mail/mailer.js';
import { AuditService } from './audit/audit-service.js';
import { AuditStore } from './audit/audit-store.js';
import type { FastifyInstance } from 'fastify';
import { ArticleImporter } from './articles/article-import.js';
import { registerArticleRoutes } from './articles/article-routes.js';
import type { Section } from './articles/article.js';
import { ArticleService } from './articles/article-service.js';
import { ArticleListStore } from './articles/article-list-store.js';
import { ArticleStore } from './articles/article-store.js';
import { invalidatorFor, LocalInvalidationBus, type InvalidationBus } from './cache/invalidation-bus.js';
import { CacheRegistry } from './cache/cached-value.js';
import { cacheKeys } from './cache/cache-keys.js';
import { purgeWebhook } from './cache/purge-webhook.js';
import { RedisInvalidationBus } from './cache/redis-invalidation-bus.js';
import type { Config } from './config.js';
import { registerFeedRoutes } from './feeds/feed-routes.js';
import { FeedService } from './feeds/feed-service.js';
import { loadFavicon, loadStylesheet } from './http/assets.js';
import { PageCache } from './http/page-cache.js';
import { deferredLog } from './http/deferred-log.js';
import { buildHttpServer } from './http/server.js';
import { registerMediaRoutes } from './media/media-routes.js';
import { MediaService } from './media/media-service.js';
import { MediaStore } from './media/media-store.js';
import { SettingsStore } from './site/settings-store.js';
import { SiteService } from './site/site-service.js';
import { Urls } from './site/urls.js';
import { openDatabase, type Db, type DatabaseHandle } from './store/db.js';
import { migrate } from './store/migrate.js';
import { UnitOfWork } from './store/unit-of-work.js';
import { MessagePage } from './views/pages/site/listing-pages.js';
import { PrivacyService } from './privacy/privacy-service.js';
import { registerPrivacyRoutes } from './privacy/privacy-routes.js';
import { registerPrivacyAdminRoutes } from './privacy/privacy-admin-routes.js';
import { buildConsentScript } from './privacy/consent/consent-bundle.js';
import { FunderService } from './funders/funder-service.js';
import { FunderStore } from './funders/funder-store.js';
import { registerFunderAdminRoutes } from './funders/funder-admin-routes.js';
import { presentChrome, type PresenterContext } from './views/presenters.js';
import { renderDocument } from './views/render.js';
import { NewsletterStore } from './newsletters/newsletter-store.js';
import { createNewsletters } from './newsletters/newsletter-setup.js';
import { registerNewsletterJobs, scheduleOn } from './newsletters/newsletter-jobs.js';
import type { NewsletterService } from './newsletters/newsletter-service.js';
import type { NewsletterSender } from './newsletters/newsletter-sender.js';
import { registerNewsletterRoutes } from './newsletters/newsletter-routes.js';
import { registerNewsletterAdminRoutes } from './newsletters/newsletter-admin-routes.js';

/** The editor bundle is the same for every app in a process: build it once. */
let editorBuild: ReturnType<typeof buildEditorAssets> | null = null;
let readerBuild: ReturnType<typeof buildReaderAssets> | null = null;
let appealBuild: ReturnType<typeof buildAppealScript> | null = null;
let adBuild: ReturnType<typeof buildAdScripts> | null = null;

/** While other servers' purges cannot reach this one, nothing cached is kept longer than this. */
const OUTAGE_CACHE_LIFETIME_MS = 10_000;
let viewBeaconBuild: ReturnType<typeof buildViewBeaconScript> | null = null;
let consentBuild: ReturnType<typeof buildConsentScript> | null = null;

/** Cookies that mark a request as personal: it bypasses the shared page cache. */
export const PERSONAL_COOKIES = ['mh_session', 'mh_member'];

/**
 * Query parameters that cached public routes read (listing pages, search, the Content API, oEmbed). A
 * cached route that reads a new one must add it here; until then its URLs just bypass the cache.
 */
export const CACHED_QUERY_PARAMS = ['page', 'per_page', 'section', 'tag', 'since', 'cursor', 'url', 'format', 'maxwidth', 'status', 'limit', 'q', 'author', 'from', 'to'];

/** Every store, bound to one database handle or transaction. */
export interface Stores {
  articles: ArticleStore;
  articleLists: ArticleListStore;
  media: MediaStore;
  settings: SettingsStore;
  accounts: AccountStore;
  audit: AuditStore;
  corrections: CorrectionStore;
  partners: PartnerStore;
  members: MemberStore;
  topics: TopicStore;
  ads: AdStore;
  analytics: AnalyticsStore;
  funders: FunderStore;
  search: SearchSync;
  newsletters: NewsletterStore;
}

export function makeStores(db: Db): Stores {
  return {
    articles: new ArticleStore(db),
    articleLists: new ArticleListStore(db),
    media: new MediaStore(db),
    settings: new SettingsStore(db),
    accounts: new AccountStore(db),
    audit: new AuditStore(db),
    corrections: new CorrectionStore(db),
    partners: new PartnerStore(db),
    members: new MemberStore(db),
    topics: new TopicStore(db),
    ads: new AdStore(db),
    analytics: new AnalyticsStore(db),
    funders: new FunderStore(db),
    search: new SearchSync(db),
    newsletters: new NewsletterStore(db),
  };
}

/** TDMRep (W3C Text and Data Mining Reservation Protocol) headers for story pages. */
function tdmHeaders(reprint: { tdmReservation: boolean; tdmPolicyUrl: string }, urls: Urls): Record<string, string> {
  if (!reprint.tdmReservation) return { 'tdm-reservation': '0' };
  return { 'tdm-reservation': '1', 'tdm-policy': reprint.tdmPolicyUrl || urls.absolute('/reprint-policy') };
}

/** The cookie-signing key: configured, or made once and kept beside the data (single-server installs). */
function secretKeyFor(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const key = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

export interface Services {
  accounts: AccountService;
  audit: AuditService;
  articles: ArticleService;
  corrections: CorrectionService;
  partners: PartnerService;
  importer: ArticleImporter;
  policy: PolicyService;
  media: MediaService;
  site: SiteService;
  feeds: FeedService;
  urls: Urls;
  sessions: SessionService;
  members: MemberService;
  patrons: PatronService;
  /** Null when Stripe is not configured. */
  stripeWebhooks: StripeWebhookService | null;
  topics: TopicService;
  ads: AdService;
  analytics: AnalyticsService;
  privacy: PrivacyService;
  funders: FunderService;
  search: SearchService;
  related: RelatedService;
  newsletters: NewsletterService;
  newsletterSender: NewsletterSender;
}

export interface App {
  config: Config;
  database: DatabaseHandle;
  services: Services;
  http: FastifyInstance;
  pageCache: PageCache;
  invalidation: InvalidationBus;
  /** Every in-memory cache of this process, on the invalidation bus. */
  caches: CacheRegistry;
  clock: () => Date;
  /** Work deferred past a response (related stories' neighbours); tests await `tasks.idle()`. */
  tasks: BackgroundTasks;
  /** The durable job queue (src/jobs/). `serve` and `masthead worker` call `jobs.start()`; tests call `jobs.drain()`. */
  jobs: JobQueue;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The current time; tests pass a fixed clock. */
  clock?: () => Date;
  /** Postgres schema to use (tests isolate runs this way). */
  pgSchema?: string;
}

/** The one place that wires config -> database -> stores -> services -> HTTP. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const clock = opts.clock ?? (() => new Date());
  const database = openDatabase(config.database, opts.pgSchema ? { pgSchema: opts.pgSchema } : {});
  try {
    await migrate(database.db, database.dialect, clock);
  } catch (err) {
    await database.close();
    throw err;
  }
  const uow = new UnitOfWork(database.db, makeStores);
  // The HTTP server (and its logger) is built last; connections opened before it log through this.
  const log = deferredLog(config.logLevel);
  const jobs = new TableJobQueue({
    store: new JobStore(database.db, database.dialect),
    clock,
    onError: (message, err) => log.error({ err }, message),
    worker: config.worker !== false,
  });
  const invalidation: InvalidationBus = config.redisUrl ? new RedisInvalidationBus(config.redisUrl, log) : new LocalInvalidationBus();
  // Wall-clock time for the outage lifetime, as for the page cache's safety net.
  const caches = new CacheRegistry(invalidation, { now: Date.now, outageLifetimeMs: OUTAGE_CACHE_LIFETIME_MS, log });
  const pageCache = new PageCache({
    maxBytes: config.pageCacheBytes,
    maxAgeMs: 3600_000,
    personalCookies: PERSONAL_COOKIES,
    queryParams: CACHED_QUERY_PARAMS,
    // Wall-clock time for the safety-net expiry: a hit must not allocate a Date.
    now: Date.now,
  });
  caches.register(pageCache);
  const invalidator = invalidatorFor(
    invalidation,
    config.purgeWebhookUrl ? purgeWebhook(config.purgeWebhookUrl, (msg, err) => log.warn({ err }, msg)) : null,
  );
  const urls = new Urls(config.publicUrl);
  const secretKey = secretKeyFor(config);
  const media = new MediaService(uow.stores.media, path.join(config.dataDir, 'media'));
  const tasks = new InProcessTasks((name, err) => http.log.error({ err }, `${name} failed`));
  const related = new RelatedService(uow, invalidator, tasks);
  const articles = new ArticleService(uow, invalidator, (ids, now) => related.storiesWritten(ids, now));
  const audit = new AuditService(uow.stores.audit);
  const site = new SiteService(uow.stores.settings, invalidator, audit, caches);
  const sessions = new SessionService(uow.stores.accounts);
  const accounts = new AccountService(uow.stores.accounts, audit, sessions);
  const policy = new PolicyService(uow.stores.settings, invalidator, audit, caches);
  const partners = new PartnerService(uow.stores.partners, articles, audit);
  const mailer: Mailer = config.smtpUrl
    ? new SmtpMailer(config.smtpUrl, config.mailFrom)
    : new ConsoleMailer(config.logLevel === 'silent' ? () => {} : (s) => console.log(s));
  const corrections = new CorrectionService(uow.stores.corrections, articles, audit, invalidator, mailer, {
    name: async () => (await site.getSettings()).name,
    articleUrl: (slug) => urls.absolute(urls.article(slug)),
  });
  const members = new MemberService(uow.stores.members, sessions, mailer, {
    name: async () => (await site.getSettings()).name,
    signInUrl: (token, next) => urls.absolute(`/account/sign-in/${token}${next === '/account' ? '' : `?next=${encodeURIComponent(next)}`}`),
    signInPageUrl: urls.absolute('/account/sign-in?next=/topics'),
  }, invalidator);
  const patrons = new PatronService(
    uow,
    uow.stores.settings,
    invalidator,
    audit,
    (to) => members.sendPatronWelcome(to).catch((err: unknown) => log.warn({ err }, 'could not mail a new patron')),
    caches,
    async () => (await site.getSettings()).timeZone,
  );
  const stripe = config.stripe ? new StripeGateway(config.stripe) : null;
  const stripeWebhooks = stripe ? new StripeWebhookService(uow, stripe, invalidator) : null;
  const topics = new TopicService(uow, patrons, invalidator, audit);
  const ads = new AdService(uow.stores.ads, uow.stores.settings, media, invalidator, audit, caches);
  // No GeoIP database ships with Masthead: countries stay empty unless an operator wires a CountryLookup here.
  const analytics = new AnalyticsService(uow, { site: new URL(config.publicUrl).hostname, countries: noCountryLookup });
  const privacy = new PrivacyService(uow.stores.settings, invalidator, audit, caches);
  const funders = new FunderService(uow.stores.funders, media, invalidator, audit, caches);
  const newsletters = createNewsletters({ uow, articles, mailer, site, urls, config, clock, print: config.logLevel === 'silent' ? () => {} : (s) => console.log(s), scheduleSend: scheduleOn(jobs) });
  registerNewsletterJobs(jobs, { sender: newsletters.sender, newsletters: newsletters.service, clock });
  const services: Services = {
    accounts,
    audit,
    corrections,
    partners,
    articles,
    importer: new ArticleImporter(uow, articles, media),
    media,
    site,
    feeds: new FeedService(articles, site, policy, urls),
    policy,
    urls,
    sessions,
    members,
    patrons,
    stripeWebhooks,
    topics,
    ads,
    analytics,
    privacy,
    funders,
    search: new SearchService(uow, policy, invalidator),
    related,
    newsletters: newsletters.service,
    newsletterSender: newsletters.sender,
  };

  // Per-IP limits: in memory on one server; in Redis when there are several, so they hold across all of them.
  // Commands wait for the connection at start; during an outage each gives up within a second and counts locally.
  const limitsRedis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000 }) : null;
  limitsRedis?.on('error', (err) => log.warn({ err }, 'redis rate limits unavailable'));
  const limiter = (name: string, limit: number, windowMs: number): RateLimiter =>
    limitsRedis ? new RedisRateLimiter(limitsRedis, name, limit, windowMs, (err) => log.warn({ err }, `rate limit ${name}: counting in this process`)) : new MemoryRateLimiter(limit, windowMs);

  const stylesheet = loadStylesheet();
  const favicon = loadFavicon();
  // The navigation is on every page. A story write names `home`, and `site` when the sections shown change.
  const navigation = caches.cached<Section[]>([cacheKeys.site, cacheKeys.home], () => articles.listPublicSections(clock()));
  const openNewsletters = caches.cached([cacheKeys.site], async () => (await newsletters.service.listNewsletters()).filter((n) => n.audience === 'anyone').map((n) => ({ slug: n.slug, name: n.name, description: n.description })));
  const pageContext = async (now: Date): Promise<PresenterContext> => {
    const [settings, sections, reprint, credits, consent, lists] = await Promise.all([
      site.getSettings(),
      navigation.get(),
      policy.getPolicy(),
      funders.listFunders(),
      privacy.consentConfig(),
      openNewsletters.get(),
    ]);
    return {
      site: settings,
      sections,
      urls,
      cssHref: stylesheet.href,
      iconHref: favicon.href,
      now,
      policy: reprint,
      viewBeaconHref: viewBeaconScript?.href ?? null,
      funders: credits,
      consent: { ...consent, jsHref: consentScript.href },
      newsletters: lists,
    };
  };

  const editing = new ArticleEditing(uow, articles, media, audit);
  editorBuild ??= buildEditorAssets();
  readerBuild ??= buildReaderAssets();
  appealBuild ??= buildAppealScript();
  adBuild ??= buildAdScripts();
  viewBeaconBuild ??= buildViewBeaconScript();
  consentBuild ??= buildConsentScript();
  const [editorAssets, readerAssets, appealScript, adScripts, beaconScript, consentScript] = await Promise.all([
    editorBuild,
    readerBuild,
    appealBuild,
    adBuild,
    viewBeaconBuild,
    consentBuild,
  ]);
  const adsFor = presentAdsFor({ ads, islandHref: adScripts.island.href, checkHref: adScripts.check.href });
  const viewBeaconScript = config.analytics === false ? null : beaconScript;
  const reportIsland = { jsHref: readerAssets.js.href, cssHref: readerAssets.css.href };
  // A hop count means: trust that many proxies nearest to us.
  const trustProxy = typeof config.trustProxy === 'number' ? ((hops: number) => (_address: string, hop: number) => hop < hops)(config.trustProxy) : config.trustProxy;
  const http = buildHttpServer({
    logLevel: config.logLevel,
    trustProxy,
    stylesheet,
    assets: [readerAssets.js, readerAssets.css, appealScript, adScripts.island, adScripts.check, consentScript, favicon, ...(viewBeaconScript ? [viewBeaconScript] : [])],
    early: viewBeaconScript ? [viewBeacon({ analytics, clock, clientAddress: clientAddressFor(trustProxy), staffCookie: STAFF_COOKIE })] : [],
    scriptOrigins: async () => (await privacy.consentConfig()).origins,
    pageCache,
    cookieSecret: secretKey,
    formActionOrigins: stripe?.redirectOrigins() ?? [],
    renderMessagePage: async ({ title, message }) => {
      const ctx = await pageContext(clock()).catch(() => null);
      const chrome = ctx
        ? presentChrome(ctx)
        : { name: 'Masthead', tagline: '', language: 'en', logoUrl: null, homeHref: '/', sections: [], cssHref: stylesheet.href, iconHref: favicon.href, feedHref: '/feed.xml', year: clock().getUTCFullYear() };
      return renderDocument(MessagePage({ v: { chrome, title, message, links: [{ href: '/', text: 'Go to the front page' }] } }));
    },
    routes: [
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
      registerSearchRoutes({ search: services.search, pageContext, clock }),
      registerSupportRoutes({ patrons, stripe, stripeWebhooks, pageContext, clock, limiter: limiter('checkout', 20, 3600_000) }),
      registerArticleRoutes({
        articles,
        pageContext,
        clock,
        articleExtras: async (article, viewer) => {
          const [notes, reprint, support, chosen, articleAds] = await Promise.all([
            corrections.listNotesForArticle(article.id),
            policy.getPolicy(),
            patrons.getSupportSettings(),
            topics.listTopicsCoveredBy(article.id),
            adsFor({ slots: ['article-inline', 'article-end', 'sidebar'], sectionSlug: article.section?.slug ?? null, tagSlugs: article.tags.map((t) => t.slug), patron: viewer.patron }, clock()),
          ]);
          const appeal =
            support.appealEnabled && !viewer.patron
              ? { heading: support.appealHeading, text: support.appealText, action: { href: '/support', text: support.appealButton }, dismissDays: support.dismissDays, skipFirstArticles: support.skipFirstArticles, jsHref: appealScript.href }
              : null;
          const chosenBy = chosen.map((t) => ({ href: `/topics/${t.id}`, text: t.title }));
          return { notes, reportIsland, headers: tdmHeaders(reprint, urls), appeal, chosenBy, ads: articleAds };
        },
        homeAds: (viewer) => adsFor({ slots: ['home', 'sidebar'], sectionSlug: null, tagSlugs: [], patron: viewer.patron }, clock()),
      }),
      registerAdRoutes({ ads, mediaDir: path.join(config.dataDir, 'media'), clock, limiter: limiter('ads', 600, 60_000) }),
      registerCorrectionRoutes({ corrections, articles, pageContext, clock, limiter: limiter('corrections', 10, 10 * 60_000) }),
      registerSyndicationRoutes({ articles, policy, partners, pageContext, clock, limiter: limiter('api', ANONYMOUS_API_LIMIT.count, ANONYMOUS_API_LIMIT.windowMs) }),
      registerPartnerRoutes({ partners, pageContext, clock, limiter: limiter('republish', 5, 3600_000), pixelLimiter: limiter('republish-pixel', 120, 60_000) }),
      registerFeedRoutes({ feeds: services.feeds, clock }),
      registerNewsletterRoutes({ newsletters: newsletters.service, pageContext, clock, limiter: limiter('newsletter-signup', 10, 10 * 60_000), addressLimiter: limiter('newsletter-address', 3, 3600_000) }),
      registerPrivacyRoutes({ privacy, pageContext, clock }),
      registerMediaRoutes({ mediaDir: path.join(config.dataDir, 'media') }),
      registerAdmin({
        accounts,
        site,
        clock,
        secureCookies: config.publicUrl.startsWith('https:'),
        stylesheet: loadStylesheet('admin'),
        assets: [editorAssets.js, editorAssets.css],
        uploadDir: path.join(config.dataDir, 'tmp'),
        sections: [
          registerArticleAdminRoutes({
            editing,
            articles,
            site,
            urls,
            clock,
            pageContext,
            editorAssets: () => ({ jsHref: editorAssets.js.href, cssHref: editorAssets.css.href }),
          }),
          registerMediaAdminRoutes({ media, urls, clock }),
          registerCorrectionAdminRoutes({ corrections, clock }),
          registerTopicAdminRoutes({ topics, clock }),
          registerAnalyticsAdminRoutes({ analytics, clock }),
          registerPolicyAdminRoutes({ policy, clock }),
          registerMembershipAdminRoutes({ members, patrons, stripeConfigured: stripe !== null, clock }),
          registerPartnerAdminRoutes({ partners, articles, clock }),
          registerAdAdminRoutes({ ads, articles, clock }),
          registerAccountAdminRoutes({ accounts, audit, site, urls, clock }),
          registerFunderAdminRoutes({ funders, site, urls, clock }),
          registerPrivacyAdminRoutes({ privacy, clock }),
          registerNewsletterAdminRoutes({ newsletters: newsletters.service, sender: newsletters.sender, urls, clock }),
        ],
      }),
    ],
  });

  log.attach(http.log);

  return {
    config,
    database,
    services,
    http,
    pageCache,
    invalidation,
    caches,
    clock,
    tasks,
    jobs,
    async close() {
      // The jobs in flight finish before anything they use is closed.
      await jobs.stop();
      await tasks.idle();
      await http.close();
      // Views counted since the last flush are written before the database closes.
      await analytics.flush(clock()).catch((err: unknown) => http.log.error({ err }, 'writing the last page views failed'));
      await invalidation.close();
      limitsRedis?.disconnect();
      newsletters.close();
      await database.close();
    },
  };
}
