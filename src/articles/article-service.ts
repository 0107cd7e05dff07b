import { articleWriteKeys, cacheKeys, type Invalidator, type SurrogateKey } from '../cache/cache-keys.js';
import type { MediaStore } from '../media/media-store.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { isPublic, type Article, type ArticleSummary, type Author, type Page, type PublicArticle, type Section, type TagRef } from './article.js';
import type { ArticleInput } from './article-schema.js';
import type { ArticleListStore, LanguageFilter, ListPosition, ListQuery } from './article-list-store.js';
import type { ArticleStore } from './article-store.js';
import { cacheShape, publicSectionSlugs, saveArticleWith } from './article-saving.js';
import { linkRelated, listRelatedArticles } from './article-related.js';
import { linkTranslation, type LinkTranslationResult } from './article-translations.js';

/**
 * Data derived from articles (the search index and related stories, src/search/), bound to the same
 * handle or transaction as the other stores, so a write and its derived data commit together.
 */
export interface ArticleSearchSync {
  /** After any change to a story: index it if published (else drop it) and compute its related list. */
  syncArticle(articleId: number, now: Date): Promise<void>;
  /** The index only, without related lists (bulk imports). */
  indexArticle?(articleId: number): Promise<void>;
  /** Before a story's row is deleted. */
  removeArticle(articleId: number): Promise<void>;
  /** The stored related list, closest first; null when never computed. */
  listRelatedIds(articleId: number): Promise<number[] | null>;
}

export interface ArticleStores {
  articles: ArticleStore;
  articleLists: ArticleListStore;
  media: MediaStore;
  search: ArticleSearchSync;
}

export type SaveResult =
  | { ok: true; id: number; revision: number; created: boolean; /** What the save changed, for the page cache. */ keys: SurrogateKey[] }
  | { ok: false; reason: 'slug-taken' | 'related-not-found' | 'conflict' | 'not-found'; message: string };

export interface SaveContext {
  now: Date;
  /** Who saved: a staff member's name, or "import". Recorded on the revision. */
  actor: string;
  /** Replace an existing article with this slug (keeping a revision) instead of refusing. */
  update?: boolean;
  /** Refuse the save if the article is no longer at this revision (someone else saved). */
  expectedRevision?: number;
  /** The staff member creating the article (its owner). */
  ownerUserId?: number | null;
  /** Slugs being created in the same transaction; related links may point at them. */
  pendingSlugs?: ReadonlySet<string>;
  /**
   * An import batch creating new stories (see BulkSave). The caller has already checked the slug is
   * free (the unique index still refuses a clash), and purges `cacheKeys.site` itself when the
   * navigation changed, once per batch; related lists are left for one pass after the import.
   */
  bulk?: BulkSave;
}

/** What the saves of one import batch share, so a story costs its inserts and little else. */
export interface BulkSave {
  /**
   * Author, tag and section ids by `author:slug`, `tag:slug`, `section:slug`, filled as rows are found
   * or made. Ids made inside a transaction are only good if it commits: the caller keeps a copy per batch.
   */
  ids: Map<string, number>;
}

export const PER_PAGE = 20;

/** Reading and saving articles. Pages call the reads; import and the editor call save. */
export class ArticleService {
  constructor(
    private readonly uow: UnitOfWork<ArticleStores>,
    private readonly invalidator: Invalidator,
    /** Told after a write commits (related stories recompute their neighbours, as a job). Never rejects. */
    private readonly written: (articleIds: number[], now: Date) => Promise<void> = async () => {},
  ) {}

  private get store(): ArticleStore {
    return this.uow.stores.articles;
  }

  private get lists(): ArticleListStore {
    return this.uow.stores.articleLists;
  }

  /** The article readers may see at `now`, or null (draft, scheduled for later, or unknown). */
  async getPublicArticle(slug: string, now: Date): Promise<PublicArticle | null> {
    const article = await this.store.findPublicArticleBySlug(slug);
    if (!article || !isPublic(article, now)) return null;
    return { ...article, related: article.related.filter((r) => isPublic(r, now)) };
  }

  findArticleById(id: number): Promise<Article | null> {
    return this.store.findArticleById(id);
  }

  /** Any article by slug, whatever its status: for the CLI and the newsroom. */
  findArticle(slug: string): Promise<Article | null> {
    return this.store.findArticleBySlug(slug);
  }

  /** The public stories among `ids` at `now`, in the order given (the front page's pins). */
  async listPublicSummaries(ids: number[], now: Date): Promise<ArticleSummary[]> {
    return this.lists.listPublicCardsByIds(ids, now.toISOString());
  }

  /** Pinned related links first, then the stored related list (search/related.ts); `limit` in all. */
  listRelatedArticles(article: PublicArticle, now: Date, limit = 4): Promise<ArticleSummary[]> {
    return listRelatedArticles(this.uow.stores, article, now, limit);
  }

