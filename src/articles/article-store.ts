import type { ArticleFunding, ArticleStatus, Source } from './article.js';
import { ArticleReadStore } from './article-read-store.js';

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

/**
 * SQL for one article at a time: the reads (article-read-store.ts), saving it, its revisions and translation
 * links, and making sections, tags and bylines. Lists are in article-list-store.ts.
 */
export class ArticleStore extends ArticleReadStore {
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
