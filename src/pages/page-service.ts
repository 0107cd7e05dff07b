import type { Actor } from '../accounts/user.js';
import { renderMarkdown, sanitizeBodyHtml } from '../articles/article-body.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import { cacheKeys, type Invalidator, type SurrogateKey } from '../cache/cache-keys.js';
import { normalisePagePath, pageInputSchema, type FooterLink, type PageInputDraft, type PageSaveResult, type StaticPage } from './page.js';
import type { PageRecord, PageStore } from './page-store.js';

/**
 * First path segments that belong to routes: a page there would never be reached (routes win, pages
 * are looked up only when nothing matched). test/pages/ checks this against the router.
 */
export const RESERVED_SEGMENTS = new Set([
  'admin',
  'api',
  'articles',
  'sections',
  'tags',
  'authors',
  'media',
  'assets',
  'search',
  'account',
  'topics',
  'support',
  'corrections',
  'privacy',
  'cookies',
  'reprint-policy',
  'republish',
  'oembed',
  'ads',
  'sitemaps',
  'news',
  'feed',
  'healthz',
  'readyz',
  'metrics',
  'newsletters',
]);

interface WriteContext {
  now: Date;
  actor: Pick<Actor, 'id' | 'name'> | null;
}

/** Static pages: editors' CRUD, the page served at a path, and the footer's links (cached, on the bus). */
export class PageService {
  private readonly footer: CachedValue<FooterLink[]>;

  constructor(
    private readonly store: PageStore,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService | null,
    caches: Caches,
  ) {
    // The footer is in every page's frame: `site` is purged whenever the links it shows change.
    this.footer = caches.cached([cacheKeys.site], () => this.store.listFooterLinks());
  }

  /** The page at a request path (already stripped of its query and trailing slash), or null. */
  findPageAt(path: string): Promise<StaticPage | null> {
    const p = normalisePagePath(path);
    return p ? this.store.findPageByPath(p) : Promise.resolve(null);
  }

  findPage(id: number): Promise<StaticPage | null> {
    return this.store.findPageById(id);
  }

  listPages(): Promise<StaticPage[]> {
    return this.store.listPages();
  }

  listFooterLinks(): Promise<FooterLink[]> {
    return this.footer.get();
  }

  /** Creates a page (id null) or replaces one. The body goes through the one body pipeline. */
  async savePage(id: number | null, draft: PageInputDraft, ctx: WriteContext): Promise<PageSaveResult> {
    const result = await this.savePageWith(this.store, id, draft, ctx.now);
    if (!result.ok) return result;
    await this.invalidator.invalidate(result.keys);
    await this.audit?.record({ at: ctx.now, actor: ctx.actor, action: id === null ? 'page.create' : 'page.update', subject: result.path });
    return { ok: true, id: result.id, path: result.path };
  }

  /** Purges what a caller's transaction of savePageWith calls changed, after it committed (imports). */
  invalidate(keys: SurrogateKey[]): Promise<void> {
    return this.invalidator.invalidate(keys);
  }

  /** Saves inside a caller's transaction (imports); the caller purges the returned keys after commit. */
  async savePageWith(
    store: PageStore,
    id: number | null,
    draft: PageInputDraft,
    at: Date,
  ): Promise<Exclude<PageSaveResult, { ok: true }> | { ok: true; id: number; path: string; keys: SurrogateKey[] }> {
    const parsed = pageInputSchema.safeParse(draft);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const i of parsed.error.issues) fields[String(i.path[0] ?? 'page')] ??= i.message;
      return { ok: false, status: 422, message: 'The page was not saved: check the fields marked below.', fields };
    }
    const input = parsed.data;
    const path = normalisePagePath(input.path);
    if (!path) return invalid('path', 'must be an address such as /about or /about/team: lower-case letters, digits and hyphens');
    if (RESERVED_SEGMENTS.has(path.split('/')[1]!)) return invalid('path', `${path} belongs to another part of the site; choose another address`);
    const other = await store.findPageByPath(path);
    if (other && other.id !== id)
      return { ok: false, status: 409, message: `Another page already lives at ${path}.`, fields: { path: 'is taken by another page' } };
    const before = id === null ? null : await store.findPageById(id);
    if (id !== null && !before) return { ok: false, status: 404, message: 'No such page.', fields: {} };
    const rec: PageRecord = {
      path,
      title: input.title,
      bodyFormat: input.bodyFormat,
      bodySource: input.body,
      bodyHtml: input.bodyFormat === 'html' ? sanitizeBodyHtml(input.body) : renderMarkdown(input.body),
      inFooter: input.inFooter,
      footerPosition: input.footerPosition,
    };
    const now = at.toISOString();
    const savedId = id === null ? await store.insertPage(rec, now) : (await store.updatePage(id, rec, now), id);
    return { ok: true, id: savedId, path, keys: pageWriteKeys(savedId, before, rec) };
  }

  async deletePage(id: number, ctx: WriteContext): Promise<boolean> {
    const before = await this.store.findPageById(id);
    if (!before || !(await this.store.deletePage(id))) return false;
    await this.invalidator.invalidate(before.inFooter ? [cacheKeys.page(id), cacheKeys.site] : [cacheKeys.page(id)]);
    await this.audit?.record({ at: ctx.now, actor: ctx.actor, action: 'page.delete', subject: before.path });
    return true;
  }
}

/** A page's own key; `site` too when the footer's links change (in or out of it, or a footer page renamed or moved). */
function pageWriteKeys(id: number, before: StaticPage | null, after: PageRecord): SurrogateKey[] {
  const footerChanged =
    (before?.inFooter ?? false) !== after.inFooter ||
    (after.inFooter && (before?.title !== after.title || before?.path !== after.path || before?.footerPosition !== after.footerPosition));
  return footerChanged ? [cacheKeys.page(id), cacheKeys.site] : [cacheKeys.page(id)];
}

function invalid(field: string, message: string): Exclude<PageSaveResult, { ok: true }> {
  return { ok: false, status: 422, message: 'The page was not saved: check the fields marked below.', fields: { [field]: message } };
}
