import {
  isPublic,
  visibleUpdate,
  type Article,
  type ArticleSummary,
  type HeroImage,
  type Page,
  type PublicArticle,
  type Section,
} from '../articles/article.js';
import { excerptText } from '../articles/excerpt.js';
import type { SiteSettings } from '../site/site-settings.js';
import { creditParts, type Funder } from '../funders/funder.js';
import type { ConsentConfig } from '../privacy/privacy-settings.js';
import type { ReprintPolicy } from '../syndication/reprint-policy.js';
import type { Urls } from '../site/urls.js';
import { baseLanguage, textDirection } from '../i18n/languages.js';
import type { Locale } from '../i18n/locale.js';
import { outletText } from '../i18n/outlet-text.js';
import type {
  AdsView,
  AppealView,
  ArticlePageView,
  CardView,
  ConsentView,
  FunderCreditView,
  HeadMeta,
  Link,
  PaginationView,
  PictureView,
  RenderedParts,
  SiteChrome,
} from './view-models.js';

/** Descriptions in link previews and meta tags. The reprint-policy issue makes every output share one limit. */
export const DESCRIPTION_CHARS = 300;

/** What presenters need to know about the outlet, built once per request from cached settings. */
export interface PresenterContext {
  site: SiteSettings;
  /** The reprint policy: every excerpt a page shows stays within its limit. */
  policy: ReprintPolicy;
  sections: Section[];
  urls: Urls;
  cssHref: string;
  iconHref: string;
  now: Date;
  /** The view beacon's script, when analytics is on. */
  viewBeaconHref?: string | null;
  /** Site-wide funders, credited in every footer. */
  funders?: Funder[];
  /** Outside scripts waiting for consent, and the island that asks; null when none are configured. */
  consent?: (ConsentConfig & { jsHref: string }) | null;
  /** Static pages marked "in footer". */
  footerPages?: { path: string; title: string }[];
  /** The page's language: its catalog, direction and listing filter. `urls` is already under its prefix. */
  locale: Locale;
  /** Newsletters open to anyone, for the signup forms. */
  newsletters?: { slug: string; name: string; description: string }[];
  /** The frame's parts rendered from this same data, kept until a write purges it (site/site-routes.ts). */
  parts?: RenderedParts | null;
}

export function presentFunderCredit(f: Funder, ctx: Pick<PresenterContext, 'site' | 'urls' | 'locale'>): FunderCreditView {
  const smallest = f.logo?.widths[0];
  // The funder's own line in the page's language, else its default-language line, else the catalog's.
  const line = outletText(f, f.translations, 'line', ctx.locale);
  return {
    ...creditParts({ line: line.text }, ctx.site.name, ctx.locale.t('funder.credit', { outlet: '{outlet}', funder: '{funder}' })),
    lang: line.lang,
    name: f.name,
    href: f.url || null,
    logo:
      f.logo && smallest
        ? { src: ctx.urls.media(f.logo.hash, smallest, 'webp'), width: smallest, height: Math.round((f.logo.height * smallest) / f.logo.width) }
        : null,
  };
}

function presentConsent(c: ConsentConfig & { jsHref: string }): ConsentView | null {
  if (!c.scripts.length) return null;
  return { version: c.version, scripts: c.scripts, hosts: [...new Set(c.scripts.map((s) => new URL(s.src).host))], jsHref: c.jsHref };
}

function taglineOf(ctx: PresenterContext): { tagline: string; taglineLang: string | undefined } {
  const shown = outletText(ctx.site, ctx.site.translations, 'tagline', ctx.locale);
  return { tagline: shown.text, taglineLang: shown.lang };
}

export function presentChrome(ctx: PresenterContext): SiteChrome {
  return {
    name: ctx.site.name,
    ...taglineOf(ctx),
    language: ctx.locale.language,
    dir: ctx.locale.dir,
    t: ctx.locale.t,
    prefix: ctx.urls.prefix,
    outletLang: ctx.locale.language === ctx.locale.languages.default ? undefined : ctx.locale.languages.default,
    serviceLang: ctx.locale.translator.language === 'en' ? undefined : 'en',
    logoUrl: ctx.site.logoUrl || null,
    homeHref: ctx.urls.home(),
    sections: ctx.sections.map((s) => ({ href: ctx.urls.section(s.slug), text: s.name })),
    cssHref: ctx.cssHref,
    iconHref: ctx.iconHref,
    feedHref: ctx.urls.feed(),
    year: ctx.now.getUTCFullYear(),
    viewBeaconHref: ctx.viewBeaconHref ?? null,
    funders: (ctx.funders ?? []).map((f) => presentFunderCredit(f, ctx)),
    consent: ctx.consent ? presentConsent(ctx.consent) : null,
    footerLinks: (ctx.footerPages ?? []).map((p) => ({ href: p.path, text: p.title })),
    newsletterSignup: ctx.newsletters?.length ? { newsletters: ctx.newsletters } : null,
    parts: ctx.parts ?? null,
  };
}

