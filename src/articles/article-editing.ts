import { can } from '../accounts/account-policy.js';
import type { Actor } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import type { ImageSource, MediaService } from '../media/media-service.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { slugify, type Article, type ArticleStatus } from './article.js';
import { bodyText } from './article-body.js';
import { articleInputSchema, type ArticleInput } from './article-schema.js';
import type { ArticleService, ArticleStores } from './article-service.js';
import { diffWords, type DiffPart } from './word-diff.js';
import { baseLanguage } from '../i18n/languages.js';

/** The edit form as submitted: plain strings, one field each, as a person typed them. */
export interface EditorForm {
  id: number | null;
  revision: number | null;
  slug: string;
  headline: string;
  standfirst: string;
  bodyHtml: string;
  bodyJson: string;
  heroMediaId: number | null;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  /** One byline a line; "(guest)" after a name marks a guest contributor. */
  authors: string;
  section: string;
  /** Comma-separated. */
  tags: string;
  /** One source a line: "Name | https://…". */
  sources: string;
  /** Comma-separated slugs. */
  related: string;
  language: string;
  /** Publication time as an ISO instant (the route converts the form's local time). */
  publishAt: string | null;
  /** '' (no funding), 'underwritten' or 'sponsored'; the other funding fields apply only with a kind. */
  fundingKind: string;
  fundingName: string;
  fundingUrl: string;
  fundingDisclosure: string;
}

export type EditorAction = 'save' | 'publish' | 'schedule' | 'unpublish';

export type EditResult =
  | { ok: true; id: number; slug: string; revision: number; status: ArticleStatus }
  | { ok: false; status: 403 | 404 | 409 | 422; message: string; fields: Record<string, string> };

const refused = (message: string) => ({ ok: false, status: 403, message, fields: {} }) as const;
const denied = (message: string): EditResult => refused(message);

/** Turns the edit form into the service's typed input, with a message per field a person can fix. */
export function parseEditorForm(
  form: EditorForm,
  status: ArticleStatus,
  publishedAt: string | null,
): { ok: true; input: ArticleInput } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const sources = form.sources
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [name, url] = line.split('|').map((p) => p.trim());
      if (!name || !url) fields.sources = `line ${i + 1}: write "Name | https://address"`;
      return { name: name ?? '', url: url ?? '' };
    });
  const authors = form.authors
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const guest = /\(guest\)\s*$/i.test(line);
      return { name: line.replace(/\(guest\)\s*$/i, '').trim(), guest };
    });
  const list = (s: string) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  const kind = form.fundingKind.trim();
  if (!kind && (form.fundingName.trim() || form.fundingUrl.trim() || form.fundingDisclosure.trim())) {
    fields.fundingKind = 'choose underwritten or sponsored, or clear the funder fields';
  }
  const parsed = articleInputSchema.safeParse({
    slug: form.slug.trim() || slugify(form.headline),
    headline: form.headline,
    standfirst: form.standfirst,
    bodyHtml: form.bodyHtml,
    bodyJson: form.bodyJson,
    hero: form.heroMediaId ? { mediaId: form.heroMediaId, alt: form.heroAlt, caption: form.heroCaption, credit: form.heroCredit } : null,
    authors,
    section: form.section.trim() || null,
    tags: list(form.tags),
    sources,
    related: list(form.related),
    language: form.language.trim() || 'en',
    status,
    publishedAt,
    funding: kind ? { kind, name: form.fundingName, url: form.fundingUrl.trim(), disclosure: form.fundingDisclosure } : null,
  });
  if (!parsed.success) {
    const names: Record<string, string> = { bodyHtml: 'body', hero: 'heroAlt' };
    const fundingNames: Record<string, string> = { kind: 'fundingKind', name: 'fundingName', url: 'fundingUrl', disclosure: 'fundingDisclosure' };
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0]);
      const key = top === 'funding' ? (fundingNames[String(issue.path[1])] ?? 'fundingKind') : (names[top] ?? top);
      fields[key] ??= issue.message;
    }
  }
  if (Object.keys(fields).length || !parsed.success) return { ok: false, fields };
  return { ok: true, input: parsed.data };
}

