import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../accounts/account-policy.js';
import { actorOf } from '../accounts/user.js';
import { actorFrom, redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { uploadedFile } from '../admin/admin-uploads.js';
import { HttpError, notFound } from '../http/errors.js';
import { idParams } from '../http/url-ids.js';
import { adminText } from '../i18n/admin-text.js';
import { OutletLanguages } from '../i18n/languages.js';
import { utcToZonedLocal, zonedLocalToUtc } from '../site/time-zone.js';
import { ArticleEditPage, type EditPageView } from '../views/pages/admin/article-editor-page.js';
import { formatMoment } from '../views/format.js';
import { renderDocument } from '../views/render.js';
import type { ArticleAdminDeps } from './article-admin-routes.js';
import { formFromArticle, untranslatedLanguages, type EditorAction, type EditorForm } from './article-editing.js';

const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').startsWith('application/json');

/** The zone's name as people say it ("Central European Standard Time"), or the IANA name when Intl has none. */
function zoneName(timeZone: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'long' }).formatToParts(now).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

const str = (max: number) => z.string().max(max).default('');
/** The multipart edit form. Files arrive as temporary files; an empty file input is a file of 0 bytes. */
const editBody = z.object({
  action: z.enum(['save', 'publish', 'schedule', 'unpublish']).default('save'),
  revision: z.string().max(12).default(''),
  headline: str(1000),
  standfirst: str(5000),
  body_html: str(400_000),
  body_json: str(1_000_000),
  hero_media_id: str(12),
  hero_file: uploadedFile.optional(),
  heroAlt: str(1000),
  heroCaption: str(2000),
  heroCredit: str(1000),
  authors: str(5000),
  section: str(200),
  newSection: str(200),
  tags: str(2000),
  sources: str(20_000),
  related: str(2000),
  slug: str(200),
  language: str(20),
  publishAt: str(40),
  /** A newsletter id to send the story to once this publish succeeds ('' for none). */
  sendNewsletter: z
    .string()
    .regex(/^\d{0,9}$/, 'must be a newsletter')
    .default(''),
  fundingKind: str(20),
  fundingName: str(1000),
  fundingUrl: str(4000),
  fundingDisclosure: str(5000),
});

