import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type {
  Article,
  ArticleLink,
  ArticleStatus,
  ArticleSummary,
  Author,
  AuthorRef,
  HeroImage,
  Section,
  SectionRef,
  Source,
  TagRef,
} from './article.js';

/** What a save writes. Names are already resolved to ids by the service. */
export interface ArticleRecord {
  slug: string;
  headline: string;
  standfirst: string;
  bodySource: string;
  bodyFormat: 'markdown' | 'html';
  bodyHtml: string;
  bodyText: string;
  bodyJson: string;
  hero: { mediaId: number; alt: string; caption: string; credit: string } | null;
  sectionId: number | null;
  language: string;
  status: ArticleStatus;
  publishedAt: string | null;
  scheduledFor: string | null;
  authorIds: number[];
  tagIds: number[];
  sources: Source[];
  relatedIds: number[];
}

export interface ListQuery {
  now: string;
  limit: number;
  offset: number;
}

const summaryColumns = [
  'a.id',
  'a.slug',
  'a.headline',
  'a.standfirst',
  'a.section_id',
  'a.hero_media_id',
  'a.hero_alt',
  'a.hero_caption',
  'a.hero_credit',
  'a.published_at',
  'a.updated_at',
  // Joined, so a list needs one more query (bylines), not three.
  's.slug as section_slug',
  's.name as section_name',
  'm.hash as media_hash',
  'm.width as media_width',
  'm.height as media_height',
  'm.widths as media_widths',
] as const;

/** SQL for articles, their bylines, sections, tags, sources and revisions. The only place that knows the columns. */
export class ArticleStore {
  constructor(private readonly db: Db) {}

  async findArticleById(id: number): Promise<Article | null> {
    const r = await this.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirst();
    return r ? this.findArticleBySlug(r.slug) : null;
  }

