import { sql, type SelectQueryBuilder } from 'kysely';
import type { LanguageFilter } from '../i18n/languages.js';
import { dialectOf, type Db } from '../store/db.js';
import { prepareQuery } from '../store/prepared-query.js';
import type { Database } from '../store/schema.js';
import type { ArticleSummary, AuthorRef, HeroImage, SectionRef } from './article.js';

/**
 * SQL pieces that lists of stories are built from, shared by ArticleListStore, ArticleStore and search:
 * language filters, keyset paging, and a summary's columns with the query that adds its bylines.
 */

/** A place in a "newest first" list: the last story already seen (keyset paging). */
export interface ListPosition {
  publishedAt: string;
  id: number;
}

/** `language` matches base `code`: exactly, or as `code-REGION`. */
function languageIs(column: string, code: string) {
  return sql<boolean>`(${sql.ref(column)} = ${code} OR ${sql.ref(column)} LIKE ${`${code}-%`})`;
}

/** The WHERE condition for a language filter on `column`, or null for none. */
export function languageCondition(filter: LanguageFilter | null | undefined, column = 'language') {
  if (!filter) return null;
  if ('only' in filter) return languageIs(column, filter.only);
  if (filter.except.length === 0) return null;
  return sql<boolean>`NOT (${sql.join(
    filter.except.map((c) => languageIs(column, c)),
    sql` OR `,
  )})`;
}

/** Adds a language filter to a list of `articles` rows. */
export function inLanguage<Q extends SelectQueryBuilder<Database, keyof Database, object>>(query: Q, filter: LanguageFilter | null | undefined): Q {
  const cond = languageCondition(filter);
  return cond ? (query.where(cond) as Q) : query;
}

/** Adds a language filter to a join table's list: the story's language is on `articles`, so it is looked up there. */
export function joinedInLanguage<Q extends SelectQueryBuilder<Database, keyof Database, object>>(
  db: Db,
  query: Q,
  filter: LanguageFilter | null | undefined,
  idColumn: string,
): Q {
  const cond = languageCondition(filter);
  if (!cond) return query;
  return query.where(sql.ref(idColumn), 'in', db.selectFrom('articles').select('id').where(cond)) as Q;
}

/** `(published_at, id) < (after)`: a row-value comparison both SQLite and PostgreSQL read as one index range. */
export function olderThan<Q extends SelectQueryBuilder<Database, keyof Database, object>>(
  query: Q,
  after: ListPosition | null | undefined,
  idColumn: 'id' | 'article_id',
): Q {
  if (!after) return query;
  return query.where(sql<boolean>`(published_at, ${sql.ref(idColumn)}) < (${after.publishedAt}, ${after.id})`) as Q;
}

/** A story's section and hero image, joined (`sections as s`, `media as m`), so a list needs one more query (bylines), not three. */
export const joinedColumns = [
  's.slug as section_slug',
  's.name as section_name',
  'm.hash as media_hash',
  'm.width as media_width',
  'm.height as media_height',
  'm.widths as media_widths',
] as const;

/** Columns a story in a list needs; sections and images are joined, so a list is two queries. */
export const summaryColumns = [
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
  'a.funding_kind',
  'a.funding_name',
  'a.funding_url',
  'a.funding_disclosure',
  'a.language',
  ...joinedColumns,
] as const;

/**
 * A story's bylines as one JSON array column of its own row (`articles as a`), in byline order: read with
 * bylinesFromJson. For a story page and short lists by id, where one statement beats a second query.
 */
export function authorsJsonColumn(db: Db) {
  const pg = dialectOf(db) === 'postgres';
  const agg = sql.raw(pg ? 'json_agg' : 'json_group_array');
  const obj = sql.raw(pg ? 'json_build_object' : 'json_object');
  return sql<unknown>`(select ${agg}(${obj}('id', au.id, 'slug', au.slug, 'name', au.name, 'is_guest', au.is_guest) order by aa."position")
      from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = a.id)`.as('authors_json');
}

/**
 * A JSON array column (authorsJsonColumn, and the story's child columns): a string on SQLite, already parsed
 * on PostgreSQL, and there NULL for no rows. Ordered inside the aggregate (SQLite 3.44+ and PostgreSQL).
 */
export function fromJson<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/** The bylines in an authorsJsonColumn value. */
export function bylinesFromJson(value: unknown): AuthorRef[] {
  return fromJson<{ id: number; slug: string; name: string; is_guest: number }>(value).map((au) => ({
    id: au.id,
    slug: au.slug,
    name: au.name,
    isGuest: Boolean(au.is_guest),
  }));
}

/** The bylines of a list of stories, in order: one prepared query per list length (store/prepared-query.ts). */
export function bylinesQuery(db: Db) {
  return prepareQuery(db, (articleIds: readonly number[]) =>
    db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.id', 'au.slug', 'au.name', 'au.is_guest'])
      .where('aa.article_id', 'in', articleIds)
      .orderBy('aa.article_id')
      .orderBy('aa.position'),
  );
}

export type BylinesQuery = ReturnType<typeof bylinesQuery>;

/** The `articles` columns of a story summary, with its section and hero image joined (summaryColumns). */
export interface SummaryRow {
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
  funding_kind: 'underwritten' | 'sponsored' | null;
  funding_name: string;
  funding_url: string;
  funding_disclosure: string;
  language: string;
}

/** Adds bylines to summary rows: one query for the whole list (sections and images are joined already). */
export async function hydrateSummaries(bylines: BylinesQuery, rows: SummaryRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const authors = await bylines.rows(rows.map((r) => r.id));
  const authorsByArticle = new Map<number, AuthorRef[]>();
  for (const a of authors) {
    const list = authorsByArticle.get(a.article_id) ?? [];
    list.push({ id: a.id, slug: a.slug, name: a.name, isGuest: Boolean(a.is_guest) });
    authorsByArticle.set(a.article_id, list);
  }
  return rows.map((r) => summaryFromRow(r, authorsByArticle.get(r.id) ?? []));
}

/** One summary row and its bylines, in order, as the story's summary. */
export function summaryFromRow(r: SummaryRow, authors: AuthorRef[]): ArticleSummary {
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
  const section: SectionRef | null =
    r.section_id !== null && r.section_slug !== null ? { id: r.section_id, slug: r.section_slug, name: r.section_name! } : null;
  return {
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    standfirst: r.standfirst,
    section,
    authors,
    hero,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    funding: r.funding_kind ? { kind: r.funding_kind, name: r.funding_name, url: r.funding_url, disclosure: r.funding_disclosure } : null,
    language: r.language,
  };
}