  /**
   * Joins `translationSlug` to `originalSlug`'s translation group, inside the caller's transaction.
   * A group holds one story per language; both stories must exist. Returns the pages to purge.
   */
  linkTranslationWith(stores: ArticleStores, opts: { originalSlug: string; translationSlug: string }): Promise<LinkTranslationResult> {
    return linkTranslation(stores, opts);
  }

  /** `language`: only the stories one language's pages list (absent: all). */
  async listLatest(page: number, now: Date, opts: { perPage?: number; language?: LanguageFilter | null } = {}): Promise<Page<ArticleSummary>> {
    return this.paged(page, opts.perPage ?? PER_PAGE, (q) =>
      this.lists.listPublishedArticles({ ...q, now: now.toISOString(), language: opts.language ?? null }),
    );
  }

  async listSection(
    slug: string,
    page: number,
    now: Date,
    opts: { language?: LanguageFilter | null } = {},
  ): Promise<{ section: Section; articles: Page<ArticleSummary> } | null> {
    const section = await this.store.findSectionBySlug(slug);
    if (!section) return null;
    const articles = await this.paged(page, PER_PAGE, (q) =>
      this.lists.listPublishedArticlesInSection(section.id, { ...q, now: now.toISOString(), language: opts.language ?? null }),
    );
    return { section, articles };
  }

  async listTag(
    slug: string,
    page: number,
    now: Date,
    opts: { language?: LanguageFilter | null } = {},
  ): Promise<{ tag: TagRef; articles: Page<ArticleSummary> } | null> {
    const tag = await this.store.findTagBySlug(slug);
    if (!tag) return null;
    const articles = await this.paged(page, PER_PAGE, (q) =>
      this.lists.listPublishedArticlesWithTag(tag.id, { ...q, now: now.toISOString(), language: opts.language ?? null }),
    );
    return { tag, articles };
  }

  async listAuthor(
    slug: string,
    page: number,
    now: Date,
    opts: { language?: LanguageFilter | null } = {},
  ): Promise<{ author: Author; articles: Page<ArticleSummary> } | null> {
    const author = await this.store.findAuthorBySlug(slug);
    if (!author) return null;
    const articles = await this.paged(page, PER_PAGE, (q) =>
      this.lists.listPublishedArticlesByAuthor(author.id, { ...q, now: now.toISOString(), language: opts.language ?? null }),
    );
    return { author, articles };
  }

  /** Sections with their newest few stories, for the home page. */
  /**
   * Each section's newest stories for the home page's blocks, leaving out the stories in `exclude`
   * (already shown higher on the page), so no story appears twice.
   */
  async listSectionFronts(
    now: Date,
    opts: { perSection?: number; exclude?: ReadonlySet<number>; language?: LanguageFilter | null } = {},
  ): Promise<{ section: Section; articles: ArticleSummary[] }[]> {
    const perSection = opts.perSection ?? 3;
    const exclude = opts.exclude ?? new Set<number>();
    const language = opts.language ?? null;
    const sections = await this.store.listSectionsWithPublishedArticles(now.toISOString(), language);
    const fronts = await this.lists.listSectionFronts(
      sections.map((s) => s.id),
      { now: now.toISOString(), limit: perSection + exclude.size, language },
    );
    return sections.map((section) => ({ section, articles: (fronts.get(section.id) ?? []).filter((a) => !exclude.has(a.id)).slice(0, perSection) }));
  }

  /** Every section, published or not: for the newsroom's pickers. */
  listAllSections(): Promise<Section[]> {
    return this.store.listSections();
  }

  async findMediaIdByHash(hash: string): Promise<number | null> {
    return (await this.uow.stores.media.findMediaByHash(hash))?.id ?? null;
  }

  /** Sections that have a published story: what the navigation and sitemap show. */
  listPublicSections(now: Date, language?: LanguageFilter | null): Promise<Section[]> {
    return this.store.listSectionsWithPublishedArticles(now.toISOString(), language);
  }

  listAllArticles() {
    return this.lists.listAllArticles();
  }

  maxArticleId(): Promise<number> {
    return this.lists.maxArticleId();
  }

  listSitemapEntries(opts: { fromId: number; toId: number; now: string }) {
    return this.lists.listSitemapEntries(opts);
  }

  listPublishedSince(opts: { since: string; now: string; limit: number }): Promise<ArticleSummary[]> {
    return this.lists.listPublishedSince(opts);
  }

