import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.js';
import {
  freshness,
  FRESHNESS,
  RANKING_WINDOW,
  WEIGHTS,
  type SearchFilters,
  type SearchHits,
  type SearchIndexStore,
  type SearchRequest,
} from './search-index.js';
import { foldToken, FTS_TEXT_COLUMNS, tokenize, toFtsMatch, type ParsedQuery, type QueryTerm } from './search-query.js';

/**
 * Section, tags, bylines and base language (`languk` for "uk" and "uk-UA") as index tokens, for
 * filters that are index intersections. Filter tokens are letters and digits only, so they stay one token.
 */
const FACETS = sql`'sec' || coalesce(a.section_id, 0)
  || ' lang' || lower(CASE WHEN instr(a.language, '-') > 0 THEN substr(a.language, 1, instr(a.language, '-') - 1) ELSE a.language END)
  || coalesce((SELECT ' ' || group_concat('tag' || t.tag_id, ' ') FROM article_tags t WHERE t.article_id = a.id), '')
  || coalesce((SELECT ' ' || group_concat('by' || w.author_id, ' ') FROM article_authors w WHERE w.article_id = a.id), '')`;
/** A phrase in more stories than this is ranked without BM25 (see search). */
const COMMON_PHRASE = 5000;
/**
 * FTS5's write settings (kept in the index's config table). Everyday: FTS5's defaults (each write's
 * words go to a small segment; merging a little after each keeps the segment count low). A rebuild:
 * no merging along the way and 64 MiB of pending words, so each batch of the reindex (5,000 ids) is
 * one segment, and finishRebuild's 'optimize' merges them all once. A rebuild that dies midway leaves
 * the rebuild settings behind; 'crisismerge' (left at its default) still bounds the segments, and the
 * next reindex puts them back.
 */
const FTS5_SETTINGS = {
  everyday: { automerge: 4, hashsize: 1024 * 1024 },
  rebuild: { automerge: 0, hashsize: 64 * 1024 * 1024 },
} as const;
/** A window starting within this many of the newest ids is ranked in SQLite; an older one in JavaScript (see rankWindow). */
const NEWEST_SPAN = 50_000;
/** A match in the ranking window, with the short columns it is scored by. */
interface WindowRow {
  id: number;
  headline: string;
  standfirst: string;
  published_at: string;
}
const BM25 = sql.raw(`bm25(search_index, ${WEIGHTS.headline}, ${WEIGHTS.standfirst}, ${WEIGHTS.body}, 0)`);

/**
 * SQLite FTS5. The FTS5 trap is avoided by construction: a MATCH is never joined to another table
 * except from a LIMITed subquery (which keeps the index's early exit). Section, tag and byline filters
 * are tokens in the index's `facets` column, intersected inside the MATCH. One walk in rowid order
 * finds a query's newest RANKING_WINDOW matches. More than that, or a phrase more common than
 * COMMON_PHRASE: they are ranked by column weights; otherwise by BM25. Both are boosted for freshness.
 */
export class SqliteSearchStore implements SearchIndexStore {
  constructor(
    private readonly db: Db,
    /** A phrase in more stories than this is ranked without BM25 (tests lower it to reach that path). */
    private readonly commonPhrase = COMMON_PHRASE,
    /** Windows starting within this many of the newest ids are ranked in SQLite (tests set 0 to reach the other path). */
    private readonly newestSpan = NEWEST_SPAN,
  ) {}

  async syncArticle(articleId: number): Promise<void> {
    await this.removeArticle(articleId);
    await sql`INSERT INTO search_index (rowid, headline, standfirst, body, facets, published_at)
      SELECT a.id, a.headline, a.standfirst, a.body_text, ${FACETS}, a.published_at FROM articles a
      WHERE a.id = ${articleId} AND a.status = 'published'`.execute(this.db);
  }

  async removeArticle(articleId: number): Promise<void> {
    await sql`DELETE FROM search_index WHERE rowid = ${articleId}`.execute(this.db);
  }

  private where(f: SearchFilters): { facets: string[]; excludeFacets: string[]; dates: RawBuilder<unknown> } {
    const facets: string[] = [];
    // A language is one more facet, like a section; the default language's "everything but" is excluded facets.
    const excludeFacets = f.language && 'except' in f.language ? f.language.except.filter(isCode).map((l) => `lang${l}`) : [];
    if (f.language && 'only' in f.language && isCode(f.language.only)) facets.push(`lang${f.language.only}`);
    if (f.sectionId !== undefined) facets.push(`sec${f.sectionId}`);
    if (f.tagId !== undefined) facets.push(`tag${f.tagId}`);
    if (f.authorId !== undefined) facets.push(`by${f.authorId}`);
    // Only published stories are in the index, and a published story's time has come (else it is scheduled).
    const dates: RawBuilder<unknown>[] = [sql`1`];
    if (f.from) dates.push(sql`published_at >= ${f.from}`);
    if (f.to) dates.push(sql`published_at < ${f.to}`);
    return { facets, excludeFacets, dates: sql.join(dates, sql` AND `) };
  }

