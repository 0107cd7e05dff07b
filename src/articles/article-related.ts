import { baseLanguage } from '../i18n/languages.js';
import type { ArticleSummary, PublicArticle } from './article.js';
import type { ArticleStores } from './article-service.js';

// Related stories: the editor's pins, then the computed list; both inside the caller's stores.

/** Pinned related links first, then the stored related list (search/related.ts); `limit` in all. */
export async function listRelatedArticles(stores: ArticleStores, article: PublicArticle, now: Date, limit = 4): Promise<ArticleSummary[]> {
  const pinned = new Set(article.related.map((r) => r.slug));
  // A story's related list stays in its language: a reader of the Ukrainian page is offered Ukrainian stories.
  const sameLanguage = (a: ArticleSummary) => baseLanguage(a.language) === baseLanguage(article.language);
  const stored = await stores.search.listRelatedIds(article.id);
  if (stored !== null) {
    const found = await stores.articleLists.listPublicCardsByIds(stored, now.toISOString());
    return found.filter((a) => !pinned.has(a.slug) && sameLanguage(a)).slice(0, Math.max(0, limit - article.related.length));
  }
  // Never computed (a story from before search existed, until `masthead search reindex --related`).
  const found = await stores.articleLists.listArticlesSharingTags(article.id, {
    tagIds: article.tags.map((t) => t.id),
    now: now.toISOString(),
    perTag: 30,
    limit: limit + article.related.length,
  });
  return found.filter((a) => !pinned.has(a.slug) && sameLanguage(a)).slice(0, Math.max(0, limit - article.related.length));
}

/** Adds pinned related links once every article of a batch exists. */
export async function linkRelated(stores: ArticleStores, slug: string, related: string[]): Promise<void> {
  if (related.length === 0) return;
  const ids = await stores.articles.findArticleIdsBySlugs([slug, ...related]);
  await stores.articles.replaceRelated(
    ids.get(slug)!,
    related.map((s) => ids.get(s)!).filter((id) => id !== undefined),
  );
}
