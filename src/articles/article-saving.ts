import { articleWriteKeys, cacheKeys } from '../cache/cache-keys.js';
import { slugify, type Article } from './article.js';
import { bodyText, renderMarkdown, sanitizeBodyHtml } from './article-body.js';
import type { ArticleInput } from './article-schema.js';
import type { ArticleStores, BulkSave, SaveContext, SaveResult } from './article-service.js';
import type { ArticleRecord, ArticleStore } from './article-store.js';

// Saving a story inside the caller's stores (a transaction): the rows, the derived data, and the pages to purge.

/**
 * Saves inside a caller's transaction (import uses this to make a batch all-or-nothing).
 * Every save keeps a revision. Invalidates: the article, its section, tags and authors, home, feeds, sitemaps.
 */
export async function saveArticleWith(stores: ArticleStores, input: ArticleInput, ctx: SaveContext): Promise<SaveResult> {
  if (ctx.bulk) return insertBulk(stores, input, ctx, ctx.bulk);
  const store = stores.articles;
  const navBefore = await publicSectionSlugs(store, ctx.now);
  const existing = await store.findArticleIdsBySlugs([input.slug]);
  const existingId = existing.get(input.slug);
  if (existingId !== undefined && !ctx.update && ctx.expectedRevision === undefined) {
    return { ok: false, reason: 'slug-taken', message: `an article with slug "${input.slug}" already exists` };
  }
  const relatedIds = await store.findArticleIdsBySlugs(input.related);
  const missing = input.related.filter((s) => !relatedIds.has(s) && !ctx.pendingSlugs?.has(s));
  if (missing.length) {
    return { ok: false, reason: 'related-not-found', message: `related article(s) not found: ${missing.join(', ')}` };
  }
  const before = existingId === undefined ? null : await store.findArticleBySlug(input.slug);
  const record = await toRecord(store, input, relatedIds, ctx.now);
  const at = { now: ctx.now.toISOString(), actor: ctx.actor };
  const keys = articleWriteKeys(before && cacheShape(before), {
    slug: input.slug,
    sectionSlug: input.section ? slugify(input.section) : null,
    tagSlugs: input.tags.map(slugify),
    authorSlugs: input.authors.map((a) => slugify(a.name)),
  });
  if (existingId === undefined) {
    const id = await store.insertArticle(record, { ...at, ownerUserId: ctx.ownerUserId ?? null });
    await stores.search.syncArticle(id, ctx.now);
    // A section's first public story puts it in every page's navigation.
    if ((await publicSectionSlugs(store, ctx.now)) !== navBefore) keys.push(cacheKeys.site);
    return { ok: true, id, revision: 1, created: true, keys };
  }
  const revision = await store.updateArticle(existingId, record, {
    ...at,
    ...(ctx.expectedRevision !== undefined ? { expectedRevision: ctx.expectedRevision } : {}),
  });
  if (revision === null) {
    return { ok: false, reason: 'conflict', message: 'someone else saved this article since you opened it; reload to see their changes' };
  }
  await stores.search.syncArticle(existingId, ctx.now);
  if ((await publicSectionSlugs(store, ctx.now)) !== navBefore) keys.push(cacheKeys.site);
  return { ok: true, id: existingId, revision, created: false, keys };
}

/** A new story of an import batch (SaveContext.bulk): its rows and its index entry, nothing else. */
async function insertBulk(stores: ArticleStores, input: ArticleInput, ctx: SaveContext, bulk: BulkSave): Promise<SaveResult> {
  const relatedIds = await stores.articles.findArticleIdsBySlugs(input.related);
  const missing = input.related.filter((s) => !relatedIds.has(s) && !ctx.pendingSlugs?.has(s));
  if (missing.length) return { ok: false, reason: 'related-not-found', message: `related article(s) not found: ${missing.join(', ')}` };
  const record = await toRecord(stores.articles, input, relatedIds, ctx.now, bulk.ids);
  const id = await stores.articles.insertArticle(record, { now: ctx.now.toISOString(), actor: ctx.actor, ownerUserId: ctx.ownerUserId ?? null });
  if (stores.search.indexArticle) await stores.search.indexArticle(id);
  else await stores.search.syncArticle(id, ctx.now);
  const keys = articleWriteKeys(null, {
    slug: input.slug,
    sectionSlug: input.section ? slugify(input.section) : null,
    tagSlugs: input.tags.map(slugify),
    authorSlugs: input.authors.map((a) => slugify(a.name)),
  });
  return { ok: true, id, revision: 1, created: true, keys };
}

async function toRecord(
  store: ArticleStore,
  input: ArticleInput,
  relatedIds: Map<string, number>,
  now: Date,
  known: Map<string, number> = new Map(),
): Promise<ArticleRecord> {
  const once = async (key: string, make: () => Promise<number>) => {
    let id = known.get(key);
    if (id === undefined) known.set(key, (id = await make()));
    return id;
  };
  const authorIds: number[] = [];
  for (const a of input.authors) {
    const slug = slugify(a.name);
    authorIds.push(await once(`author:${slug}`, () => store.ensureAuthor(slug, { name: a.name, bio: a.bio, isGuest: a.guest })));
  }
  const tagIds: number[] = [];
  for (const t of input.tags) {
    const slug = slugify(t);
    const id = await once(`tag:${slug}`, () => store.ensureTag(slug, t));
    if (!tagIds.includes(id)) tagIds.push(id);
  }
  const sectionSlug = input.section ? slugify(input.section) : null;
  const sectionId = sectionSlug ? await once(`section:${sectionSlug}`, () => store.ensureSection(sectionSlug, input.section!)) : null;
  const bodyHtml = input.bodyHtml !== null ? sanitizeBodyHtml(input.bodyHtml) : renderMarkdown(input.bodyMarkdown);
  const publishedAt = input.status === 'draft' ? null : input.publishedAt ? new Date(input.publishedAt).toISOString() : now.toISOString();
  const status = input.status === 'published' && publishedAt! > now.toISOString() ? 'scheduled' : input.status;
  return {
    slug: input.slug,
    headline: input.headline,
    standfirst: input.standfirst,
    bodySource: input.bodyHtml !== null ? input.bodyHtml : input.bodyMarkdown,
    bodyFormat: input.bodyHtml !== null ? 'html' : 'markdown',
    bodyJson: input.bodyHtml !== null ? input.bodyJson : '',
    bodyHtml,
    bodyText: bodyText(bodyHtml),
    hero: input.hero,
    sectionId,
    language: input.language,
    status,
    publishedAt,
    scheduledFor: status === 'scheduled' ? publishedAt : null,
    authorIds,
    tagIds,
    sources: input.sources,
    relatedIds: input.related.map((s) => relatedIds.get(s)).filter((id): id is number => id !== undefined),
    funding: input.funding,
  };
}

/** The navigation's sections as one string, to compare before and after a write. */
export async function publicSectionSlugs(store: ArticleStore, now: Date): Promise<string> {
  return (await store.listSectionsWithPublishedArticles(now.toISOString())).map((s) => s.slug).join(',');
}

/** The parts of an article that decide which cached pages show it. */
export function cacheShape(a: Article) {
  return { slug: a.slug, sectionSlug: a.section?.slug ?? null, tagSlugs: a.tags.map((t) => t.slug), authorSlugs: a.authors.map((x) => x.slug) };
}
