import type { Invalidator } from '../cache/cache-keys.js';
import type { Config } from '../config.js';
import type { MailLanguageOf } from '../i18n/mail-language.js';
import type { Mailer } from '../mail/mailer.js';
import type { Urls } from '../site/urls.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { NewsletterSender, type SenderOptions } from './newsletter-sender.js';
import { NewsletterService, type NewsletterArticles, type ScheduleSend } from './newsletter-service.js';
import type { NewsletterStores } from './newsletter-store.js';
import { PrintedNewsletterTransport, SmtpNewsletterTransport, type NewsletterTransport } from './newsletter-transport.js';

export interface Newsletters {
  service: NewsletterService;
  sender: NewsletterSender;
  /** Closes the SMTP pool. */
  close(): void;
}

/** Builds the newsletter service and its sender from the configuration (main.ts calls this once). */
export function createNewsletters(deps: {
  uow: UnitOfWork<NewsletterStores>;
  articles: NewsletterArticles;
  mailer: Mailer;
  site: { getSettings(): Promise<{ name: string; logoUrl: string }> };
  urls: Urls;
  /** The words and links of a mail in a subscriber's language (core.ts makes one for every mail). */
  mailLanguage: MailLanguageOf;
  /** A story's absolute address, under its own language's prefix. */
  articleUrl: (slug: string, language: string) => Promise<string>;
  config: Config;
  clock: () => Date;
  print: (line: string) => void;
  /** Set once the job queue exists; until then sends run when the CLI or the admin starts them. */
  scheduleSend: ScheduleSend;
  invalidator: Invalidator;
  /** Whether the outlet counts newsletter opens and clicks (the privacy settings); off unless turned on. */
  counting: () => Promise<boolean>;
  /** Tests shorten the lease and retry waits. */
  overrides?: Partial<SenderOptions>;
  transport?: NewsletterTransport;
}): Newsletters {
  const { urls, config } = deps;
  const host = new URL(config.publicUrl).hostname;
  const unsubscribeUrl = (token: string, prefix: string) => urls.absolute(`${prefix}/newsletters/unsubscribe/${token}`);
  const service = new NewsletterService(
    deps.uow,
    deps.articles,
    deps.mailer,
    {
      name: async () => (await deps.site.getSettings()).name,
      logoUrl: async () => {
        const logo = (await deps.site.getSettings()).logoUrl;
        return logo ? urls.absolute(logo) : null;
      },
      origin: config.publicUrl,
      articleUrl: deps.articleUrl,
      mediaUrl: (hash, width) => urls.absolute(urls.media(hash, width, 'jpeg')),
      confirmUrl: (token, prefix) => urls.absolute(`${prefix}/newsletters/confirm/${token}`),
      unsubscribeUrl,
      issueUrl: (slug, number, prefix) => urls.absolute(`${prefix}/newsletters/${slug}/${number}`),
      mailLanguage: deps.mailLanguage,
    },
    deps.scheduleSend,
    deps.invalidator,
  );
  const n = config.newsletters ?? { smtpUrl: null, rate: 10, connections: 5, leaseMs: 60_000, dkim: null };
  const smtpUrl = n.smtpUrl ?? config.smtpUrl;
  const transport =
    deps.transport ??
    (smtpUrl ? new SmtpNewsletterTransport(smtpUrl, { maxConnections: n.connections, dkim: n.dkim }) : new PrintedNewsletterTransport(deps.print));
  const mailbox = config.mailFrom.match(/<([^>]+)>/)?.[1] ?? config.mailFrom;
  const sender = new NewsletterSender(deps.uow, transport, {
    rate: n.rate,
    concurrency: n.connections,
    batchSize: 500,
    settleEvery: { ids: 100, ms: 100 },
    leaseMs: n.leaseMs,
    retryBaseMs: 30_000,
    clock: deps.clock,
    invalidator: deps.invalidator,
    render: (issue, language) => service.render(issue, language),
    unsubscribe: (token, prefix) => ({
      url: unsubscribeUrl(token, prefix),
      mailto: `mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`,
    }),
    host,
    mailLanguage: deps.mailLanguage,
    counting: deps.counting,
    countingUrls: {
      open: (issueId) => urls.absolute(`/newsletters/open/${issueId}/pixel.gif`),
      click: (issueId, position) => urls.absolute(`/newsletters/click/${issueId}/${position}`),
    },
    ...deps.overrides,
  });
  return { service, sender, close: () => transport.close() };
}
