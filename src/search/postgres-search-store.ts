import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.js';
import { FRESHNESS, RANKING_WINDOW, WEIGHTS, type SearchFilters, type SearchHits, type SearchIndexStore, type SearchRequest } from './search-index.js';
import { foldToken, toTsQuery, type ParsedQuery, type QueryTerm } from './search-query.js';

/** ts_rank_cd weights, in PostgreSQL's {D, C, B, A} order: body D, standfirst B, headline A. */
const RANK_WEIGHTS = '{0.1, 0.2, 0.3, 1.0}';
/** Serialises index writes, so two publishes never lock search_terms rows in opposite orders. */
const WRITE_LOCK = 7340011;

/**
 * Filter tokens, as the SQLite index keeps in its `facets` column: section, base language, month of
 * publication, tags and bylines. Each holds `=`, which no reader's word can (words are letters, digits
 * and marks), so typing `sec=3` never matches one. Positionless, so ts_rank_cd never counts them.
 */
const FACETS = sql`array_to_tsvector(ARRAY['sec=' || coalesce(a.section_id, 0), 'lang=' || lower(split_part(a.language, '-', 1)),
    'month=' || substr(a.published_at, 1, 7)]
  || ARRAY(SELECT 'tag=' || t.tag_id FROM article_tags t WHERE t.article_id = a.id)
  || ARRAY(SELECT 'by=' || w.author_id FROM article_authors w WHERE w.article_id = a.id))`;
const DOCUMENT = sql`setweight(to_tsvector('masthead_search', a.headline), 'A') || setweight(to_tsvector('masthead_search', a.standfirst), 'B')
  || setweight(to_tsvector('masthead_search', a.body_text), 'D') || ${FACETS}`;

/** A query whose rarest term is in more than this many stories is looked for month by month, newest first. */
const SLICED = RANKING_WINDOW;
/**
 * Up to this many stories for its rarest term, a query whose first months promise too few matches to fill
 * the window is ranked at once over the whole archive: reading that many at worst, as one GIN query would.
 */
const RANK_AT_ONCE = 4 * RANKING_WINDOW;
/** Matches expected in a slice of months, as a multiple of those still wanted (density is only estimated). */
const SLICE_MARGIN = 1.1;
/** At this density (matches per story) walking the newest stories beats the GIN index. */
const WALK_DENSITY = 0.25;

/** A match in the ranking window, scored. */
interface Scored {
  id: number;
  published_at: string;
  score: number;
}
/** PostgreSQL full text: a weighted tsvector per published story, a GIN index, ts_rank_cd, unaccent. */
export class PostgresSearchStore implements SearchIndexStore {
  private readonly limits: { window: number; sliced: number; rankAtOnce: number };

  constructor(
    private readonly db: Db,
    /** The ranking window, past how many stories a term is looked for month by month, and RANK_AT_ONCE (tests lower them to reach every path). */
    limits: Partial<PostgresSearchStore['limits']> = {},
  ) {
    this.limits = { window: RANKING_WINDOW, sliced: SLICED, rankAtOnce: RANK_AT_ONCE, ...limits };
  }

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

  /** Section, tag, byline and language filters as tsquery text over filter tokens (our own tokens only, never the reader's). */
  private facetQuery(f: SearchFilters): { must: string[]; query: string | null } {
    const must: string[] = [];
    if (f.sectionId !== undefined) must.push(`sec=${f.sectionId}`);
    if (f.tagId !== undefined) must.push(`tag=${f.tagId}`);
    if (f.authorId !== undefined) must.push(`by=${f.authorId}`);
    if (f.language && 'only' in f.language && isCode(f.language.only)) must.push(`lang=${f.language.only}`);
    const not = f.language && 'except' in f.language ? f.language.except.filter(isCode).map((c) => `lang=${c}`) : [];
    const parts = [...must.map((t) => `'${t}'`), ...not.map((t) => `!'${t}'`)];
    return { must, query: parts.length ? parts.join(' & ') : null };
  }

