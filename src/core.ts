import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AccountService } from './accounts/account-service.js';
import { SessionService } from './accounts/session-service.js';
import { AdService } from './ads/ad-service.js';
import { AnalyticsService } from './analytics/analytics-service.js';
import { noCountryLookup } from './analytics/country-lookup.js';
import { ArticleEditing } from './articles/article-editing.js';
import { ArticleDrafting } from './articles/article-drafting.js';
import { ArticleImporter } from './articles/article-import.js';
import { ArticleService } from './articles/article-service.js';
import { AuditService } from './audit/audit-service.js';
import { CacheRegistry } from './cache/cached-value.js';
import type { Invalidator } from './cache/cache-keys.js';
import { invalidatorFor, LocalInvalidationBus, type InvalidationBus } from './cache/invalidation-bus.js';
import { purgeWebhook } from './cache/purge-webhook.js';
import { RedisInvalidationBus } from './cache/redis-invalidation-bus.js';
import type { Config } from './config.js';
import { CorrectionService } from './corrections/correction-service.js';
import { FeedService } from './feeds/feed-service.js';
import { FunderService } from './funders/funder-service.js';
import { FrontPageService } from './front-page/front-page-service.js';
// Type-only at run time: the logger attaches to Fastify's when a web shell exists.
import { deferredLog, type DeferredLog } from './http/deferred-log.js';
import { OutletLanguages } from './i18n/languages.js';
import { mailLanguages } from './i18n/mail-language.js';
import { ConsoleMailer, SmtpMailer, type Mailer } from './mail/mailer.js';
import { MediaService } from './media/media-service.js';
import { mediaStorageFor } from './media/media-storage.js';
import { MemberService } from './membership/member-service.js';
import { PatronService } from './membership/patron-service.js';
import { StripeGateway } from './membership/stripe-gateway.js';
import { StripeWebhookService } from './membership/stripe-webhooks.js';
import { PrivacyService } from './privacy/privacy-service.js';
import type { JobQueue } from './jobs/job-queue.js';
import { JOBS_CHANNEL, JobStore } from './jobs/job-store.js';
import { TableJobQueue } from './jobs/table-queue.js';
import type { HealthChecks } from './operations/health-checks.js';
import type { Metrics } from './operations/metrics.js';
import { wireHealthChecks, wireMetrics } from './wire-operations.js';
import { createNewsletters } from './newsletters/newsletter-setup.js';
import { registerNewsletterJobs, scheduleOn } from './newsletters/newsletter-jobs.js';
import type { NewsletterService } from './newsletters/newsletter-service.js';
import type { NewsletterSender } from './newsletters/newsletter-sender.js';
import { registerRecurringJobs } from './jobs/recurring-jobs.js';
import { QueuedMailer } from './mail/queued-mailer.js';
import { RelatedService } from './search/related-service.js';
import { SearchService } from './search/search-service.js';
import { SiteService } from './site/site-service.js';
import { Urls } from './site/urls.js';
import { openDatabase, type DatabaseHandle } from './store/db.js';
import { migrate } from './store/migrate.js';
import { makeStores, type Stores } from './stores.js';
import { UnitOfWork } from './store/unit-of-work.js';
import { PartnerService } from './syndication/partner-service.js';
import { PolicyService } from './syndication/policy-service.js';
import { TopicService } from './topics/topic-service.js';

/** While other servers' purges cannot reach this one, nothing cached is kept longer than this. */
const OUTAGE_CACHE_LIFETIME_MS = 10_000;

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

import { PageService } from './pages/page-service.js';
import { RedirectService } from './redirects/redirect-service.js';
import { WordPressImporter } from './imports/wordpress-import.js';
import { GhostImporter } from './imports/ghost-import.js';
import { SiteExporter } from './exports/export-service.js';
import { SiteImport, type SiteImportStores } from './exports/site-import.js';
import { WxrExporter } from './exports/wxr-export.js';

export interface Services {
  accounts: AccountService;
  audit: AuditService;
  articles: ArticleService;
  /** The editor's save path (revisions, images in the body). */
  editing: ArticleEditing;
  /** The writing page's autosaves and picker lookups. */
  drafting: ArticleDrafting;
  corrections: CorrectionService;
  partners: PartnerService;
  /** `masthead import DIR`: Markdown files, and a site export's records when the directory has them. */
  importer: ArticleImporter<SiteImportStores>;
  /** `masthead export DIR` and `masthead export --format wxr FILE.xml`. */
  exporter: SiteExporter;
  wxrExporter: WxrExporter;
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
  newsletters: NewsletterService;
  newsletterSender: NewsletterSender;
  search: SearchService;
  related: RelatedService;
  pages: PageService;
  redirects: RedirectService;
  wordpress: WordPressImporter;
  ghost: GhostImporter;
  /** The editors' pins on the front page. */
  frontPage: FrontPageService;
}

