import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../accounts/account-policy.js';
import { actorOf } from '../accounts/user.js';
import { actorFrom, redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { HttpError, notFound } from '../http/errors.js';
import { adminText } from '../i18n/admin-text.js';
import type { SiteService } from '../site/site-service.js';
import type { Urls } from '../site/urls.js';
import { ArticleListPage, DiffPage, RevisionsPage } from '../views/pages/admin/article-pages.js';
import { ArticlePage } from '../views/pages/articles/article-page.js';
import { presentArticle, type PresenterContext } from '../views/presenters.js';
import { formatMoment } from '../views/format.js';
import { renderDocument } from '../views/render.js';
import { ARTICLE_STATUSES } from './article.js';
import { OutletLanguages } from '../i18n/languages.js';
import type { ArticleEditing } from './article-editing.js';
import type { ArticleService } from './article-service.js';
import type { ArticleDrafting } from './article-drafting.js';
import { registerArticleEditorRoutes } from './article-editor-routes.js';
import { registerArticleFormRoutes } from './article-form-routes.js';
import { idParams, idSchema } from '../http/url-ids.js';

export interface ArticleAdminDeps {
  editing: ArticleEditing;
  drafting: ArticleDrafting;
  articles: ArticleService;
  site: SiteService;
  urls: Urls;
  clock: () => Date;
  pageContext: (now: Date) => Promise<PresenterContext>;
  editorAssets: () => { jsHref: string; cssHref: string } | null;
  /** Sending a published story to a newsletter (the newsletter service, wired in main.ts). */
  newsletterSends?: NewsletterSends;
}

/** What the article pages need of newsletters: the lists, and one story send (a job on the queue). */
export interface NewsletterSends {
  listNewsletters(): Promise<{ id: number; name: string }[]>;
  sendStory(input: { newsletterId: number; slug: string; createdBy: string }, now: Date): Promise<{ ok: true } | { ok: false; message: string }>;
  /** For a story scheduled for later: the newsletter it goes to once the scheduled publish happens (null: none). */
  sendWhenPublished(
    input: { articleId: number; newsletterId: number | null; createdBy: string },
    now: Date,
  ): Promise<{ ok: true } | { ok: false; message: string }>;
  /** The newsletter a scheduled story waits to be sent to, or null. */
  waitingSendOf(articleId: number): Promise<number | null>;
}

const listQuery = z.object({
  status: z.enum(ARTICLE_STATUSES).or(z.literal('')).default(''),
  section: z.string().max(80).default(''),
  author: z.string().max(80).default(''),
  q: z.string().max(200).default(''),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** The newsroom's article pages: list, new, edit, publish, schedule, preview, revisions. */
export function registerArticleAdminRoutes(deps: ArticleAdminDeps) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    registerArticleEditorRoutes(admin, { drafting: deps.drafting, clock: deps.clock });
    registerArticleFormRoutes(admin, h, deps);
    admin.get('/', { config: { can: 'signed-in' } }, async function showArticleListPage(req, reply) {
      const staff = staffOf(req);
      const q = listQuery.parse(req.query);
      const rows = await deps.editing.listForAdmin({
        status: q.status || null,
        sectionSlug: q.section || null,
        authorSlug: q.author || null,
        q: q.q || null,
        page: q.page,
      });
      const actor = actorOf(staff.user);
      const [allSections, settings] = await Promise.all([deps.articles.listAllSections(), deps.site.getSettings()]);
      const sections = allSections.map((s) => ({ slug: s.slug, name: s.name }));
      const now = deps.clock();
      return h.sendPage(
        reply,
        renderDocument(
          ArticleListPage({
            chrome: await h.chrome(req, reply),
            rows: rows.slice(0, 50).map((r) => ({
              id: r.id,
              headline: r.headline,
              status: r.status,
              section: r.sectionName ?? '',
              updatedAt: r.updatedAt,
              updated: formatMoment(r.updatedAt, now, settings),
              publishedAt: r.publishedAt,
              canEdit: can(actor, 'article.edit', { ownerId: r.ownerUserId }),
            })),
            filters: { status: q.status, section: q.section, author: q.author, q: q.q },
            sections,
            page: q.page,
            hasNext: rows.length > 50,
          }),
        ),
      );
    });

    admin.post('/articles/:id/newsletter', { config: { can: 'newsletters.manage' } }, async function submitArticleNewsletter(req, reply) {
      const { id } = idParams.parse(req.params);
      const { newsletter } = z.object({ newsletter: idSchema('newsletter') }).parse(req.body);
      const article = await deps.editing.findArticle(id);
      if (!article) throw notFound('article');
      if (!deps.newsletterSends) throw new HttpError(404, adminText('admin.editor.refused.noNewsletters'));
      const sent = await deps.newsletterSends.sendStory({ newsletterId: newsletter, slug: article.slug, createdBy: staffOf(req).user.email }, deps.clock());
      if (!sent.ok) throw new HttpError(422, sent.message);
      return redirect(reply, `/admin/articles/${id}?newsletter=sending`);
    });

    // "Translate this story": a linked draft in another of the outlet's languages, opened in the editor.
    admin.post('/articles/:id/translate', { config: { can: 'article.create' } }, async function submitTranslateArticle(req, reply) {
      const { id } = idParams.parse(req.params);
      const { language } = z
        .object({
          language: z
            .string({ error: adminText('admin.editor.problem.translateLanguage') })
            .regex(/^[a-z]{2,3}$/, adminText('admin.editor.problem.translateListed')),
        })
        .parse(req.body);
      const settings = await deps.site.getSettings();
      const outletLanguages = new OutletLanguages({ default: settings.language, others: settings.languages }).all;
      const result = await deps.editing.translate(actorFrom(req), { id, language, outletLanguages }, deps.clock());
      if (!result.ok) throw new HttpError(result.status, result.message);
      return redirect(reply, `/admin/articles/${result.id}?saved=translation`);
    });

    admin.post('/articles/:id/delete', { config: { can: 'article.delete' } }, async function submitDeleteArticle(req, reply) {
      const { id } = idParams.parse(req.params);
      const result = await deps.editing.delete(actorOf(staffOf(req).user), id, deps.clock());
      if (!result.ok) throw new HttpError(result.status, result.message);
      return redirect(reply, '/admin');
    });

    admin.get('/articles/:id/preview', { config: { can: 'article.edit' } }, async function showArticlePreview(req, reply) {
      const { id } = idParams.parse(req.params);
      const article = await deps.editing.findArticle(id);
      if (!article) throw notFound('article');
      if (!can(actorOf(staffOf(req).user), 'article.edit', { ownerId: article.ownerUserId }))
        throw new HttpError(403, adminText('admin.editor.refused.previewOwn'));
      const now = deps.clock();
      const [ctx, more] = await Promise.all([deps.pageContext(now), deps.articles.listRelatedArticles(article, now)]);
      // The same template readers get, for the saved draft; never indexed, never cached.
      const view = presentArticle({ ...article, publishedAt: article.publishedAt ?? now.toISOString() }, more, ctx);
      view.head.robots = 'noindex, nofollow';
      return h.sendPage(reply, renderDocument(ArticlePage({ v: view })));
    });

    admin.get('/articles/:id/revisions', { config: { can: 'article.edit' } }, async function showRevisionsPage(req, reply) {
      const { id } = idParams.parse(req.params);
      const article = await deps.editing.findArticle(id);
      if (!article) throw notFound('article');
      const actor = actorOf(staffOf(req).user);
      if (!can(actor, 'article.edit', { ownerId: article.ownerUserId })) throw new HttpError(403, adminText('admin.editor.refused.revisionsOwn'));
      const [rows, settings] = await Promise.all([deps.drafting.listRevisionsWithAutosaves(id), deps.site.getSettings()]);
      const now = deps.clock();
      const revisions = rows.map((r) => ({
        revision: r.revision,
        headline: r.headline,
        createdBy: r.createdBy,
        saved: formatMoment(r.createdAt, now, settings),
        autosaves: r.autosaves.map((a) => ({ id: a.id, headline: a.headline, createdBy: a.createdBy, saved: formatMoment(a.createdAt, now, settings) })),
      }));
      return h.sendPage(
        reply,
        renderDocument(RevisionsPage({ chrome: await h.chrome(req, reply), articleId: id, headline: article.headline, revisions, canRestore: true })),
      );
    });

    admin.get('/articles/:id/diff', { config: { can: 'article.edit' } }, async function showDiffPage(req, reply) {
      const { id } = idParams.parse(req.params);
      const { from, to } = z.object({ from: idSchema('from'), to: idSchema('to') }).parse(req.query);
      const article = await deps.editing.findArticle(id);
      if (!article) throw notFound('article');
      if (!can(actorOf(staffOf(req).user), 'article.edit', { ownerId: article.ownerUserId }))
        throw new HttpError(403, adminText('admin.editor.refused.revisionsOwn'));
      const diff = await deps.editing.diffRevisions(id, from, to);
      if (!diff) throw notFound('revision');
      return h.sendPage(reply, renderDocument(DiffPage({ chrome: await h.chrome(req, reply), articleId: id, from, to, diff })));
    });

    admin.post('/articles/:id/revisions/:revision/restore', { config: { can: 'article.edit' } }, async function submitRestoreRevision(req, reply) {
      const { id, revision } = z.object({ id: idSchema(), revision: idSchema('revision') }).parse(req.params);
      const result = await deps.editing.restoreRevision(actorOf(staffOf(req).user), id, revision, deps.clock());
      if (!result.ok) throw new HttpError(result.status, result.message);
      return redirect(reply, `/admin/articles/${id}?saved=restored`);
    });
  };
}
