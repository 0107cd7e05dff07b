import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import type { SettingsStore } from './settings-store.js';
import { formFieldOf } from '../i18n/outlet-text.js';
import { DEFAULT_SITE_SETTINGS, siteSettingsSchema, type SiteSettings } from './site-settings.js';

const PREFIX = 'site.';

/** Reads the outlet's settings once and keeps them in memory until a purge of `site` (on any server). */
export class SiteService {
  private readonly cached: CachedValue<SiteSettings>;

  constructor(
    private readonly store: SettingsStore,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
    caches: Caches,
  ) {
    this.cached = caches.cached([cacheKeys.site], () => this.readSettings());
  }

  getSettings(): Promise<SiteSettings> {
    return this.cached.get();
  }

  private async readSettings(): Promise<SiteSettings> {
    const keys = Object.keys(DEFAULT_SITE_SETTINGS).map((k) => PREFIX + k);
    const stored = await this.store.readSettings(keys);
    const merged: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
    for (const [k, v] of stored) merged[k.slice(PREFIX.length)] = v;
    // A hand-edited bad value falls back to the default rather than breaking every page.
    const parsed = siteSettingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_SITE_SETTINGS;
  }

  /** Validates and saves settings. Invalidates `site`: every page (the outlet name is on all of them) and the feeds. */
  async updateSettings(
    patch: Partial<SiteSettings>,
    ctx: { now: Date; actor: { id: number; name: string } | null } = { now: new Date(), actor: null },
  ): Promise<{ ok: true; settings: SiteSettings } | { ok: false; reason: string; fields: Record<string, string> }> {
    const current = await this.getSettings();
    const parsed = siteSettingsSchema.safeParse({ ...current, ...patch });
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [formFieldOf(i.path), i.message]));
      return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), fields };
    }
    const changed = Object.keys(parsed.data).filter(
      (k) => JSON.stringify(parsed.data[k as keyof SiteSettings]) !== JSON.stringify(current[k as keyof SiteSettings]),
    );
    await this.store.writeSettings(Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [PREFIX + k, v])));
    // The purge drops the cached settings here and on every other server.
    await this.invalidator.invalidate([cacheKeys.site]);
    if (changed.length) await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'settings.change', subject: 'site', detail: changed.join(', ') });
    return { ok: true, settings: parsed.data };
  }
}
