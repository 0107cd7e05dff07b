import { issueProblem, type ReaderProblem } from '../i18n/reader-problem.js';
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../accounts/user.js';
import { bodyText } from '../articles/article-body.js';
import type { PublicArticle } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { AuditService } from '../audit/audit-service.js';
import { articleWriteKeys, cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { MailLanguageOf } from '../i18n/mail-language.js';
import type { Mailer } from '../mail/mailer.js';
import { anchorQuote, normalizeQuote, reanchor, type Anchor, type Reanchored } from './anchoring.js';
import { LIMITS, NOTE_KINDS, type CorrectionNote, type CorrectionReport, type LoggedNote, type NoteKind, type ReportStatus } from './correction.js';
import type { CorrectionStore } from './correction-store.js';

/** A reader's report as the API and the no-JS form accept it. */
export const reportInputSchema = z.object({
  article: z.string({ error: 'article is required (the article slug)' }).min(1, 'article is required (the article slug)').max(200),
  revision: z.number().int().positive().optional(),
  quote: z.object(
    {
      exact: z.string({ error: 'quote.exact is required' }).max(LIMITS.quote * 2, `quote.exact must be at most ${LIMITS.quote} characters`),
      prefix: z.string().max(200).default(''),
      suffix: z.string().max(200).default(''),
    },
    { error: 'quote is required: the passage you want to report, as {"exact": "..."}' },
  ),
  position: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
  suggestion: z
    .string({ error: 'suggestion is required: say what is wrong and what it should say' })
    .trim()
    .min(1, 'suggestion is required: say what is wrong and what it should say')
    .max(LIMITS.suggestion, `suggestion must be at most ${LIMITS.suggestion} characters`),
  email: z
    .email({ error: 'email must be an email address, or left out' })
    .max(254)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Honeypot: people leave it empty; bots fill it. */
  website: z.string().max(500).optional(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

/** A refusal names its field, says it in English (the JSON API's words) and as a reader-catalog problem (the form's). */
export type SubmitResult =
  { ok: true; id: number; count: number; spam: boolean } | { ok: false; status: 400 | 404 | 422; field: string; message: string; problem: ReaderProblem };

/** A report with where its passage is in the article now. */
export interface ReportInContext {
  report: CorrectionReport;
  article: { id: number; slug: string; headline: string };
  placement: Reanchored;
  /** Current text around the passage: before, the passage, after (empty passage when orphaned). */
  context: { before: string; passage: string; after: string };
}

const fingerprint = (articleId: number, exact: string, suggestion: string) =>
  crypto
    .createHash('sha256')
    .update(`${articleId}\u0000${exact}\u0000${suggestion.replace(/\s+/g, ' ').trim().toLowerCase()}`)
    .digest('hex');

/** Reader reports in, notes out: the corrections desk. */
export class CorrectionService {
  constructor(
    private readonly store: CorrectionStore,
    private readonly articles: ArticleService,
    private readonly audit: AuditService,
    private readonly invalidator: Invalidator,
    private readonly mailer: Mailer,
    private readonly site: { name: () => Promise<string>; articleUrl: (slug: string, language: string) => Promise<string>; mailLanguage: MailLanguageOf },
  ) {}

  /** Validates, anchors and stores a reader's report. Nothing identifies the reader but an optional email. */
  async submitReport(raw: unknown, now: Date): Promise<SubmitResult> {
    const parsed = reportInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, status: 400, field: issue.path.join('.') || 'body', message: issue.message, problem: issueProblem(issue) };
    }
    const input = parsed.data;
    const article = await this.articles.getPublicArticle(input.article, now);
    if (!article)
      return {
        ok: false,
        status: 404,
        field: 'article',
        message: `article "${input.article}" is not a published article`,
        problem: { code: 'error.missing.article' },
      };
    const exact = normalizeQuote(input.quote.exact);
    if (!exact)
      return {
        ok: false,
        status: 422,
        field: 'quote.exact',
        message: 'quote.exact is empty: select the passage you want to report',
        problem: { code: 'problem.report.emptyQuote' },
      };
    if (exact.length > LIMITS.quote)
      return {
        ok: false,
        status: 422,
        field: 'quote.exact',
        message: `quote.exact must be at most ${LIMITS.quote} characters`,
        problem: { code: 'problem.report.quoteTooLong', values: { max: LIMITS.quote } },
      };
    // Bots fill every field; pretend to accept, keep nothing.
    if (input.website) return { ok: true, id: 0, count: 0, spam: true };

    const placed = await this.anchorInRevisions(article, { exact, prefix: input.quote.prefix, suffix: input.quote.suffix }, input.position, input.revision);
    if (!placed)
      return {
        ok: false,
        status: 422,
        field: 'quote.exact',
        message: 'quote.exact was not found in this article (any version of it)',
        problem: { code: 'problem.report.notFound' },
      };
    const { id, count } = await this.store.upsertReport({
      articleId: article.id,
      revision: placed.revision,
      exact: placed.anchor.quote.exact,
      prefix: placed.anchor.quote.prefix,
      suffix: placed.anchor.quote.suffix,
      start: placed.anchor.position.start,
      end: placed.anchor.position.end,
      suggestion: input.suggestion,
      fingerprint: fingerprint(article.id, placed.anchor.quote.exact, input.suggestion),
      now: now.toISOString(),
    });
    if (input.email) await this.store.addContact(id, input.email.toLowerCase());
    return { ok: true, id, count, spam: false };
  }

  /** The revision the reader saw first, then the current text, then older revisions. */
  private async anchorInRevisions(
    article: PublicArticle,
    quote: { exact: string; prefix: string; suffix: string },
    position: { start: number; end: number } | undefined,
    seen: number | undefined,
  ) {
    const revisions = await this.store.listRevisionHtml(article.id);
    const ordered = [...revisions.filter((r) => r.revision === seen), ...revisions.filter((r) => r.revision !== seen)];
    for (const r of ordered) {
      const anchor = anchorQuote(bodyText(r.bodyHtml), quote, r.revision === seen ? position : undefined);
      if (anchor) return { revision: r.revision, anchor };
    }
    return null;
  }

  /** The queue: reports in a status, each placed in the article's current text. */
  async listQueue(status: ReportStatus | null, page: number): Promise<{ items: ReportInContext[]; hasNext: boolean }> {
    const reports = await this.store.listReports({ status, limit: 51, offset: (page - 1) * 50 });
    const items = await Promise.all(reports.slice(0, 50).map((r) => this.inContext(r)));
    return { items: items.filter((x): x is ReportInContext => x !== null), hasNext: reports.length > 50 };
  }

  async findReport(id: number): Promise<ReportInContext | null> {
    const r = await this.store.findReport(id);
    return r ? this.inContext(r) : null;
  }

  private async inContext(report: CorrectionReport): Promise<ReportInContext | null> {
    const article = await this.articles.findArticleById(report.articleId);
    if (!article) return null;
    const anchor: Anchor = { quote: report.quote, position: report.position };
    const placement = reanchor(anchor, article.bodyText);
    const text = article.bodyText;
    const context =
      placement.status === 'orphaned'
        ? { before: '', passage: '', after: '' }
        : {
            before: text.slice(Math.max(0, placement.anchor.position.start - 160), placement.anchor.position.start),
            passage: text.slice(placement.anchor.position.start, placement.anchor.position.end),
            after: text.slice(placement.anchor.position.end, placement.anchor.position.end + 160),
          };
    return { report, article: { id: article.id, slug: article.slug, headline: article.headline }, placement, context };
  }

  /**
   * Accepts, rejects or marks a report as a duplicate. Readers who left an address get one short
   * email when their report is accepted or rejected; their address is then erased.
   */
  async setStatus(reportId: number, status: ReportStatus, actor: Actor, now: Date): Promise<{ ok: true; notified: number } | { ok: false; message: string }> {
    const report = await this.store.findReport(reportId);
    if (!report) return { ok: false, message: 'No such report.' };
    await this.store.updateReportStatus(reportId, status, actor.name, now.toISOString());
    await this.audit.record({ at: now, actor, action: `correction.${status}`, subject: `report ${reportId}`, detail: report.quote.exact.slice(0, 80) });
    let notified = 0;
    if (status === 'accepted' || status === 'rejected') {
      const article = await this.articles.findArticleById(report.articleId);
      const outlet = await this.site.name();
      // In the story's language: the reader wrote about a passage of it.
      const { t } = await this.site.mailLanguage(article?.language ?? '');
      const headline = article?.headline ?? t('mail.report.ourArticle');
      const link = status === 'accepted' && article ? await this.site.articleUrl(article.slug, article.language) : null;
      const subject = t('mail.report.subject', { outlet });
      for (const email of await this.store.listContacts(reportId)) {
        const text =
          status === 'accepted'
            ? `${t('mail.report.accepted', { headline })}\n\n${link ?? ''}\n\n${outlet}`
            : `${t('mail.report.rejected', { headline })}\n\n${outlet}`;
        await this.mailer.send({ to: email, subject, text });
        await this.store.eraseContact(reportId, email);
        notified++;
      }
    }
    return { ok: true, notified };
  }

  /** Publishes a correction or clarification on an article. Invalidates the article, its lists, feeds and the log. */
  async publishNote(
    input: { articleId: number; kind: NoteKind; body: string; reportId: number | null },
    actor: Actor,
    now: Date,
  ): Promise<{ ok: true; id: number } | { ok: false; field: string; message: string }> {
    const kind = z.enum(NOTE_KINDS).safeParse(input.kind);
    if (!kind.success) return { ok: false, field: 'kind', message: 'kind must be correction or clarification' };
    const body = input.body.trim();
    if (!body) return { ok: false, field: 'body', message: 'write the note readers will see' };
    if (body.length > LIMITS.note) return { ok: false, field: 'body', message: `the note must be at most ${LIMITS.note} characters` };
    const article = await this.articles.findArticleById(input.articleId);
    if (!article) return { ok: false, field: 'article', message: 'No such article.' };
    const id = await this.store.insertNote({
      articleId: article.id,
      kind: kind.data,
      body,
      publishedAt: now.toISOString(),
      createdBy: actor.name,
      reportId: input.reportId,
    });
    await this.store.touchArticle(article.id, now.toISOString());
    await this.audit.record({ at: now, actor, action: `note.${kind.data}`, subject: article.slug, detail: body.slice(0, 80) });
    await this.invalidator.invalidate([
      ...articleWriteKeys({
        slug: article.slug,
        sectionSlug: article.section?.slug ?? null,
        tagSlugs: article.tags.map((t) => t.slug),
        authorSlugs: article.authors.map((a) => a.slug),
      }),
      cacheKeys.corrections,
    ]);
    return { ok: true, id };
  }

  listNotesForArticle(articleId: number): Promise<CorrectionNote[]> {
    return this.store.listNotesForArticle(articleId);
  }

  async listLog(page: number, now: Date, perPage = 20): Promise<{ items: LoggedNote[]; hasNext: boolean }> {
    const rows = await this.store.listLoggedNotes({ now: now.toISOString(), limit: perPage + 1, offset: (page - 1) * perPage });
    return { items: rows.slice(0, perPage), hasNext: rows.length > perPage };
  }

  listReportsForCli(status: ReportStatus | null) {
    return this.store.listReports({ status, limit: 10_000, offset: 0 });
  }
}
