import crypto from 'node:crypto';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { BOUNCE_LIMIT, MAX_DELIVERY_ATTEMPTS, retryDelayMs, smtpFailureKind, type ClaimedDelivery, type Issue, type Newsletter } from './newsletter.js';
import { countedHtml, listHeaders, TOKEN_SLOT, type CountingUrls, type MailLanguage, type RenderedIssue } from './newsletter-mail.js';
import type { NewsletterStores } from './newsletter-store.js';
import type { NewsletterTransport } from './newsletter-transport.js';

export interface SenderOptions {
  /** Purges pages when an issue starts going out (the public archive lists it from then on). */
  invalidator: Invalidator;
  /** Messages per second at most (NEWSLETTER_RATE). */
  rate: number;
  /** Messages in flight at once (the SMTP pool's connections). */
  concurrency: number;
  /** Deliveries claimed per round trip to the database. */
  batchSize: number;
  /** Accepted messages are written down as 'sent' in groups: this many, or this long after the first. */
  settleEvery: { ids: number; ms: number };
  /** How long a sender's hold on an issue lasts without renewal; a dead sender's issue resumes after it. */
  leaseMs: number;
  /** First retry wait after a temporary (4xx) failure; it quadruples each time. */
  retryBaseMs: number;
  clock: () => Date;
  /** Renders the issue once for a mail language (its words and URL prefix); per-recipient links are filled into TOKEN_SLOT. */
  render: (issue: Issue, language: MailLanguage) => Promise<{ newsletter: Newsletter; rendered: RenderedIssue }>;
  /** The one-click unsubscribe URL (under the subscriber's language prefix) and mailto for a subscriber token. */
  unsubscribe: (token: string, prefix: string) => { url: string; mailto: string };
  /** A subscriber's language as the mail's words and URL prefix (see NewsletterSite.mailLanguage). */
  mailLanguage: (language: string) => Promise<MailLanguage>;
  /** Host part of Message-IDs and List-Id (the site's host). */
  host: string;
  /** Whether the outlet counts opens and clicks now (privacy settings); read when an issue starts, fixed for it. */
  counting: () => Promise<boolean>;
  /** The pixel and click-redirect URLs on our origin: they name the issue and the link, never the recipient. */
  countingUrls: CountingUrls;
}

export type DeliverResult =
  | { state: 'done'; sent: number }
  | { state: 'waiting'; sent: number; /** When the next retry is due. */ nextAttemptAt: string }
  | { state: 'busy' }
  | { state: 'not-sending' };

