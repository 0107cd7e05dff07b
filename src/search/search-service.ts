import type { ReaderProblem } from '../i18n/reader-problem.js';
import type { ArticleSummary } from '../articles/article.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { ArticleStores } from '../articles/article-service.js';
import type { LanguageFilter } from '../i18n/languages.js';
import type { PolicyService } from '../syndication/policy-service.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { RANKING_WINDOW, type SearchFilters } from './search-index.js';
import { describeQuery, highlightTokens, parseQuery, problemMessage, type ParsedQuery } from './search-query.js';
import type { SearchSync } from './search-sync.js';
import { bestWindow, holdsHit, markHits, type SnippetPart } from './snippet.js';

export const SEARCH_PER_PAGE = 10;
/** Snippets are shorter than the reprint policy allows; the policy's limit still caps them (it may be lower). */
export const SNIPPET_CHARS = 220;
/** Suggestions shown under the search box, and the letters typed before they appear. */
export const SUGGESTIONS = 6;
export const SUGGEST_MIN_CHARS = 3;
/** Deepest page: past it readers are asked to narrow the search. */
export const MAX_SEARCH_PAGE = Math.floor(RANKING_WINDOW / SEARCH_PER_PAGE);

/** What a reader asked for, as plain values (the route has validated the shapes). */
export interface SearchInput {
  q: string;
  page: number;
  perPage?: number;
  section?: string;
  tag?: string;
  author?: string;
  /** YYYY-MM-DD, UTC days, both inclusive. */
  from?: string;
  to?: string;
  /** Only stories listed under this language (the page's, or the API's `lang`); absent or null: every language. */
  language?: LanguageFilter | null;
}

export interface SearchResult {
  article: ArticleSummary;
  /** Within the reprint policy's limit, cut by its excerpt function. */
  snippet: string;
  snippetParts: SnippetPart[];
}

export type SearchOutcome =
  | {
      ok: true;
      query: ParsedQuery;
      /** The query as we ran it, for the search box. */
      normalized: string;
      results: SearchResult[];
      total: number;
      exact: boolean;
      page: number;
      perPage: number;
      hasNext: boolean;
      truncated: boolean;
      filters: {
        section: { slug: string; name: string } | null;
        tag: { slug: string; name: string } | null;
        author: { slug: string; name: string } | null;
        from: string | null;
        to: string | null;
      };
    }
  | { ok: false; reason: 'query' | 'filter'; message: string; problem: ReaderProblem };

export interface SearchStores extends ArticleStores {
  search: SearchSync;
}

/** Search over published stories: parse, resolve filters, ask the index, hydrate, cut snippets. */
export class SearchService {
  constructor(
    private readonly uow: UnitOfWork<SearchStores>,
    private readonly policy: PolicyService,
    private readonly invalidator: Invalidator,
  ) {}

  /**
   * Rebuilds the index from the articles table: emptied, then filled in batches of ids, each batch its
   * own transaction (writers are never blocked for long; searches during the rebuild see part of the
   * archive). Every publish, edit and delete meanwhile still updates the index in its own transaction.
   */
  async reindex(progress: (doneIds: number, maxId: number) => void = () => {}): Promise<{ indexed: number; seconds: number; bytes: number | null }> {
    const started = performance.now();
    const maxId = await this.uow.stores.search.related.maxArticleId();
    await this.uow.transaction((s) => s.search.index.clear());
    let indexed = 0;
    const batch = 5000;
    try {
      for (let after = 0; after < maxId; after += batch) {
        indexed += await this.uow.transaction((s) => s.search.index.indexRange(after, Math.min(after + batch, maxId)));
        progress(Math.min(after + batch, maxId), maxId);
      }
    } finally {
      // Also after a failed batch: the index goes back to its everyday write settings (SQLite).
      await this.uow.transaction((s) => s.search.index.finishRebuild());
    }
    await this.invalidator.invalidate([cacheKeys.search]);
    return { indexed, seconds: (performance.now() - started) / 1000, bytes: await this.uow.stores.search.index.sizeBytes() };
  }

