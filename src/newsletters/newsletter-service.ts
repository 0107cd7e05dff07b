import type { Article, PublicArticle } from '../articles/article.js';
import type { Mailer } from '../mail/mailer.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { fail, newsletterInputSchema, type Fail, type DeliveryCounts, type Issue, type IssueLink, type Newsletter } from './newsletter.js';
import { bylineOf, renderIssue, TOKEN_SLOT, type MailLanguage, type MailStory, type RenderedIssue } from './newsletter-mail.js';
import type { NewsletterStores } from './newsletter-store.js';
import { SubscriptionService } from './subscription-service.js';

export interface NewsletterSite {
  name: () => Promise<string>;
  /** Absolute logo URL on our origin, or null. */
  logoUrl: () => Promise<string | null>;
  origin: string;
  /** A story's own address: under its language's prefix when the outlet publishes in it (where the root address redirects to). */
  articleUrl: (slug: string, language: string) => Promise<string>;
  mediaUrl: (hash: string, width: number) => string;
  /** These three take a language's URL prefix ('' or '/uk', from `mailLanguage`): the page opens in it. */
  confirmUrl: (token: string, prefix: string) => string;
  unsubscribeUrl: (token: string, prefix: string) => string;
  issueUrl: (slug: string, number: number, prefix: string) => string;
  /**
   * A subscriber's language ('' for the outlet's default) as the mail's words and URL prefix: the default
   * language's, with no prefix, for '' and for a language the outlet no longer publishes in.
   */
  mailLanguage: (language: string) => Promise<MailLanguage>;
}

/** The articles a newsletter may send: published ones, looked up by slug or id. */
export interface NewsletterArticles {
  getPublicArticle(slug: string, now: Date): Promise<PublicArticle | null>;
  findArticleById(id: number): Promise<Article | null>;
}

/** Asks the queue to deliver an issue at its time (newsletter-jobs.ts). */
export type ScheduleSend = (issue: Issue) => Promise<void>;

/**
 * Newsletters and their issues: everything but the delivery itself. Subscribers (double opt-in, CSV)
 * are SubscriptionService's; this service offers its methods too, so callers keep one entry.
 */
export class NewsletterService {
  /** The lists and their subscribers. */
  readonly subscriptions: SubscriptionService;

  constructor(
    private readonly uow: UnitOfWork<NewsletterStores>,
    private readonly articles: NewsletterArticles,
    mailer: Mailer,
    private readonly site: NewsletterSite,
    private readonly scheduleSend: ScheduleSend,
    private readonly invalidator: Invalidator,
  ) {
    this.subscriptions = new SubscriptionService(uow, mailer, site);
  }

  private get store() {
    return this.uow.stores.newsletters;
  }

  private get issues() {
    return this.uow.stores.newsletterIssues;
  }

  listNewsletters(): Promise<Newsletter[]> {
    return this.store.listNewsletters();
  }

  findNewsletterBySlug(slug: string): Promise<Newsletter | null> {
    return this.store.findNewsletterBySlug(slug);
  }

  findNewsletterById(id: number): Promise<Newsletter | null> {
    return this.store.findNewsletterById(id);
  }