  async findArticleBySlug(slug: string): Promise<Article | null> {
    const row = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .selectAll('a')
      .select(['s.slug as section_slug', 's.name as section_name', 'm.hash as media_hash', 'm.width as media_width', 'm.height as media_height', 'm.widths as media_widths'])
      .where('a.slug', '=', slug)
      .executeTakeFirst();
    if (!row) return null;
    const [summary] = await this.hydrateSummaries([row]);
    const [tags, sources, related] = await Promise.all([
      this.db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['t.id', 't.slug', 't.name'])
        .where('at.article_id', '=', row.id)
        .orderBy('at.position')
        .execute(),
      this.db
        .selectFrom('article_sources')
        .select(['name', 'url'])
        .where('article_id', '=', row.id)
        .orderBy('position')
        .execute(),
      this.db
        .selectFrom('article_related as r')
        .innerJoin('articles as a', 'a.id', 'r.related_article_id')
        .select(['a.slug', 'a.headline', 'a.status', 'a.published_at'])
        .where('r.article_id', '=', row.id)
        .orderBy('r.position')
        .execute(),
    ]);
    return {
      ...summary!,
      bodyHtml: row.body_html,
      bodyText: row.body_text,
      bodySource: row.body_source,
      bodyFormat: row.body_format === 'html' ? 'html' : 'markdown',
      bodyJson: row.body_json,
      ownerUserId: row.owner_user_id,
      tags,
      sources,
      related: related.map((r): ArticleLink => ({ slug: r.slug, headline: r.headline, status: r.status, publishedAt: r.published_at })),
      language: row.language,
      status: row.status,
      scheduledFor: row.scheduled_for,
      createdAt: row.created_at,
      revision: row.revision,
    };
  }

  async findArticleIdsBySlugs(slugs: string[]): Promise<Map<string, number>> {
    if (slugs.length === 0) return new Map();
    const rows = await this.db.selectFrom('articles').select(['id', 'slug']).where('slug', 'in', slugs).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** Published articles, newest first. */
  async listPublishedArticles(q: ListQuery): Promise<ArticleSummary[]> {
    // Deferred join: page through the covering index for ids first, then read only those rows.
    // With OFFSET on the full join, page 10,000 of a million stories read every skipped row (300 ms).
    const ids = this.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .where('published_at', '<=', q.now)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset);
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.id', 'in', ids)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    return this.hydrateSummaries(rows);
  }

  async listPublishedArticlesInSection(sectionId: number, q: ListQuery): Promise<ArticleSummary[]> {
    const ids = this.db
      .selectFrom('articles')
      .select('id')
      .where('section_id', '=', sectionId)
      .where('status', '=', 'published')
      .where('published_at', '<=', q.now)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset);
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.id', 'in', ids)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    return this.hydrateSummaries(rows);
  }

  async listPublishedArticlesWithTag(tagId: number, q: ListQuery): Promise<ArticleSummary[]> {
    // Deferred join over the join table's (…, published_at DESC, article_id DESC) index.
    const ids = this.db
      .selectFrom('article_tags')
      .select('article_id')
      .where('tag_id', '=', tagId)
      .where('published_at', '<=', q.now)
      .orderBy('published_at', 'desc')
      .orderBy('article_id', 'desc')
      .limit(q.limit)
      .offset(q.offset);
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.id', 'in', ids)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    return this.hydrateSummaries(rows);
  }


  async listPublishedArticlesByAuthor(authorId: number, q: ListQuery): Promise<ArticleSummary[]> {
    // Deferred join over the join table's (…, published_at DESC, article_id DESC) index.
    const ids = this.db
      .selectFrom('article_authors')
      .select('article_id')
      .where('author_id', '=', authorId)
      .where('published_at', '<=', q.now)
      .orderBy('published_at', 'desc')
      .orderBy('article_id', 'desc')
      .limit(q.limit)
      .offset(q.offset);
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .leftJoin('media as m', 'm.id', 'a.hero_media_id')
      .select(summaryColumns)
      .where('a.id', 'in', ids)
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    return this.hydrateSummaries(rows);
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
    return this.hydrateSummaries(ids.map((id) => byId.get(id)!).filter(Boolean));
  }

  /** Adds bylines to summary rows: one query for the whole list (sections and images are joined already). */
  private async hydrateSummaries(
    rows: {
      id: number;
      slug: string;
      headline: string;
      standfirst: string;
      section_id: number | null;
      section_slug: string | null;
      section_name: string | null;
      hero_media_id: number | null;
      media_hash: string | null;
      media_width: number | null;
      media_height: number | null;
      media_widths: string | null;
      hero_alt: string;
      hero_caption: string;
      hero_credit: string;
      published_at: string | null;
      updated_at: string;
    }[],
  ): Promise<ArticleSummary[]> {
    if (rows.length === 0) return [];
    const authors = await this.db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.id', 'au.slug', 'au.name', 'au.is_guest'])
      .where('aa.article_id', 'in', rows.map((r) => r.id))
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .execute();
    const authorsByArticle = new Map<number, AuthorRef[]>();
    for (const a of authors) {
      const list = authorsByArticle.get(a.article_id) ?? [];
      list.push({ id: a.id, slug: a.slug, name: a.name, isGuest: Boolean(a.is_guest) });
      authorsByArticle.set(a.article_id, list);
    }
    return rows.map((r) => {
      const hero: HeroImage | null =
        r.media_hash !== null
          ? {
              mediaHash: r.media_hash,
              width: r.media_width!,
              height: r.media_height!,
              widths: r.media_widths!.split(',').map(Number),
              alt: r.hero_alt,
              caption: r.hero_caption,
              credit: r.hero_credit,
            }
          : null;
      const section: SectionRef | null = r.section_id !== null && r.section_slug !== null ? { id: r.section_id, slug: r.section_slug, name: r.section_name! } : null;
      return {
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        standfirst: r.standfirst,
        section,
        authors: authorsByArticle.get(r.id) ?? [],
        hero,
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
      };
    });
  }

  /** Inserts a new article with its first revision. Returns the new id. */
  async insertArticle(rec: ArticleRecord, at: { now: string; actor: string; ownerUserId?: number | null }): Promise<number> {
    // A story imported with an earlier publication time has not changed since then.
    const updatedAt = rec.publishedAt !== null && rec.publishedAt < at.now ? rec.publishedAt : at.now;
    const inserted = await this.db
      .insertInto('articles')
      .values({ ...this.columns(rec), created_at: at.now, updated_at: updatedAt, revision: 1, owner_user_id: at.ownerUserId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeChildren(inserted.id, rec);
    await this.insertRevision(inserted.id, 1, rec, at);
    return inserted.id;
  }

  /**
   * Replaces an article's content and keeps the previous text as a revision.
   * Refuses (returns null) when `expectedRevision` is given and someone saved in between.
   */
  async updateArticle(
    id: number,
    rec: ArticleRecord,
    at: { now: string; actor: string; expectedRevision?: number },
  ): Promise<number | null> {
    let q = this.db
      .updateTable('articles')
      .set((eb) => ({ ...this.columns(rec), updated_at: at.now, revision: eb('revision', '+', 1) }))
      .where('id', '=', id);
    if (at.expectedRevision !== undefined) q = q.where('revision', '=', at.expectedRevision);
    const updated = await q.returning('revision').executeTakeFirst();
    if (!updated) return null;
    await this.db.deleteFrom('article_authors').where('article_id', '=', id).execute();
    await this.db.deleteFrom('article_tags').where('article_id', '=', id).execute();
    await this.db.deleteFrom('article_sources').where('article_id', '=', id).execute();
    await this.db.deleteFrom('article_related').where('article_id', '=', id).execute();
    await this.writeChildren(id, rec);
    await this.insertRevision(id, updated.revision, rec, at);
    return updated.revision;
  }

  /**
   * Flips scheduled articles whose time has come to published, with their join rows; call it in a
   * transaction. The status UPDATE is conditional, so when two processes run it at once each row
   * changes exactly once. Returns the slugs published.
   */
  async publishDueArticles(now: string): Promise<string[]> {
    const rows = await this.db
      .updateTable('articles')
      // The story is as new as its publication: updated_at must not predate published_at.
      .set((eb) => ({ status: 'published', updated_at: eb.fn.coalesce('published_at', eb.val(now)), scheduled_for: null }))
      .where('status', '=', 'scheduled')
      .where('scheduled_for', '<=', now)
      .returning(['id', 'slug', 'published_at'])
      .execute();
    for (const r of rows) {
      await this.db.updateTable('article_tags').set({ published_at: r.published_at }).where('article_id', '=', r.id).execute();
      await this.db.updateTable('article_authors').set({ published_at: r.published_at }).where('article_id', '=', r.id).execute();
    }
    return rows.map((r) => r.slug);
  }

  /** Replaces the pinned related links of an article. */
  async replaceRelated(articleId: number, relatedIds: number[]): Promise<void> {
    await this.db.deleteFrom('article_related').where('article_id', '=', articleId).execute();
    if (relatedIds.length)
      await this.db
        .insertInto('article_related')
        .values(relatedIds.map((related_article_id, position) => ({ article_id: articleId, related_article_id, position })))
        .execute();
  }

  /** The newsroom's list: any status, filtered, most recently changed first. */
  async listArticlesForAdmin(f: { status: ArticleStatus | null; sectionSlug: string | null; authorSlug: string | null; q: string | null; limit: number; offset: number }) {
    let query = this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.id', 'a.slug', 'a.headline', 'a.status', 'a.published_at', 'a.updated_at', 'a.owner_user_id', 's.name as section_name']);
    if (f.status) query = query.where('a.status', '=', f.status);
    if (f.sectionSlug) query = query.where('s.slug', '=', f.sectionSlug);
    if (f.authorSlug) {
      const authorSlug = f.authorSlug;
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('article_authors as aa').innerJoin('authors as au', 'au.id', 'aa.author_id').select('aa.article_id').whereRef('aa.article_id', '=', 'a.id').where('au.slug', '=', authorSlug)),
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

  async findRevision(articleId: number, revision: number) {
    const r = await this.db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).where('revision', '=', revision).executeTakeFirst();
    return r
      ? { revision: r.revision, headline: r.headline, standfirst: r.standfirst, bodyHtml: r.body_html, bodySource: r.body_source, bodyFormat: r.body_format, createdAt: r.created_at, createdBy: r.created_by }
      : null;
  }

  async deleteArticle(id: number): Promise<void> {
    await this.db.deleteFrom('article_related').where('related_article_id', '=', id).execute();
    await this.db.deleteFrom('articles').where('id', '=', id).execute();
  }

  /** Recent published headlines, for the related-article picker. */
  async listRecentHeadlines(limit: number): Promise<{ slug: string; headline: string }[]> {
    return this.db.selectFrom('articles').select(['slug', 'headline']).where('status', '=', 'published').orderBy('published_at', 'desc').limit(limit).execute();
  }

  async listRevisions(articleId: number): Promise<{ revision: number; headline: string; createdAt: string; createdBy: string }[]> {
    const rows = await this.db
      .selectFrom('article_revisions')
      .select(['revision', 'headline', 'created_at', 'created_by'])
      .where('article_id', '=', articleId)
      .orderBy('revision')
      .execute();
    return rows.map((r) => ({ revision: r.revision, headline: r.headline, createdAt: r.created_at, createdBy: r.created_by }));
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
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
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
    return this.hydrateSummaries(rows);
  }

  /** Slug and last change of published articles whose id is in [fromId, toId), for one sitemap chunk. */
  async listSitemapEntries(opts: { fromId: number; toId: number; now: string }): Promise<{ slug: string; updatedAt: string }[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['slug', 'updated_at'])
      .where('id', '>=', opts.fromId)
      .where('id', '<', opts.toId)
      .where('status', '=', 'published')
      .where('published_at', '<=', opts.now)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
  }

  async maxArticleId(): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  // --- sections, tags, authors ---

  async findSectionBySlug(slug: string): Promise<Section | null> {
    const r = await this.db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
    return r ? { id: r.id, slug: r.slug, name: r.name, description: r.description } : null;
  }

  /** Sections with at least one story readers can see at `now`: the navigation. Drafts must not leak a desk's name. */
  async listSectionsWithPublishedArticles(now: string): Promise<Section[]> {
    const rows = await this.db
      .selectFrom('sections as s')
      .selectAll('s')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('articles as a')
            .select('a.id')
            .whereRef('a.section_id', '=', 's.id')
            .where('a.status', '=', 'published')
            .where('a.published_at', '<=', now),
        ),
      )
      .orderBy('s.position')
      .orderBy('s.name')
      .execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, description: r.description }));
  }

  async listSections(): Promise<Section[]> {
    const rows = await this.db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, description: r.description }));
  }

  async findTagBySlug(slug: string): Promise<TagRef | null> {
    return (await this.db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst()) ?? null;
  }

  async findAuthorBySlug(slug: string): Promise<Author | null> {
    const r = await this.db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
    return r ? { id: r.id, slug: r.slug, name: r.name, bio: r.bio, isGuest: Boolean(r.is_guest) } : null;
  }

  /** Finds a section by slug or creates it, keeping the first name given. */
  async ensureSection(slug: string, name: string): Promise<number> {
    const found = await this.db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    const max = await this.db.selectFrom('sections').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    const r = await this.db
      .insertInto('sections')
      .values({ slug, name, position: Number(max?.p ?? 0) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async ensureTag(slug: string, name: string): Promise<number> {
    const found = await this.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    return (await this.db.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
  }

  async ensureAuthor(slug: string, fields: { name: string; bio?: string; isGuest?: boolean }): Promise<number> {
    const found = await this.db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    const r = await this.db
      .insertInto('authors')
      .values({ slug, name: fields.name, bio: fields.bio ?? '', is_guest: fields.isGuest ? 1 : 0, user_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async updateAuthorProfile(slug: string, fields: { name: string; bio: string; isGuest: boolean }): Promise<void> {
    await this.db
      .updateTable('authors')
      .set({ name: fields.name, bio: fields.bio, is_guest: fields.isGuest ? 1 : 0 })
      .where('slug', '=', slug)
      .execute();
  }

  private columns(rec: ArticleRecord) {
    return {
      slug: rec.slug,
      headline: rec.headline,
      standfirst: rec.standfirst,
      body_source: rec.bodySource,
      body_format: rec.bodyFormat,
      body_html: rec.bodyHtml,
      body_text: rec.bodyText,
      body_json: rec.bodyJson,
      hero_media_id: rec.hero?.mediaId ?? null,
      hero_alt: rec.hero?.alt ?? '',
      hero_caption: rec.hero?.caption ?? '',
      hero_credit: rec.hero?.credit ?? '',
      section_id: rec.sectionId,
      language: rec.language,
      status: rec.status,
      published_at: rec.publishedAt,
      scheduled_for: rec.scheduledFor,
    };
  }

  private async writeChildren(id: number, rec: ArticleRecord): Promise<void> {
    const ex = this.db;
    // Invariant: the join rows carry published_at exactly while the article is published.
    const published_at = rec.status === 'published' ? rec.publishedAt : null;
    if (rec.authorIds.length)
      await ex.insertInto('article_authors').values(rec.authorIds.map((author_id, position) => ({ article_id: id, author_id, position, published_at }))).execute();
    if (rec.tagIds.length)
      await ex.insertInto('article_tags').values(rec.tagIds.map((tag_id, position) => ({ article_id: id, tag_id, position, published_at }))).execute();
    if (rec.sources.length)
      await ex
        .insertInto('article_sources')
        .values(rec.sources.map((s, position) => ({ article_id: id, position, name: s.name, url: s.url })))
        .execute();
    if (rec.relatedIds.length)
      await ex
        .insertInto('article_related')
        .values(rec.relatedIds.map((related_article_id, position) => ({ article_id: id, related_article_id, position })))
        .execute();
  }

  private async insertRevision(articleId: number, revision: number, rec: ArticleRecord, at: { now: string; actor: string }) {
    await this.db
      .insertInto('article_revisions')
      .values({
        article_id: articleId,
        revision,
        headline: rec.headline,
        standfirst: rec.standfirst,
        body_source: rec.bodySource,
        body_format: rec.bodyFormat,
        body_html: rec.bodyHtml,
        created_at: at.now,
        created_by: at.actor,
      })
      .execute();
  }
}
