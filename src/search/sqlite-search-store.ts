import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.js';
import { FRESHNESS, RANKING_WINDOW, WEIGHTS, type SearchFilters, type SearchHits, type SearchIndexStore, type SearchRequest } from './search-index.js';
import { foldToken, toFtsMatch } from './search-query.js';

const julianDay = (iso: string) => Date.parse(iso) / 86_400_000 + 2440587.5;

/**
 * SQLite FTS5. Filters on section and dates read UNINDEXED columns of the index itself, and tag and
 * byline filters are per-row primary-key probes, so ranking never joins: the FTS5 trap (a MATCH joined
 * to other tables loses its plan) cannot happen. BM25 is computed in a subquery, not via ORDER BY rank,
 * because FTS5's rank sorter ignores a rowid bound and would score every match.
 */
export class SqliteSearchStore implements SearchIndexStore {
  constructor(private readonly db: Db) {}

  async syncArticle(articleId: number): Promise<void> {
    await this.removeArticle(articleId);
    await sql`INSERT INTO search_index (rowid, headline, standfirst, body, section_id, published_at)
      SELECT id, headline, standfirst, body_text, section_id, published_at FROM articles WHERE id = ${articleId} AND status = 'published'`.execute(this.db);
  }

  async removeArticle(articleId: number): Promise<void> {
    await sql`DELETE FROM search_index WHERE rowid = ${articleId}`.execute(this.db);
  }

  private filters(f: SearchFilters): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`published_at <= ${f.now}`];
    if (f.sectionId !== undefined) parts.push(sql`section_id = ${f.sectionId}`);
    if (f.from) parts.push(sql`published_at >= ${f.from}`);
    if (f.to) parts.push(sql`published_at < ${f.to}`);
    if (f.tagId !== undefined) parts.push(sql`EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = search_index.rowid AND t.tag_id = ${f.tagId})`);
    if (f.authorId !== undefined) parts.push(sql`EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = search_index.rowid AND w.author_id = ${f.authorId})`);
    return sql.join(parts, sql` AND `);
  }

  async search(req: SearchRequest): Promise<SearchHits> {
    const match = toFtsMatch(req.query);
    const where = this.filters(req.filters);
    const tokens = req.query.include.flatMap((t) => t.tokens.map(foldToken));
    const df = await this.documentFrequencies(tokens);
    // Every included word must match, so the rarest bounds the matches (filters aside).
    const estimate = df.size ? Math.min(...df.values()) : 0;
    let cutoff: number | null = null;
    if (estimate > RANKING_WINDOW) {
      // Newest first is the index's own order: this stops at the window's last match.
      const { rows } = await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${match} AND ${where}
        ORDER BY rowid DESC LIMIT 1 OFFSET ${RANKING_WINDOW - 1}`.execute(this.db);
      cutoff = rows[0]?.id ?? null;
    }
    const bound = cutoff === null ? sql`1` : sql`rowid >= ${cutoff}`;
    const nowJd = julianDay(req.filters.now);
    const { rows } = await sql<{ id: number }>`SELECT id FROM (
        SELECT rowid AS id, bm25(search_index, ${sql.lit(WEIGHTS.headline)}, ${sql.lit(WEIGHTS.standfirst)}, ${sql.lit(WEIGHTS.body)})
          * (1.0 + ${sql.lit(FRESHNESS.boost)} / (1.0 + max(0.0, ${nowJd} - julianday(published_at)) / ${sql.lit(FRESHNESS.halfLifeDays)})) AS score
        FROM search_index WHERE search_index MATCH ${match} AND ${where} AND ${bound})
      ORDER BY score, id DESC LIMIT ${req.limit} OFFSET ${req.offset}`.execute(this.db);
    if (cutoff !== null) {
      const filtered = Object.keys(req.filters).length > 1;
      return { ids: rows.map((r) => r.id), total: filtered ? RANKING_WINDOW : estimate, exact: false };
    }
    const { rows: count } = await sql<{ n: number }>`SELECT count(*) AS n FROM search_index WHERE search_index MATCH ${match} AND ${where}`.execute(this.db);
    return { ids: rows.map((r) => r.id), total: Number(count[0]?.n ?? 0), exact: true };
  }

  async similar(opts: { terms: string[]; excludeId: number; now: string; limit: number }): Promise<{ id: number; score: number }[]> {
    if (opts.terms.length === 0) return [];
    const match = opts.terms.map((t) => `"${t}"`).join(' OR ');
    const { rows } = await sql<{ id: number; score: number }>`SELECT id, score FROM (
        SELECT rowid AS id, -bm25(search_index, ${sql.lit(WEIGHTS.headline)}, ${sql.lit(WEIGHTS.standfirst)}, ${sql.lit(WEIGHTS.body)}) AS score
        FROM search_index WHERE search_index MATCH ${match} AND rowid != ${opts.excludeId} AND published_at <= ${opts.now})
      ORDER BY score DESC LIMIT ${opts.limit}`.execute(this.db);
    return rows.map((r) => ({ id: r.id, score: r.score }));
  }

  async documentFrequencies(terms: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    // One probe per word: fts5vocab answers `term = ?` from the index's own b-tree.
    for (const term of new Set(terms)) {
      const { rows } = await sql<{ doc: number }>`SELECT doc FROM search_terms WHERE term = ${term}`.execute(this.db);
      if (rows[0]) found.set(term, rows[0].doc);
    }
    return found;
  }

  async countDocuments(): Promise<number> {
    // The largest id: close enough for word weights, and one b-tree step where count(*) would scan.
    const { rows } = await sql<{ n: number }>`SELECT rowid AS n FROM search_index ORDER BY rowid DESC LIMIT 1`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  async clear(): Promise<void> {
    await sql`INSERT INTO search_index (search_index) VALUES ('delete-all')`.execute(this.db);
  }

  async indexRange(afterId: number, throughId: number): Promise<number> {
    const r = await sql`INSERT INTO search_index (rowid, headline, standfirst, body, section_id, published_at)
      SELECT id, headline, standfirst, body_text, section_id, published_at FROM articles
      WHERE id > ${afterId} AND id <= ${throughId} AND status = 'published'`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  async finishRebuild(): Promise<void> {
    await sql`INSERT INTO search_index (search_index) VALUES ('optimize')`.execute(this.db);
  }

  async sizeBytes(): Promise<number | null> {
    try {
      const { rows } = await sql<{ n: number }>`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_index%'`.execute(this.db);
      return Number(rows[0]?.n ?? 0);
    } catch {
      return null;
    }
  }
}