  /**
   * Headlines for the search box as a reader types (the suggest island). Quiet on purpose: a query
   * too short or unusable gives no suggestions rather than a message, since the reader is mid-word.
   */
  async suggest(q: string, now: Date, articleUrl: (slug: string) => string): Promise<{ headline: string; url: string }[]> {
    const parsed = parseQuery(q);
    if (!parsed.ok) return [];
    const last = parsed.query.include.at(-1)!.tokens.at(-1)!;
    // One or two letters would expand to most of the vocabulary: wait for a third.
    if (Array.from(last).length < SUGGEST_MIN_CHARS) return [];
    const ids = await this.uow.stores.search.index.suggest({ query: parsed.query, now: now.toISOString(), limit: SUGGESTIONS });
    const found = await this.uow.stores.articleLists.listPublicSummariesByIds(ids, now.toISOString());
    return found.map((a) => ({ headline: a.headline, url: articleUrl(a.slug) }));
  }

  async search(input: SearchInput, now: Date, articleUrl: (slug: string) => string): Promise<SearchOutcome> {
    const parsed = parseQuery(input.q);
    if (!parsed.ok)
      return {
        ok: false,
        reason: 'query',
        message: problemMessage(parsed.problem),
        problem: { code: parsed.problem === 'empty' ? 'problem.search.empty' : 'problem.search.onlyExclusions' },
      };
    const perPage = input.perPage ?? SEARCH_PER_PAGE;
    if ((input.page - 1) * perPage >= RANKING_WINDOW) {
      return {
        ok: false,
        reason: 'query',
        message: `We show the first ${RANKING_WINDOW.toLocaleString('en')} results. Add a word or a filter to narrow the search.`,
        problem: { code: 'problem.search.tooDeep', values: { max: RANKING_WINDOW } },
      };
    }
    if (input.from && input.to && input.from > input.to)
      return { ok: false, reason: 'filter', message: 'The "from" date must be on or before the "to" date.', problem: { code: 'problem.search.dateOrder' } };
    const stores = this.uow.stores;
    const [section, tag, author] = await Promise.all([
      input.section ? stores.articles.findSectionBySlug(input.section) : null,
      input.tag ? stores.articles.findTagBySlug(input.tag) : null,
      input.author ? stores.articles.findAuthorBySlug(input.author) : null,
    ]);
    const missing = (what: 'section' | 'tag' | 'author', name: string, code: ReaderProblem['code']) =>
      ({ ok: false, reason: 'filter', message: `There is no ${what} "${name}".`, problem: { code, values: { name } } }) as const;
    if (input.section && !section) return missing('section', input.section, 'problem.search.noSection');
    if (input.tag && !tag) return missing('tag', input.tag, 'problem.search.noTag');
    if (input.author && !author) return missing('author', input.author, 'problem.search.noAuthor');
    const filters: SearchFilters = { now: now.toISOString() };
    if (section) filters.sectionId = section.id;
    if (tag) filters.tagId = tag.id;
    if (author) filters.authorId = author.id;
    if (input.language) filters.language = input.language;
    if (input.from) filters.from = `${input.from}T00:00:00.000Z`;
    if (input.to) filters.to = new Date(Date.parse(`${input.to}T00:00:00.000Z`) + 86_400_000).toISOString();

    let hits;
    try {
      hits = await stores.search.index.search({ query: parsed.query, filters, limit: perPage + 1, offset: (input.page - 1) * perPage });
    } catch (err) {
      // The parser emits only quoted words, so this should never happen; if it does, the reader gets a message, not the engine's.
      if (err instanceof Error && /fts5|tsquery|syntax/i.test(err.message))
        return { ok: false, reason: 'query', message: 'We could not run that search. Try other words.', problem: { code: 'problem.search.failed' } };
      throw err;
    }
    const ids = hits.ids.slice(0, perPage);
    const [found, policy] = await Promise.all([stores.articleLists.listPublicSummariesByIds(ids, filters.now), this.policy.getPolicy()]);
    const words = highlightTokens(parsed.query);
    const results = found.map(({ bodyText, ...article }) => {
      const source = holdsHit(bodyText, words) ? bestWindow(bodyText, words) : article.standfirst || bodyText;
      const snippet = this.policy.excerpt(source, articleUrl(article.slug), policy, SNIPPET_CHARS).text;
      return { article, snippet, snippetParts: markHits(snippet, words) };
    });
    return {
      ok: true,
      query: parsed.query,
      normalized: describeQuery(parsed.query),
      results,
      total: hits.total,
      exact: hits.exact,
      page: input.page,
      perPage,
      hasNext: hits.ids.length > perPage && input.page * perPage < RANKING_WINDOW,
      truncated: parsed.query.truncated,
      filters: {
        section: section && { slug: section.slug, name: section.name },
        tag: tag && { slug: tag.slug, name: tag.name },
        author: author && { slug: author.slug, name: author.name },
        from: input.from ?? null,
        to: input.to ?? null,
      },
    };
  }
}
