import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import type { Grant, GrantScope, GrantSummary, RepublishRequest, RepublishViewCount, RequestStatus } from './partner.js';

type RequestRow = Omit<Database['republish_requests'], 'id' | 'decision_note'> & { id: number; decision_note: string };
type GrantRow = Omit<Database['partner_grants'], 'id'> & { id: number };

const toRequest = (r: RequestRow): RepublishRequest => ({
  id: r.id,
  organisation: r.organisation,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  website: r.website,
  articles: r.articles,
  purpose: r.purpose,
  wantsFullText: r.wants_full_text === 1,
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  decisionNote: r.decision_note,
});

const toGrant = (r: GrantRow, slugs: string[]): Grant => ({
  id: r.id,
  partnerName: r.partner_name,
  scope:
    r.scope_kind === 'all' ? { kind: 'all' } : r.scope_kind === 'section' ? { kind: 'section', section: r.scope_section ?? '' } : { kind: 'articles', slugs },
  fullText: r.full_text === 1,
  expiresAt: r.expires_at,
  notes: r.notes,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  requestId: r.request_id,
});

export interface NewRequest {
  organisation: string;
  contactName: string;
  contactEmail: string;
  website: string;
  articles: string;
  purpose: string;
  wantsFullText: boolean;
  now: string;
}

export interface NewGrant {
  partnerName: string;
  scope: GrantScope;
  fullText: boolean;
  expiresAt: string | null;
  notes: string;
  createdBy: string;
  requestId: number | null;
  keyHash: string;
  keyPrefix: string;
  now: string;
}