  async search(req: SearchRequest): Promise<SearchHits> {
    const { facets, excludeFacets, dates } = this.where(req.filters);
    const match = toFtsMatch(req.query, { facets, excludeFacets });
    const page = (ids: number[]) => ids.slice(req.offset, req.offset + req.limit);
    if (await this.filterMissesATerm(req, { facets, excludeFacets, dates })) return { ids: [], total: 0, exact: true };
    // One walk of the index, newest first, finds the (at most RANKING_WINDOW) matches to rank. An
    // intersection that turns out small or empty is the expensive case (the walk reaches the end of the
    // lists), so no plan below walks it a second time to count or to read columns.
    const window = await this.rankWindow(req, { match, dates });
    if (window.total === 0) return { ids: [], total: 0, exact: true };
    // FTS5's bm25 counts every story holding each phrase (its idf) by reading the phrase's whole posting
    // list: 100 ms for a word in every story of a million. With a common phrase the few matches are
    // ranked by where their words stand (headline, standfirst, body) instead, as a full window is.
    const full = window.total === RANKING_WINDOW;
    if (full || (await this.anyCommon(req.query.include.map(ftsPhrase)))) {
      return { ids: page(window.ranked()), total: window.total, exact: !full };
    }
    // Every phrase is in at most `commonPhrase` stories, so BM25 over the matches is cheap.
    const pool = Math.min(RANKING_WINDOW, Math.max(60, (req.offset + req.limit) * 3));
    const { rows } = await sql<{ id: number; score: number; published_at: string }>`SELECT id, -bm AS score, published_at FROM (
        SELECT rowid AS id, ${BM25} AS bm, published_at FROM search_index WHERE search_index MATCH ${match} AND ${dates})
      ORDER BY bm, id DESC LIMIT ${pool}`.execute(this.db);
    return { ids: page(this.boostFresh(rows, req.filters.now)), total: window.total, exact: true };
  }

