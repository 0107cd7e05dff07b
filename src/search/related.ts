/** Related stories: the scoring, as plain functions (no I/O). See CONTEXT.md. */
import { tokenize } from './search-query.js';

/** What a story brings to the comparison. */
export interface RelatedProfile {
  id: number;
  headline: string;
  standfirst: string;
  body: string;
  sectionId: number | null;
  publishedAt: string | null;
  tagIds: number[];
  authorIds: number[];
  sourceUrls: string[];
  /** The story's language tag: related stories in it come first. */
  language: string;
  /** Its translation group (null: none); its own translations are not "related", the switcher links them. */
  translationGroup: number | null;
}

/** What a candidate shares with the story, and when it was published. */
export interface Candidate {
  id: number;
  publishedAt: string;
  /** BM25 / ts_rank_cd from the text query; 0 when it came from tags, bylines, sections or sources only. */
  text: number;
  sharedTags: number;
  sharedAuthors: number;
  sameSection: boolean;
  sharedSources: number;
  /** Written in the story's own (base) language: such candidates come before any in another language. */
  sameLanguage: boolean;
}

/** Stored per story; the page shows at most 4 (fewer when editors pinned some). */
export const RELATED_STORED = 8;
/** The text query may touch at most this many stories in all (the sum of its words' document counts). */
export const TEXT_BUDGET = 4000;
/** Words in more stories than this are not distinctive enough to look for (and are not counted exactly). */
export const DISTINCT_CAP = 500;
/** Only the story's most frequent words are weighed: each costs one bounded count. */
export const CANDIDATE_WORDS = 40;
const MAX_TERMS = 12;

/**
 * The story's most distinctive words: frequent in it (headline ×3, standfirst ×2), rare in the archive
 * (BM25's idf). Words in at most one story (this one) cannot find another; words in more than a fifth
 * of the archive say nothing. Chosen greedily within `budget` documents, so the query stays bounded.
 */
export function distinctiveTerms(
  p: Pick<RelatedProfile, 'headline' | 'standfirst' | 'body'>,
  df: Map<string, number>,
  totalDocs: number,
  budget = TEXT_BUDGET,
): string[] {
  const tf = termWeights(p);
  const common = Math.min(DISTINCT_CAP, Math.max(3, totalDocs / 5));
  const scored = [...tf.entries()]
    .map(([term, w]) => ({ term, docs: df.get(term) ?? 0, w }))
    .filter((t) => t.docs >= 2 && t.docs <= common)
    .map((t) => ({ ...t, score: t.w * Math.log(1 + (totalDocs - t.docs + 0.5) / (t.docs + 0.5)) }))
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
  const chosen: string[] = [];
  let spent = 0;
  for (const t of scored) {
    if (chosen.length >= MAX_TERMS) break;
    if (spent + t.docs > budget) continue;
    chosen.push(t.term);
    spent += t.docs;
  }
  return chosen;
}

/** The words worth counting in the archive: the story's most frequent (weighted) ones. */
export function candidateWords(p: Pick<RelatedProfile, 'headline' | 'standfirst' | 'body'>, n = CANDIDATE_WORDS): string[] {
  return [...termWeights(p).entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([t]) => t);
}

/** Words of a story with their weight; one- and two-letter words and bare numbers are left out. */
export function termWeights(p: Pick<RelatedProfile, 'headline' | 'standfirst' | 'body'>): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const t of tokenize(text)) {
      if (t.length < 3 || /^\d+$/.test(t)) continue;
      tf.set(t, (tf.get(t) ?? 0) + weight);
    }
  };
  add(p.headline, 3);
  add(p.standfirst, 2);
  add(p.body, 1);
  return tf;
}

/**
 * Orders candidates: text similarity leads (scaled so the best text match counts 2), then shared tags
 * (0.4 each, at most 3 counted), cited sources (0.5 each, at most 2), bylines (0.15), the same section
 * (0.15); the newer story wins a tie. Never the story itself. A story sharing only a desk and a
 * reporter (0.3) never outranks one that reads like it. Stories in the reader's language come first:
 * another language's fill the list only when too few in its own are related at all.
 */
export function rankCandidates(storyId: number, candidates: Candidate[], limit = RELATED_STORED): number[] {
  const bestText = Math.max(0, ...candidates.map((c) => c.text));
  const score = (c: Candidate) =>
    (bestText > 0 ? (2 * c.text) / bestText : 0) +
    0.4 * Math.min(3, c.sharedTags) +
    0.5 * Math.min(2, c.sharedSources) +
    0.15 * Math.min(2, c.sharedAuthors) +
    (c.sameSection ? 0.15 : 0);
  return candidates
    .filter((c) => c.id !== storyId)
    .map((c) => ({ c, s: score(c) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => Number(b.c.sameLanguage) - Number(a.c.sameLanguage) || b.s - a.s || b.c.publishedAt.localeCompare(a.c.publishedAt) || b.c.id - a.c.id)
    .slice(0, limit)
    .map((x) => x.c.id);
}
