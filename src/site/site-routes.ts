import type { Section } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { Caches } from '../cache/cached-value.js';
import { cacheKeys } from '../cache/cache-keys.js';
import type { FunderService } from '../funders/funder-service.js';
import type { Asset } from '../http/assets.js';
import type { MessagePageRenderer } from '../http/server.js';
import type { PrivacyService } from '../privacy/privacy-service.js';
import type { PolicyService } from '../syndication/policy-service.js';
import { MessagePage } from '../views/pages/site/listing-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { SiteService } from './site-service.js';
import type { Urls } from './urls.js';

export interface PageFrameDeps {
  site: SiteService;
  articles: ArticleService;
  policy: PolicyService;
  funders: FunderService;
  privacy: PrivacyService;
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
  pageContext: (now: Date) => Promise<PresenterContext>;
  /** Error and notice pages in the site's frame (a bare frame when even the settings cannot be read). */
  renderMessagePage: MessagePageRenderer;
}

/** The site's page frame, shared by every domain's reader pages. */
export function pageFrame(deps: PageFrameDeps): PageFrame {
  // The navigation is on every page. A story write names `home`, and `site` when the sections shown change.
  const navigation = deps.caches.cached<Section[]>([cacheKeys.site, cacheKeys.home], () => deps.articles.listPublicSections(deps.clock()));
  const pageContext = async (now: Date): Promise<PresenterContext> => {
    const [settings, sections, reprint, credits, consent] = await Promise.all([
      deps.site.getSettings(),
      navigation.get(),
      deps.policy.getPolicy(),
      deps.funders.listFunders(),
      deps.privacy.consentConfig(),
    ]);
    return {
      site: settings,
      sections,
      urls: deps.urls,
      cssHref: deps.stylesheet.href,
      iconHref: deps.favicon.href,
      now,
      policy: reprint,
      viewBeaconHref: deps.viewBeaconHref,
      funders: credits,
      consent: { ...consent, jsHref: deps.consentJsHref },
    };
  };
  const renderMessagePage: MessagePageRenderer = async ({ title, message }) => {
    const ctx = await pageContext(deps.clock()).catch(() => null);
    const chrome = ctx
      ? presentChrome(ctx)
      : { name: 'Masthead', tagline: '', language: 'en', logoUrl: null, homeHref: '/', sections: [], cssHref: deps.stylesheet.href, iconHref: deps.favicon.href, feedHref: '/feed.xml', year: deps.clock().getUTCFullYear() };
    return renderDocument(MessagePage({ v: { chrome, title, message, links: [{ href: '/', text: 'Go to the front page' }] } }));
  };
  return { pageContext, renderMessagePage };
}
