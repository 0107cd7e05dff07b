import crypto from 'node:crypto';
import type { Mailer } from '../mail/mailer.js';
import type { MailLanguage } from './newsletter-mail.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { emailSchema, fail, normalizeEmail, PENDING_LIFETIME_MS, type Fail, type Newsletter, type Subscriber, type SubscriberStatus } from './newsletter.js';
import type { NewsletterStores } from './newsletter-store.js';
import { csvField, readSubscriberCsv } from './subscriber-csv.js';

export type ImportReport = { ok: true; added: number; alreadyThere: number } | { ok: false; problems: { line: number; message: string }[] };

/** What a confirmation mail needs to know of the site. */
export interface SubscriptionSite {
  name: () => Promise<string>;
  /** The confirmation link, under a language's URL prefix ('' or '/uk'). */
  confirmUrl: (token: string, prefix: string) => string;
  /** A subscriber's language as the mail's words and URL prefix (see NewsletterSite.mailLanguage). */
  mailLanguage: (language: string) => Promise<MailLanguage>;
}

/**
 * A newsletter's subscribers: signing up with double opt-in, confirming, leaving (one click), a
 * signed-in reader's own choices, unconfirmed addresses pruned after 7 days, CSV in and out.
 */
export class SubscriptionService {
  constructor(
    private readonly uow: UnitOfWork<NewsletterStores>,
    private readonly mailer: Mailer,
    private readonly site: SubscriptionSite,
  ) {}

  private get store() {
    return this.uow.stores.newsletters;
  }

  /**
   * A signup from a form: the address gets a confirmation link and nothing else until it is used.
   * The answer is the same whether or not the address was already on the list, so the form tells no one who is.
   * `language` is the page's ('uk' under /uk/, '' at the root): the mail is written in it and links to pages in it. A confirmed
   * address keeps its own, since anyone can send this form.
   */
  async subscribe(
    input: { newsletter: string; email: string; name?: string; language?: string },
    now: Date,
  ): Promise<{ ok: true; newsletter: Newsletter } | Fail> {
    const newsletter = await this.store.findNewsletterBySlug(input.newsletter);
    if (!newsletter) return fail(404, 'newsletter', 'There is no such newsletter.');
    const email = emailSchema.safeParse(input.email);
    if (!email.success) return fail(422, 'email', email.error.issues[0]!.message);
    const address = normalizeEmail(email.data);
    const name = (input.name ?? '').trim().slice(0, 200);
    const existing = await this.store.findSubscriber(newsletter.id, address);
    if (existing?.status === 'confirmed') return { ok: true, newsletter };
    const token = newToken();
    const language = input.language ?? existing?.language ?? '';
    if (existing)
      await this.store.restartSubscriber(existing.id, {
        name: name || existing.name,
        status: 'pending',
        token,
        subscribedAt: now.toISOString(),
        confirmedAt: null,
        language,
        now: now.toISOString(),
      });
    else
      await this.store.insertSubscriber({
        newsletterId: newsletter.id,
        email: address,
        name,
        status: 'pending',
        token,
        subscribedAt: now.toISOString(),
        confirmedAt: null,
        language,
        now: now.toISOString(),
      });
    const [outlet, { prefix, t }] = await Promise.all([this.site.name(), this.site.mailLanguage(language)]);
    await this.mailer.send({
      to: address,
      subject: t('mail.confirm.subject', { newsletter: newsletter.name }),
      text: t('mail.confirm.text', { newsletter: newsletter.name, outlet, link: this.site.confirmUrl(token, prefix) }),
    });
    return { ok: true, newsletter };
  }

  /** Uses a confirmation link. Confirming twice is fine; an unknown or expired token is not. */
  async confirm(token: string, now: Date): Promise<{ ok: true; newsletter: Newsletter; subscriber: Subscriber } | Fail> {
    const s = await this.store.findSubscriberByToken(token);
    if (!s || s.status === 'unsubscribed' || s.status === 'bouncing')
      return fail(404, 'token', 'This confirmation link is not valid any more. Sign up again to get a new one.');
    if (s.status === 'pending') await this.store.setSubscriberStatus(s.id, 'confirmed', ['pending'], now.toISOString());
    return { ok: true, newsletter: (await this.store.findNewsletterById(s.newsletterId))!, subscriber: s };
  }

  /** One-click unsubscribe (RFC 8058): the token is the whole authority. Twice is fine. */
  async unsubscribe(token: string, now: Date): Promise<{ ok: true; newsletter: Newsletter; email: string } | Fail> {
    const s = await this.store.findSubscriberByToken(token);
    if (!s) return fail(404, 'token', 'This unsubscribe link is not valid. You may already have left the list.');
    await this.store.setSubscriberStatus(s.id, 'unsubscribed', ['pending', 'confirmed', 'bouncing'], now.toISOString());
    return { ok: true, newsletter: (await this.store.findNewsletterById(s.newsletterId))!, email: s.email };
  }

  findSubscriberByToken(token: string): Promise<Subscriber | null> {
    return this.store.findSubscriberByToken(token);
  }