  /**
   * With filters and several words, whether some word alone never meets the filters: then nothing can
   * match. FTS5 finds that for one word and a facet in a few milliseconds, but walking an empty
   * intersection of two common words and a facet costs several times more (20-30 ms at 1M stories).
   * Each probe stops at its first match, so when every word does meet the filters they cost little.
   */
  private async filterMissesATerm(req: SearchRequest, q: { facets: string[]; excludeFacets: string[]; dates: RawBuilder<unknown> }): Promise<boolean> {
    if (q.facets.length === 0 || req.query.include.length < 2) return false;
    for (const term of req.query.include) {
      const probe = toFtsMatch({ include: [term], exclude: [], truncated: false }, { facets: q.facets, excludeFacets: q.excludeFacets });
      const { rows } = await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${probe} AND ${q.dates} LIMIT 1`.execute(
        this.db,
      );
      if (rows.length === 0) return true;
    }
    return false;
  }

  /**
   * The newest RANKING_WINDOW matches (`total` of them), ranked by column score (CONTEXT.md) in SQLite:
   * the ids of the first offset + limit come back (`ranked`), and nothing else. Which column holds a term is asked
   * of the index itself: one column-filtered MATCH per term and column, from the window's oldest rowid.
   * Reading each match's headline and standfirst into JavaScript cost more than all of this (1,500
   * rows: ~3.5 ms CPU at 1M stories, against ~0.5 ms for the SQL). But a column-filtered MATCH stops at
   * its next hit, not at a rowid bound: where the column lacks the word it reads the posting list to
   * its end. So this is done only when the window starts within the newest NEWEST_SPAN stories (then it
   * reads at most their postings); an older window comes back whole from the same walk, with its
   * headlines, standfirsts and publication times from `articles`, for scoreByColumns. The walk itself
   * reads ids only: taking published_at along cost an old window ~2 ms CPU at 1M (it reads it from
   * `articles` anyway), so only a near window looks it up, by rowid. Freshness is worked out with the
   * same floating-point steps as `freshness()`, on the same whole milliseconds.
   */
  private async rankWindow(req: SearchRequest, q: { match: string; dates: RawBuilder<unknown> }): Promise<{ ranked: () => number[]; total: number }> {
    const inColumn = (column: 'headline' | 'standfirst', term: QueryTerm) =>
      sql`(w.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ${`${column} : ${ftsPhrase(term)}`}
        AND rowid BETWEEN (SELECT lo FROM r) AND (SELECT hi FROM r)))`;
    const base = sql.join(
      req.query.include.map(
        (t) =>
          sql`${sql.lit(WEIGHTS.body)} + ${sql.lit(WEIGHTS.headline)} * ${inColumn('headline', t)}
            + ${sql.lit(WEIGHTS.standfirst)} * ${inColumn('standfirst', t)}`,
      ),
      sql` + `,
    );
    const ageDays = sql`max(0, round((julianday(${req.filters.now}) - julianday(w.published_at)) * 86400000) / 86400000.0)`;
    const fresh = sql`(1 + ${sql.lit(FRESHNESS.boost)} / (1 + ${ageDays} / ${sql.lit(FRESHNESS.halfLifeDays)}))`;
    // The LEFT JOIN keeps one row (holding the total) when the page is past the last match, or the window
    // is old: then the rows after it carry the columns scoreByColumns reads (unsorted, as the old plain join).
    const { rows } = await sql<{ total: number | null; near: number | null; id: number | null; s: number | null } & Partial<Omit<WindowRow, 'id'>>>`WITH
        w AS MATERIALIZED (SELECT rowid AS id FROM search_index WHERE search_index MATCH ${q.match} AND ${q.dates}
          ORDER BY rowid DESC LIMIT ${RANKING_WINDOW}),
        r AS MATERIALIZED (SELECT min(id) AS lo, max(id) AS hi, count(*) AS n,
          min(id) > (SELECT max(id) FROM articles) - ${this.newestSpan} AS near FROM w)
      SELECT r.n AS total, r.near, ranked.* FROM r LEFT JOIN (
        SELECT w.id, (${base}) * ${fresh} AS s, NULL AS headline, NULL AS standfirst, NULL AS published_at FROM (
          SELECT id, (SELECT published_at FROM search_index WHERE rowid = w.id) AS published_at FROM w WHERE (SELECT near FROM r)) w
        ORDER BY s DESC, w.id DESC LIMIT ${req.offset + req.limit}) ranked
      UNION ALL
      SELECT NULL, 0, w.id, NULL, a.headline, a.standfirst, a.published_at FROM w JOIN articles a ON a.id = w.id WHERE NOT (SELECT near FROM r)`.execute(
      this.db,
    );
    // The first part's row holds the total (the old window's rows carry none).
    const head = rows.find((x) => x.total !== null);
    const total = Number(head?.total ?? 0);
    if (!head?.near) {
      const window = rows.flatMap((x) =>
        x.id === null ? [] : [{ id: x.id, headline: x.headline ?? '', standfirst: x.standfirst ?? '', published_at: x.published_at ?? '' }],
      );
      // Scored only if asked: the BM25 path does not need it.
      return { ranked: () => this.scoreByColumns(req, window), total };
    }
    const ranked = rows.filter((x): x is typeof x & { id: number; s: number } => x.id !== null && x.s !== null);
    ranked.sort((x, y) => y.s - x.s || y.id - x.id);
    const ids = ranked.map((x) => x.id);
    return { ranked: () => ids, total };
  }

  async suggest(opts: { query: ParsedQuery; now: string; limit: number }): Promise<number[]> {
    const match = toFtsMatch(opts.query, { prefix: true, headlineOnly: true });
    // Ids run roughly in publication order (imports aside): the last few dozen matches by id, walked in the
    // index's own order so it stops early, are then put in publication order.
    const { rows } = await sql<{ id: number }>`SELECT id FROM (
        SELECT rowid AS id, published_at FROM search_index WHERE search_index MATCH ${match} AND published_at <= ${opts.now}
        ORDER BY rowid DESC LIMIT ${opts.limit * 8})
      ORDER BY published_at DESC, id DESC LIMIT ${opts.limit}`.execute(this.db);
    return rows.map((r) => r.id);
  }

  /** Whether any phrase is in more than COMMON_PHRASE stories (counting stops there). */
  private async anyCommon(phrases: string[]): Promise<boolean> {
    for (const phrase of phrases) {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (
          SELECT 1 FROM search_index WHERE search_index MATCH ${`${FTS_TEXT_COLUMNS} : ${phrase}`} LIMIT ${this.commonPhrase + 1})`.execute(this.db);
      if (Number(rows[0]?.n ?? 0) > this.commonPhrase) return true;
    }
    return false;
  }

  /**
   * Scores matches by the columns each searched term stands in, with BM25's weights (headline 10,
   * standfirst 3, body 1), times freshness. The headline and standfirst come from `articles` (short
   * columns): a column-filtered MATCH would walk the whole posting list when the column rarely holds the word.
   * Words are folded by JavaScript here (NFKD), a little more widely than the index folds them.
   */
  private scoreByColumns(req: SearchRequest, rows: WindowRow[]): number[] {
    const terms = req.query.include.map((t) => t.tokens.map(foldToken));
    const has = (words: string[], phrase: string[]) => words.some((_, i) => phrase.every((w, j) => words[i + j] === w));
    const nowMs = Date.parse(req.filters.now);
    return rows
      .map((r) => {
        const headline = tokenize(r.headline);
        const standfirst = tokenize(r.standfirst);
        const base = terms.reduce((n, t) => n + WEIGHTS.body + (has(headline, t) ? WEIGHTS.headline : 0) + (has(standfirst, t) ? WEIGHTS.standfirst : 0), 0);
        return { id: r.id, s: base * freshness((nowMs - Date.parse(r.published_at)) / 86_400_000) };
      })
      .sort((x, y) => y.s - x.s || y.id - x.id)
      .map((r) => r.id);
  }

  /** Re-orders hits (higher is better) by score × freshness. */
  private boostFresh(rows: { id: number; score: number; published_at: string }[], now: string): number[] {
    const nowMs = Date.parse(now);
    return rows
      .map((r) => ({ id: r.id, s: r.score * freshness((nowMs - Date.parse(r.published_at)) / 86_400_000) }))
      .sort((a, b) => b.s - a.s || b.id - a.id)
      .map((r) => r.id);
  }

  async similar(opts: { terms: string[]; excludeId: number; now: string; limit: number }): Promise<{ id: number; score: number }[]> {
    if (opts.terms.length === 0) return [];
    const match = `${FTS_TEXT_COLUMNS} : (${opts.terms.map((t) => `"${t}"`).join(' OR ')})`;
    const { rows } = await sql<{ id: number; score: number }>`SELECT id, score FROM (
        SELECT rowid AS id, -${BM25} AS score FROM search_index WHERE search_index MATCH ${match} AND rowid != ${opts.excludeId})
      ORDER BY score DESC LIMIT ${opts.limit}`.execute(this.db);
    return rows.map((r) => ({ id: r.id, score: r.score }));
  }

  async documentFrequencies(terms: string[], cap: number): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const term of new Set(terms)) {
      // Counting stops at cap + 1: the cost is bounded whatever the word.
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (
          SELECT 1 FROM search_index WHERE search_index MATCH ${`${FTS_TEXT_COLUMNS} : "${term}"`} LIMIT ${cap + 1})`.execute(this.db);
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) found.set(term, n);
    }
    return found;
  }

  async countDocuments(): Promise<number> {
    // The largest id: close enough for word weights, and one b-tree step where count(*) would scan.
    const { rows } = await sql<{ n: number }>`SELECT rowid AS n FROM search_index ORDER BY rowid DESC LIMIT 1`.execute(this.db);
    return Number(rows[0]?.n ?? 0);
  }

  /** Empties the index and sets it up for a bulk load (REBUILD_SETTINGS), until finishRebuild. */
  async clear(): Promise<void> {
    await sql`INSERT INTO search_index (search_index) VALUES ('delete-all')`.execute(this.db);
    await this.configure('rebuild');
  }

  async indexRange(afterId: number, throughId: number): Promise<number> {
    // In id order, by the primary key. FTS5 writes its pending words out as a new segment whenever a
    // rowid is not above the previous one; `a.status = ?` let the planner pick articles_published,
    // which hands rows over newest first (one segment per story, merged over and over) and walks the
    // whole index for every batch. The `+` keeps that index out.
    const r = await sql`INSERT INTO search_index (rowid, headline, standfirst, body, facets, published_at)
      SELECT a.id, a.headline, a.standfirst, a.body_text, ${FACETS}, a.published_at FROM articles a
      WHERE a.id > ${afterId} AND a.id <= ${throughId} AND +a.status = 'published' ORDER BY a.id`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  /** Merges the rebuild's segments into one, then puts back the settings everyday writes use. */
  async finishRebuild(): Promise<void> {
    await sql`INSERT INTO search_index (search_index) VALUES ('optimize')`.execute(this.db);
    await this.configure('everyday');
  }

  private async configure(mode: keyof typeof FTS5_SETTINGS): Promise<void> {
    // FTS5 wants these as integer literals (a bound number is refused); they are our own constants.
    for (const [key, value] of Object.entries(FTS5_SETTINGS[mode])) {
      await sql`INSERT INTO search_index (search_index, rank) VALUES (${key}, ${sql.lit(value)})`.execute(this.db);
    }
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

/** A term as one quoted FTS5 phrase (its tokens are letters, digits and marks only: see search-query.ts). */
const ftsPhrase = (t: QueryTerm) => `"${t.tokens.join(' ')}"`;

/** A base language code as the index spells it (letters only): anything else could not be one token. */
function isCode(code: string): boolean {
  return /^[a-z]{2,8}$/.test(code);
}