/** The newsroom's article operations: policy-checked, conflict-checked, audited. */
export class ArticleEditing {
  constructor(
    private readonly uow: UnitOfWork<ArticleStores>,
    private readonly articles: ArticleService,
    private readonly media: MediaService,
    private readonly audit: AuditService,
  ) {}

  listForAdmin(f: { status: ArticleStatus | null; sectionSlug: string | null; authorSlug: string | null; q: string | null; page: number }) {
    return this.uow.stores.articleLists.listArticlesForAdmin({ ...f, limit: 51, offset: (f.page - 1) * 50 });
  }

  findArticle(id: number): Promise<Article | null> {
    return this.uow.stores.articles.findArticleById(id);
  }

  listRecentHeadlines() {
    return this.uow.stores.articleLists.listRecentHeadlines(200);
  }

  /** Uploads an image (hero or inline). Refusals carry a message for the person who chose the file. */
  storeImage(image: ImageSource, now: Date) {
    return this.media.storeImage(image, now);
  }

  /**
   * Whether `actor` may save article `id` (null: a new one) with `action`. The route asks before it
   * stores anything the form carries (the hero image); `save` asks again.
   */
  async authorizeSave(
    actor: Actor,
    id: number | null,
    action: EditorAction,
  ): Promise<{ ok: true; existing: Article | null } | Extract<EditResult, { ok: false }>> {
    const existing = id === null ? null : await this.findArticle(id);
    if (id !== null && !existing) return { ok: false, status: 404, message: 'That article no longer exists.', fields: {} };
    if (existing && !can(actor, 'article.edit', { ownerId: existing.ownerUserId })) return refused('You can only edit your own articles.');
    if (!existing && !can(actor, 'article.create')) return refused('Your role cannot create articles.');
    const ownerId = existing ? existing.ownerUserId : actor.id;
    if (action !== 'save' && !can(actor, 'article.publish', { ownerId })) {
      const why = actor.role === 'contributor' ? 'Contributors cannot publish. Save your draft and ask an editor.' : 'You can only publish your own articles.';
      return refused(why);
    }
    return { ok: true, existing };
  }

  async save(actor: Actor, form: EditorForm, action: EditorAction, now: Date): Promise<EditResult> {
    const allowed = await this.authorizeSave(actor, form.id, action);
    if (!allowed.ok) return allowed;
    const { existing } = allowed;
    if (existing && form.slug.trim() && form.slug.trim() !== existing.slug) {
      return {
        ok: false,
        status: 422,
        message: 'Check the highlighted fields.',
        fields: { slug: 'cannot change once the article exists: links to it would break' },
      };
    }

    let status: ArticleStatus;
    let publishedAt: string | null;
    if (action === 'publish') {
      status = 'published';
      publishedAt = existing?.status === 'published' && existing.publishedAt ? existing.publishedAt : now.toISOString();
    } else if (action === 'schedule') {
      if (!form.publishAt || form.publishAt <= now.toISOString()) {
        return { ok: false, status: 422, message: 'Check the highlighted fields.', fields: { publishAt: 'choose a time in the future to schedule' } };
      }
      status = 'published'; // the service turns a future publication into "scheduled"
      publishedAt = form.publishAt;
    } else if (action === 'unpublish') {
      status = 'draft';
      publishedAt = null;
    } else {
      // Saving keeps whatever state the article is in.
      status = existing?.status === 'scheduled' ? 'published' : (existing?.status ?? 'draft');
      publishedAt = existing?.status === 'draft' ? null : (existing?.publishedAt ?? null);
    }
    const parsed = parseEditorForm({ ...form, slug: existing?.slug ?? form.slug }, status, publishedAt);
    if (!parsed.ok) return { ok: false, status: 422, message: 'Check the highlighted fields.', fields: parsed.fields };

    const result = await this.articles.saveArticle(parsed.input, {
      now,
      actor: actor.name,
      ownerUserId: actor.id,
      ...(existing ? { expectedRevision: form.revision ?? -1 } : {}),
    });
    if (!result.ok) {
      if (result.reason === 'conflict')
        return { ok: false, status: 409, message: `${result.message}. Your text is still in the form below: copy it before reloading.`, fields: {} };
      const field = result.reason === 'slug-taken' ? 'slug' : 'related';
      return { ok: false, status: 422, message: 'Check the highlighted fields.', fields: { [field]: result.message } };
    }
    const saved = (await this.findArticle(result.id))!;
    const auditAction = action === 'save' ? (existing ? null : 'article.create') : `article.${action}`;
    if (auditAction)
      await this.audit.record({ at: now, actor, action: auditAction, subject: saved.slug, detail: action === 'schedule' ? `for ${saved.publishedAt}` : '' });
    return { ok: true, id: saved.id, slug: saved.slug, revision: saved.revision, status: saved.status };
  }