/** An issue as one language's subscribers get it: in its words, with its links under `prefix` ('' or '/uk'). */
type Copy = { newsletter: Newsletter; rendered: RenderedIssue; prefix: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Delivers an issue to its fixed recipients. Each delivery row is claimed ('sending') before its
 * message goes out and settled ('sent', 'queued' for a retry, 'failed', 'bounced') when the server
 * answers; one process at a time holds an issue (a lease), so a resumed run sends only what was not.
 */
export class NewsletterSender {
  constructor(
    private readonly uow: UnitOfWork<NewsletterStores>,
    private readonly transport: NewsletterTransport,
    private readonly opts: SenderOptions,
  ) {}

  private get store() {
    return this.uow.stores.newsletters;
  }

  private get issues() {
    return this.uow.stores.newsletterIssues;
  }

  /** Fixes the recipients of a due issue (once) and delivers what is due. Safe to call twice, or from two processes. */
  async runIssue(issueId: number): Promise<DeliverResult> {
    const issue = await this.issues.findIssue(issueId);
    if (!issue || issue.status === 'cancelled' || issue.status === 'sent') return { state: 'not-sending' };
    const now = this.opts.clock();
    if (issue.status === 'scheduled') {
      if (issue.sendAt > now.toISOString()) return { state: 'waiting', sent: 0, nextAttemptAt: issue.sendAt };
      const newsletter = await this.store.findNewsletterById(issue.newsletterId);
      if (!newsletter) return { state: 'not-sending' };
      const counting = await this.opts.counting();
      const started = await this.uow.transaction(({ newsletterIssues }) =>
        newsletterIssues.startIssue(issue, { audience: newsletter.audience, counting, now: now.toISOString() }),
      );
      if (started) await this.opts.invalidator.invalidate([cacheKeys.newsletters]);
    }
    return this.deliver(issueId);
  }

  /** Delivers every delivery of a started issue that is due now. */
  async deliver(issueId: number): Promise<DeliverResult> {
    const owner = crypto.randomUUID();
    const leaseUntil = () => new Date(this.opts.clock().getTime() + this.opts.leaseMs).toISOString();
    if (!(await this.issues.acquireLease(issueId, owner, leaseUntil(), this.opts.clock().toISOString()))) {
      const issue = await this.issues.findIssue(issueId);
      return issue?.status === 'sending' ? { state: 'busy' } : { state: 'not-sending' };
    }
    try {
      // We hold the issue now, so rows still 'sending' belong to a sender that died before hearing the answer.
      await this.issues.requeueClaimed(issueId);
      const issue = (await this.issues.findIssue(issueId))!;
      const copies = this.copies(issue);
      // The default language's copy is made before any row is claimed: an issue that cannot render fails here.
      await copies('');
      const pace = this.pacer();
      let sent = 0;
      // The lease is renewed while messages are in flight too (a slow server can make one batch outlast
      // it): a lapsed lease while rows are claimed would let another sender requeue and resend them.
      const renew = () => this.issues.acquireLease(issueId, owner, leaseUntil(), this.opts.clock().toISOString());
      const keeper = new LeaseKeeper(renew, Math.max(200, Math.floor(this.opts.leaseMs / 3)));
      try {
        for (;;) {
          if (keeper.lost || !(await renew())) return { state: 'busy' };
          const batch = await this.issues.claimDeliveries(issueId, this.opts.clock().toISOString(), this.opts.batchSize);
          if (batch.length === 0) break;
          sent += await this.sendBatch(batch, { issue, copies, pace, keeper });
        }
      } finally {
        keeper.stop();
      }
      const next = await this.issues.nextAttemptAt(issueId);
      if (next === null) {
        await this.issues.finishIssue(issueId, this.opts.clock().toISOString());
        return { state: 'done', sent };
      }
      return { state: 'waiting', sent, nextAttemptAt: next };
    } finally {
      await this.issues.releaseLease(issueId, owner);
    }
  }

  /**
   * The issue's copy for a subscriber's language, rendered once per URL prefix in this run (each language's
   * copy is in its words and links to its pages). Callers take them one at a time: two copies registering
   * links at once could give two links one position.
   */
  private copies(issue: Issue): (language: string) => Promise<Copy> {
    const languages = new Map<string, Promise<MailLanguage>>();
    const byPrefix = new Map<string, Promise<Copy>>();
    return async (language) => {
      if (!languages.has(language)) languages.set(language, this.opts.mailLanguage(language));
      const mail = await languages.get(language)!;
      if (!byPrefix.has(mail.prefix)) byPrefix.set(mail.prefix, this.renderForSend(issue, mail));
      return byPrefix.get(mail.prefix)!;
    };
  }

  /** The issue as its recipients get it: with the pixel and counted links when the issue counts. */
  private async renderForSend(issue: Issue, mail: MailLanguage): Promise<Copy> {
    const out = await this.opts.render(issue, mail);
    const prefix = mail.prefix;
    if (!issue.counting) return { ...out, prefix };
    const html = await countedHtml(out.rendered.html, {
      urls: this.opts.countingUrls,
      issueId: issue.id,
      positions: (links) => this.issues.registerLinks(issue.id, links),
    });
    return { newsletter: out.newsletter, rendered: { ...out.rendered, html }, prefix };
  }

  /** A draft issue to one address (the editor's own), outside any list: no delivery row, subject marked as a test. */
  async sendTest(
    draft: Pick<Issue, 'id' | 'newsletterId' | 'subject' | 'intro' | 'number' | 'articleIds'>,
    to: string,
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    const { newsletter, rendered } = await this.opts.render(draft as Issue, await this.opts.mailLanguage(''));
    const d: ClaimedDelivery = {
      issueId: 0,
      subscriberId: 0,
      email: to,
      name: '',
      token: 'test-send-not-a-subscriber',
      attempts: 0,
      subscriberStatus: 'confirmed',
      language: '',
    };
    const m = this.message(d, {
      issue: { ...(draft as Issue), id: 0 },
      newsletter,
      rendered: { ...rendered, subject: `[Test] ${rendered.subject}` },
      prefix: '',
    });
    try {
      await this.transport.send({ ...m, messageId: `<test-${crypto.randomUUID()}@${this.opts.host}>` });
      return { ok: true };
    } catch (err) {
      return { ok: false, message: (err as { response?: string }).response ?? (err as Error).message };
    }
  }

  /** Sends a claimed batch with `concurrency` messages in flight; successes are recorded as they come, in group writes. */
  private async sendBatch(
    batch: ClaimedDelivery[],
    ctx: { issue: Issue; copies: (language: string) => Promise<Copy>; pace: () => Promise<void>; keeper: LeaseKeeper },
  ): Promise<number> {
    // Each language's copy is made before the first message goes out, one after another (see copies()).
    for (const language of new Set(batch.map((d) => d.language))) await ctx.copies(language);
    let next = 0;
    let sent = 0;
    const settled = new GroupWriter(
      (ids: number[]) => this.issues.markSent(ctx.issue.id, ids, this.opts.clock().toISOString()),
      this.opts.settleEvery.ids,
      this.opts.settleEvery.ms,
    );
    const worker = async () => {
      while (next < batch.length) {
        const d = batch[next++]!;
        if (d.subscriberStatus !== 'confirmed') {
          await this.issues.markUnsent(d.issueId, d.subscriberId, {
            status: 'failed',
            nextAttemptAt: this.opts.clock().toISOString(),
            error: `not sent: the address is ${d.subscriberStatus} now`,
          });
          continue;
        }
        await ctx.pace();
        // Lost the issue to another sender: leave the rest of the claimed rows for it to requeue.
        if (ctx.keeper.lost) break;
        let accepted = false;
        try {
          await this.transport.send(this.message(d, { issue: ctx.issue, ...(await ctx.copies(d.language)) }));
          accepted = true;
        } catch (err) {
          await this.recordFailure(d, err);
        }
        if (accepted) {
          sent++;
          await settled.add(d.subscriberId);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, batch.length) }, worker));
    await settled.flush();
    return sent;
  }

  private message(d: ClaimedDelivery, ctx: { issue: Issue } & Copy) {
    const links = this.opts.unsubscribe(d.token, ctx.prefix);
    const personal = (s: string) => s.replaceAll(TOKEN_SLOT, d.token);
    return {
      from: { name: ctx.newsletter.senderName, address: ctx.newsletter.senderEmail },
      to: d.email,
      subject: ctx.rendered.subject,
      html: personal(ctx.rendered.html),
      text: personal(ctx.rendered.text),
      // The same id on every attempt: a server that took a message we never heard back about can drop the copy.
      messageId: `<issue-${ctx.issue.id}.sub-${d.subscriberId}@${this.opts.host}>`,
      headers: listHeaders({
        unsubscribeUrl: links.url,
        unsubscribeMailto: links.mailto,
        listId: `${ctx.newsletter.name.replace(/[<>"]/g, '')} <${ctx.newsletter.slug}.${this.opts.host}>`,
      }),
    };
  }

  private async recordFailure(d: ClaimedDelivery, err: unknown): Promise<void> {
    const now = this.opts.clock();
    const error = (err as { response?: string; message?: string }).response ?? (err as Error).message ?? String(err);
    if (smtpFailureKind(err) === 'permanent') {
      await this.uow.transaction(async ({ newsletters, newsletterIssues }) => {
        await newsletterIssues.markUnsent(d.issueId, d.subscriberId, { status: 'bounced', nextAttemptAt: now.toISOString(), error });
        await newsletters.recordBounce(d.subscriberId, BOUNCE_LIMIT, now.toISOString());
      });
      return;
    }
    const attempt = d.attempts + 1;
    if (attempt >= MAX_DELIVERY_ATTEMPTS) {
      await this.issues.markUnsent(d.issueId, d.subscriberId, { status: 'failed', nextAttemptAt: now.toISOString(), error });
      return;
    }
    await this.issues.markUnsent(d.issueId, d.subscriberId, {
      status: 'queued',
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, this.opts.retryBaseMs)).toISOString(),
      error,
    });
  }

  /** At most `rate` message starts per second, by the wall clock (pacing is about real time, not the domain clock). */
  private pacer(): () => Promise<void> {
    const gap = 1000 / this.opts.rate;
    let nextAt = performance.now();
    return async () => {
      const now = performance.now();
      const wait = nextAt - now;
      nextAt = Math.max(now, nextAt) + gap;
      if (wait > 0) await sleep(wait);
    };
  }
}

