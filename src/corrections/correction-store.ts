import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import type { CorrectionNote, CorrectionReport, LoggedNote, NoteKind, ReportStatus } from './correction.js';

type ReportRow = {
  id: number;
  article_id: number;
  revision: number;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  position_start: number;
  position_end: number;
  suggestion: string;
  status: ReportStatus;
  report_count: number;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
};

const toReport = (r: ReportRow, contacts: number): CorrectionReport => ({
  id: r.id,
  articleId: r.article_id,
  revision: r.revision,
  quote: { exact: r.quote_exact, prefix: r.quote_prefix, suffix: r.quote_suffix },
  position: { start: r.position_start, end: r.position_end },
  suggestion: r.suggestion,
  status: r.status,
  count: r.report_count,
  contacts,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
});

/** SQL for correction reports, their reader contacts, and published notes. */
export class CorrectionStore {
  /** Read on every story page's render: prepared once (store/prepared-query.ts). */
  private readonly notesFor;

  constructor(private readonly db: Db) {
    this.notesFor = prepareQuery(db, (articleId: number) =>
      db.selectFrom('correction_notes').selectAll().where('article_id', '=', articleId).orderBy('published_at').orderBy('id'),
    );
  }

  /**
   * Adds a report, or folds it into the identical open one (same fingerprint): one statement, so two
   * identical reports at once still make one row with a count of two. Returns the report id.
   */
  async upsertReport(r: {
    articleId: number;
    revision: number;
    exact: string;
    prefix: string;
    suffix: string;
    start: number;
    end: number;
    suggestion: string;
    fingerprint: string;
    now: string;
  }): Promise<{ id: number; count: number }> {
    const row = await this.db
      .insertInto('correction_reports')
      .values({
        article_id: r.articleId,
        revision: r.revision,
        quote_exact: r.exact,
        quote_prefix: r.prefix,
        quote_suffix: r.suffix,
        position_start: r.start,
        position_end: r.end,
        suggestion: r.suggestion,
        status: 'new',
        fingerprint: r.fingerprint,
        created_at: r.now,
        updated_at: r.now,
      })
      .onConflict((oc) =>
        oc
          .column('fingerprint')
          // A literal, not a parameter: the target must match the partial index's predicate.
          .where('status', '=', sql.lit('new'))
          .doUpdateSet((eb) => ({ report_count: eb('correction_reports.report_count', '+', 1), updated_at: r.now })),
      )
      .returning(['id', 'report_count'])
      .executeTakeFirstOrThrow();
    return { id: row.id, count: row.report_count };
  }

  async addContact(reportId: number, email: string): Promise<void> {
    await this.db
      .insertInto('correction_report_contacts')
      .values({ report_id: reportId, email, notified_at: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async listContacts(reportId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('correction_report_contacts').select('email').where('report_id', '=', reportId).execute();
    return rows.map((r) => r.email);
  }

  /** Once a reader has been told, their address is no longer kept. */
  async eraseContact(reportId: number, email: string): Promise<void> {
    await this.db.deleteFrom('correction_report_contacts').where('report_id', '=', reportId).where('email', '=', email).execute();
  }

  async findReport(id: number): Promise<CorrectionReport | null> {
    const r = await this.db.selectFrom('correction_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    const c = await this.db
      .selectFrom('correction_report_contacts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow();
    return toReport(r, Number(c.n));
  }

  async listReports(f: { status: ReportStatus | null; limit: number; offset: number }): Promise<CorrectionReport[]> {
    let q = this.db
      .selectFrom('correction_reports as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('correction_report_contacts as c')
          .select((e) => e.fn.countAll().as('n'))
          .whereRef('c.report_id', '=', 'r.id')
          .as('contacts'),
      );
    if (f.status) q = q.where('r.status', '=', f.status);
    const rows = await q.orderBy('r.updated_at', 'desc').orderBy('r.id', 'desc').limit(f.limit).offset(f.offset).execute();
    return rows.map((r) => toReport(r, Number(r.contacts ?? 0)));
  }

  async updateReportStatus(id: number, status: ReportStatus, by: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('correction_reports')
      .set({ status, updated_at: now, resolved_at: status === 'new' ? null : now, resolved_by: status === 'new' ? null : by })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async insertNote(n: { articleId: number; kind: NoteKind; body: string; publishedAt: string; createdBy: string; reportId: number | null }): Promise<number> {
    const r = await this.db
      .insertInto('correction_notes')
      .values({ article_id: n.articleId, kind: n.kind, body: n.body, published_at: n.publishedAt, created_by: n.createdBy, report_id: n.reportId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async listNotesForArticle(articleId: number): Promise<CorrectionNote[]> {
    const rows = await this.notesFor.rows(articleId);
    return rows.map((r) => ({ id: r.id, articleId: r.article_id, kind: r.kind, body: r.body, publishedAt: r.published_at, createdBy: r.created_by }));
  }

  /** The public log: notes on published articles, newest first. */
  async listLoggedNotes(opts: { now: string; limit: number; offset: number }): Promise<LoggedNote[]> {
    const rows = await this.db
      .selectFrom('correction_notes as n')
      .innerJoin('articles as a', 'a.id', 'n.article_id')
      .select(['n.id', 'n.article_id', 'n.kind', 'n.body', 'n.published_at', 'n.created_by', 'a.slug', 'a.headline'])
      .where('a.status', '=', 'published')
      .where('a.published_at', '<=', opts.now)
      .orderBy('n.published_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      kind: r.kind,
      body: r.body,
      publishedAt: r.published_at,
      createdBy: r.created_by,
      articleSlug: r.slug,
      articleHeadline: r.headline,
    }));
  }

  /** A note changes the article: dateModified moves, so feeds and JSON-LD say so. */
  async touchArticle(articleId: number, now: string): Promise<void> {
    await this.db.updateTable('articles').set({ updated_at: now }).where('id', '=', articleId).execute();
  }

  async listRevisionHtml(articleId: number): Promise<{ revision: number; bodyHtml: string }[]> {
    const rows = await this.db
      .selectFrom('article_revisions')
      .select(['revision', 'body_html'])
      .where('article_id', '=', articleId)
      .orderBy('revision', 'desc')
      .execute();
    return rows.map((r) => ({ revision: r.revision, bodyHtml: r.body_html }));
  }
}
