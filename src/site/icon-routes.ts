import type { FastifyInstance } from 'fastify';
import { cacheKeys } from '../cache/cache-keys.js';
import { sendText } from '../http/responses.js';
import type { SiteService } from './site-service.js';
import type { MediaStorage } from '../media/media-storage.js';
import { icoFromPng, ICON_SIZES, logoKey, renderIcon, type IconName } from './site-icons.js';

export interface IconRouteDeps {
  site: SiteService;
  /** Where the logo's image file is (the media storage). */
  storage: MediaStorage;
  /** The default mark (views/assets/favicon.svg). */
  defaultMark: Buffer;
}

/** A day in browsers: the icon changes with the logo, and the page cache (purged by `site`) holds the rendered bytes. */
const ICON_CACHE = 'public, max-age=86400, s-maxage=86400';

/**
 * /favicon.ico, /apple-touch-icon.png, /icon-192.png, /icon-512.png and /site.webmanifest: from the
 * outlet's logo when one is set, from the default mark otherwise. Each names `site`, which a
 * settings change (the logo among them) purges.
 */
export function registerIconRoutes(deps: IconRouteDeps) {
  return (app: FastifyInstance) => {
    const icon = async (name: IconName) => {
      const settings = await deps.site.getSettings();
      const key = settings.logoUrl ? logoKey(settings.logoUrl) : null;
      // A logo that cannot be read (gone, or the storage is down) falls back to the default mark.
      const logo = key ? await deps.storage.get(key).catch(() => null) : null;
      return renderIcon({ name, logo, defaultMark: deps.defaultMark });
    };
    const keys = [cacheKeys.site];

    app.get('/favicon.ico', async function showFavicon(_req, reply) {
      return sendText(reply, icoFromPng(await icon('favicon'), ICON_SIZES.favicon), 'image/x-icon', { keys, cacheControl: ICON_CACHE });
    });
    app.get('/apple-touch-icon.png', async function showAppleTouchIcon(_req, reply) {
      return sendText(reply, await icon('apple'), 'image/png', { keys, cacheControl: ICON_CACHE });
    });
    app.get('/icon-192.png', async function showSmallIcon(_req, reply) {
      return sendText(reply, await icon('small'), 'image/png', { keys, cacheControl: ICON_CACHE });
    });
    app.get('/icon-512.png', async function showLargeIcon(_req, reply) {
      return sendText(reply, await icon('large'), 'image/png', { keys, cacheControl: ICON_CACHE });
    });
    app.get('/site.webmanifest', async function showWebManifest(_req, reply) {
      const s = await deps.site.getSettings();
      const manifest = {
        name: s.name,
        short_name:
          s.name.length > 12
            ? (s.name
                .split(/\s+/)
                .filter((w) => !/^the$/i.test(w))[0]
                ?.slice(0, 12) ?? s.name.slice(0, 12))
            : s.name,
        description: s.description,
        lang: s.language,
        start_url: '/',
        scope: '/',
        display: 'browser',
        background_color: '#fffdf9',
        theme_color: '#1b1b1b',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      };
      return sendText(reply, JSON.stringify(manifest), 'application/manifest+json; charset=utf-8', { keys, cacheControl: ICON_CACHE });
    });
  };
}
