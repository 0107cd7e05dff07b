import type { LanguageFilter } from '../i18n/languages.js';
import type { ParsedQuery } from './search-query.js';

/** Narrowing a search: all optional except `now` (stories published later are not found yet). */
export interface SearchFilters {
  now: string;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** ISO instants: published at or after `from`, before `to`. */
  from?: string;
  to?: string;
  /** Only stories listed under one language (the page's), as its listings are; absent: every language. */
  language?: LanguageFilter;
}

export interface SearchRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  limit: number;
  offset: number;
}

export interface SearchHits {
  /** Article ids, best first. */
  ids: number[];
  total: number;
  /** False when the query matched more stories than we rank one by one (see CONTEXT.md, "window"). */
  exact: boolean;
}

/**
 * At most this many matching stories are scored per query. Past it, the newest this-many matches are
 * ranked: the bound that keeps a query matching half the archive as fast as one matching ten stories.
 */
export const RANKING_WINDOW = 1500;

/**
 * The full-text index, one implementation per database (sqlite-search-store.ts: FTS5 with BM25;
 * postgres-search-store.ts: tsvector, GIN, ts_rank_cd, unaccent). Bound to a handle or a transaction.
 */
export interface SearchIndexStore {
  /** Makes the index agree with the article row: in it (current text) if published, out of it otherwise. */
  syncArticle(articleId: number): Promise<void>;
  /** Takes a story out of the index (before its row is deleted). */
  removeArticle(articleId: number): Promise<void>;
  search(req: SearchRequest): Promise<SearchHits>;
  /**
   * Suggestions as a reader types: the newest stories whose headline holds every word, the last one
   * as a prefix (it is still being typed). Newest first, so the index stops at `limit` matches.
   */
  suggest(opts: { query: ParsedQuery; now: string; limit: number }): Promise<number[]>;
  /** Stories whose text shares the most weight with `terms` (folded words), best first. */
  similar(opts: { terms: string[]; excludeId: number; now: string; limit: number }): Promise<{ id: number; score: number }[]>;
  /**
   * How many indexed stories contain each folded word, counted up to `cap` (more is reported as
   * cap + 1: counting a common word exactly costs as much as reading its whole posting list).
   * Words in no story are left out.
   */
  documentFrequencies(terms: string[], cap: number): Promise<Map<string, number>>;
  /** About how many stories are indexed (the largest id: cheap at any size; word weights need no more). */
  countDocuments(): Promise<number>;
  /** Rebuild: empty the index. */
  clear(): Promise<void>;
  /** Rebuild: index published stories with ids in (afterId, throughId]; returns how many. */
  indexRange(afterId: number, throughId: number): Promise<number>;
  /** Rebuild: finish (merge segments, recount words). */
  finishRebuild(): Promise<void>;
  /** Bytes the index takes on disk, when the database can tell. */
  sizeBytes(): Promise<number | null>;
}

/** Boost for fresh stories: ×1.25 today, ×1.125 at a year old, fading towards ×1; relevance still leads. */
export const FRESHNESS = { boost: 0.25, halfLifeDays: 365 } as const;

/** Column weights: a word in the headline counts for ten in the body; the standfirst for three. */
export const WEIGHTS = { headline: 10, standfirst: 3, body: 1 } as const;

/** Freshness multiplier for a story `ageDays` old (see FRESHNESS). */
export const freshness = (ageDays: number) => 1 + FRESHNESS.boost / (1 + Math.max(0, ageDays) / FRESHNESS.halfLifeDays);