  /**
   * The query's newest RANKING_WINDOW matches, ranked (see CONTEXT.md, "window"). A GIN bitmap is cheap
   * to intersect but costs a heap visit per match; walking the published_at index costs a visit per
   * story passed. So: a rare term (at most SLICED stories): one GIN query. Otherwise the newest months
   * first (their `month=` tokens in the GIN query), as many as should hold the matches still wanted,
   * growing until the window is full or the archive is covered; a month dense with matches is walked instead.
   */
  async search(req: SearchRequest): Promise<SearchHits> {
    const words = sql`to_tsquery('masthead_search', ${toTsQuery(req.query)})`;
    const facets = this.facetQuery(req.filters);
    const match = facets.query ? sql`(${words} && ${facets.query}::tsquery)` : words;
    const terms = [...req.query.include.flatMap((t) => t.tokens.map(foldToken)), ...facets.must];
    const { df, months: allMonths } = await this.counts(terms, req.filters);
    // The rarest term bounds how many stories can match (a term the counts miss: assume rare, let GIN find out).
    const counted = terms.every((t) => df.has(t));
    const estimate = counted ? Math.min(...df.values()) : 0;
    const dates = this.dates(req.filters);
    const age = sql`greatest(0, extract(epoch from (${req.filters.now}::timestamptz - published_at::timestamptz)) / 86400)`;
    const fresh = sql`(1 + ${FRESHNESS.boost}::float8 / (1 + ${age} / ${FRESHNESS.halfLifeDays}::float8))`;
    // The page asked for is among the best `keep` of the whole window, so each slice returns only its best `keep`.
    const keep = req.offset + req.limit;
    const ranked = (test: RawBuilder<unknown>) =>
      sql<Scored & { n: number }>`SELECT d.article_id AS id, d.published_at, ts_rank_cd(${RANK_WEIGHTS}::float4[], d.document, ${words}, 1) * ${fresh} AS score,
        count(*) OVER () AS n FROM search_documents d WHERE ${test} AND ${dates} ORDER BY 3 DESC, d.published_at DESC, d.article_id DESC LIMIT ${keep}`;
    if (counted && estimate < this.limits.window) {
      // Fewer stories hold the rarest term than the window takes: it cannot fill, so every match is ranked by
      // ts_rank_cd in the one scan that finds them (column scores first would read every document twice).
      const { rows } = await ranked(sql`d.document @@ ${match}`).execute(this.db);
      return { ids: sortedPage(rows, req).map((r) => r.id), total: Number(rows[0]?.n ?? 0), exact: true };
    }
    const months = estimate > this.limits.sliced ? allMonths : [];
    const stories = months.reduce((n, m) => n + m.docs, 0);
    let density = stories > 0 ? Math.min(1, estimate / stories) : 1;
    // Scored by where each word stands (headline A, standfirst B), on the row the scan already reads; ts_rank_cd is for windows not full.
    const columns = sql.join(
      req.query.include.map((t) => {
        const inColumn = (w: 'A' | 'B') => sql`(d.document @@ (SELECT to_tsquery('masthead_search', ${weighted(t, w)})))::int`;
        return sql`(${WEIGHTS.body} + ${WEIGHTS.headline} * ${inColumn('A')} + ${WEIGHTS.standfirst} * ${inColumn('B')})`;
      }),
      sql` + `,
    );
    const best: Scored[] = [];
    let count = 0;
    let next = 0;
    let tried = false;
    do {
      const wanted = this.limits.window - count;
      // Months enough to hold SLICE_MARGIN times the matches still wanted; all the rest when the rest is smaller.
      let end = next;
      let docs = 0;
      while (end < months.length && docs * density < SLICE_MARGIN * wanted) docs += months[end++]!.docs;
      if (months.slice(end).reduce((n, m) => n + m.docs, 0) < docs) end = months.length;
      const slice = months.slice(next, end);
      let test: RawBuilder<unknown>;
      const walk = slice.length > 0 && density >= WALK_DENSITY;
      if (walk) {
        // Dense: walk the slice's newest stories (ts_match_vq is @@ in a form no index serves, so the planner walks published_at).
        // The query is a scalar subquery: evaluated once, where to_tsquery in a filter would be parsed again for every row.
        const [latest, earliest] = [slice[0]!.month, slice[slice.length - 1]!.month];
        test = sql`ts_match_vq(d.document, (SELECT ${match})) AND d.published_at >= ${earliest} AND d.published_at < ${nextMonth(latest)}`;
      } else if (next > 0 && end === months.length) {
        // The rest of the archive: the GIN query alone, the newer months left out by date. Its month tokens would
        // be a union of nearly every month's list inside the index (170 ms for 50 months at 200,000 stories).
        test = sql`d.document @@ ${match} AND d.published_at < ${nextMonth(slice[0]!.month)}`;
      } else if (slice.length > 0 && slice.length < months.length) {
        // Sparse: the GIN index, held to the slice by its month tokens (an intersection inside the index).
        test = sql`d.document @@ (${match} && ${slice.map((m) => `'month=${m.month}'`).join(' | ')}::tsquery)`;
      } else test = sql`d.document @@ ${match}`;
      // The newest matches, scored. A walk stops at `wanted` and needs no sort. A GIN bitmap's matches are sorted
      // without their documents: OFFSET 0 keeps the scores in the scan (left to the planner, it scores after the
      // sort, which then carries 2 KB documents and spills to disk). Only the best `keep` come back, with the count.
      const scan = sql`SELECT d.article_id AS id, d.published_at, ${columns} AS score FROM search_documents d WHERE ${test} AND ${dates}`;
      const newest = walk
        ? sql`${scan} ORDER BY d.published_at DESC, d.article_id DESC LIMIT ${wanted}`
        : sql`SELECT id, published_at, score FROM (${scan} OFFSET 0) m ORDER BY published_at DESC, id DESC LIMIT ${wanted}`;
      const { rows } = await sql<Scored & { n: number }>`SELECT id, published_at, score * ${fresh} AS score, count(*) OVER () AS n
        FROM (${newest}) w ORDER BY 3 DESC, published_at DESC, id DESC LIMIT ${keep}`.execute(this.db);
      const n = Number(rows[0]?.n ?? 0);
      count += n;
      best.push(...rows);
      next = Math.max(end, next + 1);
      // What this slice held tells how dense the older months are (none found: expect four times fewer).
      density = n > 0 ? Math.min(1, n / Math.max(1, docs)) : density / 4;
      const rest = months.slice(next).reduce((x, m) => x + m.docs, 0);
      if (!tried && n > 0 && estimate <= this.limits.rankAtOnce && next < months.length && count + density * rest < this.limits.window) {
        // The window should not fill: rank every match now rather than find them slice by slice and then read them all again.
        // Wrong (the older months are denser): the window is found slice by slice after all.
        tried = true;
        const { rows: all } = await ranked(sql`d.document @@ ${match}`).execute(this.db);
        const total = Number(all[0]?.n ?? 0);
        if (total < this.limits.window) return { ids: sortedPage(all, req).map((r) => r.id), total, exact: true };
      }
    } while (count < this.limits.window && next < months.length);
    // A window not full holds every match: ranked by ts_rank_cd over the whole documents. A full one keeps its column scores (as on SQLite).
    if (count > 0 && count < this.limits.window) {
      const { rows } = await ranked(sql`d.document @@ ${match}`).execute(this.db);
      best.splice(0, best.length, ...rows);
    }
    const ids = sortedPage(best, req).map((r) => r.id);
    if (count < this.limits.window) return { ids, total: count, exact: true };
    const filtered = Object.keys(req.filters).length > 1;
    return { ids, total: filtered ? this.limits.window : estimate, exact: false };
  }

