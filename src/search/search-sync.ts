import type { Db } from '../store/db.js';
import { candidateWords, DISTINCT_CAP, distinctiveTerms, rankCandidates, RELATED_STORED, type Candidate } from './related.js';
import { baseLanguage } from '../i18n/languages.js';
import { RelatedStore, type CandidateFacts } from './related-store.js';
import type { SearchIndexStore } from './search-index.js';
import { searchIndexStoreFor } from './search-store.js';

/** How many text candidates a related-stories query fetches before the other signals re-rank them. */
const TEXT_CANDIDATES = 30;

/**
 * Search and related data derived from one article, kept in step by the article service inside the
 * SAME transaction as the write (it is built from the transaction's handle, like every store).
 * Readers never find an unpublished story, and a story's related list is ready when it is published.
 */
export class SearchSync {
  readonly index: SearchIndexStore;
  readonly related: RelatedStore;

  constructor(db: Db) {
    this.index = searchIndexStoreFor(db);
    this.related = new RelatedStore(db);
  }

  /**
   * After any save or scheduled publication: index the story if it is published (else drop it), and
   * compute its related list. Pages listing it carry its surrogate key, which the save purges.
   */
  async syncArticle(articleId: number, now: Date): Promise<void> {
    await this.index.syncArticle(articleId);
    const profile = await this.related.findProfile(articleId);
    if (!profile || profile.status !== 'published' || !profile.publishedAt || profile.publishedAt > now.toISOString()) {
      await this.related.removeStory(articleId);
      return;
    }
    await this.recomputeRelated(articleId, now);
  }

  /**
   * Bulk imports: the index only. Related lists are left uncomputed (null) because each costs a ranked
   * query over the whole archive; the import then queues one pass (RelatedService.backfillAfterImport).
   */
  async indexArticle(articleId: number): Promise<void> {
    await this.index.syncArticle(articleId);
  }

  /** Before a story's row is deleted (the stored lists go with it, by foreign key). */
  async removeArticle(articleId: number): Promise<void> {
    await this.index.removeArticle(articleId);
  }

  listRelatedIds(articleId: number): Promise<number[] | null> {
    return this.related.listRelatedIds(articleId);
  }

  /** Computes and stores one story's related list; returns whether it changed. */
  async recomputeRelated(articleId: number, now: Date): Promise<boolean> {
    const ids = await this.computeRelated(articleId, now);
    return ids === null ? false : this.related.replaceRelated(articleId, ids);
  }

  /** The closest public stories to `articleId`, best first (null when it is not public). */
  async computeRelated(articleId: number, now: Date): Promise<number[] | null> {
    const at = now.toISOString();
    const p = await this.related.findProfile(articleId);
    if (!p || p.status !== 'published') return null;
    const [df, total] = await Promise.all([this.index.documentFrequencies(candidateWords(p), DISTINCT_CAP), this.index.countDocuments()]);
    const terms = distinctiveTerms(p, df, total);
    const [text, meta] = await Promise.all([
      this.index.similar({ terms, excludeId: p.id, now: at, limit: TEXT_CANDIDATES }),
      this.related.listMetadataCandidates(p, at),
    ]);
    const textScore = new Map(text.map((t) => [t.id, t.score]));
    const facts = await this.related.listFacts([...new Set([...textScore.keys(), ...meta])], at);
    const tags = new Set(p.tagIds);
    const authors = new Set(p.authorIds);
    const sources = new Set(p.sourceUrls);
    const language = baseLanguage(p.language);
    const ownTranslation = (f: CandidateFacts) => p.translationGroup !== null && f.translationGroup === p.translationGroup;
    const candidates: Candidate[] = facts
      .filter((f) => !ownTranslation(f))
      .map((f) => ({
        id: f.id,
        publishedAt: f.publishedAt,
        text: textScore.get(f.id) ?? 0,
        sharedTags: f.tagIds.filter((t) => tags.has(t)).length,
        sharedAuthors: f.authorIds.filter((a) => authors.has(a)).length,
        sameSection: p.sectionId !== null && f.sectionId === p.sectionId,
        sharedSources: f.sourceUrls.filter((u) => sources.has(u)).length,
        sameLanguage: baseLanguage(f.language) === language,
      }));
    return rankCandidates(p.id, candidates, RELATED_STORED);
  }
}
