import crypto from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { SurrogateKey } from '../cache/cache-keys.js';
import { cacheKeyOf } from './cache-url.js';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export interface PageCacheOptions {
  /** Upper bound on the bytes held (all encodings together). Least recently used pages go first. */
  maxBytes: number;
  /** Safety net: an entry older than this is re-rendered even if nothing purged it. */
  maxAgeMs: number;
  /** Cookies that make a request personal (sessions). Such requests never read or fill the cache. */
  personalCookies: string[];
  /** Query parameters some cached route reads: kept in the key. Tracking ones are dropped; any other makes a request uncacheable. */
  queryParams?: string[];
  /**
   * The most of `maxBytes` that pages with a query string (searches, deep listing pages) may hold
   * together; default 1/8. Readers can make such URLs without end: a flood of searches then evicts
   * other searches, never the articles and front pages everyone reads.
   */
  queryShare?: number;
  now?: () => number;
}

/** One encoding of a page, with its response headers flattened once, at store time, for writeHead. */
interface Variant {
  body: Buffer;
  headers: string[];
  notModified: string[];
}

interface Entry {
  key: string;
  /** The response's own headers, minus hop-by-hop and per-encoding ones, as [name, value, name, value…]. */
  base: string[];
  identity: Variant;
  gzip: Variant | null;
  br: Variant | null;
  etag: string;
  keys: SurrogateKey[];
  bytes: number;
  storedAt: number;
  /** Its key has a query string: it counts against the query share too. */
  queried: boolean;
}

const PER_RESPONSE = new Set([
  'content-length',
  'content-encoding',
  'etag',
  'set-cookie',
  'x-cache',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-request-id',
]);

function variant(base: string[], body: Buffer, etag: string, encoding: string | null): Variant {
  const notModified = [...base, 'etag', etag, 'x-cache', 'HIT'];
  const headers = [...notModified, 'content-length', String(body.length)];
  if (encoding) headers.push('content-encoding', encoding);
  return { body, headers, notModified };
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Pages dropped to stay within maxBytes (purges are not evictions). */
  evictions: number;
}