export function presentPicture(hero: HeroImage, urls: Urls, opts: { sizes: string; eager: boolean; maxWidth?: number }): PictureView {
  const widths = opts.maxWidth ? hero.widths.filter((w, i) => w <= opts.maxWidth! || i === 0) : hero.widths;
  const srcset = (format: 'webp' | 'jpeg') => widths.map((w) => `${urls.media(hero.mediaHash, w, format)} ${w}w`).join(', ');
  const fallbackWidth = widths.find((w) => w >= 800) ?? widths[widths.length - 1]!;
  return {
    alt: hero.alt,
    width: hero.width,
    height: hero.height,
    sources: [
      { type: 'image/webp', srcset: srcset('webp') },
      { type: 'image/jpeg', srcset: srcset('jpeg') },
    ],
    fallbackSrc: urls.media(hero.mediaHash, fallbackWidth, 'jpeg'),
    sizes: opts.sizes,
    eager: opts.eager,
  };
}

function dateView(iso: string, ctx: Pick<PresenterContext, 'site' | 'locale'>, withTime = false) {
  return { iso, text: ctx.locale.translator.date(iso, ctx.site.timeZone, withTime) };
}

/** `<link rel="alternate" hreflang>` for a page that exists in each of the outlet's languages (home). */
export function presentLanguageAlternates(ctx: PresenterContext, path: string): NonNullable<HeadMeta['alternates']> {
  const langs = ctx.locale.languages;
  if (langs.others.length === 0) return [];
  return [
    ...langs.all.map((l) => ({ hreflang: l, href: ctx.urls.absolute(`${langs.prefixFor(l) ?? ''}${path}`) })),
    { hreflang: 'x-default', href: ctx.urls.absolute(path) },
  ];
}

/**
 * A story's card. `kicker: false` leaves out the section link (in a section's own block it would
 * repeat the heading); `size: 'lead'` asks for a picture as wide as the lead column.
 */
export function presentCard(
  a: ArticleSummary,
  ctx: PresenterContext,
  opts: { withPicture: boolean; eager?: boolean; kicker?: boolean; size?: 'lead' | 'card' | 'thumb' } = { withPicture: true },
): CardView {
  const sizes = { lead: '(min-width: 60rem) 44rem, 100vw', card: '(min-width: 60rem) 18rem, 100vw', thumb: '(min-width: 40rem) 12rem, 7rem' }[
    opts.size ?? 'card'
  ];
  return {
    href: ctx.urls.article(a.slug, a.language),
    headline: a.headline,
    language: a.language,
    // A list shows a story's standfirst, which is its text: the reprint limit applies.
    standfirst: excerptText(a.standfirst, ctx.policy.maxExcerptChars),
    kicker: a.section && opts.kicker !== false ? { href: ctx.urls.section(a.section.slug), text: a.section.name } : null,
    byline: a.authors.map((au) => ({ href: ctx.urls.author(au.slug), text: au.name })),
    published: a.publishedAt ? dateView(a.publishedAt, ctx) : null,
    picture:
      opts.withPicture && a.hero ? presentPicture(a.hero, ctx.urls, { sizes, eager: opts.eager ?? false, maxWidth: opts.size === 'lead' ? 1600 : 800 }) : null,
    sponsored: a.funding?.kind === 'sponsored',
  };
}

export function presentPagination(page: Page<unknown>, href: (page: number) => string): PaginationView {
  return {
    page: page.page,
    prev: page.page > 1 ? href(page.page - 1) : null,
    next: page.hasNext ? href(page.page + 1) : null,
  };
}

