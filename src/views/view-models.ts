import type { Translate } from '../i18n/translator.js';
/** Typed view models: the only shapes templates receive. */

export interface Link {
  href: string;
  text: string;
}

/** What every page's frame needs: the outlet and its navigation. */
export interface SiteChrome {
  name: string;
  tagline: string;
  /** The page's language (base code) and direction: `<html lang dir>`. */
  language: string;
  dir: 'ltr' | 'rtl';
  /** The page language's catalog: templates read their words through it (views/i18n-context.ts). */
  t: Translate;
  /** '' or '/uk': reader links in the frame stay in the page's language. */
  prefix: string;
  /**
   * The outlet's own language when this page is in another (`en` on a /uk/ page), else undefined: what the
   * outlet wrote once (tagline, appeal, tier names, funder lines) carries it as `lang`, so it is read right.
   */
  outletLang?: string | undefined;
  /** `lang` of the tagline when the outlet has not written it in the page's language. */
  taglineLang?: string | undefined;
  /**
   * `en` on a page in another language, else undefined: services still word their refusals (a form's
   * problem, a search that could not run) in English; the page shows them marked as such.
   */
  serviceLang?: 'en' | undefined;
  /** The outlet's logo (a path on this site), shown instead of the name in the masthead. */
  logoUrl: string | null;
  homeHref: string;
  sections: Link[];
  cssHref: string;
  iconHref: string;
  feedHref: string;
  year: number;
  /** The view beacon's script (cookieless analytics); absent or null when analytics is off. */
  viewBeaconHref?: string | null;
  /** Funder credits in the footer of every page (absent: none). */
  funders?: FunderCreditView[];
  /** The consent banner and the inert outside scripts; absent or null when nothing needs consent. */
  consent?: ConsentView | null;
  /** Static pages the newsroom linked from the footer (About, Contact). */
  footerLinks?: { href: string; text: string }[];
  /** Newsletters anyone may sign up for, offered in the footer (absent or empty: no form). */
  newsletterSignup?: NewsletterSignupView | null;
  /**
   * The frame's parts already rendered from this same data (the masthead, the footer), shared by every
   * page of a language until a write purges what they show; absent: rendered on each page.
   */
  parts?: RenderedParts | null;
}

/**
 * Rendered HTML kept under a name. The name must say everything the part depends on beyond the data
 * the store was filled from (views/partials/frame-part.tsx builds it from the chrome).
 */
export interface RenderedParts {
  html(name: string, render: () => string): string;
}

export interface NewsletterSignupView {
  newsletters: { slug: string; name: string; description: string }[];
}

/** "The work of {outlet} is supported by {funder}.", split so the name can be a link. */
export interface FunderCreditView {
  before: string;
  name: string;
  href: string | null;
  after: string;
  logo: { src: string; width: number; height: number } | null;
  /** The outlet's own credit line, on a page in another language: its language. */
  lang?: string | undefined;
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
  /** The page in other languages (hreflang), with x-default; empty or absent when there are none. */
  alternates?: { hreflang: string; href: string }[];
  /** What the view beacon reports for this page; pages without it (errors, forms) are not counted. */
  analytics?: { articleId: number | null; sectionId: number | null };
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
  /** The story's language: a card in another language than the page carries its own lang. */
  language: string;
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
  /** A section's first page opens with its newest story, set large; null elsewhere. */
  lead?: CardView | null;
  cards: CardView[];
  pagination: PaginationView;
}

/** The top of the front page: the lead and the secondary stories, pinned by editors or the newest. */
export interface FrontTopView {
  lead: CardView | null;
  secondary: CardView[];
}

export interface HomePageView {
  chrome: SiteChrome;
  head: HeadMeta;
  /** Page 1 only: the lead and secondary slots. Null on older pages, which are plain lists. */
  top: FrontTopView | null;
  /** The newest stories not already in a slot. */
  latest: CardView[];
  /** Each section's newest stories not shown above; their cards carry no kicker (the block's heading says it). */
  fronts: { section: Link; cards: CardView[] }[];
  pagination: PaginationView;
  /** The home ad slot; null when no campaign runs there. */
  ads?: AdsView | null;
}

export interface ArticlePageView {
  chrome: SiteChrome;
  head: HeadMeta;
  language: string;
  dir: 'ltr' | 'rtl';
  /** The story's published translations: the visible language switcher. */
  translations: { href: string; hreflang: string; label: string; headline: string }[];
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
  /** Ad slots with eligible campaigns, the ad-block notice and their scripts; null when none (no markup, no script). */
  ads: AdsView | null;
  /** Who paid for the story, when someone beyond the newsroom did. */
  funding: FundingView | null;
}

/** The support appeal. It ships hidden; its island shows it, honouring dismissal and the first-stories cap. */
export interface AppealView {
  heading: string;
  text: string;
  action: Link;
  /** `lang` of each text when it is not in the page's language (the outlet did not write it in that one). */
  langs: { heading: string | undefined; text: string | undefined; action: string | undefined };
  dismissDays: number;
  skipFirstArticles: number;
  jsHref: string;
}

export interface MessagePageView {
  chrome: SiteChrome;
  title: string;
  message: string;
  /** The message as the HTTP shell or a service wrote it (English), on a page in another language: shown marked `lang="en"`. */
  kept?: boolean;
  links: Link[];
}

/** One creative a slot may show: inert in the shared page until the ad island picks one (src/ads/reader/). */
export interface AdCreativeView {
  id: number;
  weight: number;
  /** ISO-8601 UTC; the island honours them, so a start or an end needs no purge. */
  starts: string;
  ends: string | null;
  /** Showings a day in one browser, or null. */
  cap: number | null;
  /** The counting redirect, /ads/click/:id. */
  href: string;
  advertiser: string;
  image: { src: string; srcset: string; width: number; height: number; alt: string } | null;
  /** Sanitized by ads/ad.ts (sanitizeAdHtml) when the campaign was saved. */
  html: string | null;
}

export interface AdSlotView {
  slot: 'article-inline' | 'article-end' | 'home' | 'sidebar';
  creatives: AdCreativeView[];
}

/** The ads on one page: only slots with eligible campaigns, the ad-block notice, and the two scripts. Null: no markup at all. */
export interface AdsView {
  slots: Partial<Record<AdSlotView['slot'], AdSlotView>>;
  /** The article-inline slot follows this paragraph of the body. */
  inlineAfterParagraph: number;
  /** The ad-block notice (its words are the catalog's `frame.adblock.*`): where joining goes, and how long a dismissal lasts. */
  notice: { joinHref: string; dismissDays: number } | null;
  /** The island that picks and counts, served from an ad-like path on purpose (blockers see it as what it is). */
  islandHref: string;
  /** The check for a blocker, innocuously named so that filter lists leave it alone. */
  checkHref: string | null;
  /** The slots already rendered from the same campaigns, until an ads write purges them (views/partials/ad-slot.tsx); absent: rendered on each page. */
  parts?: RenderedParts | null;
}
