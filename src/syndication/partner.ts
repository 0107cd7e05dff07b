/** Syndication: written permission to reprint. Plain values, no I/O. See CONTEXT.md for the words. */
import crypto from 'node:crypto';
import { endOfLocalDay } from '../site/time-zone.js';

export const REQUEST_STATUSES = ['new', 'granted', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const SCOPE_KINDS = ['all', 'section', 'articles'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Which articles a grant covers. Sections and articles are named by slug. */
export type GrantScope = { kind: 'all' } | { kind: 'section'; section: string } | { kind: 'articles'; slugs: string[] };

/** Someone asking to reprint more than the quotable excerpt, as they typed it. */
export interface RepublishRequest {
  id: number;
  organisation: string;
  contactName: string;
  contactEmail: string;
  website: string;
  /** Free text: links, headlines, or "all". */
  articles: string;
  purpose: string;
  wantsFullText: boolean;
  status: RequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string;
}

/** A written permission to a partner. It is never edited: it is revoked, and a new one granted. */
export interface Grant {
  id: number;
  partnerName: string;
  scope: GrantScope;
  fullText: boolean;
  /** The last instant the permission holds (inclusive); null for no end. */
  expiresAt: string | null;
  notes: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  requestId: number | null;
}

/** A grant with what the newsroom wants to see next to it. */
export interface GrantSummary extends Grant {
  /** First characters of each key, enough to tell keys apart; never the key. */
  keyPrefixes: string[];
  fullTextFetches: number;
  /**
   * Pixel views of the articles this grant fetched in full. Views are counted per article and
   * referring site, not per partner: two partners that fetched the same article share its views.
   */
  views: number;
}

/** Views of republished copies of one article seen from one referring site, all days together. */
export interface RepublishViewCount {
  articleId: number;
  articleSlug: string;
  articleHeadline: string;
  referrerHost: string;
  views: number;
  lastDay: string;
}

/** Who is calling the Content API with a partner key, and what their grant allows. */
export interface PartnerAccess {
  grantId: number;
  keyId: number;
  partnerName: string;
  fullText: boolean;
  covers(article: { slug: string; section: { slug: string } | null }): boolean;
}

export const LIMITS = { name: 200, email: 254, website: 500, articles: 2000, purpose: 2000, notes: 2000, slugs: 500 } as const;

/** Partner keys look like `mhk_` and 32 base64url characters (192 random bits). */
export const KEY_PREFIX = 'mhk_';
export const KEY_PATTERN = /^mhk_[A-Za-z0-9_-]{32}$/;
/** How much of a key lists show. */
export const SHOWN_KEY_CHARS = 8;

/** Makes a new partner key. The caller shows it once and keeps only `hashKey(key)`. */
export function newPartnerKey(): string {
  return KEY_PREFIX + crypto.randomBytes(24).toString('base64url');
}

/** SHA-256 (hex) of a key: what the database holds. Keys are random, so no salt or slow hash is needed. */
export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a scope covers an article. */
export function scopeCovers(scope: GrantScope, article: { slug: string; section: { slug: string } | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'section':
      return article.section?.slug === scope.section;
    case 'articles':
      return scope.slugs.includes(article.slug);
  }
}

/** Revoked wins over expired: a revoked grant stays revoked whatever its date. */
export function grantState(g: Pick<Grant, 'revokedAt' | 'expiresAt'>, now: Date): 'active' | 'expired' | 'revoked' {
  if (g.revokedAt) return 'revoked';
  if (g.expiresAt !== null && now.toISOString() > g.expiresAt) return 'expired';
  return 'active';
}

/** The scope in words, for lists and the command line. */
export function describeScope(scope: GrantScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all articles';
    case 'section':
      return `section ${scope.section}`;
    case 'articles':
      return `${scope.slugs.length} article${scope.slugs.length === 1 ? '' : 's'}: ${scope.slugs.join(', ')}`;
  }
}

/** The referring site of a pixel request: host only, lower case, at most 200 characters; '' for none. */
export function referrerHostOf(referer: string | undefined): string {
  if (!referer) return '';
  try {
    const url = new URL(referer);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    return normalizeHost(url.host);
  } catch {
    return '';
  }
}

/** Whether `host` is the site a partner gave (`https://www.ledger.example/news` covers ledger.example and its subdomains). */
export function isSiteOf(host: string, website: string): boolean {
  const given = referrerHostOf(/^https?:\/\//i.test(website.trim()) ? website.trim() : `https://${website.trim()}`).replace(/^www\./, '');
  if (!given || !given.includes('.')) return false;
  return host === given || host.endsWith(`.${given}`);
}

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().slice(0, 200);
}

/**
 * An expiry as typed: a date (`2027-03-31`, good through the end of that day in the outlet's time
 * zone) or an ISO instant. Returns the instant stored (the last millisecond of a typed day), or null
 * when it is not a date.
 */
export function parseExpiry(value: string, timeZone = 'UTC'): string | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    // endOfLocalDay refuses a day that does not exist (2027-02-30).
    const end = endOfLocalDay(v, timeZone);
    return end ? new Date(Date.parse(end) - 1).toISOString() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
