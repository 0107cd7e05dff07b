import { readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance } from 'fastify';
import { cacheKeys } from '../cache/cache-keys.js';
import { sendHtml } from '../http/responses.js';
import { CookiesPage, PrivacyPage, type StorageRowView } from '../views/pages/privacy/privacy-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import { STORAGE_REGISTRY, type StorageEntry } from './cookie-registry.js';
import type { PrivacyService } from './privacy-service.js';

export interface PrivacyRouteDeps {
  privacy: PrivacyService;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
}

const KIND_NAMES: Record<StorageEntry['kind'], string> = { cookie: 'Cookie', localStorage: 'Browser storage', sessionStorage: 'Browser storage (this tab)' };

export function presentStorageRows(registry: readonly StorageEntry[]): StorageRowView[] {
  return registry.map((e) => ({
    name: e.prefix ? `${e.name}…` : e.name,
    kind: KIND_NAMES[e.kind],
    purpose: e.purpose,
    lifetime: e.lifetime,
    essential: e.essential,
  }));
}

/** /privacy and /cookies: shared, cached pages, purged when their text (`privacy`) or the frame (`site`) changes. */
export function registerPrivacyRoutes(deps: PrivacyRouteDeps) {
  return (app: FastifyInstance) => {
    app.get('/privacy', async function showPrivacyPage(_req, reply) {
      const ctx = await deps.pageContext(deps.clock(), readerLanguage(_req));
      const textHtml = await deps.privacy.renderText('privacy', ctx.site);
      const { newsletterCounting } = await deps.privacy.getSettings();
      const head = {
        title: 'Privacy policy',
        description: `What ${ctx.site.name} collects about its readers, why, for how long, and your rights.`,
        canonical: ctx.urls.absolute('/privacy'),
        ogType: 'website' as const,
        image: null,
        jsonLd: [],
      };
      const html = renderDocument(PrivacyPage({ v: { chrome: presentChrome(ctx), head, title: 'Privacy policy', textHtml, newsletterCounting } }));
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.privacy] });
    });

    app.get('/cookies', async function showCookiesPage(_req, reply) {
      const ctx = await deps.pageContext(deps.clock(), readerLanguage(_req));
      const textHtml = await deps.privacy.renderText('cookies', ctx.site);
      const { newsletterCounting } = await deps.privacy.getSettings();
      const head = {
        title: 'Cookies and browser storage',
        description: `Every cookie and stored item ${ctx.site.name} uses, and your choice about outside scripts.`,
        canonical: ctx.urls.absolute('/cookies'),
        ogType: 'website' as const,
        image: null,
        jsonLd: [],
      };
      const html = renderDocument(
        CookiesPage({
          v: { chrome: presentChrome(ctx), head, title: 'Cookies and browser storage', textHtml, newsletterCounting },
          rows: presentStorageRows(STORAGE_REGISTRY),
        }),
      );
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.privacy] });
    });
  };
}
