import { en } from '../i18n/catalogs/en.js';
import type { MessageKey, Translate } from '../i18n/translator.js';
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

/** The catalog's words for one registry entry, when it has them (`storage.<name>.*`); the registry's own English otherwise. */
function storageWords(e: StorageEntry, t: Translate): { purpose: string; lifetime: string } {
  const has = (key: string): key is MessageKey => key in en;
  const purposeKey = `storage.${e.name}.purpose`;
  const lifetimeKey = `storage.${e.name}.lifetime`;
  const days = /^(\d+) days/.exec(e.lifetime);
  const lifetime = has(lifetimeKey)
    ? t(lifetimeKey, { days: days ? t('cookies.days', { days: Number(days[1]) }) : '' })
    : e.lifetime === en['storage.siteData.lifetime']
      ? t('storage.siteData.lifetime')
      : e.lifetime;
  return { purpose: has(purposeKey) ? t(purposeKey) : e.purpose, lifetime };
}

export function presentStorageRows(registry: readonly StorageEntry[], t: Translate): StorageRowView[] {
  return registry.map((e) => ({
    name: e.prefix ? `${e.name}…` : e.name,
    kind: t(`cookies.kind.${e.kind}`),
    ...storageWords(e, t),
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
      const t = ctx.locale.t;
      const head = {
        title: t('privacy.title'),
        description: t('privacy.description', { outlet: ctx.site.name }),
        canonical: ctx.urls.absolute('/privacy'),
        ogType: 'website' as const,
        image: null,
        jsonLd: [],
      };
      const html = renderDocument(PrivacyPage({ v: { chrome: presentChrome(ctx), head, title: t('privacy.title'), textHtml, newsletterCounting } }));
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.privacy] });
    });

    app.get('/cookies', async function showCookiesPage(_req, reply) {
      const ctx = await deps.pageContext(deps.clock(), readerLanguage(_req));
      const textHtml = await deps.privacy.renderText('cookies', ctx.site);
      const { newsletterCounting } = await deps.privacy.getSettings();
      const t = ctx.locale.t;
      const head = {
        title: t('cookies.title'),
        description: t('cookies.description', { outlet: ctx.site.name }),
        canonical: ctx.urls.absolute('/cookies'),
        ogType: 'website' as const,
        image: null,
        jsonLd: [],
      };
      const html = renderDocument(
        CookiesPage({
          v: { chrome: presentChrome(ctx), head, title: t('cookies.title'), textHtml, newsletterCounting },
          rows: presentStorageRows(STORAGE_REGISTRY, t),
        }),
      );
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.privacy] });
    });
  };
}