/**
 * Everything but the web: the database, stores, services and the caches on the invalidation bus.
 * The CLI's commands and background work use this alone; they never start Fastify or bundle islands.
 */
export interface Core {
  config: Config;
  database: DatabaseHandle;
  uow: UnitOfWork<Stores>;
  services: Services;
  invalidation: InvalidationBus;
  /** What writes call to purge: the bus, plus the purge webhook when one is configured. */
  invalidator: Invalidator;
  /** Every in-memory cache of this process, on the invalidation bus. */
  caches: CacheRegistry;
  clock: () => Date;
  /** The durable job queue (src/jobs/). `serve` and `masthead worker` call `jobs.start()`; tests call `jobs.drain()`. */
  jobs: JobQueue;
  mailer: Mailer;
  /** Null when Stripe is not configured. */
  stripe: StripeGateway | null;
  /** Signs cookies; made once beside the data when not configured, so a backup taken before the first serve carries it. */
  secretKey: string;
  /** Until a web shell attaches its logger, lines go to stderr as JSON. */
  log: DeferredLog;
  /** What /readyz runs: the database, Redis when configured; other parts (jobs, S3) register theirs. */
  health: HealthChecks;
  /** Prometheus metrics; parts add gauges read at scrape time (the jobs queue: depth and failures). */
  metrics: Metrics;
  /**
   * Runs `stop` when the core closes, after the web shell stopped taking requests and before the
   * database closes: the job queue's stop() goes here (finish the current jobs, take no new ones).
   */
  onClose(stop: () => Promise<void>): void;
  /** Finishes deferred work, writes the last counted page views, closes the bus and the database. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** The current time; tests pass a fixed clock. */
  clock?: () => Date;
  /** Postgres schema to use (tests isolate runs this way). */
  pgSchema?: string;
}