/** The editor form: the new and edit pages, and saving them (publish, schedule, send with a newsletter). */
export function registerArticleFormRoutes(admin: FastifyInstance, h: AdminHelpers, deps: ArticleAdminDeps) {
  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: EditorForm,
    extra: { fields?: Record<string, string>; error?: string | null; notice?: string | null; status?: number } = {},
  ) => {
    const actor = actorOf(staffOf(req).user);
    const article = form.id ? await deps.editing.findArticle(form.id) : null;
    const settings = await deps.site.getSettings();
    const ownerId = article ? article.ownerUserId : actor.id;
    const relatedSlugs = form.related
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const [sections, relatedCards, unsavedAutosave] = await Promise.all([
      deps.articles.listAllSections(),
      deps.drafting.findHeadlinesBySlugs(relatedSlugs.slice(0, 20)),
      article && form.revision !== null ? deps.drafting.findUnsavedAutosave(article.id, form.revision) : null,
    ]);
    const v: EditPageView = {
      id: form.id,
      revision: form.revision,
      status: article?.status ?? 'draft',
      publicUrl: article?.status === 'published' ? deps.urls.article(article.slug) : null,
      values: {
        headline: form.headline,
        standfirst: form.standfirst,
        body_html: form.bodyHtml,
        body_json: form.bodyJson,
        hero_media_id: form.heroMediaId ? String(form.heroMediaId) : '',
        heroAlt: form.heroAlt,
        heroCaption: form.heroCaption,
        heroCredit: form.heroCredit,
        authors: form.authors,
        section: form.section,
        tags: form.tags,
        sources: form.sources,
        related: form.related,
        slug: form.slug,
        language: form.language,
        publishAt: form.publishAt ? utcToZonedLocal(form.publishAt, settings.timeZone) : '',
        fundingKind: form.fundingKind,
        fundingName: form.fundingName,
        fundingUrl: form.fundingUrl,
        fundingDisclosure: form.fundingDisclosure,
      },
      hero: article?.hero ? { src: deps.urls.media(article.hero.mediaHash, article.hero.widths[0]!, 'jpeg'), alt: article.hero.alt } : null,
      fields: extra.fields ?? {},
      sectionNames: sections.map((s) => s.name),
      relatedCards,
      canPublish: can(actor, 'article.publish', { ownerId }),
      canDelete: can(actor, 'article.delete', { ownerId }),
      timeZone: settings.timeZone,
      timeZoneName: zoneName(settings.timeZone, deps.clock()),
      editor: deps.editorAssets(),
      draftKey: form.id ? `article:${form.id}:rev${form.revision}` : `new:${actor.id}`,
      savedAt: article?.updatedAt ?? null,
      saved: article ? formatMoment(article.updatedAt, deps.clock(), settings) : null,
      unsavedAutosave: unsavedAutosave
        ? { id: unsavedAutosave.id, createdAt: unsavedAutosave.createdAt, taken: formatMoment(unsavedAutosave.createdAt, deps.clock(), settings) }
        : null,
      slugFixed: article !== null,
      newsletters: deps.newsletterSends && can(actor, 'newsletters.manage') ? await deps.newsletterSends.listNewsletters() : [],
      translations: (article?.translations ?? []).map((t) => ({
        href: `/admin/articles/${t.id}`,
        language: t.language,
        headline: t.headline,
        status: t.status,
      })),
      translateTo:
        article && can(actor, 'article.create')
          ? untranslatedLanguages(article, new OutletLanguages({ default: settings.language, others: settings.languages }).all).map((code) => ({
              code,
              name: languageLabel(code),
            }))
          : [],
      waitingNewsletterId: deps.newsletterSends && form.id && can(actor, 'newsletters.manage') ? await deps.newsletterSends.waitingSendOf(form.id) : null,
    };
    const chrome = await h.chrome(req, reply, { error: extra.error ?? null, notice: extra.notice ?? null });
    return h.sendPage(reply, renderDocument(ArticleEditPage({ chrome, v })), extra.status ?? 200);
  };

  admin.get('/articles/new', { config: { can: 'article.create' } }, async function showNewArticlePage(req, reply) {
    const staff = staffOf(req);
    const settings = await deps.site.getSettings();
    const blank: EditorForm = {
      id: null,
      revision: null,
      slug: '',
      headline: '',
      standfirst: '',
      bodyHtml: '',
      bodyJson: '',
      heroMediaId: null,
      heroAlt: '',
      heroCaption: '',
      heroCredit: '',
      authors: staff.user.name || '',
      section: '',
      tags: '',
      sources: '',
      related: '',
      language: settings.language,
      publishAt: null,
      fundingKind: '',
      fundingName: '',
      fundingUrl: '',
      fundingDisclosure: '',
    };
    return editPage(req, reply, blank);
  });

  admin.get('/articles/:id', { config: { can: 'article.edit' } }, async function showEditArticlePage(req, reply) {
    const { id } = idParams.parse(req.params);
    const article = await deps.editing.findArticle(id);
    if (!article) throw notFound('article');
    if (!can(actorOf(staffOf(req).user), 'article.edit', { ownerId: article.ownerUserId })) throw new HttpError(403, adminText('admin.editor.refused.editOwn'));
    const { saved, find, newsletter } = z
      .object({
        saved: z.string().max(20).optional(),
        find: z.string().max(300).optional(),
        newsletter: z.enum(['sending', 'failed', 'waiting']).optional(),
      })
      .parse(req.query);
    // Fixed copy only: a link cannot make this page say something of its own.
    const newsletterNote = newsletter ? adminText('admin.editor.notice.newsletter', { newsletter }) : '';
    const notice =
      saved === 'translation'
        ? adminText('admin.editor.notice.translation')
        : saved
          ? [adminText('admin.editor.notice.saved', { status: adminText('admin.articles.status', { status: saved }) }), newsletterNote]
              .filter(Boolean)
              .join(' ')
          : newsletter
            ? newsletterNote
            : find
              ? adminText('admin.editor.notice.reported', { passage: find })
              : null;
    return editPage(req, reply, formFromArticle(article), { notice });
  });

  const submit = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const actor = actorFrom(req);
    const body = editBody.parse(req.body);
    // Authorize before anything the form carries is stored: a refused save leaves no image behind.
    const allowed = await deps.editing.authorizeSave(actor, id, body.action);
    if (!allowed.ok) throw new HttpError(allowed.status, allowed.message);
    if (body.sendNewsletter && !can(actor, 'newsletters.manage')) throw new HttpError(403, adminText('admin.editor.refused.newsletterEditors'));
    const now = deps.clock();
    const settings = await deps.site.getSettings();
    const publishAt = body.publishAt ? zonedLocalToUtc(body.publishAt, settings.timeZone) : null;
    const form: EditorForm = {
      id,
      revision: body.revision ? Number(body.revision) : null,
      slug: body.slug,
      headline: body.headline,
      standfirst: body.standfirst,
      bodyHtml: body.body_html,
      bodyJson: body.body_json,
      heroMediaId: body.hero_media_id ? Number(body.hero_media_id) : null,
      heroAlt: body.heroAlt,
      heroCaption: body.heroCaption,
      heroCredit: body.heroCredit,
      authors: body.authors,
      // "New section…" in the select, or a name typed beside it: a typed name wins.
      section: body.newSection.trim() || (body.section === '+new' ? '' : body.section),
      tags: body.tags,
      sources: body.sources,
      related: body.related,
      language: body.language,
      publishAt,
      fundingKind: body.fundingKind,
      fundingName: body.fundingName,
      fundingUrl: body.fundingUrl,
      fundingDisclosure: body.fundingDisclosure,
    };
    if (body.publishAt && !publishAt)
      return editPage(req, reply, form, {
        fields: { publishAt: adminText('admin.editor.problem.publishAt') },
        error: adminText('admin.form.checkFields'),
        status: 422,
      });
    // Keep the current hero unless a new file replaces it.
    const current = allowed.existing;
    if (current?.hero && form.heroMediaId === null) form.heroMediaId = (await deps.articles.findMediaIdByHash(current.hero.mediaHash)) ?? null;
    if (body.hero_file && body.hero_file.bytes > 0) {
      const stored = await deps.editing.storeImage(body.hero_file, now);
      if (!stored.ok) return editPage(req, reply, form, { fields: { hero_file: stored.message }, error: adminText('admin.editor.problem.image'), status: 422 });
      form.heroMediaId = stored.mediaId;
    }
    const result = await deps.editing.save(actor, form, body.action as EditorAction, now);
    // The writing page's first autosave of a new story saves it as a draft this way, and reads JSON.
    if (wantsJson(req)) {
      if (!result.ok) return reply.code(result.status).header('cache-control', 'no-store').send({ error: result.message, fields: result.fields });
      return reply
        .header('cache-control', 'no-store')
        .send({ id: result.id, slug: result.slug, revision: result.revision, status: result.status, url: `/admin/articles/${result.id}` });
    }
    if (!result.ok) {
      if (result.status === 403 || result.status === 404) throw new HttpError(result.status, result.message);
      return editPage(req, reply, form, { fields: result.fields, error: result.message, status: result.status });
    }
    // "Send when publishing", for those who run newsletters (their form's choice is the whole truth):
    // a story published now is sent now; one scheduled for later waits for the publish-due job.
    if (deps.newsletterSends && can(actor, 'newsletters.manage')) {
      const chosen = body.sendNewsletter ? Number(body.sendNewsletter) : null;
      const createdBy = staffOf(req).user.email;
      const later = result.status === 'scheduled' ? chosen : null;
      // Published now or back to draft: a waiting send goes (sent below, or no longer wanted).
      const waiting = await deps.newsletterSends.sendWhenPublished({ articleId: result.id, newsletterId: later, createdBy }, now);
      if (later !== null) return redirect(reply, `/admin/articles/${result.id}?saved=${result.status}&newsletter=${waiting.ok ? 'waiting' : 'failed'}`);
      if (chosen !== null && result.status === 'published') {
        const sent = await deps.newsletterSends.sendStory({ newsletterId: chosen, slug: result.slug, createdBy }, now);
        return redirect(reply, `/admin/articles/${result.id}?saved=${result.status}&newsletter=${sent.ok ? 'sending' : 'failed'}`);
      }
    }
    return redirect(reply, `/admin/articles/${result.id}?saved=${result.status}`);
  };
  admin.post('/articles', { config: { can: 'article.create' } }, async function submitNewArticle(req, reply) {
    return submit(req, reply, null);
  });

  admin.post('/articles/:id', { config: { can: 'article.edit' } }, async function submitArticle(req, reply) {
    const { id } = idParams.parse(req.params);
    return submit(req, reply, id);
  });
}

/** A language named in English (the admin's language) and in itself: "Ukrainian (українська)". */
function languageLabel(code: string): string {
  const name = (locale: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const english = name('en');
  const own = name(code);
  return own === english ? english : `${english} (${own})`;
}
