import { sql, type Selectable } from 'kysely';
import type { Db } from '../store/db.js';
import { containsText } from '../store/like-pattern.js';
import type { Database } from '../store/schema.js';
import type { Newsletter, NewsletterInput, Subscriber, SubscriberStatus } from './newsletter.js';
import type { NewsletterIssueStore } from './newsletter-issue-store.js';

/** The stores the newsletters domain works with (one unit of work holds both). */
export type NewsletterStores = { newsletters: NewsletterStore; newsletterIssues: NewsletterIssueStore };

type NewsletterRow = Selectable<Database['newsletters']>;
type SubscriberRow = Selectable<Database['newsletter_subscribers']>;

const toNewsletter = (r: NewsletterRow): Newsletter => ({
  id: Number(r.id),
  slug: r.slug,
  name: r.name,
  description: r.description,
  senderName: r.sender_name,
  senderEmail: r.sender_email,
  audience: r.audience,
  createdAt: r.created_at,
});
const toSubscriber = (r: SubscriberRow): Subscriber => ({
  id: Number(r.id),
  newsletterId: Number(r.newsletter_id),
  email: r.email,
  name: r.name,
  status: r.status,
  token: r.token,
  bounces: Number(r.bounces),
  subscribedAt: r.subscribed_at,
  confirmedAt: r.confirmed_at,
  language: r.language,
});
/**
 * Rows of newsletters, their subscribers, and the sends that wait for a story's publication. With
 * NewsletterIssueStore (issues, deliveries, counting) the only SQL of the newsletters domain.
 */
export class NewsletterStore {
  constructor(private readonly db: Db) {}

  async insertNewsletter(input: NewsletterInput, now: string): Promise<Newsletter> {
    const row = await this.db
      .insertInto('newsletters')
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description,
        sender_name: input.senderName,
        sender_email: input.senderEmail,
        audience: input.audience,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toNewsletter(row);
  }

  async updateNewsletter(id: number, input: NewsletterInput): Promise<void> {
    await this.db
      .updateTable('newsletters')
      .set({
        slug: input.slug,
        name: input.name,
        description: input.description,
        sender_name: input.senderName,
        sender_email: input.senderEmail,
        audience: input.audience,
      })
      .where('id', '=', id)
      .execute();
  }

  async listNewsletters(): Promise<Newsletter[]> {
    return (await this.db.selectFrom('newsletters').selectAll().orderBy('id').execute()).map(toNewsletter);
  }

  async findNewsletterById(id: number): Promise<Newsletter | null> {
    const r = await this.db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toNewsletter(r) : null;
  }

  async findNewsletterBySlug(slug: string): Promise<Newsletter | null> {
    const r = await this.db.selectFrom('newsletters').selectAll().where('slug', '=', slug).executeTakeFirst();
    return r ? toNewsletter(r) : null;
  }

  // --- subscribers ---

  async findSubscriber(newsletterId: number, email: string): Promise<Subscriber | null> {
    const r = await this.db
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .where('newsletter_id', '=', newsletterId)
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return r ? toSubscriber(r) : null;
  }

  async findSubscriberByToken(token: string): Promise<Subscriber | null> {
    const r = await this.db.selectFrom('newsletter_subscribers').selectAll().where('token', '=', token).executeTakeFirst();
    return r ? toSubscriber(r) : null;
  }

