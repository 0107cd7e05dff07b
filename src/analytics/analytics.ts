import crypto from 'node:crypto';

/** One page view as the beacon reports it, before anything is counted. */
export interface ViewHit {
  /** The story the page shows, if it is a story page. */
  articleId: number | null;
  /** The section the page belongs to (a story's section, or a section front). */
  sectionId: number | null;
  /** The page's own `document.referrer`, as sent; reduced to a host name before it is kept. */
  referrer: string | null;
  /** The client address and user agent: hashed with today's salt, never stored. */
  ip: string;
  userAgent: string;
}

/** A calendar day in UTC, `YYYY-MM-DD`: the unit of every counter and of the salt's life. */
export type Day = string;

export const dayOf = (now: Date): Day => now.toISOString().slice(0, 10);

/** The day `n` days before `day` (n may be negative). */
export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return dayOf(d);
}

/** Every day from `from` to `to`, inclusive, oldest first. */
export function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** A fresh random salt for a new day. */
export const newSalt = (): string => crypto.randomBytes(32).toString('base64url');

/**
 * The visitor's pseudonym for one day: a salted hash of (day, site, address, user agent). With the
 * salt deleted at the day's end, the hash cannot be recomputed from an address, so it identifies no one.
 * Truncated to 128 bits: plenty to keep a day's visitors apart.
 */
export function visitorHash(input: { salt: string; day: Day; site: string; ip: string; userAgent: string }): string {
  return crypto.createHash('sha256').update(`${input.salt}\n${input.day}\n${input.site}\n${input.ip}\n${input.userAgent}`).digest('base64url').slice(0, 22);
}

const MAX_HOST = 253;

/**
 * The referring site's host name, lower case, without `www.`; null for no referrer, a non-web
 * scheme, an unreadable value, or our own site (moving between our pages is not a referral).
 */
export function referrerHost(referrer: string | null, ownHost: string): string | null {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  if (!host || host.length > MAX_HOST) return null;
  if (host === ownHost.toLowerCase().replace(/^www\./, '')) return null;
  return host;
}

/** Where a visitor is counted once a day: the whole site, a story, a section. */
export type Scope = 'site' | `a:${number}` | `s:${number}`;

/** Counts gathered in memory between two flushes. Keys carry the day, so a batch may span midnight. */
export interface Batch {
  site: Map<Day, number>;
  articles: Map<string, number>;
  sections: Map<string, number>;
  referrers: Map<string, number>;
  countries: Map<string, number>;
  /** `${day}|${scope}` -> salted visitor hashes seen in this batch. */
  visitors: Map<string, Set<string>>;
  /** Views in the batch (what a flush writes). */
  views: number;
}

export const emptyBatch = (): Batch => ({
  site: new Map(),
  articles: new Map(),
  sections: new Map(),
  referrers: new Map(),
  countries: new Map(),
  visitors: new Map(),
  views: 0,
});

/** One counted view, reduced to what is kept: no address, no user agent, no full referrer. */
export interface CountedView {
  day: Day;
  articleId: number | null;
  sectionId: number | null;
  host: string | null;
  country: string | null;
  /** Today's salted hash of the reader. */
  visitor: string;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Adds one counted view to a batch. */
export function addToBatch(b: Batch, v: CountedView): void {
  b.views++;
  bump(b.site, v.day);
  const seen = (scope: Scope) => {
    const k = `${v.day}|${scope}`;
    let set = b.visitors.get(k);
    if (!set) b.visitors.set(k, (set = new Set()));
    set.add(v.visitor);
  };
  seen('site');
  if (v.articleId !== null) {
    bump(b.articles, `${v.day}|${v.articleId}`);
    seen(`a:${v.articleId}`);
  }
  if (v.sectionId !== null) {
    bump(b.sections, `${v.day}|${v.sectionId}`);
    seen(`s:${v.sectionId}`);
  }
  if (v.host) bump(b.referrers, `${v.day}|${v.host}`);
  if (v.country) bump(b.countries, `${v.day}|${v.country}`);
}

/** Splits a `${day}|${rest}` batch key. */
export function splitKey(k: string): [Day, string] {
  const i = k.indexOf('|');
  return [k.slice(0, i), k.slice(i + 1)];
}

/** Totals for a stretch of days. Visitors are summed per day: a reader back tomorrow counts again. */
export interface Totals {
  views: number;
  visitors: number;
}

export interface DayFigures extends Totals {
  day: Day;
}

export interface ArticleFigures extends Totals {
  articleId: number;
  slug: string;
  headline: string;
}

export interface SectionFigures extends Totals {
  sectionId: number;
  slug: string;
  name: string;
}

export interface Report {
  from: Day;
  to: Day;
  totals: Totals;
  /** Every day in the range, zeros included, oldest first. */
  days: DayFigures[];
  articles: ArticleFigures[];
  sections: SectionFigures[];
  referrers: { host: string; views: number }[];
  countries: { country: string; views: number }[];
}
