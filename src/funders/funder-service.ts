import type { Actor } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import { imageBytes, type ImageSource, type MediaService } from '../media/media-service.js';
import { formFieldOf } from '../i18n/outlet-text.js';
import { funderInputSchema, type Funder } from './funder.js';
import type { FunderStore } from './funder-store.js';

export type FunderResult = { ok: true; funder: Funder } | { ok: false; status: 404 | 422; message: string; fields: Record<string, string> };

/** Raw values as a person typed them (form fields, CLI flags). */
export interface FunderForm {
  name: string;
  url: string;
  line: string;
  position: string | number;
  /** The credit line in other languages, `{ uk: { line } }`; empty ones show the default's. */
  translations?: Record<string, Record<string, string | undefined>>;
}

export interface LogoChange {
  /** A new logo image's bytes; it goes through the media pipeline like any upload. */
  file?: ImageSource | null;
  /** Drop the current logo. */
  remove?: boolean;
}

interface WriteContext {
  now: Date;
  actor: Pick<Actor, 'id' | 'name'> | null;
}

/**
 * The funders list. The credits are in every page's footer, so every write purges `site` (every
 * page) and `support`. Reads are cached in memory until a purge anywhere drops them.
 */
export class FunderService {
  private readonly cached: CachedValue<Funder[]>;

  constructor(
    private readonly store: FunderStore,
    private readonly media: MediaService,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
    caches: Caches,
  ) {
    this.cached = caches.cached([cacheKeys.site], () => this.store.listFunders());
  }

  listFunders(): Promise<Funder[]> {
    return this.cached.get();
  }

  findFunder(id: number): Promise<Funder | null> {
    return this.store.findFunderById(id);
  }

  async addFunder(form: FunderForm, logo: LogoChange, ctx: WriteContext): Promise<FunderResult> {
    const parsed = this.parse(form);
    if (!parsed.ok) return parsed;
    const logoId = await this.storeLogo(logo, null, ctx.now);
    if (logoId !== null && typeof logoId === 'object') return logoId;
    const id = await this.store.insertFunder({ ...parsed.input, logoMediaId: logoId }, ctx.now.toISOString());
    return this.written(id, 'funder.add', ctx);
  }

  async updateFunder(id: number, form: FunderForm, logo: LogoChange, ctx: WriteContext): Promise<FunderResult> {
    const existing = await this.store.findFunderById(id);
    if (!existing) return { ok: false, status: 404, message: 'There is no such funder.', fields: {} };
    // A caller that sends no translations (the CLI) keeps the ones saved.
    const parsed = this.parse({ ...form, translations: form.translations ?? existing.translations });
    if (!parsed.ok) return parsed;
    const logoId = await this.storeLogo(logo, existing.logo?.mediaId ?? null, ctx.now);
    if (logoId !== null && typeof logoId === 'object') return logoId;
    await this.store.updateFunder(id, { ...parsed.input, logoMediaId: logoId }, ctx.now.toISOString());
    return this.written(id, 'funder.edit', ctx);
  }

  async removeFunder(id: number, ctx: WriteContext): Promise<{ ok: true; name: string } | { ok: false; status: 404; message: string }> {
    const existing = await this.store.findFunderById(id);
    if (!existing || !(await this.store.deleteFunder(id))) return { ok: false, status: 404, message: 'There is no such funder.' };
    await this.invalidator.invalidate([cacheKeys.site, cacheKeys.support]);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'funder.remove', subject: existing.name });
    return { ok: true, name: existing.name };
  }

  private parse(form: FunderForm) {
    const parsed = funderInputSchema.safeParse({ ...form, position: form.position === '' ? 0 : form.position });
    if (parsed.success) return { ok: true as const, input: parsed.data };
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[formFieldOf(i.path)] ??= i.message;
    return { ok: false as const, status: 422 as const, message: 'Check the highlighted fields.', fields };
  }

  /** The logo's media id after the change, or a refusal naming the `logo` field. */
  private async storeLogo(logo: LogoChange, current: number | null, now: Date): Promise<number | null | FunderResult> {
    if (logo.file && imageBytes(logo.file) > 0) {
      const stored = await this.media.storeImage(logo.file, now);
      if (!stored.ok) return { ok: false, status: 422, message: 'The logo was not accepted.', fields: { logo: stored.message } };
      return stored.mediaId;
    }
    return logo.remove ? null : current;
  }

  private async written(id: number, action: string, ctx: WriteContext): Promise<FunderResult> {
    const funder = (await this.store.findFunderById(id))!;
    await this.invalidator.invalidate([cacheKeys.site, cacheKeys.support]);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action, subject: funder.name });
    return { ok: true, funder };
  }
}
