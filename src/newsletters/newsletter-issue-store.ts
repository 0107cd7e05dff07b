import { sql, type Selectable } from 'kysely';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import type { ClaimedDelivery, DeliveryCounts, Issue, IssueLink, Newsletter } from './newsletter.js';

type IssueRow = Selectable<Database['newsletter_issues']>;

const toIssue = (r: IssueRow): Issue => ({
  id: Number(r.id),
  newsletterId: Number(r.newsletter_id),
  number: Number(r.number),
  subject: r.subject,
  intro: r.intro,
  articleIds: JSON.parse(r.article_ids) as number[],
  status: r.status,
  sendAt: r.send_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  counting: Number(r.counting) === 1,
  opens: Number(r.opens),
});

/**
 * Rows of a newsletter's issues and of their deliveries (one per recipient, fixed when the send
 * starts), the delivery lease, and the opt-in counting of opens and clicks. With NewsletterStore the
 * only SQL of the newsletters domain.
 */
export class NewsletterIssueStore {
  constructor(private readonly db: Db) {}

  async insertIssue(i: {
    newsletterId: number;
    subject: string;
    intro: string;
    articleIds: number[];
    sendAt: string;
    createdBy: string;
    now: string;
  }): Promise<Issue> {
    const last = await this.db
      .selectFrom('newsletter_issues')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('newsletter_id', '=', i.newsletterId)
      .executeTakeFirst();
    const row = await this.db
      .insertInto('newsletter_issues')
      .values({
        newsletter_id: i.newsletterId,
        number: Number(last?.n ?? 0) + 1,
        subject: i.subject,
        intro: i.intro,
        article_ids: JSON.stringify(i.articleIds),
        status: 'scheduled',
        send_at: i.sendAt,
        created_by: i.createdBy,
        created_at: i.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toIssue(row);
  }

  async findIssue(id: number): Promise<Issue | null> {
    const r = await this.db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toIssue(r) : null;
  }

  async findIssueByNumber(newsletterId: number, number: number): Promise<Issue | null> {
    const r = await this.db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('newsletter_id', '=', newsletterId)
      .where('number', '=', number)
      .executeTakeFirst();
    return r ? toIssue(r) : null;
  }

  async listIssues(newsletterId: number, opts: { sentOnly: boolean; limit: number }): Promise<Issue[]> {
    let s = this.db.selectFrom('newsletter_issues').selectAll().where('newsletter_id', '=', newsletterId);
    if (opts.sentOnly) s = s.where('status', 'in', ['sending', 'sent']);
    return (await s.orderBy('number', 'desc').limit(opts.limit).execute()).map(toIssue);
  }

  async listDueIssues(now: string): Promise<Issue[]> {
    return (
      await this.db.selectFrom('newsletter_issues').selectAll().where('status', '=', 'scheduled').where('send_at', '<=', now).orderBy('send_at').execute()
    ).map(toIssue);
  }

  async listUnfinishedIssues(): Promise<Issue[]> {
    return (await this.db.selectFrom('newsletter_issues').selectAll().where('status', '=', 'sending').orderBy('id').execute()).map(toIssue);
  }

  async cancelIssue(id: number): Promise<boolean> {
    const r = await this.db
      .updateTable('newsletter_issues')
      .set({ status: 'cancelled' })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Fixes the recipients: one delivery row per confirmed subscriber the audience allows, now.
   * Only from 'scheduled', so a second start (two workers, a retried job) adds nobody. Run in a transaction.
   */
  async startIssue(issue: Issue, o: { audience: Newsletter['audience']; counting: boolean; now: string }): Promise<boolean> {
    const { audience, now } = o;
    const r = await this.db
      .updateTable('newsletter_issues')
      .set({ status: 'sending', started_at: now, counting: o.counting ? 1 : 0 })
      .where('id', '=', issue.id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    const member = sql`exists (select 1 from members m where lower(m.email) = lower(s.email))`;
    const patron = sql`exists (select 1 from members m join patronages p on p.member_id = m.id
      where lower(m.email) = lower(s.email) and p.status in ('active', 'past_due') and (p.expires_at is null or p.expires_at > ${now}))`;
    const filter = audience === 'patrons' ? patron : audience === 'members' ? member : sql`1 = 1`;
    await sql`insert into newsletter_deliveries (issue_id, subscriber_id, email, status, attempts, next_attempt_at, last_error)
      select ${issue.id}, s.id, s.email, 'queued', 0, ${now}, '' from newsletter_subscribers s
      where s.newsletter_id = ${issue.newsletterId} and s.status = 'confirmed' and ${filter}`.execute(this.db);
    return true;
  }

  /** Takes the issue's delivery lease when free, expired, or already ours. */
  async acquireLease(issueId: number, owner: string, until: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('newsletter_issues')
      .set({ lease_owner: owner, lease_until: until })
      .where('id', '=', issueId)
      .where('status', '=', 'sending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async releaseLease(issueId: number, owner: string): Promise<void> {
    await this.db
      .updateTable('newsletter_issues')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', issueId)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /** Rows a dead sender claimed and never settled go back to the queue (see CONTEXT.md: the in-doubt window). */
  async requeueClaimed(issueId: number): Promise<number> {
    const r = await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'queued' })
      .where('issue_id', '=', issueId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Claims up to `limit` queued deliveries that are due: they become 'sending' before any message goes out. */
  async claimDeliveries(issueId: number, now: string, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db
      .selectFrom('newsletter_deliveries as d')
      .innerJoin('newsletter_subscribers as s', 's.id', 'd.subscriber_id')
      .select(['d.subscriber_id', 'd.email', 'd.attempts', 's.name', 's.token', 's.status', 's.language'])
      .where('d.issue_id', '=', issueId)
      .where('d.status', '=', 'queued')
      .where('d.next_attempt_at', '<=', now)
      .orderBy('d.subscriber_id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.subscriber_id);
    await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'sending' })
      .where('issue_id', '=', issueId)
      .where('subscriber_id', 'in', ids)
      .where('status', '=', 'queued')
      .execute();
    return rows.map((r) => ({
      issueId,
      subscriberId: Number(r.subscriber_id),
      email: r.email,
      name: r.name,
      token: r.token,
      attempts: Number(r.attempts),
      subscriberStatus: r.status,
      language: r.language,
    }));
  }

  async markSent(issueId: number, subscriberIds: number[], now: string): Promise<void> {
    if (subscriberIds.length === 0) return;
    await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'sent', sent_at: now, attempts: sql`attempts + 1` })
      .where('issue_id', '=', issueId)
      .where('subscriber_id', 'in', subscriberIds)
      .execute();
  }

  async markUnsent(issueId: number, subscriberId: number, d: { status: 'queued' | 'failed' | 'bounced'; nextAttemptAt: string; error: string }): Promise<void> {
    await this.db
      .updateTable('newsletter_deliveries')
      .set({ status: d.status, next_attempt_at: d.nextAttemptAt, last_error: d.error.slice(0, 500), attempts: sql`attempts + 1` })
      .where('issue_id', '=', issueId)
      .where('subscriber_id', '=', subscriberId)
      .execute();
  }

  async countDeliveries(issueId: number): Promise<DeliveryCounts> {
    const rows = await this.db
      .selectFrom('newsletter_deliveries')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('issue_id', '=', issueId)
      .groupBy('status')
      .execute();
    const out: DeliveryCounts = { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** When the next queued delivery is due, or null when none is left. */
  async nextAttemptAt(issueId: number): Promise<string | null> {
    const r = await this.db
      .selectFrom('newsletter_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('t'))
      .where('issue_id', '=', issueId)
      .where('status', 'in', ['queued', 'sending'])
      .executeTakeFirst();
    return (r?.t as string | null | undefined) ?? null;
  }

  async finishIssue(issueId: number, now: string): Promise<void> {
    await this.db
      .updateTable('newsletter_issues')
      .set({ status: 'sent', finished_at: now, lease_owner: null, lease_until: null })
      .where('id', '=', issueId)
      .where('status', '=', 'sending')
      .execute();
  }

  // --- counting (opt-in, per issue; never per person) ---

  /**
   * Gives each of an issue's links a stable position, keeping those it already has (a resumed send
   * renders again and must produce the same redirect URLs). Returns url -> position.
   */
  async registerLinks(issueId: number, urls: string[]): Promise<Map<string, number>> {
    const known = await this.db.selectFrom('newsletter_links').select(['position', 'url']).where('issue_id', '=', issueId).execute();
    const out = new Map(known.map((r) => [r.url, Number(r.position)]));
    let next = known.reduce((m, r) => Math.max(m, Number(r.position)), 0) + 1;
    const fresh = [...new Set(urls)].filter((u) => !out.has(u)).map((url) => ({ issue_id: issueId, position: next++, url }));
    if (fresh.length) {
      await this.db
        .insertInto('newsletter_links')
        .values(fresh)
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const f of fresh) out.set(f.url, f.position);
    }
    return out;
  }

  /** One more open of a counted issue; false when the issue does not count (or does not exist). */
  async countOpen(issueId: number): Promise<boolean> {
    const r = await this.db
      .updateTable('newsletter_issues')
      .set({ opens: sql`opens + 1` })
      .where('id', '=', issueId)
      .where('counting', '=', 1)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** One more click on a counted issue's link; its URL, or null for a link the issue never carried. */
  async countClick(issueId: number, position: number): Promise<string | null> {
    const r = await this.db
      .updateTable('newsletter_links')
      .set({ clicks: sql`clicks + 1` })
      .where('issue_id', '=', issueId)
      .where('position', '=', position)
      .where((eb) => eb.exists(eb.selectFrom('newsletter_issues as i').select('i.id').where('i.id', '=', issueId).where('i.counting', '=', 1)))
      .returning('url')
      .executeTakeFirst();
    return r?.url ?? null;
  }

  async listLinks(issueId: number): Promise<IssueLink[]> {
    const rows = await this.db
      .selectFrom('newsletter_links')
      .select(['position', 'url', 'clicks'])
      .where('issue_id', '=', issueId)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({ position: Number(r.position), url: r.url, clicks: Number(r.clicks) }));
  }
}
