import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import type { Caches } from '../cache/cached-value.js';
import { HttpError, notFound } from '../http/errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { variantFileName } from '../media/image.js';
import type { MediaStorage } from '../media/media-storage.js';
import { sendVariant } from '../media/media-routes.js';
import { keptParts } from '../views/partials/frame-part.js';
import type { AdCreativeView, AdSlotView, AdsView } from '../views/view-models.js';
import type { AdSlot, Campaign } from './ad.js';
import type { AdRequest, AdService } from './ad-service.js';
import { idParams } from '../http/url-ids.js';

const impressionBody = z.object({ id: z.coerce.number({ error: 'id must be a campaign number' }).int().positive().max(2_147_483_647) });

/** Creative images are served from an ad-like path (/ads/creative/…), so a blocker's network rules apply to them as to any ad. */
export const creativeSrc = (hash: string, width: number, format: 'webp' | 'jpeg') => `/ads/creative/${hash}/${variantFileName(width, format)}`;

function presentCreative(c: Campaign): AdCreativeView {
  const base = { id: c.id, weight: c.weight, starts: c.startsAt, ends: c.endsAt, cap: c.dailyCap, href: `/ads/click/${c.id}`, advertiser: c.advertiser };
  if (c.creative.kind === 'html') return { ...base, image: null, html: c.creative.html };
  const { media, alt } = c.creative;
  const fallback = media.widths.find((w) => w >= 800) ?? media.widths[media.widths.length - 1]!;
  return {
    ...base,
    image: {
      src: creativeSrc(media.hash, fallback, 'jpeg'),
      srcset: media.widths.map((w) => `${creativeSrc(media.hash, w, 'webp')} ${w}w`).join(', '),
      width: media.width,
      height: media.height,
      alt,
    },
    html: null,
  };
}

export interface AdPresenterDeps {
  ads: AdService;
  caches: Caches;
  islandHref: string;
  checkHref: string;
}

/**
 * The ads view for one page: the eligible creatives per slot, the notice and the scripts; null when
 * no slot has a campaign, so a site without campaigns ships no ad markup and no ad script.
 */
export function presentAdsFor(deps: AdPresenterDeps) {
  // The rendered slots show the campaigns and nothing else of the outlet's: every campaign write purges `ads`.
  // Read in the same turn as the campaigns (below), so slots rendered from campaigns before a purge never land in the store after it.
  const parts = deps.caches.cached([cacheKeys.ads], async () => keptParts());
  return async (req: AdRequest, now: Date): Promise<AdsView | null> => {
    const [bySlot, settings, kept] = await Promise.all([deps.ads.campaignsForPage(req, now), deps.ads.getSettings(), parts.get()]);
    if (bySlot.size === 0) return null;
    const slots: Partial<Record<AdSlot, AdSlotView>> = {};
    for (const [slot, campaigns] of bySlot) slots[slot] = { slot, creatives: campaigns.map(presentCreative) };
    const notice = settings.noticeEnabled ? { joinHref: '/support', dismissDays: settings.noticeDismissDays } : null;
    return {
      slots,
      inlineAfterParagraph: settings.inlineAfterParagraph,
      notice,
      islandHref: deps.islandHref,
      checkHref: notice ? deps.checkHref : null,
      parts: kept,
    };
  };
}

export interface AdRouteDeps {
  ads: AdService;
  /** Where the creatives' image files are (the media storage). */
  storage: MediaStorage;
  clock: () => Date;
  /** Per IP, in memory or Redis: a flood cannot inflate counts, and readers over the limit still get where they clicked. */
  limiter: RateLimiter;
}

/** The counting endpoints (click redirect, impression beacon) and the creatives' images. Nothing here reads or sets a cookie. */
export function registerAdRoutes(deps: AdRouteDeps) {
  return (app: FastifyInstance) => {
    app.get('/ads/click/:id', async function followAdClick(req, reply) {
      const parsed = idParams.safeParse(req.params);
      if (!parsed.success) throw notFound('advertisement');
      const now = deps.clock();
      const allowed = await deps.limiter.hit(`ads:${req.ip}`, now.getTime());
      const link = await deps.ads.recordClick(parsed.data.id, now, { count: allowed.ok });
      if (!link) throw notFound('advertisement');
      return reply.code(302).header('location', link).header('cache-control', 'no-store').header('referrer-policy', 'origin').send();
    });

    app.post('/ads/impression', async function countAdImpression(req, reply) {
      const now = deps.clock();
      const allowed = await deps.limiter.hit(`ads:${req.ip}`, now.getTime());
      reply.header('cache-control', 'no-store');
      if (!allowed.ok)
        return reply.code(429).header('retry-after', String(allowed.retryAfterSeconds)).send({ error: 'Too many counts from this address; try again later.' });
      // sendBeacon posts a form body; a bare "id=…" text body is read the same way.
      const fields = typeof req.body === 'string' ? Object.fromEntries(new URLSearchParams(req.body)) : (req.body ?? {});
      const parsed = impressionBody.safeParse(fields);
      if (!parsed.success) return reply.code(400).send({ error: 'id must be a campaign number' });
      if (!(await deps.ads.recordImpression(parsed.data.id, now))) return reply.code(404).send({ error: `there is no campaign #${parsed.data.id}` });
      return reply.code(204).send();
    });

    app.get('/ads/creative/:hash/:file', async function showAdCreative(req, reply) {
      if (!(await sendVariant(reply, deps.storage, req.params))) throw new HttpError(404, 'We could not find that image.');
      return reply;
    });
  };
}