/** <head> for listing pages: canonical includes the page number; page 2+ is not the canonical first page. */
export function presentListingHead(opts: {
  title: string;
  description: string;
  path: string;
  pagination: PaginationView;
  urls: Urls;
  locale: Locale;
}): HeadMeta {
  return {
    title: opts.pagination.page > 1 ? opts.locale.t('listing.pageTitle', { title: opts.title, page: opts.pagination.page }) : opts.title,
    description: opts.description,
    canonical: opts.urls.absolute(opts.path),
    ogType: 'website',
    image: null,
    prev: opts.pagination.prev ? opts.urls.absolute(opts.pagination.prev) : null,
    next: opts.pagination.next ? opts.urls.absolute(opts.pagination.next) : null,
    jsonLd: [],
    analytics: { articleId: null, sectionId: null },
  };
}

/** schema.org NewsArticle for an article. */
export function articleJsonLd(a: PublicArticle, ctx: PresenterContext, description: string, imageUrl: string | null): Record<string, unknown> {
  const url = ctx.urls.absolute(ctx.urls.article(a.slug, a.language));
  const work = (t: Article['translations'][number]) => ({
    '@type': 'NewsArticle',
    url: ctx.urls.absolute(ctx.urls.article(t.slug, t.language)),
    headline: t.headline,
    inLanguage: t.language,
  });
  const published = a.translations.filter((t) => isPublic(t, ctx.now));
  // The group's id is its original's: the original lists its translations, a translation names its original.
  const original = a.translationGroup !== null && a.translationGroup !== a.id ? published.find((t) => t.id === a.translationGroup) : undefined;
  const translationLd = original
    ? { translationOfWork: work(original) }
    : a.translationGroup === a.id && published.length
      ? { workTranslation: published.map(work) }
      : {};
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: a.headline,
    description,
    ...(imageUrl ? { image: [imageUrl] } : {}),
    inLanguage: a.language,
    ...translationLd,
    datePublished: a.publishedAt,
    dateModified: a.updatedAt,
    ...(a.section ? { articleSection: a.section.name } : {}),
    ...(a.tags.length ? { keywords: a.tags.map((t) => t.name).join(', ') } : {}),
    author: a.authors.map((au) => ({ '@type': 'Person', name: au.name, url: ctx.urls.absolute(ctx.urls.author(au.slug)) })),
    publisher: { '@type': 'NewsMediaOrganization', name: ctx.site.name, url: ctx.urls.absolute('/') },
    license: ctx.urls.absolute('/reprint-policy'),
    copyrightHolder: { '@type': 'NewsMediaOrganization', name: ctx.site.name },
    ...(a.publishedAt ? { copyrightYear: Number(a.publishedAt.slice(0, 4)) } : {}),
    ...(a.sources.length ? { citation: a.sources.map((s) => ({ '@type': 'CreativeWork', name: s.name, url: s.url })) } : {}),
    // schema.org: `funder` supports the work; `sponsor` pays for it to be made and shown.
    ...(a.funding
      ? {
          [a.funding.kind === 'sponsored' ? 'sponsor' : 'funder']: {
            '@type': 'Organization',
            name: a.funding.name,
            ...(a.funding.url ? { url: a.funding.url } : {}),
          },
        }
      : {}),
  };
}

/** The story's published translations, for the language switcher and hreflang: each under its own language's address. */
function presentTranslations(a: PublicArticle, ctx: PresenterContext): ArticlePageView['translations'] {
  return a.translations
    .filter((t) => isPublic(t, ctx.now) && baseLanguage(t.language) !== baseLanguage(a.language))
    .map((t) => ({
      href: ctx.urls.article(t.slug, t.language),
      hreflang: t.language,
      label: ctx.locale.translator.languageName(t.language),
      headline: t.headline,
    }));
}

/** x-default: the group's story in the outlet's default language, else the original. */
function xDefaultOf(a: PublicArticle, translations: ArticlePageView['translations'], ctx: PresenterContext): string {
  const def = ctx.locale.languages.default;
  if (baseLanguage(a.language) === def) return ctx.urls.article(a.slug, a.language);
  const inDefault = translations.find((t) => baseLanguage(t.hreflang) === def);
  return inDefault ? inDefault.href : ctx.urls.article(a.slug, a.language);
}

/** What the corrections desk adds to an article page. */
export interface ArticleExtras {
  notes: { kind: 'correction' | 'clarification'; body: string; publishedAt: string }[];
  reportIsland: { jsHref: string; cssHref: string } | null;
  /** Response headers the story page carries (TDMRep rights reservation). */
  headers?: Record<string, string>;
  appeal?: AppealView | null;
  /** Covered topics that chose this story, linked. */
  chosenBy?: Link[];
  /** Ad slots for this story (src/ads/); null or absent for none. */
  ads?: AdsView | null;
}