/**
 * The full-page cache for logged-out readers. Sits in front of the router (see server.ts), so a hit
 * costs a Map lookup and one write: no routing, no hooks, no rendering.
 *
 * Invariants:
 * - Only anonymous GET/HEAD requests are answered from the cache, and only anonymous 200 responses
 *   that declare surrogate keys and `public` caching are stored.
 * - A response rendered before a purge is never stored after it (the purge counter guards the race).
 * - Each encoding has its own strong ETag; If-None-Match on any of them answers 304.
 * - Entries are keyed by `cacheKeyOf` (http/cache-url.ts), the same on lookup and store: tracking
 *   parameters dropped, read ones sorted, a URL with any other parameter neither served nor stored.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<SurrogateKey, Set<string>>();
  private bytes = 0;
  /** Pages with a query string, least recently used first, and their bytes (see queryShare). */
  private readonly queried = new Map<string, Entry>();
  private queriedBytes = 0;
  /**
   * The last entry of `entries` (most recently used), or null when unknown. For a queried entry it is
   * also the last of `queried`: every move to the end of `entries` moves it to the end of `queried` too.
   */
  private newest: Entry | null = null;
  private purges = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private readonly personal: RegExp | null;
  private readonly now: () => number;
  private maxAgeMs: number;
  private readonly queryParams: ReadonlySet<string>;

  constructor(private readonly opts: PageCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.maxAgeMs = opts.maxAgeMs;
    this.queryParams = new Set(opts.queryParams ?? []);
    this.personal = opts.personalCookies.length ? new RegExp(`(?:^|;\\s*)(?:${opts.personalCookies.map((c) => c.replace(/[^\w-]/g, '')).join('|')})=`) : null;
  }

  /** Whether this request may be answered from, and fill, the shared cache. */
  isShareable(req: IncomingMessage): boolean {
    return this.shareable(req.method, req.headers.authorization !== undefined, req.headers.cookie);
  }

  private shareable(method: string | undefined, authorized: boolean, cookie: string | undefined): boolean {
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (authorized) return false;
    return !(cookie && this.personal?.test(cookie));
  }

  /** A token taken when a request starts; `store` refuses if a purge happened since. */
  generation(): number {
    return this.purges;
  }

  /** Answers from the cache if it can. Returns false when the request must go to the router. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    const headers = hitHeaders(req.rawHeaders);
    if (!this.shareable(method, headers.authorized, headers.cookie)) return false;
    const key = cacheKeyOf(req.url ?? '', this.queryParams);
    if (key === null) return false;
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return false;
    }
    if (this.now() - entry.storedAt > this.maxAgeMs) {
      this.remove(entry);
      this.misses++;
      return false;
    }
    this.hits++;
    // Refresh LRU position, unless it is the newest already (a story everyone is reading: hit after hit).
    if (this.newest !== entry) {
      this.entries.delete(entry.key);
      this.entries.set(entry.key, entry);
      this.newest = entry;
      if (entry.queried) {
        this.queried.delete(entry.key);
        this.queried.set(entry.key, entry);
      }
    }

    const accept = headers.acceptEncoding;
    const v = accept
      ? (entry.br && /\bbr\b/.test(accept) && entry.br) || (entry.gzip && /\bgzip\b/.test(accept) && entry.gzip) || entry.identity
      : entry.identity;
    const inm = headers.ifNoneMatch;
    if (inm && matchesEtag(inm, entry.etag)) {
      res.writeHead(304, v.notModified);
      res.end();
      return true;
    }
    res.writeHead(200, v.headers);
    res.end(method === 'HEAD' ? undefined : v.body);
    return true;
  }

  /**
   * Keeps a rendered page. The identity body is stored at once; gzip and brotli variants are made
   * off the request path and attached when ready.
   */
  store(page: { url: string; generation: number; headers: OutgoingHttpHeaders; body: Buffer; keys: SurrogateKey[] }): void {
    if (page.generation !== this.purges || page.keys.length === 0) return;
    const key = cacheKeyOf(page.url, this.queryParams);
    if (key === null) return;
    const existing = this.entries.get(key);
    if (existing) this.remove(existing);
    const base: string[] = [];
    for (const [name, value] of Object.entries(page.headers)) {
      if (value === undefined || PER_RESPONSE.has(name)) continue;
      for (const one of [value].flat()) base.push(name, String(one));
    }
    const etag = etagFor(page.body);
    const entry: Entry = {
      key,
      base,
      identity: variant(base, page.body, etag, null),
      gzip: null,
      br: null,
      etag,
      keys: page.keys,
      bytes: page.body.length,
      storedAt: this.now(),
      queried: key.includes('?'),
    };
    if (entry.bytes > this.opts.maxBytes / 4) return; // one page must never evict most of the cache
    if (entry.queried && entry.bytes > this.opts.maxBytes * (this.opts.queryShare ?? 1 / 8)) return;
    this.insert(entry);
    void this.compress(entry);
  }

  private async compress(entry: Entry): Promise<void> {
    const identity = entry.identity.body;
    if (identity.length < 512) return;
    const [gz, br] = await Promise.all([
      gzip(identity, { level: 9 }),
      brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    ]);
    // The entry may have been purged or replaced while compressing.
    if (this.entries.get(entry.key) !== entry) return;
    const tag = entry.etag.slice(1, -1);
    entry.gzip = variant(entry.base, gz, `"${tag}-gz"`, 'gzip');
    entry.br = variant(entry.base, br, `"${tag}-br"`, 'br');
    entry.bytes += gz.length + br.length;
    this.bytes += gz.length + br.length;
    if (entry.queried) this.queriedBytes += gz.length + br.length;
    this.evict();
  }

  /** Drops every page tagged with any of `keys`. */
  purge(keys: SurrogateKey[]): number {
    this.purges++;
    let dropped = 0;
    for (const k of keys) {
      const urls = this.byKey.get(k);
      if (!urls) continue;
      for (const url of [...urls]) {
        const e = this.entries.get(url);
        if (e) {
          this.remove(e);
          dropped++;
        }
      }
    }
    return dropped;
  }

  /** Caps every entry's age at `ms` (while purges may be missed), or restores `maxAgeMs` with null. */
  limitLifetime(ms: number | null): void {
    this.maxAgeMs = ms === null ? this.opts.maxAgeMs : Math.min(ms, this.opts.maxAgeMs);
  }

  /** The age past which an entry is re-rendered, as it stands now. */
  lifetimeMs(): number {
    return this.maxAgeMs;
  }

  clear(): void {
    this.purges++;
    this.entries.clear();
    this.newest = null;
    this.byKey.clear();
    this.queried.clear();
    this.bytes = 0;
    this.queriedBytes = 0;
  }

  stats(): PageCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses, evictions: this.evictions };
  }

  private insert(e: Entry) {
    this.entries.set(e.key, e);
    this.newest = e;
    this.bytes += e.bytes;
    if (e.queried) {
      this.queried.set(e.key, e);
      this.queriedBytes += e.bytes;
    }
    for (const k of e.keys) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(e.key);
    }
    this.evict();
  }

  private remove(e: Entry) {
    if (this.entries.get(e.key) !== e) return;
    this.entries.delete(e.key);
    if (this.newest === e) this.newest = null;
    this.bytes -= e.bytes;
    if (e.queried) {
      this.queried.delete(e.key);
      this.queriedBytes -= e.bytes;
    }
    for (const k of e.keys) {
      const set = this.byKey.get(k);
      set?.delete(e.key);
      if (set?.size === 0) this.byKey.delete(k);
    }
  }

  private evict() {
    const queryBudget = this.opts.maxBytes * (this.opts.queryShare ?? 1 / 8);
    while (this.queriedBytes > queryBudget) {
      const oldest = this.queried.values().next().value as Entry | undefined;
      if (!oldest) break;
      this.remove(oldest);
    }
    while (this.bytes > this.opts.maxBytes) {
      const oldest = this.entries.values().next().value as Entry | undefined;
      if (!oldest) break;
      this.remove(oldest);
      this.evictions++;
    }
  }
}

