import type { Section } from '../articles/article.js';
import type { NewsletterService } from '../newsletters/newsletter-service.js';
import type { ArticleService } from '../articles/article-service.js';
import type { Caches } from '../cache/cached-value.js';
import { cacheKeys } from '../cache/cache-keys.js';
import type { FunderService } from '../funders/funder-service.js';
import type { Asset } from '../http/assets.js';
import type { MessagePageRenderer } from '../http/server.js';
import type { PrivacyService } from '../privacy/privacy-service.js';
import type { PolicyService } from '../syndication/policy-service.js';
import type { PageService } from '../pages/page-service.js';
import { MessagePage } from '../views/pages/site/listing-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import { keptParts } from '../views/partials/frame-part.js';
import type { SiteService } from './site-service.js';
import type { Urls } from './urls.js';
import { CATALOG_LANGUAGES, OutletLanguages } from '../i18n/languages.js';
import { localeFor } from '../i18n/locale.js';
import { translatedMessage } from '../i18n/messages.js';
import { makeTranslators } from '../i18n/translator.js';
import type { HttpServerOptions } from '../http/server.js';

export interface PageFrameDeps {
  site: SiteService;
  articles: ArticleService;
  policy: PolicyService;
  funders: FunderService;
  privacy: PrivacyService;
  /** Static pages: the footer links to those marked for it. */
  pages: PageService;
  /** Newsletters open to anyone: the footer's signup form offers them. */
  newsletters: NewsletterService;
  caches: Caches;
  urls: Urls;
  clock: () => Date;
  stylesheet: Asset;
  favicon: Asset;
  /** The view beacon's script; null when analytics is off. */
  viewBeaconHref: string | null;
  consentJsHref: string;
}

export interface PageFrame {
  /** What every reader page wraps around its content: the outlet, its sections, footer credits, consent. */
  /** `language`: the reader's, from the URL prefix (http/language-prefix.ts); null for the default. */
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  /** Error and notice pages in the site's frame (a bare frame when even the settings cannot be read). */
  renderMessagePage: MessagePageRenderer;
}

/** The site's page frame, shared by every domain's reader pages. */
export function pageFrame(deps: PageFrameDeps): PageFrame {
  const translators = makeTranslators();
  // The navigation is on every page, per language: a language's pages list its sections with a story in it.
  // A story write names `home`, and `site` when the sections shown change.
  const navigation = deps.caches.cached<Map<string, Section[]>>([cacheKeys.site, cacheKeys.home], async () => {
    const settings = await deps.site.getSettings();
    const langs = new OutletLanguages({ default: settings.language, others: settings.languages });
    return new Map(await Promise.all(langs.all.map(async (l) => [l, await deps.articles.listPublicSections(deps.clock(), langs.listingFilter(l))] as const)));
  });
  const openNewsletters = deps.caches.cached([cacheKeys.site, cacheKeys.newsletters], async () =>
    (await deps.newsletters.listNewsletters()).filter((n) => n.audience === 'anyone').map((n) => ({ slug: n.slug, name: n.name, description: n.description })),
  );
  // The frame's rendered parts (views/partials/frame-part.tsx): they show the data above, so they are
  // dropped by every key that drops any of it (settings, funders, footer pages: site; navigation: home;
  // consent: privacy; the footer's signup: newsletters), and read in the same turn as that data.
  const frameParts = deps.caches.cached([cacheKeys.site, cacheKeys.home, cacheKeys.privacy, cacheKeys.newsletters], async () => keptParts());
  const pageContext = async (now: Date, language: string | null = null): Promise<PresenterContext> => {
    const [settings, nav, reprint, credits, consent, footerPages, lists, parts] = await Promise.all([
      deps.site.getSettings(),
      navigation.get(),
      deps.policy.getPolicy(),
      deps.funders.listFunders(),
      deps.privacy.consentConfig(),
      deps.pages.listFooterLinks(),
      openNewsletters.get(),
      frameParts.get(),
    ]);
    const locale = localeFor({ defaultLanguage: settings.language, others: settings.languages, requested: language, translators });
    return {
      site: settings,
      sections: nav.get(locale.language) ?? [],
      urls: deps.urls.localized(locale.languages, locale.language),
      locale,
      cssHref: deps.stylesheet.href,
      iconHref: deps.favicon.href,
      now,
      policy: reprint,
      viewBeaconHref: deps.viewBeaconHref,
      funders: credits,
      consent: { ...consent, jsHref: deps.consentJsHref },
      footerPages,
      newsletters: lists,
      parts,
    };
  };
  const renderMessagePage: MessagePageRenderer = async (page) => {
    const ctx = await pageContext(deps.clock(), page.language).catch(() => null);
    const t = ctx?.locale.t ?? translators.en.t;
    const chrome = ctx
      ? presentChrome(ctx)
      : {
          name: 'Masthead',
          tagline: '',
          language: 'en',
          dir: 'ltr' as const,
          t,
          prefix: '',
          logoUrl: null,
          homeHref: '/',
          sections: [],
          cssHref: deps.stylesheet.href,
          iconHref: deps.favicon.href,
          feedHref: '/feed.xml',
          year: deps.clock().getUTCFullYear(),
        };
    return renderDocument(MessagePage({ v: { chrome, ...translatedMessage(page, t), links: [{ href: chrome.homeHref, text: t('error.home') }] } }));
  };
  return { pageContext, renderMessagePage };
}

/** The HTTP shell's language prefixes: which `/<code>/` the outlet serves, read from its settings per request (cached). */
export function readerLanguages(site: SiteService): NonNullable<HttpServerOptions['languages']> {
  return {
    prefixes: CATALOG_LANGUAGES,
    check: async (language) => {
      const s = await site.getSettings();
      const prefix = new OutletLanguages({ default: s.language, others: s.languages }).prefixFor(language);
      return prefix === null ? 'none' : prefix === '' ? 'default' : 'other';
    },
  };
}
