import type { Actor } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import { redirectKey, validTarget, type Redirect } from './redirect.js';
import type { RedirectStore } from './redirect-store.js';

export type AddRedirectResult = { ok: true; redirect: { fromPath: string; toPath: string } } | { ok: false; message: string; fields: Record<string, string> };

interface WriteContext {
  now: Date;
  actor: Pick<Actor, 'id' | 'name'> | null;
}

export const REDIRECTS_PER_PAGE = 50;

/**
 * Old addresses (imports, renamed pages) that answer 301. Looked up only when no route and no page
 * answered, so cached pages never pay for them. A redirect answer is never cached in our page
 * cache (only 200s are), so deleting one takes effect at once.
 */
export class RedirectService {
  constructor(
    private readonly store: RedirectStore,
    private readonly audit: AuditService | null,
  ) {}

  /** Where an old URL now lives, or null. */
  async resolve(url: string): Promise<string | null> {
    const key = redirectKey(url);
    if (!key) return null;
    const found = await this.store.findRedirectFrom(key);
    return found && found.toPath !== key ? found.toPath : null;
  }

  async listRedirects(q: string, page: number): Promise<{ items: Redirect[]; hasNext: boolean; total: number }> {
    const rows = await this.store.listRedirects({
      q: q.trim().toLowerCase().slice(0, 200),
      limit: REDIRECTS_PER_PAGE + 1,
      offset: (page - 1) * REDIRECTS_PER_PAGE,
    });
    return { items: rows.slice(0, REDIRECTS_PER_PAGE), hasNext: rows.length > REDIRECTS_PER_PAGE, total: await this.store.countRedirects() };
  }

  /** An editor's redirect: refuses loops, foreign-looking sources and a source that already redirects. */
  async addRedirect(from: string, to: string, ctx: WriteContext): Promise<AddRedirectResult> {
    const fields: Record<string, string> = {};
    const fromPath = from.trim() ? redirectKey(from) : null;
    if (!fromPath) fields.from = 'must be an old address on this site, such as /2019/05/council-vote/ or /?p=123';
    else if (fromPath === '/') fields.from = 'the front page cannot redirect';
    const toPath = to.trim() ? validTarget(to) : null;
    if (!toPath) fields.to = 'must be a path on this site (/articles/council-vote) or a full https:// address';
    if (fromPath && toPath && redirectKey(toPath) === fromPath) fields.to = 'points back at the old address: that would loop';
    if (Object.keys(fields).length) return { ok: false, message: 'The redirect was not added: check the fields marked below.', fields };
    if (!(await this.store.addRedirect({ fromPath: fromPath!, toPath: toPath!, source: 'manual' }, ctx.now.toISOString()))) {
      return { ok: false, message: `${fromPath} already redirects. Delete that redirect first to change it.`, fields: { from: 'already redirects' } };
    }
    await this.audit?.record({ at: ctx.now, actor: ctx.actor, action: 'redirect.add', subject: fromPath!, detail: toPath! });
    return { ok: true, redirect: { fromPath: fromPath!, toPath: toPath! } };
  }

  async deleteRedirect(id: number, ctx: WriteContext): Promise<boolean> {
    const gone = await this.store.deleteRedirect(id);
    if (gone) await this.audit?.record({ at: ctx.now, actor: ctx.actor, action: 'redirect.delete', subject: gone.fromPath, detail: gone.toPath });
    return gone !== null;
  }
}
