/** The article domain: plain values, no I/O. See CONTEXT.md for the words. */

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface SectionRef {
  id: number;
  slug: string;
  name: string;
}

export interface TagRef {
  id: number;
  slug: string;
  name: string;
}

export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
  isGuest: boolean;
}

export interface Author extends AuthorRef {
  bio: string;
}

export interface Section extends SectionRef {
  description: string;
}

/** A reporting source the story builds on: "Politico reports" links here. */
export interface Source {
  name: string;
  url: string;
}

export interface HeroImage {
  mediaHash: string;
  width: number;
  height: number;
  /** Widths of the re-encoded variants, ascending. */
  widths: number[];
  alt: string;
  caption: string;
  /** Kept apart from the caption: who made the picture. */
  credit: string;
}

export const FUNDING_KINDS = ['underwritten', 'sponsored'] as const;
/**
 * `underwritten`: a funder paid for the reporting and had no say in it ("This reporting was supported by …").
 * `sponsored`: content paid for by a sponsor, who may have shaped it ("Sponsored by …").
 */
export type FundingKind = (typeof FUNDING_KINDS)[number];

/** Who paid for one story, disclosed above its body, in its JSON-LD, in feeds and (when sponsored) in lists. */
export interface ArticleFunding {
  kind: FundingKind;
  name: string;
  /** http(s), or empty. */
  url: string;
  /** The newsroom's own words on the arrangement, or empty. */
  disclosure: string;
}

/** Enough of an article to link to it and list it. */
export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  standfirst: string;
  section: SectionRef | null;
  authors: AuthorRef[];
  hero: HeroImage | null;
  publishedAt: string | null;
  updatedAt: string;
  /** Null when nobody paid for the story beyond the newsroom itself. */
  funding: ArticleFunding | null;
  /** A BCP 47 tag ("en", "uk", "en-GB"): the story's own language, which its page and listings follow. */
  language: string;
}

export interface ArticleLink {
  slug: string;
  headline: string;
  status: ArticleStatus;
  publishedAt: string | null;
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  /** The body's text content, for excerpts and quote anchoring. */
  bodyText: string;
  bodySource: string;
  bodyFormat: 'markdown' | 'html';
  /** The browser editor's document, when the body came from it. */
  bodyJson: string;
  /** The staff member who created it: contributors and writers may only touch their own. */
  ownerUserId: number | null;
  tags: TagRef[];
  sources: Source[];
  /** Links an editor pinned, in order. */
  related: ArticleLink[];
  /**
   * The story's translation group: the id of the first story of the group (the original), or null
   * for a story with no translations. Stories in one group translate each other.
   */
  translationGroup: number | null;
  /** The other published-or-not stories of its group, in any language (see `translationGroup`). */
  translations: ArticleTranslation[];
  status: ArticleStatus;
  scheduledFor: string | null;
  createdAt: string;
  revision: number;
}

/**
 * A story as readers see it: without the body's source (Markdown or HTML as typed) and the editor's
 * document, which only the newsroom uses. Public reads never load them.
 */
export type PublicArticle = Omit<Article, 'bodySource' | 'bodyJson'>;

/** One story of a translation group, as seen from another. */
export interface ArticleTranslation {
  id: number;
  slug: string;
  headline: string;
  language: string;
  status: ArticleStatus;
  publishedAt: string | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasNext: boolean;
}

/** Makes a URL slug: lower case ASCII words joined by hyphens, at most 80 characters. */
const TRANSLITERATE: Record<string, string> = {
  ß: 'ss',
  ł: 'l',
  Ł: 'l',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  þ: 'th',
  Þ: 'th',
  œ: 'oe',
  Œ: 'oe',
  ı: 'i',
};

/**
 * Cyrillic letters, romanised after Ukraine's official table (2010, in its position-independent form)
 * plus the Russian and Belarusian letters it lacks. Slugs stay ASCII on purpose: they go into
 * Surrogate-Key headers, cache keys and file names, and a pasted link stays readable everywhere.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ё: 'io',
  ы: 'y',
  э: 'e',
  ъ: '',
  ў: 'u',
};

export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[\u0400-\u04ff]/g, (c) => CYRILLIC[c] ?? c)
    .replace(/[ßłŁæÆøØđĐþÞœŒı]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 80) return slug;
  // Cut at the last hyphen at or before character 80, so the last whole word that fits is kept.
  const cut = slug.lastIndexOf('-', 80);
  return cut > 0 ? slug.slice(0, cut) : slug.slice(0, 80);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether readers may see the article at `now`. */
export function isPublic(a: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return a.status === 'published' && a.publishedAt !== null && a.publishedAt <= now.toISOString();
}

/** The time shown as "Updated": only when the article changed after it was published. */
export function visibleUpdate(a: Pick<Article, 'publishedAt' | 'updatedAt'>): string | null {
  if (!a.publishedAt) return null;
  // Edits within a minute of publication are part of publishing, not an update.
  return Date.parse(a.updatedAt) - Date.parse(a.publishedAt) > 60_000 ? a.updatedAt : null;
}
