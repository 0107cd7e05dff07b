import { z } from 'zod';
import type { Actor } from '../accounts/user.js';
import { SLUG_PATTERN, type PublicArticle } from '../articles/article.js';
import type { AuditService } from '../audit/audit-service.js';
import { issueProblem, type ReaderProblem } from '../i18n/reader-problem.js';
import type { Urls } from '../site/urls.js';
import { renderRepublishBundle } from './partner-bundle.js';
import {
  describeScope,
  grantState,
  hashKey,
  isSiteOf,
  KEY_PATTERN,
  LIMITS,
  newPartnerKey,
  normalizeHost,
  parseExpiry,
  scopeCovers,
  SHOWN_KEY_CHARS,
  type Grant,
  type GrantScope,
  type GrantSummary,
  type PartnerAccess,
  type RepublishRequest,
  type RepublishViewCount,
  type RequestStatus,
} from './partner.js';
import type { PartnerStore } from './partner-store.js';
import { utcToZonedLocal } from '../site/time-zone.js';

const required = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`);

/** A request to republish, as the public form and any API accept it. */
export const requestInputSchema = z.object({
  organisation: required('organisation', LIMITS.name),
  contactName: required('contactName', LIMITS.name),
  contactEmail: z
    .string({ error: 'contactEmail is required' })
    .trim()
    .max(LIMITS.email, 'contactEmail is too long')
    .pipe(z.email({ error: 'contactEmail must be an email address' })),
  website: z
    .string()
    .trim()
    .max(LIMITS.website, `website must be at most ${LIMITS.website} characters`)
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), 'website must be a web address starting with http:// or https://')
    .default(''),
  articles: required('articles', LIMITS.articles),
  purpose: required('purpose', LIMITS.purpose),
  wantsFullText: z
    .union([z.boolean(), z.enum(['yes', 'on', 'true', '1', 'no', 'off', 'false', '0', ''])])
    .transform((v) => v === true || v === 'yes' || v === 'on' || v === 'true' || v === '1')
    .default(false),
  /** Honeypot: people never see it; bots fill it. */
  nickname: z.string().max(500).default(''),
});
export type RequestInput = z.input<typeof requestInputSchema>;

/** The request form's fields a reader can get wrong, as the catalog's `problem.republish.*` messages name them. */
const NAMED_FIELDS = new Set(['organisation', 'contactName', 'contactEmail', 'website', 'articles', 'purpose']);

/** A request form problem as a reader-catalog message that names its field; the schema's English stays for the API and logs. */
export function requestProblem(issue: z.core.$ZodIssue): ReaderProblem {
  const field = String(issue.path[0] ?? '');
  if (!NAMED_FIELDS.has(field)) return issueProblem(issue);
  if (field === 'contactEmail' && issue.code === 'invalid_format') return { code: 'problem.republish.email' };
  if (field === 'website' && issue.code === 'custom') return { code: 'problem.republish.website' };
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return { code: 'problem.republish.tooLong', values: { field, max: issue.maximum } };
  if (issue.code === 'too_small' || issue.code === 'invalid_type') return { code: 'problem.republish.required', values: { field } };
  return issueProblem(issue);
}

/** What a grant is made from: the admin form, the command line, or a request being granted. */
export interface GrantInput {
  requestId?: number;
  partnerName: string;
  scope: GrantScope;
  fullText: boolean;
  /** A date (`2027-03-31`: through the end of that day, UTC), an ISO instant, or null for no end. */
  expiresAt: string | null;
  notes: string;
}

export type Invalid = { ok: false; field: string; message: string };
/** A refused request to republish: the field, the English `message`, and the `problem` the form words in the page's language. */
export type RequestRefused = Invalid & { problem: ReaderProblem };

export type AuthResult = { ok: true; access: PartnerAccess } | { ok: false; reason: 'unknown' | 'revoked' | 'expired'; message: string };

/** The articles a grant may name: the Article domain answers, through these two reads. */
export interface ArticleLookup {
  listAllSections(): Promise<{ slug: string }[]>;
  findArticle(slug: string): Promise<{ slug: string } | null>;
}

const LIST_LIMIT = 500;
/**
 * Hosts that are neither a partner's website nor counted before: at most this many start being
 * counted per UTC day. The Referer is the client's to choose, so this is what bounds the table.
 */
export const NEW_REFERRER_HOSTS_PER_DAY = 50;
const day = (iso: string) => iso.slice(0, 10);

const accessFor = (grant: Grant, keyId: number): PartnerAccess => ({
  grantId: grant.id,
  keyId,
  partnerName: grant.partnerName,
  fullText: grant.fullText,
  covers: (article) => scopeCovers(grant.scope, article),
});

/** Written permission to reprint: requests in, grants and partner keys out, and their usage counted. */
export class PartnerService {
  constructor(
    private readonly store: PartnerStore,
    private readonly articles: ArticleLookup,
    private readonly audit: AuditService,
    /** The outlet's time zone: an expiry typed as a bare date ends at midnight there. */
    private readonly timeZone: () => Promise<string> = async () => 'UTC',
  ) {}

  /** An instant as the day it falls on where the outlet is. */
  private async localDay(iso: string): Promise<string> {
    return utcToZonedLocal(iso, await this.timeZone()).slice(0, 10);
  }

  /** Validates and stores a request to republish. Text is stored as typed; a filled honeypot stores nothing. */
  async submitRequest(raw: unknown, now: Date): Promise<{ ok: true; id: number; spam: boolean } | RequestRefused> {
    const parsed = requestInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, field: issue.path.join('.') || 'form', message: issue.message, problem: requestProblem(issue) };
    }
    const r = parsed.data;
    // Bots fill every field: pretend to accept, keep nothing.
    if (r.nickname) return { ok: true, id: 0, spam: true };
    const id = await this.store.insertRequest({
      organisation: r.organisation,
      contactName: r.contactName,
      contactEmail: r.contactEmail,
      website: r.website,
      articles: r.articles,
      purpose: r.purpose,
      wantsFullText: r.wantsFullText,
      now: now.toISOString(),
    });
    return { ok: true, id, spam: false };
  }

  /** Requests in a status (all when null): undecided first, then newest first. */
  listRequests(status: RequestStatus | null): Promise<RepublishRequest[]> {
    return this.store.listRequests({ status, limit: LIST_LIMIT });
  }

  findRequest(id: number): Promise<RepublishRequest | null> {
    return this.store.findRequest(id);
  }

  findGrant(id: number): Promise<Grant | null> {
    return this.store.findGrant(id);
  }

  /**
   * Grants written permission and issues the partner's key. The key is in the result and nowhere
   * else: only its SHA-256 is stored, so it cannot be shown again. `actor` null is the command line.
   */
  async grant(input: GrantInput, actor: Actor | null, now: Date): Promise<{ ok: true; grantId: number; key: string } | Invalid> {
    const partnerName = input.partnerName.trim();
    if (!partnerName) return { ok: false, field: 'partnerName', message: 'partnerName is required: who gets the permission' };
    if (partnerName.length > LIMITS.name) return { ok: false, field: 'partnerName', message: `partnerName must be at most ${LIMITS.name} characters` };
    const notes = input.notes.trim();
    if (notes.length > LIMITS.notes) return { ok: false, field: 'notes', message: `notes must be at most ${LIMITS.notes} characters` };
    const scope = await this.checkScope(input.scope);
    if (!scope.ok) return scope;
    let expiresAt: string | null = null;
    if (input.expiresAt !== null && input.expiresAt.trim() !== '') {
      expiresAt = parseExpiry(input.expiresAt, await this.timeZone());
      if (!expiresAt) return { ok: false, field: 'expiresAt', message: 'expiresAt must be a date such as 2027-03-31, or left empty for no end' };
      if (expiresAt <= now.toISOString()) return { ok: false, field: 'expiresAt', message: 'expiresAt must be in the future' };
    }
    const requestId = input.requestId ?? null;
    if (requestId !== null) {
      const request = await this.store.findRequest(requestId);
      if (!request) return { ok: false, field: 'requestId', message: 'No such request.' };
      if (request.status !== 'new') return { ok: false, field: 'requestId', message: `This request was already ${request.status}.` };
    }

    const key = newPartnerKey();
    const by = actor?.name ?? 'command line';
    const created = await this.store.createGrant({
      partnerName,
      scope: scope.scope,
      fullText: input.fullText,
      expiresAt,
      notes,
      createdBy: by,
      requestId,
      keyHash: hashKey(key),
      keyPrefix: key.slice(0, SHOWN_KEY_CHARS),
      now: now.toISOString(),
    });
    // Checked again inside the write: another editor may have decided the request meanwhile.
    if (!created.ok) return { ok: false, field: 'requestId', message: 'This request was decided by someone else meanwhile.' };
    await this.audit.record({
      at: now,
      actor,
      action: 'partner.grant',
      subject: `grant ${created.grantId}`,
      detail:
        `${partnerName.slice(0, 80)}: ${describeScope(scope.scope).slice(0, 120)}` +
        `${input.fullText ? ', full text' : ''}${expiresAt ? `, until ${await this.localDay(expiresAt)}` : ''}`,
    });
    return { ok: true, grantId: created.grantId, key };
  }

  private async checkScope(scope: GrantScope): Promise<{ ok: true; scope: GrantScope } | Invalid> {
    switch (scope.kind) {
      case 'all':
        return { ok: true, scope: { kind: 'all' } };
      case 'section': {
        const slug = scope.section.trim();
        if (!slug) return { ok: false, field: 'section', message: 'choose the section the permission covers' };
        const sections = await this.articles.listAllSections();
        if (!sections.some((s) => s.slug === slug)) return { ok: false, field: 'section', message: `there is no section "${slug}"` };
        return { ok: true, scope: { kind: 'section', section: slug } };
      }
      case 'articles': {
        const slugs = [...new Set(scope.slugs.map((s) => s.trim()).filter(Boolean))];
        if (slugs.length === 0) return { ok: false, field: 'articles', message: 'list at least one article (its slug) the permission covers' };
        if (slugs.length > LIMITS.slugs)
          return { ok: false, field: 'articles', message: `a grant may list at most ${LIMITS.slugs} articles; grant a section or all instead` };
        const malformed = slugs.filter((s) => !SLUG_PATTERN.test(s));
        if (malformed.length) return { ok: false, field: 'articles', message: `not article slugs: ${malformed.slice(0, 5).join(', ')}` };
        const found = await Promise.all(slugs.map((s) => this.articles.findArticle(s)));
        const missing = slugs.filter((_, i) => !found[i]);
        if (missing.length) return { ok: false, field: 'articles', message: `no article with the slug ${missing.slice(0, 5).join(', ')}` };
        return { ok: true, scope: { kind: 'articles', slugs } };
      }
      default:
        return { ok: false, field: 'scope', message: 'scope must be all, a section or a list of articles' };
    }
  }

  /** Refuses an undecided request, with a note for the file. */
  async refuse(requestId: number, note: string, actor: Actor | null, now: Date): Promise<{ ok: true } | Invalid> {
    const text = note.trim();
    if (text.length > LIMITS.notes) return { ok: false, field: 'note', message: `the note must be at most ${LIMITS.notes} characters` };
    const request = await this.store.findRequest(requestId);
    if (!request) return { ok: false, field: 'requestId', message: 'No such request.' };
    if (request.status !== 'new') return { ok: false, field: 'requestId', message: `This request was already ${request.status}.` };
    const decided = await this.store.decideRequest({ id: requestId, status: 'refused', by: actor?.name ?? 'command line', note: text, now: now.toISOString() });
    if (!decided) return { ok: false, field: 'requestId', message: 'This request was decided by someone else meanwhile.' };
    await this.audit.record({ at: now, actor, action: 'partner.refuse', subject: `request ${requestId}`, detail: request.organisation.slice(0, 80) });
    return { ok: true };
  }

  /** Ends a grant now: every key it issued stops working. */
  async revoke(
    grantId: number,
    actor: Actor | null,
    now: Date,
  ): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'already-revoked'; message: string }> {
    const grant = await this.store.findGrant(grantId);
    if (!grant) return { ok: false, reason: 'not-found', message: `No grant ${grantId}.` };
    const revoked = await this.store.revokeGrant(grantId, actor?.name ?? 'command line', now.toISOString());
    if (!revoked) return { ok: false, reason: 'already-revoked', message: `Grant ${grantId} was already revoked.` };
    await this.audit.record({ at: now, actor, action: 'partner.revoke', subject: `grant ${grantId}`, detail: grant.partnerName.slice(0, 80) });
    return { ok: true };
  }

  /** Every grant, newest first, with key prefixes, full-text fetches and views of what it fetched. */
  listGrants(): Promise<GrantSummary[]> {
    return this.store.listGrantSummaries(LIST_LIMIT);
  }

  /** Views of republished copies, per article and referring site, most viewed first. */
  listRepublishViews(limit = 200): Promise<RepublishViewCount[]> {
    return this.store.listRepublishViews(limit);
  }

  /** For the Content API: who is calling. Accepts the key alone or an `Authorization` value (`Bearer mhk_…`). */
  async authenticate(bearer: string, now: Date): Promise<AuthResult> {
    const key = bearer.trim().replace(/^bearer\s+/i, '');
    const unknown = { ok: false, reason: 'unknown', message: 'This key is not one we issued. Check that it was copied whole.' } as const;
    if (!KEY_PATTERN.test(key)) return unknown;
    const found = await this.store.findGrantByKeyHash(hashKey(key));
    if (!found) return unknown;
    const state = grantState(found.grant, now);
    if (state === 'revoked')
      return { ok: false, reason: 'revoked', message: `This key was revoked on ${await this.localDay(found.grant.revokedAt!)}. Ask us for permission again.` };
    if (state === 'expired')
      return { ok: false, reason: 'expired', message: `This key expired on ${await this.localDay(found.grant.expiresAt!)}. Ask us to renew the permission.` };
    return { ok: true, access: accessFor(found.grant, found.keyId) };
  }

  /** Whether the caller may take this article in full; the Content API asks before it sends a full text. */
  fullTextPermission(
    access: PartnerAccess,
    article: { slug: string; section: { slug: string } | null },
  ): { ok: true } | { ok: false; reason: 'not-covered' | 'no-full-text'; message: string } {
    if (!access.covers(article)) return { ok: false, reason: 'not-covered', message: 'Your permission does not cover this article.' };
    if (!access.fullText) return { ok: false, reason: 'no-full-text', message: 'Your permission does not include full texts.' };
    return { ok: true };
  }

  /** Logs one full text sent to a partner: the usage the newsroom sees next to the grant. */
  recordFullTextFetch(access: PartnerAccess, articleId: number, now: Date): Promise<void> {
    return this.store.insertFullTextFetch({ keyId: access.keyId, grantId: access.grantId, articleId, now: now.toISOString() });
  }

  /**
   * Counts one view of a republished copy, per article, referring host and UTC day. Unknown
   * articles count nothing; so does a host that is not counted yet and cannot be admitted today
   * (a partner's website always can; any other new host only while today's quota lasts).
   * No Referer at all counts under '' (one row per article and day).
   */
  async recordRepublishView(articleId: number, referrerHost: string, now: Date): Promise<void> {
    if (!Number.isSafeInteger(articleId) || articleId <= 0) return;
    const host = normalizeHost(referrerHost);
    const today = day(now.toISOString());
    if (host !== '' && !(await this.store.isCountedReferrerHost(host))) {
      const partner = (await this.store.listPartnerWebsites(now.toISOString())).some((site) => isSiteOf(host, site));
      const admitted = await this.store.admitReferrerHost({
        host,
        day: today,
        via: partner ? 'partner' : 'seen',
        articleId,
        newPerDay: partner ? null : NEW_REFERRER_HOSTS_PER_DAY,
      });
      if (!admitted) return;
    }
    await this.store.countRepublishView({ articleId, referrerHost: host, day: today });
  }

  /**
   * The HTML a partner pastes. Refuses (throws) when the grant does not allow this full text:
   * callers check `fullTextPermission` first, so a throw here is a bug, never a partner's mistake.
   */
  republishBundle(article: PublicArticle, access: PartnerAccess, site: { name: string; urls: Urls }): string {
    const permitted = this.fullTextPermission(access, article);
    if (!permitted.ok) throw new Error(`republishBundle: grant ${access.grantId} may not take "${article.slug}" in full (${permitted.reason})`);
    return renderRepublishBundle(article, access, site);
  }
}