  async delete(actor: Actor, id: number, now: Date): Promise<EditResult | { ok: true; deleted: string }> {
    const existing = await this.findArticle(id);
    if (!existing) return { ok: false, status: 404, message: 'That article no longer exists.', fields: {} };
    if (!can(actor, 'article.delete', { ownerId: existing.ownerUserId })) return denied('You can only delete your own articles.');
    if (existing.status !== 'draft' && !can(actor, 'article.publish', { ownerId: existing.ownerUserId }))
      return denied('Only someone who may publish it can delete a published article.');
    await this.uow.transaction(async (stores) => {
      await stores.search.removeArticle(id);
      await stores.articles.deleteArticle(id);
    });
    await this.articles.invalidateArticle(existing);
    await this.audit.record({ at: now, actor, action: 'article.delete', subject: existing.slug, detail: existing.headline });
    return { ok: true, deleted: existing.slug };
  }

  listRevisions(articleId: number) {
    return this.uow.stores.articles.listRevisions(articleId);
  }

  /** Word-level differences between two revisions' headline, standfirst and body text. */
  /**
   * "Translate this story": a new draft in `language`, prefilled from the original (headline,
   * standfirst, body, hero, bylines, section, tags, sources, funding) for the translator to rewrite,
   * in the original's translation group. `outletLanguages`: the outlet's languages (settings); the
   * draft must be in one of them that the group has no story in yet. Invalidates what a new draft does.
   */
  async translate(actor: Actor, opts: { id: number; language: string; outletLanguages: readonly string[] }, now: Date): Promise<EditResult> {
    if (!can(actor, 'article.create')) return refused('Your role cannot create articles.');
    const original = await this.findArticle(opts.id);
    if (!original) return { ok: false, status: 404, message: 'That article no longer exists.', fields: {} };
    const language = baseLanguage(opts.language.trim());
    const open = untranslatedLanguages(original, opts.outletLanguages);
    if (!open.includes(language)) {
      const message = opts.outletLanguages.map(baseLanguage).includes(language)
        ? `This story already has a version in "${language}".`
        : `"${language}" is not one of the outlet's languages (Settings).`;
      return { ok: false, status: 422, message, fields: { language: message } };
    }
    const slug = await this.freeSlug(`${original.slug}-${language}`.slice(0, 110));
    const form = { ...formFromArticle(original), id: null, revision: null, slug, language, publishAt: null };
    form.heroMediaId = original.hero ? await this.articles.findMediaIdByHash(original.hero.mediaHash) : null;
    const parsed = parseEditorForm(form, 'draft', null);
    if (!parsed.ok) return { ok: false, status: 422, message: 'The original story has fields a draft cannot take.', fields: parsed.fields };
    let keys: string[];
    let id: number;
    try {
      ({ keys, id } = await this.uow.transaction(async (stores) => {
        const saved = await this.articles.saveArticleWith(stores, parsed.input, { now, actor: actor.name, ownerUserId: actor.id });
        if (!saved.ok) throw new TranslationRefused(saved.message);
        const linked = await this.articles.linkTranslationWith(stores, { originalSlug: original.slug, translationSlug: slug });
        if (!linked.ok) throw new TranslationRefused(linked.message);
        return { keys: [...saved.keys, ...linked.keys], id: saved.id };
      }));
    } catch (err) {
      // Two translators at once: the second finds the language taken (or the slug gone) and keeps nothing.
      if (err instanceof TranslationRefused) return { ok: false, status: 409, message: err.message, fields: {} };
      throw err;
    }
    await this.articles.invalidate(keys);
    await this.articles.articlesWritten([id], now);
    await this.audit.record({ at: now, actor, action: 'article.translate', subject: slug, detail: `${language} version of ${original.slug}` });
    const saved = (await this.findArticle(id))!;
    return { ok: true, id, slug, revision: saved.revision, status: saved.status };
  }

