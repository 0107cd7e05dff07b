import type sanitizeHtml from 'sanitize-html';
import { lazyPackage } from '../lazy-package.js';
import { z } from 'zod';
import { sanitizeBodyHtml } from '../articles/article-body.js';
import { slugify } from '../articles/article.js';
import { endOfLocalDay, zonedLocalToUtc } from '../site/time-zone.js';

const sanitizer = lazyPackage<typeof sanitizeHtml>('sanitize-html');

/** Where an ad may appear in the reader's pages. `article-inline` sits after paragraph N of the body (a setting). */
export const AD_SLOTS = ['article-inline', 'article-end', 'home', 'sidebar'] as const;
export type AdSlot = (typeof AD_SLOTS)[number];

/** The picture a campaign shows: an image from the media library, with the words a screen reader says. */
export interface ImageCreative {
  kind: 'image';
  media: { id: number; hash: string; width: number; height: number; widths: number[] };
  alt: string;
}
/** HTML the newsroom typed, cut down to the article allow-list, without links (the click link wraps it) or outside images. */
export interface HtmlCreative {
  kind: 'html';
  html: string;
}

export interface Campaign {
  id: number;
  name: string;
  advertiser: string;
  creative: ImageCreative | HtmlCreative;
  /** Where a click goes, after /ads/click/:id has counted it. Always http(s). */
  link: string;
  slots: AdSlot[];
  /** ISO-8601 UTC; the campaign runs from startsAt (inclusive) to endsAt (exclusive, or forever). */
  startsAt: string;
  endsAt: string | null;
  /** Relative share among the campaigns eligible for a slot, 1 to 100. */
  weight: number;
  /** At most this many showings a day in one browser; counted in that browser only. */
  dailyCap: number | null;
  sectionSlug: string | null;
  tagSlug: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a write stores: the campaign without its id and timestamps, the creative as a media id or HTML. */
export interface CampaignFields {
  name: string;
  advertiser: string;
  mediaId: number | null;
  alt: string;
  html: string;
  link: string;
  slots: AdSlot[];
  startsAt: string;
  endsAt: string | null;
  weight: number;
  dailyCap: number | null;
  sectionSlug: string | null;
  tagSlug: string | null;
}

/** A campaign as typed into the admin form or the CLI: every value a string (or a list of slot names). */
export interface RawCampaign {
  name?: string;
  advertiser?: string;
  /** The image already stored through the media pipeline, if any. */
  mediaId?: number | null;
  alt?: string;
  html?: string;
  link?: string;
  slots?: string[];
  starts?: string;
  ends?: string;
  weight?: string;
  dailyCap?: string;
  section?: string;
  tag?: string;
}

export type CampaignProblem = { ok: false; field: string; message: string };
export type CampaignCheck = { ok: true; value: CampaignFields } | CampaignProblem;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as an ISO instant. A bare date is a day in the outlet's time zone: the start of that day for
 * a start, and the end of it for an end, so `--ends 2026-12-31` still runs all of the 31st where the
 * outlet is. Null when unreadable.
 */
export function parseAdDate(text: string, edge: 'start' | 'end', timeZone = 'UTC'): string | null {
  const t = text.trim();
  if (DATE_ONLY.test(t)) {
    const end = endOfLocalDay(t, timeZone);
    if (!end) return null;
    return edge === 'end' ? end : zonedLocalToUtc(`${t}T00:00`, timeZone);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A same-site image source: a path, never another origin (pages make no third-party requests). */
const localSrc = (src: string | undefined) => typeof src === 'string' && src.startsWith('/') && !src.startsWith('//');

/** The article allow-list without links (the whole ad is one counted link), plus span for what links became. */
const AD_HTML_TAGS = [
  'p',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'b',
  'i',
  'code',
  'pre',
  'br',
  'hr',
  'figure',
  'figcaption',
  'img',
  'sup',
  'sub',
  'abbr',
  's',
  'span',
];

/** Sanitizes an HTML creative: the article allow-list, then links made plain text and outside images dropped. */
export function sanitizeAdHtml(html: string): string {
  return sanitizer()(sanitizeBodyHtml(html), {
    allowedTags: [...AD_HTML_TAGS],
    allowedAttributes: { img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'], abbr: ['title'], ol: ['start'] },
    transformTags: { a: () => ({ tagName: 'span', attribs: {} }) },
    exclusiveFilter: (frame) => frame.tag === 'img' && !localSrc(frame.attribs.src),
  }).trim();
}

const whole =
  (field: string, min: number, max: number) =>
  (text: string | undefined, fallback: number | null): number | null | CampaignProblem => {
    const t = (text ?? '').trim();
    if (t === '') return fallback;
    const n = /^-?\d+$/.test(t) ? Number(t) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) return { ok: false, field, message: `${field} must be a whole number from ${min} to ${max}` };
    return n;
  };
const weightOf = whole('weight', 1, 100);
const capOf = whole('cap', 1, 100);
const isProblem = (v: unknown): v is CampaignProblem => typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

const textField = (max: number, required: boolean) =>
  required
    ? z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
    : z.string().trim().max(max, `must be at most ${max} characters`);
const wordsSchema = z.object({ name: textField(120, true), advertiser: textField(120, false), alt: textField(300, false) });

/**
 * Checks a campaign as typed and returns what to store, or the first problem with the field it is
 * about. `now` is the start when none is given.
 */
export function checkCampaign(raw: RawCampaign, now: Date, timeZone = 'UTC'): CampaignCheck {
  const words = wordsSchema.safeParse({ name: raw.name ?? '', advertiser: raw.advertiser ?? '', alt: raw.alt ?? '' });
  if (!words.success) {
    const issue = words.error.issues[0]!;
    const field = String(issue.path[0]);
    return { ok: false, field, message: `${field} ${issue.message}` };
  }
  const mediaId = raw.mediaId ?? null;
  const rawHtml = (raw.html ?? '').trim();
  const html = rawHtml ? sanitizeAdHtml(rawHtml) : '';
  if (mediaId === null && rawHtml === '') return { ok: false, field: 'image', message: 'image is missing: a campaign needs an image (or HTML) to show' };
  if (mediaId === null && html === '')
    return { ok: false, field: 'html', message: 'html has nothing left to show once scripts, links and outside images are removed' };
  if (rawHtml.length > 20_000) return { ok: false, field: 'html', message: 'html must be at most 20,000 characters' };
  if (mediaId !== null && !words.data.alt) return { ok: false, field: 'alt', message: 'alt must describe the image for readers who cannot see it' };

  const linkText = (raw.link ?? '').trim();
  let link: URL | null = null;
  try {
    link = linkText ? new URL(linkText) : null;
  } catch {
    link = null;
  }
  if (!link) return { ok: false, field: 'link', message: 'link must be a full web address such as https://example.org/offer' };
  if (link.protocol !== 'https:' && link.protocol !== 'http:')
    return { ok: false, field: 'link', message: `link must start with http:// or https://, not ${link.protocol}` };
  if (link.href.length > 2000) return { ok: false, field: 'link', message: 'link must be at most 2,000 characters' };

  const slotNames = [...new Set((raw.slots ?? []).map((s) => s.trim()).filter(Boolean))];
  if (slotNames.length === 0) return { ok: false, field: 'slots', message: `slots: choose at least one of ${AD_SLOTS.join(', ')}` };
  const unknown = slotNames.find((s) => !(AD_SLOTS as readonly string[]).includes(s));
  if (unknown !== undefined) return { ok: false, field: 'slots', message: `slots: "${unknown}" is not a slot; the slots are ${AD_SLOTS.join(', ')}` };

  const startsText = (raw.starts ?? '').trim();
  const startsAt = startsText ? parseAdDate(startsText, 'start', timeZone) : now.toISOString();
  if (!startsAt) return { ok: false, field: 'starts', message: 'starts must be a date such as 2026-12-01 (or a full ISO time)' };
  const endsText = (raw.ends ?? '').trim();
  const endsAt = endsText ? parseAdDate(endsText, 'end', timeZone) : null;
  if (endsText && !endsAt) return { ok: false, field: 'ends', message: 'ends must be a date such as 2026-12-31 (or a full ISO time)' };
  if (endsAt !== null && endsAt <= startsAt) return { ok: false, field: 'ends', message: 'ends must be after starts' };

  const weight = weightOf(raw.weight, 1);
  if (isProblem(weight)) return weight;
  const dailyCap = capOf(raw.dailyCap, null);
  if (isProblem(dailyCap)) return dailyCap;

  const slugOrNull = (s: string | undefined) => (s && s.trim() ? slugify(s.trim()) || null : null);
  return {
    ok: true,
    value: {
      name: words.data.name,
      advertiser: words.data.advertiser,
      mediaId,
      alt: mediaId === null ? '' : words.data.alt,
      html: mediaId === null ? html : '',
      link: link.href,
      slots: AD_SLOTS.filter((s) => slotNames.includes(s)),
      startsAt,
      endsAt,
      weight: weight ?? 1,
      dailyCap,
      sectionSlug: slugOrNull(raw.section),
      tagSlug: slugOrNull(raw.tag),
    },
  };
}

/** What a page is about, for targeting: resolved when the page is rendered, so the cached copy stays shared. */
export interface AdPlacement {
  slot: AdSlot;
  sectionSlug: string | null;
  tagSlugs: string[];
}

/**
 * The campaigns a cached page should carry for a slot: in that slot, not yet ended, and matching the
 * page's section and tags. Campaigns that start later are included: the island honours dates in
 * the browser, so a start needs no purge (an end only drops one candidate).
 */
export function eligibleCampaigns(campaigns: Campaign[], place: AdPlacement, now: Date): Campaign[] {
  const at = now.toISOString();
  return campaigns.filter(
    (c) =>
      c.slots.includes(place.slot) &&
      (c.endsAt === null || c.endsAt > at) &&
      (c.sectionSlug === null || c.sectionSlug === place.sectionSlug) &&
      (c.tagSlug === null || place.tagSlugs.includes(c.tagSlug)),
  );
}

/** Whether a campaign is running at `now` (between its start and end). */
export function isRunning(c: Pick<Campaign, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const at = now.toISOString();
  return c.startsAt <= at && (c.endsAt === null || c.endsAt > at);
}

/** Click-through rate as a percentage with one decimal, or null with no impressions. */
export function clickThroughRate(impressions: number, clicks: number): number | null {
  return impressions > 0 ? Math.round((clicks / impressions) * 1000) / 10 : null;
}

/** The outlet's advertising choices. */
export const adSettingsSchema = z.object({
  /** Patrons see no ads (their pages are personal anyway; the mh_patron hint hides them in a shared copy). */
  patronsAdFree: z.boolean(),
  /** The article-inline slot follows this paragraph of the body. */
  inlineAfterParagraph: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(30, 'must be at most 30'),
  /** Ask readers whose blocker hides the ads to reconsider (politely, dismissible). */
  noticeEnabled: z.boolean(),
  noticeDismissDays: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365'),
});
export type AdSettings = z.infer<typeof adSettingsSchema>;

export const DEFAULT_AD_SETTINGS: AdSettings = { patronsAdFree: true, inlineAfterParagraph: 3, noticeEnabled: true, noticeDismissDays: 30 };