  /** Date filters on the document rows (a published story's time has come, else it is scheduled). */
  private dates(f: SearchFilters): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`d.published_at <= ${f.now}`];
    if (f.from) parts.push(sql`d.published_at >= ${f.from}`);
    if (f.to) parts.push(sql`d.published_at < ${f.to}`);
    return sql.join(parts, sql` AND `);
  }

  /**
   * In one read of `search_terms`: how many stories hold each term, and the months holding indexed
   * stories within the date filters, newest first, with how many each holds (their `month=` counts).
   */
  private async counts(terms: string[], f: SearchFilters): Promise<{ df: Map<string, number>; months: { month: string; docs: number }[] }> {
    const { rows } = await sql<{ term: string; docs: number }>`SELECT term, docs FROM search_terms
      WHERE (term = ANY(${[...new Set(terms)]}) OR (term >= 'month=' AND term < 'month>')) AND docs > 0`.execute(this.db);
    const first = (f.from ?? '').slice(0, 7);
    const last = [f.now, f.to]
      .filter((x): x is string => Boolean(x))
      .sort()[0]!
      .slice(0, 7);
    const months = rows
      .filter((r) => r.term.startsWith('month=') && r.term.slice(6) >= first && r.term.slice(6) <= last)
      .map((r) => ({ month: r.term.slice(6), docs: Number(r.docs) }))
      .sort((x, y) => y.month.localeCompare(x.month));
    return { df: new Map(rows.filter((r) => terms.includes(r.term)).map((r) => [r.term, Number(r.docs)])), months };
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
    // A GIN index built once over the full table (finishRebuild) is many times faster than one kept in step batch by batch.
    await sql`TRUNCATE search_documents, search_terms`.execute(this.db);
    await sql`DROP INDEX IF EXISTS search_documents_document`.execute(this.db);
  }

  async indexRange(afterId: number, throughId: number): Promise<number> {
    const r = await sql`INSERT INTO search_documents (article_id, section_id, published_at, document, language)
      SELECT a.id, a.section_id, a.published_at, ${DOCUMENT}, a.language FROM articles a
      WHERE a.id > ${afterId} AND a.id <= ${throughId} AND a.status = 'published'`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  async finishRebuild(): Promise<void> {
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(this.db);
    await sql`CREATE INDEX IF NOT EXISTS search_documents_document ON search_documents USING GIN (document)`.execute(this.db);
    await sql`TRUNCATE search_terms`.execute(this.db);
    await sql`INSERT INTO search_terms (term, docs) SELECT lexeme, count(*) FROM search_documents, unnest(document) GROUP BY lexeme`.execute(this.db);
    await sql`ANALYZE search_documents`.execute(this.db);
  }

  async sizeBytes(): Promise<number | null> {
    const { rows } = await sql<{ n: number }>`SELECT pg_total_relation_size('search_documents') + pg_total_relation_size('search_terms') AS n`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }
}

/** The page asked for, from scored rows: best first, then newest, then highest id (as the SQL orders them). */
function sortedPage(rows: Scored[], req: SearchRequest): Scored[] {
  return rows
    .map((r) => ({ ...r, score: Number(r.score) }))
    .sort((x, y) => y.score - x.score || y.published_at.localeCompare(x.published_at) || y.id - x.id)
    .slice(req.offset, req.offset + req.limit);
}

/** A term as tsquery text kept to one weight (`'flood':A <-> 'maps':A`: the phrase in the headline). */
function weighted(t: QueryTerm, weight: 'A' | 'B'): string {
  return t.tokens.map((x) => `'${x}':${weight}`).join(' <-> ');
}

/** A base language code as a filter token spells it (letters only). */
function isCode(code: string): boolean {
  return /^[a-z]{2,8}$/.test(code);
}

/** `2025-12` → `2026-01`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