/** The one place that wires config -> database -> stores -> services (the web shell is main.ts). */
export async function createCore(config: Config, opts: CoreOptions = {}): Promise<Core> {
  const clock = opts.clock ?? (() => new Date());
  const database = openDatabase(config.database, opts.pgSchema ? { pgSchema: opts.pgSchema } : {});
  try {
    await migrate(database.db, database.dialect, clock);
  } catch (err) {
    await database.close();
    throw err;
  }
  const uow = new UnitOfWork(database.db, makeStores);
  const log = deferredLog(config.logLevel);
  const jobs = new TableJobQueue({
    store: new JobStore(database.db, database.dialect),
    clock,
    onError: (message, err) => log.error({ err }, message),
    worker: config.worker !== false,
    // PostgreSQL tells every node when a job is added; a SQLite site's other processes (the CLI) are found by the safety poll.
    ...(database.dialect === 'postgres'
      ? { notices: (onNotice: () => void) => database.listen(JOBS_CHANNEL, onNotice, (message, err) => log.warn({ err }, message)) }
      : {}),
  });
  const invalidation: InvalidationBus = config.redisUrl ? new RedisInvalidationBus(config.redisUrl, log) : new LocalInvalidationBus();
  // Wall-clock time for the outage lifetime, as for the page cache's safety net.
  const caches = new CacheRegistry(invalidation, { now: Date.now, outageLifetimeMs: OUTAGE_CACHE_LIFETIME_MS, log });
  const invalidator = invalidatorFor(
    invalidation,
    config.purgeWebhookUrl ? purgeWebhook(config.purgeWebhookUrl, jobs, (msg, err) => log.warn({ err }, msg)) : null,
  );
  const urls = new Urls(config.publicUrl);
  const secretKey = secretKeyFor(config);
  // Images: DATA_DIR/media on one server, or the S3 bucket every server shares.
  const mediaStorage = await mediaStorageFor(config);
  const media = new MediaService(uow.stores.media, mediaStorage);
  const related = new RelatedService(uow, invalidator, jobs, (message, err) => log.error({ err }, message));
  const articles = new ArticleService(uow, invalidator, (ids, now) => related.storiesWritten(ids, now));
  const audit = new AuditService(uow.stores.audit);
  const site = new SiteService(uow.stores.settings, invalidator, audit, caches);
  const sessions = new SessionService(uow.stores.accounts);
  const accounts = new AccountService(uow.stores.accounts, audit, sessions);
  const policy = new PolicyService(uow.stores.settings, invalidator, audit, caches);
  const partners = new PartnerService(uow.stores.partners, articles, audit, async () => (await site.getSettings()).timeZone);
  const mailer: Mailer = new QueuedMailer(
    jobs,
    config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new ConsoleMailer(config.logLevel === 'silent' ? () => {} : (s) => console.log(s)),
  );
  // Every mail to readers picks its words and link prefix here, from the outlet's languages at send time.
  const mailLanguage = mailLanguages(() => site.getSettings());
  // A story's absolute address in mail (newsletters, report answers): under its own language's prefix.
  const articleUrl = async (slug: string, language: string) => {
    const s = await site.getSettings();
    const languages = new OutletLanguages({ default: s.language, others: s.languages });
    return urls.absolute(urls.localized(languages, languages.default).article(slug, language));
  };
  const corrections = new CorrectionService(uow.stores.corrections, articles, audit, invalidator, mailer, {
    name: async () => (await site.getSettings()).name,
    articleUrl,
    mailLanguage,
  });
  const members = new MemberService(
    uow.stores.members,
    sessions,
    mailer,
    {
      name: async () => (await site.getSettings()).name,
      signInUrl: (token, next, prefix) => urls.absolute(`${prefix}/account/sign-in/${token}${next === '/account' ? '' : `?next=${encodeURIComponent(next)}`}`),
      signInPageUrl: (prefix) => urls.absolute(`${prefix}/account/sign-in?next=/topics`),
      mailLanguage,
    },
    invalidator,
  );
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
  const ads = new AdService(uow.stores.ads, uow.stores.settings, media, invalidator, audit, caches, async () => (await site.getSettings()).timeZone);
  // No GeoIP database ships with Masthead: countries stay empty unless an operator wires a CountryLookup here.
  const analytics = new AnalyticsService(uow, { site: new URL(config.publicUrl).hostname, countries: noCountryLookup });
  const privacy = new PrivacyService(uow.stores.settings, invalidator, audit, caches);
  const funders = new FunderService(uow.stores.funders, media, invalidator, audit, caches);
  const pages = new PageService(uow.stores.pages, invalidator, audit, caches);
  const mediaUrl = (hash: string, width: number) => urls.media(hash, width, 'jpeg');
  const editing = new ArticleEditing(uow, articles, media, audit);
  const newsletters = createNewsletters({
    uow,
    articles,
    mailer,
    site,
    urls,
    mailLanguage,
    articleUrl,
    config,
    clock,
    print: config.logLevel === 'silent' ? () => {} : (s) => console.log(s),
    scheduleSend: scheduleOn(jobs),
    invalidator,
    counting: async () => (await privacy.getSettings()).newsletterCounting,
  });
  registerNewsletterJobs(jobs, { sender: newsletters.sender, newsletters: newsletters.service, clock });
  registerRecurringJobs(jobs, {
    articles,
    members,
    patrons,
    log,
    clock,
    afterPublish: async (at) => {
      for (const s of await newsletters.service.sendWaitingStories(at))
        if (!s.ok) log.info({ slug: s.slug, reason: s.message }, 'a newsletter send waiting for this story could not start');
    },
  });
  const services: Services = {
    accounts,
    audit,
    corrections,
    partners,
    articles,
    editing,
    drafting: new ArticleDrafting(uow, editing),
    importer: new ArticleImporter(uow, articles, media, new SiteImport(media)),
    exporter: new SiteExporter(uow.stores.exports, articles, media),
    wxrExporter: new WxrExporter(uow.stores.exports, articles, pages, media, urls, site),
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
    newsletters: newsletters.service,
    newsletterSender: newsletters.sender,
    search: new SearchService(uow, policy, invalidator),
    related,
    pages,
    redirects: new RedirectService(uow.stores.redirects, audit),
    wordpress: new WordPressImporter({ uow, articles, pages, media, mediaUrl, audit, relatedAfterImport: (now) => related.backfillAfterImport(now) }),
    ghost: new GhostImporter(uow, articles, pages, media, mediaUrl),
    frontPage: new FrontPageService(uow, articles, invalidator, audit),
  };

  const health = wireHealthChecks({ database, invalidation, mediaStorage, redis: Boolean(config.redisUrl), s3: Boolean(config.s3) });
  const metrics = wireMetrics({ database, jobs, invalidation });
  const stops: (() => Promise<void>)[] = [];

  return {
    config,
    database,
    uow,
    services,
    invalidation,
    invalidator,
    caches,
    clock,
    jobs,
    mailer,
    stripe,
    secretKey,
    log,
    health,
    metrics,
    onClose(stop) {
      stops.push(stop);
    },
    async close() {
      // The jobs in flight finish before anything they use is closed.
      await jobs.stop();
      for (const stop of stops) await stop().catch((err: unknown) => log.error({ err }, 'stopping a part failed'));
      newsletters.close();
      // Views counted since the last flush are written before the database closes.
      await analytics.flush(clock()).catch((err: unknown) => log.error({ err }, 'writing the last page views failed'));
      await invalidation.close();
      mediaStorage.close();
      await database.close();
    },
  };
}
