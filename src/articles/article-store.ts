import type { Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import { bylinesQuery, hydrateSummaries, joinedColumns, languageCondition, type BylinesQuery } from './article-summary-store.js';
import type { LanguageFilter } from '../i18n/languages.js';
import type { Article, ArticleFunding, ArticleLink, ArticleStatus, Author, PublicArticle, Section, Source, TagRef } from './article.js';

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
  funding: ArticleFunding | null;
}

/** The `articles` columns of a public read (PublicArticle): all but `body_source` and `body_json`. */
const PUBLIC_COLUMNS = [
  'a.id',
  'a.slug',
  'a.headline',
  'a.standfirst',
  'a.hero_media_id',
  'a.hero_alt',
  'a.hero_caption',
  'a.hero_credit',
  'a.section_id',
  'a.language',
  'a.status',
  'a.published_at',
  'a.scheduled_for',
  'a.created_at',
  'a.updated_at',
  'a.revision',
  'a.body_format',
  'a.body_html',
  'a.body_text',
  'a.owner_user_id',
  'a.funding_kind',
  'a.funding_name',
  'a.funding_url',
  'a.funding_disclosure',
  'a.translation_group',
] as const;

/** The reads behind one public story page, prepared once per store (store/prepared-query.ts): they run on every cache miss. */
function storyQueries(db: Db) {
  return {
    bySlug: prepareQuery(db, (slug: string) =>
      db
        .selectFrom('articles as a')
        .leftJoin('sections as s', 's.id', 'a.section_id')
        .leftJoin('media as m', 'm.id', 'a.hero_media_id')
        .selectAll('a')
        .select(joinedColumns)
        .where('a.slug', '=', slug),
    ),
    // Every column but the body's source and the editor's document: what a reader's page needs.
    publicBySlug: prepareQuery(db, (slug: string) =>
      db
        .selectFrom('articles as a')
        .leftJoin('sections as s', 's.id', 'a.section_id')
        .leftJoin('media as m', 'm.id', 'a.hero_media_id')
        .select([...PUBLIC_COLUMNS, ...joinedColumns])
        .where('a.slug', '=', slug),
    ),
    tags: prepareQuery(db, (articleId: number) =>
      db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['t.id', 't.slug', 't.name'])
        .where('at.article_id', '=', articleId)
        .orderBy('at.position'),
    ),
    sources: prepareQuery(db, (articleId: number) =>
      db.selectFrom('article_sources').select(['name', 'url']).where('article_id', '=', articleId).orderBy('position'),
    ),
    related: prepareQuery(db, (articleId: number) =>
      db
        .selectFrom('article_related as r')
        .innerJoin('articles as a', 'a.id', 'r.related_article_id')
        .select(['a.slug', 'a.headline', 'a.status', 'a.published_at'])
        .where('r.article_id', '=', articleId)
        .orderBy('r.position'),
    ),
    translations: prepareQuery(db, (group: number, articleId: number) =>
      db
        .selectFrom('articles')
        .select(['id', 'slug', 'headline', 'language', 'status', 'published_at'])
        .where('translation_group', '=', group)
        .where('id', '!=', articleId)
        .orderBy('id'),
    ),
  };
}

type PublicRow = NonNullable<Awaited<ReturnType<ReturnType<typeof storyQueries>['publicBySlug']['first']>>>;

/** SQL for one article at a time: reading it whole, saving it, its revisions, sections, tags and bylines. Lists are in article-list-store.ts. */
export class ArticleStore {
  private readonly story: ReturnType<typeof storyQueries>;
  private readonly bylines: BylinesQuery;

  constructor(private readonly db: Db) {
    this.story = storyQueries(db);
    this.bylines = bylinesQuery(db);
  }

  async findArticleById(id: number): Promise<Article | null> {
    const r = await this.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirst();
    return r ? this.findArticleBySlug(r.slug) : null;
  }

  async findArticleBySlug(slug: string): Promise<Article | null> {
    const row = await this.story.bySlug.first(slug);
    if (!row) return null;
    return { ...(await this.withChildren(row)), bodySource: row.body_source, bodyJson: row.body_json };
  }

  /** The story by slug without its body source and editor document (whatever its status: the service checks). */
  async findPublicArticleBySlug(slug: string): Promise<PublicArticle | null> {
    const row = await this.story.publicBySlug.first(slug);
    return row ? this.withChildren(row) : null;
  }