/** SQL for republish requests, partner grants and keys, and the usage counts. */
export class PartnerStore {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in a transaction, or in the caller's when this store is already bound to one. */
  private inTransaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? fn(this.db) : this.db.transaction().execute(fn);
  }

  async insertRequest(r: NewRequest): Promise<number> {
    const row = await this.db
      .insertInto('republish_requests')
      .values({
        organisation: r.organisation,
        contact_name: r.contactName,
        contact_email: r.contactEmail,
        website: r.website,
        articles: r.articles,
        purpose: r.purpose,
        wants_full_text: r.wantsFullText ? 1 : 0,
        status: 'new',
        created_at: r.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findRequest(id: number): Promise<RepublishRequest | null> {
    const r = await this.db.selectFrom('republish_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toRequest(r) : null;
  }

  /** Undecided requests first, then newest first. */
  async listRequests(f: { status: RequestStatus | null; limit: number }): Promise<RepublishRequest[]> {
    let q = this.db.selectFrom('republish_requests').selectAll();
    if (f.status) q = q.where('status', '=', f.status);
    const rows = await q
      .orderBy(sql`CASE WHEN status = 'new' THEN 0 ELSE 1 END`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
    return rows.map(toRequest);
  }

  /** Decides an undecided request. False when it was already decided (or is unknown): the first decision stands. */
  async decideRequest(d: { id: number; status: 'granted' | 'refused'; by: string; note: string; now: string }): Promise<boolean> {
    return decide(this.db, d);
  }

  /**
   * Creates a grant, its article list and its first key, and marks its request granted: all or
   * nothing. When the request was decided meanwhile, nothing is written.
   */
  async createGrant(g: NewGrant): Promise<{ ok: true; grantId: number; keyId: number } | { ok: false; reason: 'request-decided' }> {
    return this.inTransaction(async (db) => {
      if (g.requestId !== null) {
        const decided = await decide(db, { id: g.requestId, status: 'granted', by: g.createdBy, note: g.notes, now: g.now });
        if (!decided) return { ok: false, reason: 'request-decided' };
      }
      const grant = await db
        .insertInto('partner_grants')
        .values({
          partner_name: g.partnerName,
          scope_kind: g.scope.kind,
          scope_section: g.scope.kind === 'section' ? g.scope.section : null,
          full_text: g.fullText ? 1 : 0,
          expires_at: g.expiresAt,
          notes: g.notes,
          created_at: g.now,
          created_by: g.createdBy,
          revoked_at: null,
          revoked_by: null,
          request_id: g.requestId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (g.scope.kind === 'articles' && g.scope.slugs.length) {
        await db
          .insertInto('partner_grant_articles')
          .values(g.scope.slugs.map((slug) => ({ grant_id: grant.id, article_slug: slug })))
          .execute();
      }
      const key = await db
        .insertInto('partner_keys')
        .values({ grant_id: grant.id, key_hash: g.keyHash, key_prefix: g.keyPrefix, created_at: g.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ok: true, grantId: grant.id, keyId: key.id };
    });
  }

  async findGrant(id: number): Promise<Grant | null> {
    const r = await this.db.selectFrom('partner_grants').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toGrant(r, await this.grantSlugs(id)) : null;
  }

  /** Revokes a grant that is not revoked yet. False when it already was (or is unknown). */
  async revokeGrant(id: number, by: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('partner_grants')
      .set({ revoked_at: now, revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The grant a key belongs to, by the key's hash. */
  async findGrantByKeyHash(hash: string): Promise<{ keyId: number; grant: Grant } | null> {
    const r = await this.db
      .selectFrom('partner_keys as k')
      .innerJoin('partner_grants as g', 'g.id', 'k.grant_id')
      .selectAll('g')
      .select('k.id as key_id')
      .where('k.key_hash', '=', hash)
      .executeTakeFirst();
    if (!r) return null;
    const { key_id, ...grant } = r;
    return { keyId: key_id, grant: toGrant(grant, await this.grantSlugs(grant.id)) };
  }

  /** Every grant, newest first, with key prefixes and usage counts. */
  async listGrantSummaries(limit: number): Promise<GrantSummary[]> {
    const rows = await this.db
      .selectFrom('partner_grants as g')
      .selectAll('g')
      .select((eb) => [
        eb
          .selectFrom('full_text_fetches as f')
          .select((e) => e.fn.countAll().as('n'))
          .whereRef('f.grant_id', '=', 'g.id')
          .as('fetches'),
        eb
          .selectFrom('republish_views as v')
          .select((e) => e.fn.coalesce(e.fn.sum('v.view_count'), e.lit(0)).as('n'))
          .where('v.article_id', 'in', (e) => e.selectFrom('full_text_fetches as f2').select('f2.article_id').whereRef('f2.grant_id', '=', 'g.id'))
          .as('views'),
      ])
      .orderBy('g.created_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [slugs, keys] = await Promise.all([
      this.db.selectFrom('partner_grant_articles').select(['grant_id', 'article_slug']).where('grant_id', 'in', ids).orderBy('article_slug').execute(),
      this.db.selectFrom('partner_keys').select(['grant_id', 'key_prefix']).where('grant_id', 'in', ids).orderBy('id').execute(),
    ]);
    return rows.map(({ fetches, views, ...r }) => ({
      ...toGrant(
        r,
        slugs.filter((s) => s.grant_id === r.id).map((s) => s.article_slug),
      ),
      keyPrefixes: keys.filter((k) => k.grant_id === r.id).map((k) => k.key_prefix),
      fullTextFetches: Number(fetches ?? 0),
      views: Number(views ?? 0),
    }));
  }

  async insertFullTextFetch(f: { keyId: number; grantId: number; articleId: number; now: string }): Promise<void> {
    await this.db.insertInto('full_text_fetches').values({ key_id: f.keyId, grant_id: f.grantId, article_id: f.articleId, fetched_at: f.now }).execute();
  }

  /**
   * Counts one view of a republished copy: one statement, so views at once all count. An unknown
   * article adds nothing (the row comes from a SELECT on articles).
   */
  async countRepublishView(v: { articleId: number; referrerHost: string; day: string }): Promise<void> {
    await this.db
      .insertInto('republish_views')
      .columns(['article_id', 'referrer_host', 'day', 'view_count'])
      .expression((eb) =>
        eb
          .selectFrom('articles')
          .select((e) => [e.ref('id').as('article_id'), e.val(v.referrerHost).as('referrer_host'), e.val(v.day).as('day'), e.lit(1).as('view_count')])
          // The WHERE also settles SQLite's parse of INSERT … SELECT … ON CONFLICT.
          .where('id', '=', v.articleId),
      )
      .onConflict((oc) => oc.columns(['article_id', 'referrer_host', 'day']).doUpdateSet((eb) => ({ view_count: eb('republish_views.view_count', '+', 1) })))
      .execute();
  }

  /** Whether pixel views from this host are counted already. */
  async isCountedReferrerHost(host: string): Promise<boolean> {
    return (await this.db.selectFrom('republish_hosts').select('host').where('host', '=', host).executeTakeFirst()) !== undefined;
  }

  /** The websites given in requests that hold a live grant (as typed; the service reads their hosts). */
  async listPartnerWebsites(now: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('partner_grants as g')
      .innerJoin('republish_requests as r', 'r.id', 'g.request_id')
      .select('r.website')
      .distinct()
      .where('g.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', now)]))
      .where('r.website', '<>', '')
      .execute();
    return rows.map((r) => r.website);
  }

  /**
   * Starts counting a host, in one statement: only for a published article, and, for a host that is
   * not a partner's (`newPerDay` set), only while fewer than that many were added on `day`.
   * True when the host is counted now (added here or before).
   */
  async admitReferrerHost(a: { host: string; day: string; via: 'partner' | 'seen'; articleId: number; newPerDay: number | null }): Promise<boolean> {
    await this.db
      .insertInto('republish_hosts')
      .columns(['host', 'first_seen_day', 'via'])
      .expression((eb) => {
        let q = eb
          .selectFrom('articles')
          .select((e) => [e.val(a.host).as('host'), e.val(a.day).as('first_seen_day'), e.val(a.via).as('via')])
          .where('id', '=', a.articleId)
          .where('status', '=', 'published');
        if (a.newPerDay !== null) {
          const cap = a.newPerDay;
          q = q.where((e) =>
            e(
              e
                .selectFrom('republish_hosts')
                .select((c) => c.fn.countAll().as('n'))
                .where('via', '=', 'seen')
                .where('first_seen_day', '=', a.day),
              '<',
              cap,
            ),
          );
        }
        return q;
      })
      .onConflict((oc) => oc.column('host').doNothing())
      .execute();
    return this.isCountedReferrerHost(a.host);
  }

  /** Views per article and referring site, most viewed first. */
  async listRepublishViews(limit: number): Promise<RepublishViewCount[]> {
    const rows = await this.db
      .selectFrom('republish_views as v')
      .innerJoin('articles as a', 'a.id', 'v.article_id')
      .select((eb) => [
        'v.article_id',
        'a.slug',
        'a.headline',
        'v.referrer_host',
        eb.fn.sum<number>('v.view_count').as('views'),
        eb.fn.max('v.day').as('last_day'),
      ])
      .groupBy(['v.article_id', 'a.slug', 'a.headline', 'v.referrer_host'])
      .orderBy('views', 'desc')
      .orderBy('v.article_id', 'desc')
      .orderBy('v.referrer_host')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      articleId: r.article_id,
      articleSlug: r.slug,
      articleHeadline: r.headline,
      referrerHost: r.referrer_host,
      views: Number(r.views),
      lastDay: r.last_day,
    }));
  }

  private async grantSlugs(grantId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('partner_grant_articles').select('article_slug').where('grant_id', '=', grantId).orderBy('article_slug').execute();
    return rows.map((r) => r.article_slug);
  }
}

/** Only an undecided request changes: two editors deciding at once make one decision. */
async function decide(db: Db, d: { id: number; status: 'granted' | 'refused'; by: string; note: string; now: string }): Promise<boolean> {
  const r = await db
    .updateTable('republish_requests')
    .set({ status: d.status, decided_at: d.now, decided_by: d.by, decision_note: d.note })
    .where('id', '=', d.id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
