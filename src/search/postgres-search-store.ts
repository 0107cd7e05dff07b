import { sql, type RawBuilder } from 'kysely';
import { languageCondition } from '../articles/article-list-store.js';
import type { Db } from '../store/db.js';
import { FRESHNESS, RANKING_WINDOW, type SearchFilters, type SearchHits, type SearchIndexStore, type SearchRequest } from './search-index.js';
import { foldToken, toTsQuery, type ParsedQuery } from './search-query.js';

/** ts_rank_cd weights, in PostgreSQL's {D, C, B, A} order: body D, standfirst B, headline A. */
const RANK_WEIGHTS = '{0.1, 0.2, 0.3, 1.0}';
/** Serialises index writes, so two publishes never lock search_terms rows in opposite orders. */
const WRITE_LOCK = 7340011;

const DOCUMENT = sql`setweight(to_tsvector('masthead_search', a.headline), 'A') || setweight(to_tsvector('masthead_search', a.standfirst), 'B')
  || setweight(to_tsvector('masthead_search', a.body_text), 'D')`;

/** PostgreSQL full text: a weighted tsvector per published story, a GIN index, ts_rank_cd, unaccent. */
export class PostgresSearchStore implements SearchIndexStore {
  constructor(private readonly db: Db) {}

  async syncArticle(articleId: number): Promise<void> {
    await this.removeArticle(articleId);
    await sql`INSERT INTO search_documents (article_id, section_id, published_at, document, language)
      SELECT a.id, a.section_id, a.published_at, ${DOCUMENT}, a.language FROM articles a WHERE a.id = ${articleId} AND a.status = 'published'`.execute(this.db);
    await sql`INSERT INTO search_terms (term, docs)
      SELECT lexeme, 1 FROM search_documents, unnest(document) WHERE article_id = ${articleId} ORDER BY lexeme
      ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + 1`.execute(this.db);
  }

