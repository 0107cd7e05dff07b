import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.js';

/** One autosave: the writer's headline, standfirst and body, taken while they typed. */
export interface Autosave {
  id: number;
  articleId: number;
  /** The revision the writer's page showed when it autosaved. */
  basedOn: number;
  headline: string;
  standfirst: string;
  bodyHtml: string;
  bodyJson: string;
  createdAt: string;
  createdBy: string;
}

/** A story offered by the related-stories picker. */
export interface HeadlineMatch {
  id: number;
  slug: string;
  headline: string;
  publishedAt: string | null;
  section: string | null;
}

/** Autosaves kept per article; older ones are dropped as new ones arrive (the revisions stay). */
export const AUTOSAVES_KEPT = 50;

/** `lower(column) LIKE '%text%'`, the text taken literally: the same case-insensitive match on SQLite and PostgreSQL. */
function containsFolded(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** SQL for the editor's helpers: autosaves, and the lookups behind the tag, byline and related pickers. */
export class ArticleEditorStore {
  constructor(private readonly db: Db) {}

  /** Stores an autosave and drops the oldest beyond AUTOSAVES_KEPT. Returns the new row. */
  async insertAutosave(a: Omit<Autosave, 'id'>): Promise<Autosave> {
    const row = await this.db
      .insertInto('article_autosaves')
      .values({
        article_id: a.articleId,
        based_on: a.basedOn,
        headline: a.headline,
        standfirst: a.standfirst,
        body_html: a.bodyHtml,
        body_json: a.bodyJson,
        created_at: a.createdAt,
        created_by: a.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cutoff = await this.db
      .selectFrom('article_autosaves')
      .select('id')
      .where('article_id', '=', a.articleId)
      .orderBy('id', 'desc')
      .offset(AUTOSAVES_KEPT)
      .limit(1)
      .executeTakeFirst();
    if (cutoff) await this.db.deleteFrom('article_autosaves').where('article_id', '=', a.articleId).where('id', '<=', cutoff.id).execute();
    return { ...a, id: row.id };
  }

  /** The article's autosaves, oldest first. */
  async listAutosaves(articleId: number): Promise<Autosave[]> {
    const rows = await this.db.selectFrom('article_autosaves').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
    return rows.map(toAutosave);
  }

  async findAutosave(articleId: number, id: number): Promise<Autosave | null> {
    const row = await this.db.selectFrom('article_autosaves').selectAll().where('article_id', '=', articleId).where('id', '=', id).executeTakeFirst();
    return row ? toAutosave(row) : null;
  }

  async findLatestAutosave(articleId: number): Promise<Autosave | null> {
    const row = await this.db.selectFrom('article_autosaves').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toAutosave(row) : null;
  }

  /** Stories whose headline contains `text` (any case), newest first; drafts too, since an editor may pin one before both go out. */
  async searchHeadlines(text: string, excludeId: number | null, limit: number): Promise<HeadlineMatch[]> {
    let q = this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.id', 'a.slug', 'a.headline', 'a.published_at', 's.name as section'])
      .where(containsFolded('a.headline', text))
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit);
    if (excludeId !== null) q = q.where('a.id', '!=', excludeId);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, headline: r.headline, publishedAt: r.published_at, section: r.section }));
  }

  /** The stories with these slugs, in the order given (unknown slugs are left out). */
  async findHeadlinesBySlugs(slugs: string[]): Promise<HeadlineMatch[]> {
    if (slugs.length === 0) return [];
    const rows = await this.db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.id', 'a.slug', 'a.headline', 'a.published_at', 's.name as section'])
      .where('a.slug', 'in', slugs)
      .execute();
    const bySlug = new Map(rows.map((r) => [r.slug, { id: r.id, slug: r.slug, headline: r.headline, publishedAt: r.published_at, section: r.section }]));
    return slugs.flatMap((s) => bySlug.get(s) ?? []);
  }

  /** Tag names containing `text`, shortest first (the closest match), then by name. */
  async searchTagNames(text: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tags')
      .select('name')
      .where(containsFolded('name', text))
      .orderBy(sql`length(name)`)
      .orderBy('name')
      .limit(limit)
      .execute();
    return rows.map((r) => r.name);
  }

  /** Byline profiles whose name contains `text` (every profile when it is empty), by name. */
  async searchAuthorProfiles(text: string, limit: number): Promise<{ name: string; guest: boolean }[]> {
    let q = this.db.selectFrom('authors').select(['name', 'is_guest']).orderBy('name').limit(limit);
    if (text) q = q.where(containsFolded('name', text));
    const rows = await q.execute();
    return rows.map((r) => ({ name: r.name, guest: Boolean(r.is_guest) }));
  }
}

function toAutosave(r: {
  id: number;
  article_id: number;
  based_on: number;
  headline: string;
  standfirst: string;
  body_html: string;
  body_json: string;
  created_at: string;
  created_by: string;
}): Autosave {
  return {
    id: r.id,
    articleId: r.article_id,
    basedOn: r.based_on,
    headline: r.headline,
    standfirst: r.standfirst,
    bodyHtml: r.body_html,
    bodyJson: r.body_json,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}
