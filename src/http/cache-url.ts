/**
 * The page cache's key for a request URL. Links from newsletters and social sites carry tracking
 * parameters (`utm_source`, `fbclid`…) that no route reads: keyed on the raw URL, each variant
 * was a separate entry, and a flood of them evicted the hot pages.
 *
 * Rules, in order:
 * - no query string: the URL itself (the hot path; nothing is allocated);
 * - tracking parameters are dropped;
 * - the parameters some cached route reads (`readParams`) are kept, sorted by name (a stable sort,
 *   so repeated names keep their order);
 * - any other parameter makes the request uncacheable (null): it goes to the router and is not
 *   stored. A route that starts reading a new parameter is then merely uncached, never served
 *   another URL's page, and made-up parameters cannot fill the cache.
 */

const TRACKING_NAMES = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ref',
  'ref_src',
  'cmpid',
  's_kwcid',
]);

/** Whether a query parameter name is a tracking one (case-insensitive; any `utm_*`). */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_NAMES.has(lower);
}

/** The cache key for `url`, or null when the request must not use the cache. */
export function cacheKeyOf(url: string, readParams: ReadonlySet<string>): string | null {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  const kept: { name: string; pair: string }[] = [];
  for (const pair of url.slice(q + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      return null;
    }
    if (isTrackingParam(name)) continue;
    if (!readParams.has(name)) return null;
    kept.push({ name, pair });
  }
  if (kept.length === 0) return path;
  if (kept.length > 1) kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${path}?${kept.map((k) => k.pair).join('&')}`;
}