  /** A story row with its bylines, tags, sources, pinned links and translations. */
  private async withChildren(row: PublicRow): Promise<PublicArticle> {
    const [summary] = await hydrateSummaries(this.bylines, [row]);
    const group = row.translation_group;
    const [tags, sources, related, translations] = await Promise.all([
      this.story.tags.rows(row.id),
      this.story.sources.rows(row.id),
      this.story.related.rows(row.id),
      group === null ? Promise.resolve([]) : this.story.translations.rows(group, row.id),
    ]);
    return {
      ...summary!,
      bodyHtml: row.body_html,
      bodyText: row.body_text,
      bodyFormat: row.body_format === 'html' ? 'html' : 'markdown',
      ownerUserId: row.owner_user_id,
      tags,
      sources,
      related: related.map((r): ArticleLink => ({ slug: r.slug, headline: r.headline, status: r.status, publishedAt: r.published_at })),
      translationGroup: group,
      translations: translations.map((t) => ({
        id: t.id,
        slug: t.slug,
        headline: t.headline,
        language: t.language,
        status: t.status,
        publishedAt: t.published_at,
      })),
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

  /**
   * Puts `translationId` in `originalId`'s translation group (starting the group at the original when
   * it has none). The caller checks languages; this only writes.
   */
  async linkTranslation(originalId: number, translationId: number): Promise<number> {
    const original = await this.db.selectFrom('articles').select(['id', 'translation_group']).where('id', '=', originalId).executeTakeFirstOrThrow();
    const group = original.translation_group ?? original.id;
    await this.db.updateTable('articles').set({ translation_group: group }).where('id', 'in', [originalId, translationId]).execute();
    return group;
  }

  /** Takes a story out of its translation group (the others stay linked to each other). */
  async unlinkTranslation(id: number): Promise<void> {
    await this.db.updateTable('articles').set({ translation_group: null }).where('id', '=', id).execute();
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
  async updateArticle(id: number, rec: ArticleRecord, at: { now: string; actor: string; expectedRevision?: number }): Promise<number | null> {
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

  async findRevision(articleId: number, revision: number) {
    const r = await this.db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).where('revision', '=', revision).executeTakeFirst();
    return r
      ? {
          revision: r.revision,
          headline: r.headline,
          standfirst: r.standfirst,
          bodyHtml: r.body_html,
          bodySource: r.body_source,
          bodyFormat: r.body_format,
          createdAt: r.created_at,
          createdBy: r.created_by,
        }
      : null;
  }

  async deleteArticle(id: number): Promise<void> {
    await this.db.deleteFrom('article_related').where('related_article_id', '=', id).execute();
    await this.db.deleteFrom('articles').where('id', '=', id).execute();
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

  // --- sections, tags, authors ---

  async findSectionBySlug(slug: string): Promise<Section | null> {
    const r = await this.db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
    return r ? { id: r.id, slug: r.slug, name: r.name, description: r.description } : null;
  }

  /** Sections with at least one story readers can see at `now`: the navigation. Drafts must not leak a desk's name. */
  async listSectionsWithPublishedArticles(now: string, language?: LanguageFilter | null): Promise<Section[]> {
    const cond = languageCondition(language, 'a.language');
    const rows = await this.db
      .selectFrom('sections as s')
      .selectAll('s')
      .where(({ exists, selectFrom }) => {
        const q = selectFrom('articles as a')
          .select('a.id')
          .whereRef('a.section_id', '=', 's.id')
          .where('a.status', '=', 'published')
          .where('a.published_at', '<=', now);
        return exists(cond ? q.where(cond) : q);
      })
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

  /**
   * Finds a section by slug or creates it, keeping the first name given. The ensure* methods insert
   * with ON CONFLICT DO NOTHING and then read: two saves introducing the same new name at once both
   * get the one row (on PostgreSQL the second insert waits for the first transaction, then skips).
   */
  async ensureSection(slug: string, name: string): Promise<number> {
    const found = await this.db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    const max = await this.db
      .selectFrom('sections')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    await this.db
      .insertInto('sections')
      .values({ slug, name, position: Number(max?.p ?? 0) + 1 })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    return (await this.db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  }

  async ensureTag(slug: string, name: string): Promise<number> {
    const found = await this.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    await this.db
      .insertInto('tags')
      .values({ slug, name })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    return (await this.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  }

  async ensureAuthor(slug: string, fields: { name: string; bio?: string; isGuest?: boolean }): Promise<number> {
    const found = await this.db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) return found.id;
    await this.db
      .insertInto('authors')
      .values({ slug, name: fields.name, bio: fields.bio ?? '', is_guest: fields.isGuest ? 1 : 0, user_id: null })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
    return (await this.db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
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
      funding_kind: rec.funding?.kind ?? null,
      funding_name: rec.funding?.name ?? '',
      funding_url: rec.funding?.url ?? '',
      funding_disclosure: rec.funding?.disclosure ?? '',
    };
  }

  private async writeChildren(id: number, rec: ArticleRecord): Promise<void> {
    const ex = this.db;
    // Invariant: the join rows carry published_at exactly while the article is published.
    const published_at = rec.status === 'published' ? rec.publishedAt : null;
    if (rec.authorIds.length)
      await ex
        .insertInto('article_authors')
        .values(rec.authorIds.map((author_id, position) => ({ article_id: id, author_id, position, published_at })))
        .execute();
    if (rec.tagIds.length)
      await ex
        .insertInto('article_tags')
        .values(rec.tagIds.map((tag_id, position) => ({ article_id: id, tag_id, position, published_at })))
        .execute();
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