export function presentArticle(
  a: PublicArticle,
  more: ArticleSummary[],
  ctx: PresenterContext,
  extras: ArticleExtras = { notes: [], reportIsland: null },
): ArticlePageView {
  const { urls } = ctx;
  const description = excerptText(a.standfirst || a.bodyText, Math.min(DESCRIPTION_CHARS, ctx.policy.maxExcerptChars));
  const ogWidth = a.hero ? (a.hero.widths.find((w) => w >= 1200) ?? a.hero.widths[a.hero.widths.length - 1]!) : 0;
  const image = a.hero
    ? {
        url: urls.absolute(urls.media(a.hero.mediaHash, ogWidth, 'jpeg')),
        width: ogWidth,
        height: Math.round((a.hero.height * ogWidth) / a.hero.width),
        alt: a.hero.alt,
      }
    : null;
  const updated = visibleUpdate(a);
  const publishedAt = a.publishedAt ?? a.updatedAt;
  const translations = presentTranslations(a, ctx);
  return {
    chrome: presentChrome(ctx),
    head: {
      title: a.headline,
      description,
      canonical: urls.absolute(urls.article(a.slug, a.language)),
      alternates: translations.length
        ? [
            { hreflang: a.language, href: urls.absolute(urls.article(a.slug, a.language)) },
            ...translations.map((t) => ({ hreflang: t.hreflang, href: urls.absolute(t.href) })),
            { hreflang: 'x-default', href: urls.absolute(xDefaultOf(a, translations, ctx)) },
          ]
        : [],
      ogType: 'article',
      oembed: `/oembed?url=${encodeURIComponent(urls.absolute(urls.article(a.slug)))}`,
      image,
      article: { publishedTime: publishedAt, modifiedTime: a.updatedAt, section: a.section?.name ?? null, tags: a.tags.map((t) => t.name) },
      jsonLd: [
        {
          ...articleJsonLd(a, ctx, description, image?.url ?? null),
          ...(extras.notes.length
            ? {
                correction: extras.notes.map((n) => ({
                  '@type': 'CorrectionComment',
                  text: `${n.kind === 'correction' ? 'Correction' : 'Clarification'}: ${n.body}`,
                  datePublished: n.publishedAt,
                })),
              }
            : {}),
        },
      ],
      ...(extras.reportIsland ? { stylesheets: [extras.reportIsland.cssHref] } : {}),
      analytics: { articleId: a.id, sectionId: a.section?.id ?? null },
    },
    language: a.language,
    dir: textDirection(a.language),
    translations,
    headline: a.headline,
    standfirst: a.standfirst,
    kicker: a.section ? { href: urls.section(a.section.slug), text: a.section.name } : null,
    hero: a.hero
      ? { ...presentPicture(a.hero, urls, { sizes: '(min-width: 48rem) 46rem, 100vw', eager: true }), caption: a.hero.caption, credit: a.hero.credit }
      : null,
    byline: a.authors.map((au) => ({ href: urls.author(au.slug), text: au.name })),
    published: dateView(publishedAt, ctx, true),
    updated: updated ? dateView(updated, ctx, true) : null,
    bodyHtml: a.bodyHtml,
    sources: a.sources.map((s) => ({ href: s.url, text: s.name })),
    pinnedRelated: a.related.map((r) => ({ href: urls.article(r.slug), text: r.headline })),
    moreRelated: more.map((m) => presentCard(m, ctx, { withPicture: false })),
    tags: a.tags.map((t) => ({ href: urls.tag(t.slug), text: t.name })),
    notes: extras.notes.map((n) => ({ kind: n.kind, text: n.body, published: dateView(n.publishedAt, ctx) })),
    report: { slug: a.slug, revision: a.revision, formHref: `${urls.article(a.slug)}/report`, island: extras.reportIsland },
    reprint: { maxChars: ctx.policy.maxExcerptChars, href: urls.path('/reprint-policy'), permissionHref: urls.path('/republish') },
    appeal: extras.appeal ?? null,
    chosenBy: extras.chosenBy ?? [],
    ads: extras.ads ?? null,
    funding: a.funding ? { kind: a.funding.kind, name: a.funding.name, href: a.funding.url || null, disclosure: a.funding.disclosure } : null,
  };
}