  /** A signed-in reader's subscriptions, by newsletter. */
  async subscriptionsOf(email: string): Promise<{ newsletter: Newsletter; status: SubscriberStatus | null }[]> {
    const [all, mine] = await Promise.all([this.store.listNewsletters(), this.store.listSubscriptionsOf(email)]);
    return all.map((newsletter) => ({ newsletter, status: mine.find((s) => s.newsletterId === newsletter.id)?.status ?? null }));
  }

  /**
   * Sets a signed-in reader's subscriptions to exactly `slugs`. Their address is proven by the sign-in
   * link, so joining here needs no second confirmation. A list joined here gets the page's `language`.
   */
  async setSubscriptions(choice: { email: string; slugs: string[]; language: string }, now: Date): Promise<{ ok: true } | Fail> {
    const { email, slugs, language } = choice;
    const all = await this.store.listNewsletters();
    const unknown = slugs.find((s) => !all.some((n) => n.slug === s));
    if (unknown) return fail(422, 'newsletters', `There is no newsletter called ${unknown}.`);
    const at = now.toISOString();
    await this.uow.transaction(async ({ newsletters }) => {
      for (const n of all) {
        const want = slugs.includes(n.slug);
        const s = await newsletters.findSubscriber(n.id, email);
        if (want && !s)
          await newsletters.insertSubscriber({
            newsletterId: n.id,
            email,
            name: '',
            status: 'confirmed',
            token: newToken(),
            subscribedAt: at,
            confirmedAt: at,
            language,
            now: at,
          });
        else if (want && s && s.status !== 'confirmed')
          await newsletters.restartSubscriber(s.id, {
            name: s.name,
            status: 'confirmed',
            token: newToken(),
            subscribedAt: at,
            confirmedAt: at,
            language,
            now: at,
          });
        else if (!want && s && s.status !== 'unsubscribed')
          await newsletters.setSubscriberStatus(s.id, 'unsubscribed', ['pending', 'confirmed', 'bouncing'], at);
      }
    });
    return { ok: true };
  }

  /** Deletes addresses never confirmed within 7 days of signing up. */
  pruneUnconfirmed(now: Date): Promise<number> {
    return this.store.deletePendingBefore(new Date(now.getTime() - PENDING_LIFETIME_MS).toISOString());
  }

  listSubscribers(q: { newsletterId: number; query: string; status: SubscriberStatus | null; page: number; perPage: number }) {
    return this.store.listSubscribers({
      newsletterId: q.newsletterId,
      query: q.query,
      status: q.status,
      limit: q.perPage + 1,
      offset: (q.page - 1) * q.perPage,
    });
  }

  countSubscribers(newsletterId: number) {
    return this.store.countSubscribersByStatus(newsletterId);
  }

  /**
   * Imports a CSV of addresses, all or nothing: any broken row and nothing is added, with a report per
   * row. Imported addresses are 'pending' (they get nothing until confirmed) unless `confirmed` says
   * they already opted in elsewhere. Addresses already on the list are left as they are.
   */
  async importCsv(text: string, opts: { newsletterId: number; confirmed: boolean; now: Date }): Promise<ImportReport> {
    if (!(await this.store.findNewsletterById(opts.newsletterId)))
      return { ok: false, problems: [{ line: 0, message: `there is no newsletter with id ${opts.newsletterId}` }] };
    const { rows, error } = readSubscriberCsv(text);
    if (error) return { ok: false, problems: [{ line: 0, message: error }] };
    const problems = rows.flatMap((r) => (r.ok ? [] : [{ line: r.line, message: r.message }]));
    if (problems.length) return { ok: false, problems };
    const at = opts.now.toISOString();
    return this.uow.transaction(async ({ newsletters }) => {
      let added = 0;
      let alreadyThere = 0;
      for (const r of rows) {
        if (!r.ok) continue;
        if (await newsletters.findSubscriber(opts.newsletterId, r.email)) {
          alreadyThere++;
          continue;
        }
        const since = r.subscribedAt ?? at;
        // A pending import row keeps the 7-day clock of today, not of its old signup date.
        await newsletters.insertSubscriber({
          newsletterId: opts.newsletterId,
          email: r.email,
          name: r.name,
          status: opts.confirmed ? 'confirmed' : 'pending',
          token: newToken(),
          subscribedAt: opts.confirmed ? since : at,
          confirmedAt: opts.confirmed ? since : null,
          now: at,
        });
        added++;
      }
      return { ok: true as const, added, alreadyThere };
    });
  }

  /** CSV of subscribers (one newsletter or all), written a page at a time. */
  async exportCsv(newsletterId: number | null, write: (chunk: string) => void): Promise<number> {
    const slugs = new Map((await this.store.listNewsletters()).map((n) => [n.id, n.slug]));
    write('newsletter,email,name,status,subscribed_at,confirmed_at\n');
    let after = 0;
    let n = 0;
    for (;;) {
      const page = await this.store.listSubscribersAfter({ newsletterId, afterId: after, limit: 1000 });
      if (page.length === 0) return n;
      write(
        page
          .map((s) => [slugs.get(s.newsletterId) ?? '', s.email, s.name, s.status, s.subscribedAt, s.confirmedAt ?? ''].map(csvField).join(',') + '\n')
          .join(''),
      );
      n += page.length;
      after = page[page.length - 1]!.id;
    }
  }
}

const newToken = () => crypto.randomBytes(24).toString('base64url');