/**
 * Records ids in group writes, one at a time: a write happens when `maxIds` have gathered or `maxDelayMs`
 * after the first one, whichever comes first. With SQLite each write is a commit (an fsync with
 * synchronous=FULL, blocking the event loop), so a write per reply is what capped the rate; the price is
 * the in-doubt window (see CONTEXT.md), which is at most that many messages or that long.
 */
class GroupWriter {
  private pending: number[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (ids: number[]) => Promise<void>,
    private readonly maxIds: number,
    private readonly maxDelayMs: number,
  ) {}

  async add(id: number): Promise<void> {
    this.pending.push(id);
    // Awaited when full: the senders wait for the write rather than pile up unrecorded replies.
    if (this.pending.length >= this.maxIds) return this.flush();
    // A failed timed write keeps its ids pending; the batch's final flush retries and reports it.
    this.timer ??= setTimeout(() => void this.flush().catch(() => {}), this.maxDelayMs);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
    if (this.pending.length === 0) return;
    const ids = this.pending;
    this.pending = [];
    this.running = this.write(ids)
      .catch((err: unknown) => {
        this.pending.unshift(...ids);
        throw err;
      })
      .finally(() => (this.running = null));
    await this.running;
  }
}

/**
 * Renews a lease on a timer while a batch is in flight. Once a renewal fails (another sender holds the
 * issue) `lost` stays true and the sender stops starting messages.
 */
class LeaseKeeper {
  lost = false;
  private readonly timer: NodeJS.Timeout;
  private busy = false;

  constructor(renew: () => Promise<boolean>, everyMs: number) {
    this.timer = setInterval(() => {
      if (this.busy || this.lost) return;
      this.busy = true;
      renew()
        .then((ok) => void (ok || (this.lost = true)))
        // A failed write (database busy) is retried on the next tick; the lease has slack for that.
        .catch(() => {})
        .finally(() => (this.busy = false));
    }, everyMs);
    // Never what keeps a finished process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