  /**
   * One page of published stories with their tags, for the Content API: all of them, one section's,
   * one tag's, or those since a date; by page number (offset) or after a position (keyset).
   * Null when the section or tag does not exist.
   */
  async listPage(q: {
    filter: { section?: string | undefined; tag?: string | undefined; since?: string | undefined };
    page: number;
    perPage: number;
    after: ListPosition | null;
    now: Date;
  }): Promise<{ items: (ArticleSummary & { tags: TagRef[] })[]; hasNext: boolean } | null> {
    const query: ListQuery = { now: q.now.toISOString(), limit: q.perPage + 1, offset: q.after ? 0 : (q.page - 1) * q.perPage, after: q.after };
    let rows: ArticleSummary[];
    if (q.filter.section) {
      const section = await this.store.findSectionBySlug(q.filter.section);
      if (!section) return null;
      rows = await this.lists.listPublishedArticlesInSection(section.id, query);
    } else if (q.filter.tag) {
      const tag = await this.store.findTagBySlug(q.filter.tag);
      if (!tag) return null;
      rows = await this.lists.listPublishedArticlesWithTag(tag.id, query);
    } else if (q.filter.since) {
      rows = await this.lists.listPublishedArticlesSince(q.filter.since, query);
    } else {
      rows = await this.lists.listPublishedArticles(query);
    }
    const items = rows.slice(0, q.perPage);
    const tags = await this.lists.listTagsOfArticles(items.map((a) => a.id));
    return { items: items.map((a) => ({ ...a, tags: tags.get(a.id) ?? [] })), hasNext: rows.length > q.perPage };
  }

  hasArticles(): Promise<boolean> {
    return this.lists.hasArticles();
  }

  countArticles(): Promise<number> {
    return this.lists.countArticles();
  }

  /** Publishes scheduled articles that are due. Invalidates: each article, its lists, home, feeds, sitemaps. */
  async publishDueArticles(now: Date): Promise<string[]> {
    const navBefore = await publicSectionSlugs(this.store, now);
    const { slugs, ids } = await this.uow.transaction(async (stores) => {
      const due = await stores.articles.publishDueArticles(now.toISOString());
      const idBySlug = await stores.articles.findArticleIdsBySlugs(due);
      for (const id of idBySlug.values()) await stores.search.syncArticle(id, now);
      return { slugs: due, ids: [...idBySlug.values()] };
    });
    if (slugs.length) {
      const published = await Promise.all(slugs.map((slug) => this.store.findArticleBySlug(slug)));
      const keys = articleWriteKeys(...published.map((a) => (a ? cacheShape(a) : null)));
      if ((await publicSectionSlugs(this.store, now)) !== navBefore) keys.push(cacheKeys.site);
      await this.invalidator.invalidate(keys);
      await this.written(ids, now);
    }
    return slugs;
  }

  /** Creates or replaces an article in its own transaction, then purges the pages it changed. */
  async saveArticle(input: ArticleInput, ctx: SaveContext): Promise<SaveResult> {
    const result = await this.uow.transaction((stores) => this.saveArticleWith(stores, input, ctx));
    if (result.ok) {
      await this.invalidator.invalidate(result.keys);
      await this.written([result.id], ctx.now);
    }
    return result;
  }

  /** After a caller's transaction of saveArticleWith calls (import) has committed: see `written`. */
  articlesWritten(articleIds: number[], now: Date): Promise<void> {
    return this.written(articleIds, now);
  }

  /** Purges every page that showed an article (after it was deleted). */
  invalidateArticle(a: Article): Promise<void> {
    return this.invalidator.invalidate([...articleWriteKeys(cacheShape(a)), cacheKeys.site]);
  }

  /** Purges pages after a caller's transaction (see saveArticleWith) has committed. */
  invalidate(keys: SurrogateKey[]): Promise<void> {
    return this.invalidator.invalidate(keys);
  }

  /**
   * Saves inside a caller's transaction (import uses this to make a batch all-or-nothing).
   * Every save keeps a revision. Invalidates: the article, its section, tags and authors, home, feeds, sitemaps.
   */
  saveArticleWith(stores: ArticleStores, input: ArticleInput, ctx: SaveContext): Promise<SaveResult> {
    return saveArticleWith(stores, input, ctx);
  }

  /** Adds pinned related links once every article of a batch exists. */
  linkRelated(stores: ArticleStores, slug: string, related: string[]): Promise<void> {
    return linkRelated(stores, slug, related);
  }

  /** The navigation's sections, inside a caller's transaction: a bulk import compares it once per batch. */
  navigationWith(stores: ArticleStores, now: Date): Promise<string> {
    return publicSectionSlugs(stores.articles, now);
  }

  private async paged<T>(page: number, perPage: number, fetch: (q: { limit: number; offset: number }) => Promise<T[]>): Promise<Page<T>> {
    const rows = await fetch({ limit: perPage + 1, offset: (page - 1) * perPage });
    return { items: rows.slice(0, perPage), page, perPage, hasNext: rows.length > perPage };
  }
}