  async insertSubscriber(s: {
    newsletterId: number;
    email: string;
    name: string;
    status: SubscriberStatus;
    token: string;
    subscribedAt: string;
    confirmedAt: string | null;
    /** '' (the default) for the outlet's default language. */
    language?: string;
    now: string;
  }): Promise<Subscriber> {
    const row = await this.db
      .insertInto('newsletter_subscribers')
      .values({
        newsletter_id: s.newsletterId,
        email: s.email,
        name: s.name,
        status: s.status,
        token: s.token,
        subscribed_at: s.subscribedAt,
        confirmed_at: s.confirmedAt,
        updated_at: s.now,
        language: s.language ?? '',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscriber(row);
  }

  /** Starts a subscription over (a returning reader): pending again with a fresh token. */
  async restartSubscriber(
    id: number,
    s: { name: string; status: SubscriberStatus; token: string; subscribedAt: string; confirmedAt: string | null; language: string; now: string },
  ): Promise<void> {
    await this.db
      .updateTable('newsletter_subscribers')
      .set({
        name: s.name,
        status: s.status,
        token: s.token,
        subscribed_at: s.subscribedAt,
        confirmed_at: s.confirmedAt,
        language: s.language,
        bounces: 0,
        updated_at: s.now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Changes the status only from one of `from`; says whether it did. */
  async setSubscriberStatus(id: number, to: SubscriberStatus, from: SubscriberStatus[], now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('newsletter_subscribers')
      .set({ status: to, updated_at: now, ...(to === 'confirmed' ? { confirmed_at: now } : {}) })
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Counts one permanent failure; at `limit` the address becomes 'bouncing' and gets nothing more. */
  async recordBounce(id: number, limit: number, now: string): Promise<void> {
    await this.db
      .updateTable('newsletter_subscribers')
      .set({
        bounces: sql`bounces + 1`,
        status: sql`case when bounces + 1 >= ${limit} and status = 'confirmed' then 'bouncing' else status end`,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async deletePendingBefore(before: string): Promise<number> {
    const r = await this.db.deleteFrom('newsletter_subscribers').where('status', '=', 'pending').where('subscribed_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async listSubscribers(q: { newsletterId: number; query: string; status: SubscriberStatus | null; limit: number; offset: number }): Promise<Subscriber[]> {
    let s = this.db.selectFrom('newsletter_subscribers').selectAll().where('newsletter_id', '=', q.newsletterId);
    if (q.status) s = s.where('status', '=', q.status);
    if (q.query) s = s.where((eb) => eb.or([containsText('email', q.query), containsText('name', q.query)]));
    return (await s.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute()).map(toSubscriber);
  }

  async countSubscribersByStatus(newsletterId: number): Promise<Record<SubscriberStatus, number>> {
    const rows = await this.db
      .selectFrom('newsletter_subscribers')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('newsletter_id', '=', newsletterId)
      .groupBy('status')
      .execute();
    const out: Record<SubscriberStatus, number> = { pending: 0, confirmed: 0, unsubscribed: 0, bouncing: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** Every subscription of every newsletter (or one), oldest first, for export. Streams in pages of `limit`. */
  async listSubscribersAfter(q: { newsletterId: number | null; afterId: number; limit: number }): Promise<Subscriber[]> {
    let s = this.db.selectFrom('newsletter_subscribers').selectAll().where('id', '>', q.afterId);
    if (q.newsletterId !== null) s = s.where('newsletter_id', '=', q.newsletterId);
    return (await s.orderBy('id').limit(q.limit).execute()).map(toSubscriber);
  }

  async listSubscriptionsOf(email: string): Promise<Subscriber[]> {
    return (
      await this.db
        .selectFrom('newsletter_subscribers')
        .selectAll()
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .execute()
    ).map(toSubscriber);
  }

  // --- "send when publishing" for a story scheduled for later ---

  /** Remembers (or replaces, or with null forgets) the newsletter a scheduled story goes to when it is published. */
  async setPublishSend(articleId: number, send: { newsletterId: number; createdBy: string; now: string } | null): Promise<void> {
    await this.db.deleteFrom('newsletter_publish_sends').where('article_id', '=', articleId).execute();
    if (send)
      await this.db
        .insertInto('newsletter_publish_sends')
        .values({ article_id: articleId, newsletter_id: send.newsletterId, created_by: send.createdBy, created_at: send.now })
        .execute();
  }

  async findPublishSend(articleId: number): Promise<{ newsletterId: number; createdBy: string } | null> {
    const r = await this.db
      .selectFrom('newsletter_publish_sends')
      .select(['newsletter_id', 'created_by'])
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    return r ? { newsletterId: Number(r.newsletter_id), createdBy: r.created_by } : null;
  }

  /** Waiting sends whose story is published now (by the publish-due job, or by hand). */
  async listPublishSendsOfPublished(): Promise<{ articleId: number; slug: string; newsletterId: number; createdBy: string }[]> {
    const rows = await this.db
      .selectFrom('newsletter_publish_sends as p')
      .innerJoin('articles as a', 'a.id', 'p.article_id')
      .select(['p.article_id', 'a.slug', 'p.newsletter_id', 'p.created_by'])
      .where('a.status', '=', 'published')
      .orderBy('p.article_id')
      .execute();
    return rows.map((r) => ({ articleId: Number(r.article_id), slug: r.slug, newsletterId: Number(r.newsletter_id), createdBy: r.created_by }));
  }

  /**
   * Takes the waiting send of a story: deletes the row and returns what it held, or null. The delete
   * is what decides, so two processes publishing at once create the send once.
   */
  async takePublishSend(articleId: number): Promise<{ newsletterId: number; createdBy: string } | null> {
    const r = await this.db
      .deleteFrom('newsletter_publish_sends')
      .where('article_id', '=', articleId)
      .returning(['newsletter_id', 'created_by'])
      .executeTakeFirst();
    return r ? { newsletterId: Number(r.newsletter_id), createdBy: r.created_by } : null;
  }
}
