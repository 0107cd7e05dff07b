/** Typed view models: the only shapes templates receive. */

export interface Link {
  href: string;
  text: string;
}

/** What every page's frame needs: the outlet and its navigation. */
export interface SiteChrome {
  name: string;
  tagline: string;
  language: string;
  /** The outlet's logo (a path on this site), shown instead of the name in the masthead. */
  logoUrl: string | null;
  homeHref: string;
  sections: Link[];
  cssHref: string;
  iconHref: string;
  feedHref: string;
  year: number;
  /** Funder credits in the footer of every page (absent: none). */
  funders?: FunderCreditView[];
  /** The consent banner and the inert outside scripts; absent or null when nothing needs consent. */
  consent?: ConsentView | null;
}

/** "The work of {outlet} is supported by {funder}.", split so the name can be a link. */
export interface FunderCreditView {
  before: string;
  name: string;
  href: string | null;
  after: string;
  logo: { src: string; width: number; height: number } | null;
}

/** What the consent island needs, shipped in every (shared, cached) page while scripts are configured. */
export interface ConsentView {
  version: string;
  scripts: { src: string; kind: 'analytics' | 'embed' }[];
  /** The other companies' hosts, named in the banner. */
  hosts: string[];
  jsHref: string;
}

/** Everything in <head> that describes the page to browsers, crawlers and link previews. */
export interface HeadMeta {
  title: string;
  description: string;
  /** Absolute canonical URL; null on pages that must not be indexed as themselves (errors). */
  canonical: string | null;
  ogType: 'website' | 'article' | 'profile';
  image: { url: string; width: number; height: number; alt: string } | null;
  article?: { publishedTime: string; modifiedTime: string; section: string | null; tags: string[] };
  prev?: string | null;
  next?: string | null;
  robots?: string;
  /** oEmbed discovery for the page (stories). */
  oembed?: string;
  /** Stylesheets beyond the site's own (an island's). */
  stylesheets?: string[];
  /** Serialised JSON-LD objects. */
  jsonLd: unknown[];
}

export interface PictureView {
  alt: string;
  width: number;
  height: number;
  /** `srcset` for each format, best format first; the last is the <img> fallback. */
  sources: { type: string; srcset: string }[];
  fallbackSrc: string;
  sizes: string;
  eager: boolean;
}

export interface CardView {
  href: string;
  headline: string;
  standfirst: string;
  kicker: Link | null;
  byline: Link[];
  published: { iso: string; text: string } | null;
  picture: PictureView | null;
  /** Sponsored content is labelled in every list, so it is never taken for the newsroom's own. */
  sponsored: boolean;
}

/** The funding disclosure above a story's body. */
export interface FundingView {
  kind: 'underwritten' | 'sponsored';
  name: string;
  href: string | null;
  disclosure: string;
}

export interface PaginationView {
  prev: string | null;
  next: string | null;
  page: number;
}

export interface ListingPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  heading: string;
  intro: string;
  cards: CardView[];
  pagination: PaginationView;
}

export interface HomePageView {
  chrome: SiteChrome;
  head: HeadMeta;
  lead: CardView[];
  fronts: { section: Link; cards: CardView[] }[];
  pagination: PaginationView;
}

export interface ArticlePageView {
  chrome: SiteChrome;
  head: HeadMeta;
  language: string;
  headline: string;
  standfirst: string;
  kicker: Link | null;
  hero: (PictureView & { caption: string; credit: string }) | null;
  byline: Link[];
  published: { iso: string; text: string };
  updated: { iso: string; text: string } | null;
  /** Sanitized at save time (articles/article-body.ts); the one raw-HTML slot in the templates. */
  bodyHtml: string;
  sources: Link[];
  pinnedRelated: Link[];
  moreRelated: CardView[];
  tags: Link[];
  /** Published corrections and clarifications, oldest first. */
  notes: { kind: 'correction' | 'clarification'; text: string; published: { iso: string; text: string } }[];
  /** How readers report an error: the no-JS form, and the island that enhances the body. */
  report: { slug: string; revision: number; formHref: string; island: { jsHref: string; cssHref: string } | null };
  /** The reuse notice under every story. */
  reprint: { maxChars: number; href: string; permissionHref: string };
  /** The support appeal at the end; null for patrons (their pages are never shared) or when switched off. */
  appeal: AppealView | null;
  /** Topics patrons chose that this story covered. */
  chosenBy: Link[];
  /** Who paid for the story, when someone beyond the newsroom did. */
  funding: FundingView | null;
}

/** The support appeal. It ships hidden; its island shows it, honouring dismissal and the first-stories cap. */
export interface AppealView {
  heading: string;
  text: string;
  action: Link;
  dismissDays: number;
  skipFirstArticles: number;
  jsHref: string;
}

export interface MessagePageView {
  chrome: SiteChrome;
  title: string;
  message: string;
  links: Link[];
}