  /** `base`, or `base-2`, `base-3`…: the first slug no article has. */
  private async freeSlug(base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if ((await this.uow.stores.articles.findArticleIdsBySlugs([slug])).size === 0) return slug;
    }
  }

  async diffRevisions(articleId: number, from: number, to: number): Promise<{ headline: DiffPart[]; standfirst: DiffPart[]; body: DiffPart[] } | null> {
    const [a, b] = await Promise.all([this.uow.stores.articles.findRevision(articleId, from), this.uow.stores.articles.findRevision(articleId, to)]);
    if (!a || !b) return null;
    return {
      headline: diffWords(a.headline, b.headline),
      standfirst: diffWords(a.standfirst, b.standfirst),
      body: diffWords(bodyText(a.bodyHtml), bodyText(b.bodyHtml)),
    };
  }

  /** Puts an old revision's text back as a new revision (nothing is ever overwritten). */
  async restoreRevision(actor: Actor, articleId: number, revision: number, now: Date): Promise<EditResult> {
    const article = await this.findArticle(articleId);
    const old = article ? await this.uow.stores.articles.findRevision(articleId, revision) : null;
    if (!article || !old) return { ok: false, status: 404, message: 'No such revision.', fields: {} };
    if (!can(actor, 'article.edit', { ownerId: article.ownerUserId })) return denied('You can only edit your own articles.');
    const form = formFromArticle(article);
    const restored: EditorForm = { ...form, headline: old.headline, standfirst: old.standfirst, bodyHtml: old.bodyHtml, bodyJson: '' };
    const result = await this.save(actor, restored, 'save', now);
    if (result.ok) await this.audit.record({ at: now, actor, action: 'article.restore', subject: article.slug, detail: `revision ${revision}` });
    return result;
  }
}

/** The edit form filled from a saved article. */
/** The outlet's languages (base codes) a story has no version in yet: what "Translate this story" offers. */
export function untranslatedLanguages(a: Pick<Article, 'language' | 'translations'>, outletLanguages: readonly string[]): string[] {
  const taken = new Set([a.language, ...a.translations.map((t) => t.language)].map(baseLanguage));
  return outletLanguages.map(baseLanguage).filter((l, i, all) => !taken.has(l) && all.indexOf(l) === i);
}

/** Thrown inside the translation's transaction so the draft is not kept when its link is refused. */
class TranslationRefused extends Error {}

export function formFromArticle(a: Article): EditorForm {
  return {
    id: a.id,
    revision: a.revision,
    slug: a.slug,
    headline: a.headline,
    standfirst: a.standfirst,
    bodyHtml: a.bodyHtml,
    bodyJson: a.bodyJson,
    heroMediaId: null,
    heroAlt: a.hero?.alt ?? '',
    heroCaption: a.hero?.caption ?? '',
    heroCredit: a.hero?.credit ?? '',
    authors: a.authors.map((au) => (au.isGuest ? `${au.name} (guest)` : au.name)).join('\n'),
    section: a.section?.name ?? '',
    tags: a.tags.map((t) => t.name).join(', '),
    sources: a.sources.map((s) => `${s.name} | ${s.url}`).join('\n'),
    related: a.related.map((r) => r.slug).join(', '),
    language: a.language,
    publishAt: a.status === 'scheduled' ? a.publishedAt : null,
    fundingKind: a.funding?.kind ?? '',
    fundingName: a.funding?.name ?? '',
    fundingUrl: a.funding?.url ?? '',
    fundingDisclosure: a.funding?.disclosure ?? '',
  };
}
