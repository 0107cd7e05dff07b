import { sql } from 'kysely';
import { dialectOf, type Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import { authorsJsonColumn, bylinesFromJson, fromJson, joinedColumns, languageCondition, summaryFromRow } from './article-summary-store.js';
import type { LanguageFilter } from '../i18n/languages.js';
import type { Article, ArticleLink, ArticleStatus, Author, PublicArticle, Section, Source, TagRef } from './article.js';

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

/**
 * A story's bylines, tags, sources, pinned links and translations as JSON arrays in its own row, so a story page reads
 * them in the story's statement instead of five more. Ordered inside the aggregate (SQLite 3.44+ and PostgreSQL); the
 * columns are TEXT and integers on both (is_guest too), so the values are the same. SQLite answers with a JSON string,
 * PostgreSQL with the parsed value, or NULL for no rows (see fromJson).
 */
function childColumns(db: Db) {
  const pg = dialectOf(db) === 'postgres';
  const agg = sql.raw(pg ? 'json_agg' : 'json_group_array');
  const obj = sql.raw(pg ? 'json_build_object' : 'json_object');
  return [
    authorsJsonColumn(db),
    sql<unknown>`(select ${agg}(${obj}('id', t.id, 'slug', t.slug, 'name', t.name) order by tg."position")
      from article_tags tg join tags t on t.id = tg.tag_id where tg.article_id = a.id)`.as('tags_json'),
    sql<unknown>`(select ${agg}(${obj}('name', src.name, 'url', src.url) order by src."position")
      from article_sources src where src.article_id = a.id)`.as('sources_json'),
    sql<unknown>`(select ${agg}(${obj}('slug', ra.slug, 'headline', ra.headline, 'status', ra.status, 'published_at', ra.published_at) order by rl."position")
      from article_related rl join articles ra on ra.id = rl.related_article_id where rl.article_id = a.id)`.as('related_json'),
    // The other stories of its translation group, by id. A story in no group finds none (NULL equals nothing),
    // and the equality lets both databases use the partial index on translation_group.
    sql<unknown>`(select ${agg}(${obj}('id', tr.id, 'slug', tr.slug, 'headline', tr.headline, 'language', tr.language,
        'status', tr.status, 'published_at', tr.published_at) order by tr.id)
      from articles tr where tr.translation_group = a.translation_group and tr.id != a.id)`.as('translations_json'),
  ] as const;
}

/** The reads behind one public story page, prepared once per store (store/prepared-query.ts): they run on every cache miss. */
function storyQueries(db: Db) {
  const children = childColumns(db);
  return {
    bySlug: prepareQuery(db, (slug: string) =>
      db
        .selectFrom('articles as a')
        .leftJoin('sections as s', 's.id', 'a.section_id')
        .leftJoin('media as m', 'm.id', 'a.hero_media_id')
        .selectAll('a')
        .select([...joinedColumns, ...children])
        .where('a.slug', '=', slug),
    ),
    // Every column but the body's source and the editor's document: what a reader's page needs.
    publicBySlug: prepareQuery(db, (slug: string) =>
      db
        .selectFrom('articles as a')
        .leftJoin('sections as s', 's.id', 'a.section_id')
        .leftJoin('media as m', 'm.id', 'a.hero_media_id')
        .select([...PUBLIC_COLUMNS, ...joinedColumns, ...children])
        .where('a.slug', '=', slug),
    ),
  };
}

type PublicRow = NonNullable<Awaited<ReturnType<ReturnType<typeof storyQueries>['publicBySlug']['first']>>>;

/** SQL for reading one article at a time (whole, or as a reader's page needs it) and the sections, tags and authors it names. */
export class ArticleReadStore {
  private readonly story: ReturnType<typeof storyQueries>;

  constructor(protected readonly db: Db) {
    this.story = storyQueries(db);
  }

  async findArticleById(id: number): Promise<Article | null> {
    const r = await this.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirst();
    return r ? this.findArticleBySlug(r.slug) : null;
  }

  async findArticleBySlug(slug: string): Promise<Article | null> {
    const row = await this.story.bySlug.first(slug);
    if (!row) return null;
    return { ...this.withChildren(row), bodySource: row.body_source, bodyJson: row.body_json };
  }

  /** The story by slug without its body source and editor document (whatever its status: the service checks). */
  async findPublicArticleBySlug(slug: string): Promise<PublicArticle | null> {
    const row = await this.story.publicBySlug.first(slug);
    return row ? this.withChildren(row) : null;
  }

  /** A story row with its bylines, tags, sources, pinned links and translations. */
  private withChildren(row: PublicRow): PublicArticle {
    const summary = summaryFromRow(row, bylinesFromJson(row.authors_json));
    const translations = fromJson<{ id: number; slug: string; headline: string; language: string; status: ArticleStatus; published_at: string | null }>(
      row.translations_json,
    );
    const related = fromJson<{ slug: string; headline: string; status: ArticleStatus; published_at: string | null }>(row.related_json);
    return {
      ...summary,
      bodyHtml: row.body_html,
      bodyText: row.body_text,
      bodyFormat: row.body_format === 'html' ? 'html' : 'markdown',
      ownerUserId: row.owner_user_id,
      tags: fromJson<TagRef>(row.tags_json),
      sources: fromJson<Source>(row.sources_json),
      related: related.map((r): ArticleLink => ({ slug: r.slug, headline: r.headline, status: r.status, publishedAt: r.published_at })),
      translationGroup: row.translation_group,
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
}