  async removeArticle(articleId: number): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(this.db);
    await sql`UPDATE search_terms SET docs = docs - 1
      WHERE term IN (SELECT lexeme FROM search_documents, unnest(document) WHERE article_id = ${articleId})`.execute(this.db);
    await sql`DELETE FROM search_documents WHERE article_id = ${articleId}`.execute(this.db);
  }

  private filters(f: SearchFilters): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`d.published_at <= ${f.now}`];
    if (f.sectionId !== undefined) parts.push(sql`d.section_id = ${f.sectionId}`);
    // The story's language is on its document row, checked like its section.
    const language = languageCondition(f.language, 'd.language');
    if (language) parts.push(language);
    if (f.from) parts.push(sql`d.published_at >= ${f.from}`);
    if (f.to) parts.push(sql`d.published_at < ${f.to}`);
    if (f.tagId !== undefined) parts.push(sql`EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = d.article_id AND t.tag_id = ${f.tagId})`);
    if (f.authorId !== undefined) parts.push(sql`EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = d.article_id AND w.author_id = ${f.authorId})`);
    return sql.join(parts, sql` AND `);
  }

  async search(req: SearchRequest): Promise<SearchHits> {
    const q = sql`to_tsquery('masthead_search', ${toTsQuery(req.query)})`;
    const where = this.filters(req.filters);
    const df = await this.documentFrequencies(
      req.query.include.flatMap((t) => t.tokens.map(foldToken)),
      Number.MAX_SAFE_INTEGER - 1,
    );
    // The rarest word bounds how many stories can match.
    const estimate = df.size ? Math.min(...df.values()) : 0;
    const age = sql`greatest(0, extract(epoch from (${req.filters.now}::timestamptz - d.published_at::timestamptz)) / 86400)`;
    const rank = sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], d.document, ${q}, 1) * (1 + ${FRESHNESS.boost}::float8 / (1 + ${age} / ${FRESHNESS.halfLifeDays}::float8))`;
    if (estimate > RANKING_WINDOW) {
      // Common words: walk the newest stories (the published_at index) and rank the first
      // RANKING_WINDOW that match, in ONE statement. Ranking them while they are read costs no second
      // pass; a GIN bitmap over words in most stories would read their whole posting lists.
      const { rows } = await sql<{ id: number; matched: string }>`SELECT id, count(*) OVER () AS matched FROM (
          SELECT d.article_id AS id, d.published_at, ${rank} AS score FROM search_documents d
          WHERE d.document @@ ${q} AND ${where} ORDER BY d.published_at DESC, d.article_id DESC LIMIT ${RANKING_WINDOW}) w
        ORDER BY score DESC, published_at DESC, id DESC`.execute(this.db);
      const matched = Number(rows[0]?.matched ?? 0);
      const ids = rows.slice(req.offset, req.offset + req.limit).map((r) => r.id);
      if (matched < RANKING_WINDOW) return { ids, total: matched, exact: true };
      const filtered = Object.keys(req.filters).length > 1;
      return { ids, total: filtered ? RANKING_WINDOW : estimate, exact: false };
    }
    // Rare words: the GIN index finds the few matches; the total comes with the page.
    const { rows } = await sql<{ id: number; total: string }>`SELECT d.article_id AS id, count(*) OVER () AS total FROM search_documents d
      WHERE d.document @@ ${q} AND ${where}
      ORDER BY ${rank} DESC, d.published_at DESC, d.article_id DESC
      LIMIT ${req.limit} OFFSET ${req.offset}`.execute(this.db);
    if (rows.length > 0 || req.offset === 0) return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0), exact: true };
    // A page past the end carries no count: ask for it.
    const { rows: count } = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents d WHERE d.document @@ ${q} AND ${where}`.execute(this.db);
    return { ids: [], total: Number(count[0]?.n ?? 0), exact: true };
  }

  async suggest(opts: { query: ParsedQuery; now: string; limit: number }): Promise<number[]> {
    const q = sql`to_tsquery('masthead_search', ${toTsQuery(opts.query, { prefix: true, headlineOnly: true })})`;
    const { rows } = await sql<{ id: number }>`SELECT d.article_id AS id FROM search_documents d WHERE d.document @@ ${q} AND d.published_at <= ${opts.now}
      ORDER BY d.published_at DESC, d.article_id DESC LIMIT ${opts.limit}`.execute(this.db);
    return rows.map((r) => r.id);
  }

  async similar(opts: { terms: string[]; excludeId: number; now: string; limit: number }): Promise<{ id: number; score: number }[]> {
    if (opts.terms.length === 0) return [];
    const q = sql`to_tsquery('masthead_search', ${opts.terms.map((t) => `'${t}'`).join(' | ')})`;
    const { rows } = await sql<{ id: number; score: number }>`SELECT d.article_id AS id, ts_rank_cd(${RANK_WEIGHTS}::float4[], d.document, ${q}, 1) AS score
      FROM search_documents d WHERE d.document @@ ${q} AND d.article_id <> ${opts.excludeId} AND d.published_at <= ${opts.now}
      ORDER BY score DESC, d.published_at DESC LIMIT ${opts.limit}`.execute(this.db);
    return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  }

  async documentFrequencies(terms: string[], cap: number): Promise<Map<string, number>> {
    const unique = [...new Set(terms)];
    if (unique.length === 0) return new Map();
    const { rows } = await sql<{ term: string; docs: number }>`SELECT term, docs FROM search_terms WHERE term = ANY(${unique}) AND docs > 0`.execute(this.db);
    return new Map(rows.map((r) => [r.term, Math.min(cap + 1, Number(r.docs))]));
  }

  async countDocuments(): Promise<number> {
    const { rows } = await sql<{ n: number | null }>`SELECT max(article_id) AS n FROM search_documents`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  async clear(): Promise<void> {
    await sql`TRUNCATE search_documents, search_terms`.execute(this.db);
  }

  async indexRange(afterId: number, throughId: number): Promise<number> {
    const r = await sql`INSERT INTO search_documents (article_id, section_id, published_at, document, language)
      SELECT a.id, a.section_id, a.published_at, ${DOCUMENT}, a.language FROM articles a
      WHERE a.id > ${afterId} AND a.id <= ${throughId} AND a.status = 'published'`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  async finishRebuild(): Promise<void> {
    await sql`TRUNCATE search_terms`.execute(this.db);
    await sql`INSERT INTO search_terms (term, docs) SELECT lexeme, count(*) FROM search_documents, unnest(document) GROUP BY lexeme`.execute(this.db);
    await sql`ANALYZE search_documents`.execute(this.db);
  }

  async sizeBytes(): Promise<number | null> {
    const { rows } = await sql<{ n: number }>`SELECT pg_total_relation_size('search_documents') + pg_total_relation_size('search_terms') AS n`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }
}
