/**
 * Surrogate keys: names for the things a page shows. A page is tagged with the keys of everything
 * it renders; a write names the keys of everything it changes; the page cache (and any CDN in
 * front, via the Surrogate-Key / Cache-Tag headers) drops exactly the pages that share a key.
 */
export type SurrogateKey = string;

export const cacheKeys = {
  /** Anything in every page's frame: outlet name, navigation, section and author names. */
  site: 'site',
  home: 'home',
  feeds: 'feeds',
  sitemaps: 'sitemaps',
  /** The public corrections log and its feed. */
  corrections: 'corrections',
  /** The /support page: tiers and the newsroom's text. */
  support: 'support',
  /** /privacy and /cookies: the policy texts (the consent banner and funder credits are in every page's frame: `site`). */
  privacy: 'privacy',
  /** Search results (/search, /api/v1/search): any story's publication, edit or removal may change them. */
  search: 'search',
  /** The topic board and every topic page (tallies change with any vote). */
  topics: 'topics',
  /** Every page that can carry ad slots (stories, the home page): campaign writes purge them, so a first campaign appears and a last one leaves no markup. */
  ads: 'ads',
  /** One static page (About, Contact), by id: an edit or a move purges it wherever its path was. */
  page: (id: number) => `page:${id}`,
  /** /newsletters and the public archive of past issues. */
  newsletters: 'newsletters',
  /** One topic's page. */
  topic: (id: number) => `topic:${id}`,
  /** The article itself, wherever it is shown with its headline (its page, pinned related links). */
  article: (slug: string) => `article:${slug}`,
  /** The list of stories in a section / with a tag / by an author. */
  section: (slug: string) => `section:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  author: (slug: string) => `author:${slug}`,
} as const;

/** Keys changed when an article is created, edited, published or unpublished, given its state before and after. */
export function articleWriteKeys(
  ...versions: ({ slug: string; sectionSlug: string | null; tagSlugs: string[]; authorSlugs: string[] } | null)[]
): SurrogateKey[] {
  const keys = new Set<SurrogateKey>([cacheKeys.home, cacheKeys.feeds, cacheKeys.sitemaps, cacheKeys.search]);
  for (const v of versions) {
    if (!v) continue;
    keys.add(cacheKeys.article(v.slug));
    if (v.sectionSlug) keys.add(cacheKeys.section(v.sectionSlug));
    for (const t of v.tagSlugs) keys.add(cacheKeys.tag(t));
    for (const a of v.authorSlugs) keys.add(cacheKeys.author(a));
  }
  return [...keys];
}

/** What services call after a write. Implementations fan the keys out to every process and the CDN. */
export interface Invalidator {
  invalidate(keys: SurrogateKey[]): Promise<void>;
}
