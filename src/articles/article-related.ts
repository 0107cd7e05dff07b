import { baseLanguage } from '../i18n/languages.js';
import type { ArticleSummary, PublicArticle } from './article.js';
import type { ArticleStores } from './article-service.js';

// Related stories: the editor's pins, then the computed list; both inside the caller's stores.

/** Pinned related links first, then the stored related list (search/related.ts); `limit` in all. */
export async function listRelatedArticles(stores: ArticleStores, article: PublicArticle, now: Date, limit = 4): Promise<ArticleSummary[]> {
  const need = Math.max(0, limit - article.related.length);
  if (need === 0) return [];
  const pinned = new Set(article.related.map((r) => r.slug));
  // A story's related list stays in its language: a reader of the Ukrainian page is offered Ukrainian stories.
  const shown = (a: ArticleSummary) => !pinned.has(a.slug) && baseLanguage(a.language) === baseLanguage(article.language);
  const stored = await stores.search.listRelatedIds(article.id);
  if (stored !== null) {
    // The list holds more than a page shows. Read the cards the page needs (and as many again as are
    // pinned, which may repeat here); read the rest only when some of those are not shown.
    const out: ArticleSummary[] = [];
    let from = 0;
    let take = need + pinned.size;
    while (out.length < need && from < stored.length) {
      const ids = stored.slice(from, from + take);
      from += ids.length;
      take = stored.length - from;
      out.push(...(await stores.articleLists.listPublicCardsByIds(ids, now.toISOString())).filter(shown));
    }
    return out.slice(0, need);
  }
  // Never computed (a story from before search existed, until `masthead search reindex --related`).
  const found = await stores.articleLists.listArticlesSharingTags(article.id, {
    tagIds: article.tags.map((t) => t.id),
    now: now.toISOString(),
    perTag: 30,
    limit: limit + article.related.length,
  });
  return found.filter(shown).slice(0, need);
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