/** The request headers a hit depends on. */
interface HitHeaders {
  authorized: boolean;
  cookie: string | undefined;
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
}

/**
 * Reads the four headers a hit depends on straight from `rawHeaders` ([name, value, …] as sent). `req.headers`
 * is a getter that builds an object of every header the client sent (a browser sends a dozen or more), each
 * name matched and lower-cased, and a hit needs four. Repeated headers are joined as node:http joins them:
 * cookies with "; ", the lists with ", "; any Authorization header counts.
 */
function hitHeaders(raw: string[]): HitHeaders {
  const found: HitHeaders = { authorized: false, cookie: undefined, acceptEncoding: undefined, ifNoneMatch: undefined };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Only names of these lengths can match, and one letter tells them from the common headers of the same
    // length (Accept, Accept-Language, Cache-Control), so only a likely match is lower-cased (which allocates).
    if (name.length === 6) {
      if (lowerAt(name, 0) === 0x63 /* c */ && name.toLowerCase() === 'cookie')
        found.cookie = found.cookie === undefined ? raw[i + 1] : `${found.cookie}; ${raw[i + 1]}`;
    } else if (name.length === 15) {
      if (lowerAt(name, 7) === 0x65 /* accept-e */ && name.toLowerCase() === 'accept-encoding')
        found.acceptEncoding = found.acceptEncoding === undefined ? raw[i + 1] : `${found.acceptEncoding}, ${raw[i + 1]}`;
    } else if (name.length === 13) {
      const first = lowerAt(name, 0);
      if (first === 0x61 /* a */ && name.toLowerCase() === 'authorization') found.authorized = true;
      else if (first === 0x69 /* i */ && name.toLowerCase() === 'if-none-match')
        found.ifNoneMatch = found.ifNoneMatch === undefined ? raw[i + 1] : `${found.ifNoneMatch}, ${raw[i + 1]}`;
    }
  }
  return found;
}

/** The char code at `i`, lower-cased if it is an ASCII capital letter. */
function lowerAt(name: string, i: number): number {
  const code = name.charCodeAt(i);
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** A strong ETag for the identity body. */
export function etagFor(body: Buffer): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** If-None-Match matching (weak comparison, as RFC 9110 asks for GET): any encoding's tag of this body matches. */
export function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const base = etag.slice(1, -1);
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return v === base || v === `${base}-br` || v === `${base}-gz`;
  });
}