  async saveNewsletter(id: number | null, input: unknown, now: Date): Promise<{ ok: true; newsletter: Newsletter } | Fail> {
    const parsed = newsletterInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(422, String(issue.path[0] ?? 'form'), issue.message);
    }
    const other = await this.store.findNewsletterBySlug(parsed.data.slug);
    if (other && other.id !== id) return fail(409, 'slug', `Another newsletter already uses the address ${parsed.data.slug}.`);
    if (id !== null && !(await this.store.findNewsletterById(id))) return fail(404, 'id', 'There is no such newsletter.');
    const newsletter =
      id === null
        ? await this.store.insertNewsletter(parsed.data, now.toISOString())
        : await this.store.updateNewsletter(id, parsed.data).then(() => this.store.findNewsletterById(id));
    // Every page's footer signup names the open newsletters (every page carries `site`); /newsletters and the archive too.
    await this.invalidator.invalidate([cacheKeys.site, cacheKeys.newsletters]);
    return { ok: true, newsletter: newsletter! };
  }

  // --- the lists' half: one newsletters service for every caller (routes, CLI, jobs) ---

  readonly subscribe: SubscriptionService['subscribe'] = (...a) => this.subscriptions.subscribe(...a);
  readonly confirm: SubscriptionService['confirm'] = (...a) => this.subscriptions.confirm(...a);
  readonly unsubscribe: SubscriptionService['unsubscribe'] = (...a) => this.subscriptions.unsubscribe(...a);
  readonly findSubscriberByToken: SubscriptionService['findSubscriberByToken'] = (...a) => this.subscriptions.findSubscriberByToken(...a);
  readonly subscriptionsOf: SubscriptionService['subscriptionsOf'] = (...a) => this.subscriptions.subscriptionsOf(...a);
  readonly setSubscriptions: SubscriptionService['setSubscriptions'] = (...a) => this.subscriptions.setSubscriptions(...a);
  readonly pruneUnconfirmed: SubscriptionService['pruneUnconfirmed'] = (...a) => this.subscriptions.pruneUnconfirmed(...a);
  readonly listSubscribers: SubscriptionService['listSubscribers'] = (...a) => this.subscriptions.listSubscribers(...a);
  readonly countSubscribers: SubscriptionService['countSubscribers'] = (...a) => this.subscriptions.countSubscribers(...a);
  readonly importCsv: SubscriptionService['importCsv'] = (...a) => this.subscriptions.importCsv(...a);
  readonly exportCsv: SubscriptionService['exportCsv'] = (...a) => this.subscriptions.exportCsv(...a);

  // --- issues ---

  /** Checks a story send or digest without saving it: for a preview or a test send. */
  async draftIssue(
    input: { newsletterId: number; articleSlugs: string[]; subject?: string; intro?: string },
    now: Date,
  ): Promise<{ ok: true; issue: Issue } | Fail> {
    const newsletter = await this.store.findNewsletterById(input.newsletterId);
    if (!newsletter) return fail(404, 'newsletter', 'There is no such newsletter.');
    const slugs = [...new Set(input.articleSlugs.map((s) => s.trim()).filter(Boolean))];
    if (slugs.length === 0) return fail(422, 'articles', 'Choose at least one published story.');
    if (slugs.length > 30) return fail(422, 'articles', 'A digest takes at most 30 stories.');
    const stories: PublicArticle[] = [];
    for (const slug of slugs) {
      const a = await this.articles.getPublicArticle(slug, now);
      if (!a) return fail(422, 'articles', `There is no published story at ${slug}.`);
      stories.push(a);
    }
    const subject = (input.subject ?? '').trim() || (stories.length === 1 ? stories[0]!.headline : `${newsletter.name}: ${stories[0]!.headline} and more`);
    if (subject.length > 200) return fail(422, 'subject', 'The subject is longer than 200 characters.');
    const intro = (input.intro ?? '').trim();
    if (intro.length > 5000) return fail(422, 'intro', 'The introduction is longer than 5,000 characters.');
    const at = now.toISOString();
    return {
      ok: true,
      issue: {
        id: 0,
        newsletterId: newsletter.id,
        number: 0,
        subject,
        intro,
        articleIds: stories.map((s) => s.id),
        status: 'scheduled',
        sendAt: at,
        createdBy: '',
        createdAt: at,
        startedAt: null,
        finishedAt: null,
        counting: false,
        opens: 0,
      },
    };
  }

  /**
   * A story or a digest, to be sent at `sendAt` (now, or later: a scheduled send). Every story must be
   * published. The subject defaults to the headline of a single story. The queue delivers it.
   */
  async createIssue(
    input: { newsletterId: number; articleSlugs: string[]; subject?: string; intro?: string; sendAt: Date | null; createdBy: string },
    now: Date,
  ): Promise<{ ok: true; issue: Issue } | Fail> {
    const draft = await this.draftIssue(input, now);
    if (!draft.ok) return draft;
    const sendAt = input.sendAt ?? now;
    if (sendAt.getTime() < now.getTime() - 60_000) return fail(422, 'sendAt', 'The send time is in the past.');
    const d = draft.issue;
    const issue = await this.issues.insertIssue({
      newsletterId: d.newsletterId,
      subject: d.subject,
      intro: d.intro,
      articleIds: d.articleIds,
      sendAt: sendAt.toISOString(),
      createdBy: input.createdBy,
      now: now.toISOString(),
    });
    await this.scheduleSend(issue);
    return { ok: true, issue };
  }

  // --- "send when publishing" a story scheduled for later ---

  /** Remembers which newsletter a scheduled story goes to once it is published; null forgets it. */
  async setSendWhenPublished(input: { articleId: number; newsletterId: number | null; createdBy: string }, now: Date): Promise<{ ok: true } | Fail> {
    if (input.newsletterId !== null && !(await this.store.findNewsletterById(input.newsletterId)))
      return fail(404, 'newsletter', 'There is no such newsletter.');
    await this.store.setPublishSend(
      input.articleId,
      input.newsletterId === null ? null : { newsletterId: input.newsletterId, createdBy: input.createdBy, now: now.toISOString() },
    );
    return { ok: true };
  }

  /** The newsletter a scheduled story waits to be sent to, or null. */
  async waitingSendOf(articleId: number): Promise<number | null> {
    return (await this.store.findPublishSend(articleId))?.newsletterId ?? null;
  }

  /**
   * Starts the sends of stories that were waiting for their publication (called by the publish-due job
   * after it publishes). Each waiting row is taken (deleted) before its issue is created, so two runs at
   * once send a story once; a crash between the two loses that send rather than doubling it.
   */
  async sendWaitingStories(now: Date): Promise<{ slug: string; ok: boolean; message: string }[]> {
    const out: { slug: string; ok: boolean; message: string }[] = [];
    for (const w of await this.store.listPublishSendsOfPublished()) {
      if (!(await this.store.takePublishSend(w.articleId))) continue;
      const r = await this.createIssue({ newsletterId: w.newsletterId, articleSlugs: [w.slug], sendAt: null, createdBy: w.createdBy }, now);
      out.push({ slug: w.slug, ok: r.ok, message: r.ok ? '' : r.message });
    }
    return out;
  }

  async cancelIssue(issueId: number): Promise<{ ok: true } | Fail> {
    return (await this.issues.cancelIssue(issueId)) ? { ok: true } : fail(409, 'issue', 'Only a send that has not started can be cancelled.');
  }

  findIssue(id: number): Promise<Issue | null> {
    return this.issues.findIssue(id);
  }

  listIssues(newsletterId: number, opts: { sentOnly: boolean; limit?: number }): Promise<Issue[]> {
    return this.issues.listIssues(newsletterId, { sentOnly: opts.sentOnly, limit: opts.limit ?? 100 });
  }

  listUnfinishedIssues(): Promise<Issue[]> {
    return this.issues.listUnfinishedIssues();
  }

  listDueIssues(now: Date): Promise<Issue[]> {
    return this.issues.listDueIssues(now.toISOString());
  }

  countDeliveries(issueId: number): Promise<DeliveryCounts> {
    return this.issues.countDeliveries(issueId);
  }

  /** Counts one open of an issue that counts; false for any other issue (the pixel answers 404). */
  countOpen(issueId: number): Promise<boolean> {
    return this.issues.countOpen(issueId);
  }

  /** Counts a click and returns the link it stands for; null unless that issue counts and carried that link. */
  followLink(issueId: number, position: number): Promise<string | null> {
    return this.issues.countClick(issueId, position);
  }

  /** An issue's counted links with their clicks (empty for an issue that does not count). */
  listLinks(issueId: number): Promise<IssueLink[]> {
    return this.issues.listLinks(issueId);
  }

  /** A past issue for the public archive, or null (not sent, or the newsletter is for patrons only). */
  async archivedIssue(slug: string, number: number): Promise<{ newsletter: Newsletter; issue: Issue } | null> {
    const newsletter = await this.store.findNewsletterBySlug(slug);
    if (!newsletter || newsletter.audience === 'patrons') return null;
    const issue = await this.issues.findIssueByNumber(newsletter.id, number);
    if (!issue || (issue.status !== 'sent' && issue.status !== 'sending')) return null;
    return { newsletter, issue };
  }

  /** The stories an issue carried that still exist, in order. */
  async storiesOf(issue: Pick<Issue, 'articleIds'>): Promise<{ slug: string; headline: string; standfirst: string }[]> {
    const found = await Promise.all(issue.articleIds.map((id) => this.articles.findArticleById(id)));
    return found.flatMap((a) => (a && a.status === 'published' ? [{ slug: a.slug, headline: a.headline, standfirst: a.standfirst }] : []));
  }

  /**
   * Renders an issue once for a subscriber language (the default's when none is given): its words, and the prefix
   * ('' or '/uk') its unsubscribe and web links go under. Story links are each story's own address. Each
   * recipient's links are TOKEN_SLOT until the sender fills them.
   */
  async render(
    issue: Pick<Issue, 'newsletterId' | 'subject' | 'intro' | 'number' | 'articleIds'>,
    language?: MailLanguage,
  ): Promise<{ newsletter: Newsletter; rendered: RenderedIssue }> {
    const mail = language ?? (await this.site.mailLanguage(''));
    const newsletter = (await this.store.findNewsletterById(issue.newsletterId))!;
    const stories: MailStory[] = [];
    for (const id of issue.articleIds) {
      const a = await this.articles.findArticleById(id);
      if (!a) continue; // deleted since: the issue goes out without it
      const width = a.hero ? (a.hero.widths.find((w) => w >= 640) ?? a.hero.widths[a.hero.widths.length - 1]!) : 0;
      const authors = a.authors.map((x) => x.name);
      stories.push({
        headline: a.headline,
        standfirst: a.standfirst,
        byline: bylineOf(mail.t, authors),
        url: await this.site.articleUrl(a.slug, a.language),
        bodyHtml: a.bodyHtml,
        bodyText: a.bodyText,
        image: a.hero ? { src: this.site.mediaUrl(a.hero.mediaHash, width), alt: a.hero.alt } : null,
      });
    }
    const [name, logoUrl] = await Promise.all([this.site.name(), this.site.logoUrl()]);
    const webUrl = newsletter.audience === 'patrons' ? null : this.site.issueUrl(newsletter.slug, issue.number, mail.prefix);
    const rendered = renderIssue({
      language: mail,
      outlet: { name, logoUrl, origin: this.site.origin, postalAddress: '' },
      newsletter,
      issue,
      stories,
      webUrl,
      unsubscribeUrl: this.site.unsubscribeUrl(TOKEN_SLOT, mail.prefix),
    });
    return { newsletter, rendered };
  }
}
