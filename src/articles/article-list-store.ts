import { sql, type SelectQueryBuilder } from 'kysely';
import type { LanguageFilter } from '../i18n/languages.js';
import type { Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import type { Database } from '../store/schema.js';
import type { ArticleStatus, ArticleSummary, TagRef } from './article.js';
import {
  authorsJsonColumn,
  bylinesFromJson,
  bylinesQuery,
  hydrateSummaries,
  inLanguage,
  joinedInLanguage,
  languageCondition,
  olderThan,
  summaryColumns,
  summaryFromRow,
  type BylinesQuery,
  type ListPosition,
} from './article-summary-store.js';

// Re-exported: these were first defined here, and other domains import them from this file.
export { bylinesQuery, hydrateSummaries, languageCondition, summaryColumns, type BylinesQuery, type LanguageFilter, type ListPosition };

export interface ListQuery {
  now: string;
  limit: number;
  offset: number;
  /** Only stories after this one in newest-first order; with it, deep pages cost the same as the first. */
  after?: ListPosition | null;
  /** Only stories listed under one language (absent: every language, as for a one-language outlet). */
  language?: LanguageFilter | null;
}

/** One story in a sitemap chunk. `translations`: its group's published stories, itself included (empty: none). */
export interface SitemapEntry {
  slug: string;
  updatedAt: string;
  language: string;
  translations: { slug: string; language: string }[];
}

/**
 * Summary rows by id with their bylines in the same statement, with and without the body text (search cuts
 * snippets from it; a story's related links do not need it). A few ids each time: one statement, not two.
 */
function summariesByIdsQueries(db: Db) {
  const byIds = (ids: readonly number[]) =>
    db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select([...summaryColumns, 'a.status', authorsJsonColumn(db)])
      .where('a.id', 'in', ids);
  return {
    withText: prepareQuery(db, (ids: readonly number[]) => byIds(ids).select('a.body_text')),
    withoutText: prepareQuery(db, byIds),
  };
}

/**
 * The public rows among `rows`, in the order of `ids`. Publicness is checked here, not in SQL: with it in
 * the WHERE clause the planner walks the (status, published_at) index over every published story instead
 * of looking up the ids (200 ms at 1M).
 */
function publicInOrder<R extends { id: number; status: ArticleStatus; published_at: string | null }>(ids: number[], rows: R[], now: string): R[] {
  const byId = new Map(rows.filter((r) => r.status === 'published' && r.published_at !== null && r.published_at <= now).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

/** SQL for lists of stories: public listings, related stories, sitemaps, the newsroom's list. */
export class ArticleListStore {
  private readonly bylines: BylinesQuery;
  private readonly byIds: ReturnType<typeof summariesByIdsQueries>;

  constructor(private readonly db: Db) {
    this.bylines = bylinesQuery(db);
    this.byIds = summariesByIdsQueries(db);
  }

  /**
   * The second half of a deferred join: `ids` pages through a covering index (cheap at any OFFSET);
   * only the page's rows are then read and joined, newest first.
   */
  private async summariesOf(ids: SelectQueryBuilder<Database, keyof Database, { id: number } | { article_id: number }>): Promise<ArticleSummary[]> {
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.id', 'in', ids)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    return hydrateSummaries(this.bylines, rows);
  }

  /** One page of a newest-first list of ids (after `q.after`, then `q.offset` and `q.limit`), read as summaries. */
  private pageOf(ids: SelectQueryBuilder<Database, keyof Database, { id: number } | { article_id: number }>, q: ListQuery, idColumn: 'id' | 'article_id') {
    return this.summariesOf(olderThan(ids, q.after, idColumn).orderBy('published_at', 'desc').orderBy(idColumn, 'desc').limit(q.limit).offset(q.offset));
  }

  /** Published articles, newest first. */
  async listPublishedArticles(q: ListQuery): Promise<ArticleSummary[]> {
    // Deferred join: page through the covering index for ids first, then read only those rows.
    // With OFFSET on the full join, page 10,000 of a million stories read every skipped row (300 ms).
    return this.pageOf(
      inLanguage(this.db.selectFrom('articles').select('id').where('status', '=', 'published').where('published_at', '<=', q.now), q.language),
      q,
      'id',
    );
  }

  /** Published articles since `since` (ISO), newest first, paged like the others (the Content API's `since`). */
  async listPublishedArticlesSince(since: string, q: ListQuery): Promise<ArticleSummary[]> {
    return this.pageOf(
      this.db.selectFrom('articles').select('id').where('status', '=', 'published').where('published_at', '>=', since).where('published_at', '<=', q.now),
      q,
      'id',
    );
  }

  async listPublishedArticlesInSection(sectionId: number, q: ListQuery): Promise<ArticleSummary[]> {
    return this.pageOf(this.inSection(sectionId, q), q, 'id');
  }

  /** The ids of a section's public stories at `q.now`, read from its (section_id, status, published_at, id) index. */
  private inSection(sectionId: number, q: { now: string; language?: LanguageFilter | null }) {
    const ids = this.db
      .selectFrom('articles')
      .select('id')
      .where('section_id', '=', sectionId)
      .where('status', '=', 'published')
      .where('published_at', '<=', q.now);
    return inLanguage(ids, q.language);
  }

  /**
   * The newest `q.limit` stories of each section (the home page's blocks): each section's ids from its own index range,
   * joined by UNION ALL, so five sections cost two statements (rows, bylines) instead of ten. Every id is in the map.
   */
  async listSectionFronts(sectionIds: number[], q: { now: string; limit: number; language?: LanguageFilter | null }): Promise<Map<number, ArticleSummary[]>> {
    const fronts = new Map(sectionIds.map((id) => [id, [] as ArticleSummary[]]));
    if (sectionIds.length === 0) return fronts;
    const newest = (sectionId: number) =>
      this.db.selectFrom(this.inSection(sectionId, q).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(q.limit).as('f')).select('id');
    const ids = sectionIds.slice(1).reduce((union, id) => union.unionAll(newest(id)), newest(sectionIds[0]!));
    // Read newest first overall, so each section's list is newest first too (the cast: the alias `f` is no table of Database).
    for (const a of await this.summariesOf(ids as unknown as SelectQueryBuilder<Database, keyof Database, { id: number }>))
      if (a.section) fronts.get(a.section.id)?.push(a);
    return fronts;
  }

  async listPublishedArticlesWithTag(tagId: number, q: ListQuery): Promise<ArticleSummary[]> {
    // Deferred join over the join table's (…, published_at DESC, article_id DESC) index.
    return this.pageOf(
      joinedInLanguage(
        this.db,
        this.db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).where('published_at', '<=', q.now),
        q.language,
        'article_id',
      ),
      q,
      'article_id',
    );
  }

  async listPublishedArticlesByAuthor(authorId: number, q: ListQuery): Promise<ArticleSummary[]> {
    // Deferred join over the join table's (…, published_at DESC, article_id DESC) index.
    return this.pageOf(
      joinedInLanguage(
        this.db,
        this.db.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId).where('published_at', '<=', q.now),
        q.language,
        'article_id',
      ),
      q,
      'article_id',
    );
  }

  /**
   * Published articles sharing a tag with `articleId`, scored by how many tags they share.
   * Looks only at the newest `perTag` articles of each tag, so a popular tag costs the same as a rare one.
   */
  async listArticlesSharingTags(articleId: number, opts: { tagIds: number[]; now: string; perTag: number; limit: number }): Promise<ArticleSummary[]> {
    if (opts.tagIds.length === 0) return [];
    // One statement: the newest `perTag` public stories of each tag, as a UNION ALL of bounded subqueries.
    const perTag = (tagId: number, n: number) =>
      this.db
        .selectFrom(
          this.db
            .selectFrom('article_tags as at')
            .select('at.article_id as id')
            .where('at.tag_id', '=', tagId)
            .where('at.article_id', '!=', articleId)
            .where('at.published_at', '<=', opts.now)
            .orderBy('at.published_at', 'desc')
            .orderBy('at.article_id', 'desc')
            .limit(opts.perTag)
            .as(`t${n}`),
        )
        .select(`t${n}.id as id`);
    let union = perTag(opts.tagIds[0]!, 0);
    opts.tagIds.slice(1).forEach((tagId, i) => {
      union = union.unionAll(perTag(tagId, i + 1));
    });
    const score = new Map<number, number>();
    for (const r of await union.execute()) score.set(r.id, (score.get(r.id) ?? 0) + 1);
    const ids = [...score.entries()]
      .sort((x, y) => y[1] - x[1] || y[0] - x[0])
      .slice(0, opts.limit)
      .map(([id]) => id);
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return hydrateSummaries(this.bylines, ids.map((id) => byId.get(id)!).filter(Boolean));
  }

  /** Public stories among `ids`, in the order given, with their body text (search snippets, stored related lists). */
  async listPublicSummariesByIds(ids: number[], now: string): Promise<(ArticleSummary & { bodyText: string })[]> {
    if (ids.length === 0) return [];
    const ordered = publicInOrder(ids, await this.byIds.withText.rows(ids), now);
    return ordered.map((r) => ({ ...summaryFromRow(r, bylinesFromJson(r.authors_json)), bodyText: r.body_text }));
  }

  /** The same without the body text: the related links and pins under a story, which never show it. */
  async listPublicCardsByIds(ids: number[], now: string): Promise<ArticleSummary[]> {
    if (ids.length === 0) return [];
    return publicInOrder(ids, await this.byIds.withoutText.rows(ids), now).map((r) => summaryFromRow(r, bylinesFromJson(r.authors_json)));
  }

  /** The newsroom's list: any status, filtered, most recently changed first. */
  async listArticlesForAdmin(f: {
    status: ArticleStatus | null;
    sectionSlug: string | null;
    authorSlug: string | null;
    q: string | null;
    limit: number;
    offset: number;
  }) {
    let query = this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.id', 'a.slug', 'a.headline', 'a.status', 'a.published_at', 'a.updated_at', 'a.owner_user_id', 's.name as section_name']);
    if (f.status) query = query.where('a.status', '=', f.status);
    if (f.sectionSlug) query = query.where('s.slug', '=', f.sectionSlug);
    if (f.authorSlug) {
      const authorSlug = f.authorSlug;
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_authors as aa')
            .innerJoin('authors as au', 'au.id', 'aa.author_id')
            .select('aa.article_id')
            .whereRef('aa.article_id', '=', 'a.id')
            .where('au.slug', '=', authorSlug),
        ),
      );
    }
    if (f.q) {
      const pattern = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(sql<boolean>`lower(a.headline) like ${pattern} escape '\\'`);
    }
    const rows = await query.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      headline: r.headline,
      status: r.status,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      ownerUserId: r.owner_user_id,
      sectionName: r.section_name,
    }));
  }

  /** Recent published headlines, for the related-article picker. */
  async listRecentHeadlines(limit: number): Promise<{ slug: string; headline: string }[]> {
    return this.db.selectFrom('articles').select(['slug', 'headline']).where('status', '=', 'published').orderBy('published_at', 'desc').limit(limit).execute();
  }

  /** Every article for the CLI listing, newest change first. */
  async listAllArticles(): Promise<{ slug: string; headline: string; status: ArticleStatus; publishedAt: string | null }[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['slug', 'headline', 'status', 'published_at'])
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ slug: r.slug, headline: r.headline, status: r.status, publishedAt: r.published_at }));
  }

  /** Whether there is any article at all: cheap at any size, unlike COUNT(*). */
  async hasArticles(): Promise<boolean> {
    return (await this.db.selectFrom('articles').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  async countArticles(): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The tags of each article, in the editor's order: one query for a whole list. */
  async listTagsOfArticles(articleIds: number[]): Promise<Map<number, TagRef[]>> {
    const byArticle = new Map<number, TagRef[]>();
    if (articleIds.length === 0) return byArticle;
    const rows = await this.db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.id', 't.slug', 't.name'])
      .where('at.article_id', 'in', articleIds)
      .orderBy('at.article_id')
      .orderBy('at.position')
      .execute();
    for (const r of rows) {
      const list = byArticle.get(r.article_id) ?? [];
      list.push({ id: r.id, slug: r.slug, name: r.name });
      byArticle.set(r.article_id, list);
    }
    return byArticle;
  }

  /** Published articles changed or published since `since` (ISO), newest first, for sitemaps. */
  async listPublishedSince(opts: { since: string; now: string; limit: number }): Promise<ArticleSummary[]> {
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.status', '=', 'published')
      .where('a.published_at', '>=', opts.since)
      .where('a.published_at', '<=', opts.now)
      .orderBy('a.published_at', 'desc')
      .limit(opts.limit)
      .execute();
    return hydrateSummaries(this.bylines, rows);
  }

  /**
   * Published articles whose id is in [fromId, toId), for one sitemap chunk: slug, last change, language,
   * and the published stories of each one's translation group (itself included), for hreflang alternates.
   */
  async listSitemapEntries(opts: { fromId: number; toId: number; now: string }): Promise<SitemapEntry[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['slug', 'updated_at', 'language', 'translation_group'])
      .where('id', '>=', opts.fromId)
      .where('id', '<', opts.toId)
      .where('status', '=', 'published')
      .where('published_at', '<=', opts.now)
      .orderBy('id')
      .execute();
    const groups = [...new Set(rows.flatMap((r) => (r.translation_group === null ? [] : [r.translation_group])))];
    const members = new Map<number, { slug: string; language: string }[]>();
    // One query per 500 groups, whatever the chunk holds (translated stories are a minority).
    for (let i = 0; i < groups.length; i += 500) {
      const found = await this.db
        .selectFrom('articles')
        .select(['slug', 'language', 'translation_group'])
        .where('translation_group', 'in', groups.slice(i, i + 500))
        .where('status', '=', 'published')
        .where('published_at', '<=', opts.now)
        .orderBy('id')
        .execute();
      for (const f of found) {
        const list = members.get(f.translation_group!) ?? [];
        list.push({ slug: f.slug, language: f.language });
        members.set(f.translation_group!, list);
      }
    }
    return rows.map((r) => ({
      slug: r.slug,
      updatedAt: r.updated_at,
      language: r.language,
      translations: r.translation_group === null ? [] : (members.get(r.translation_group) ?? []),
    }));
  }

  async maxArticleId(): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    return Number(row?.m ?? 0);
  }
}
