import { createHash } from 'node:crypto';
import { renderMarkdown } from '../articles/article-body.js';
import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import type { SettingsStore } from '../site/settings-store.js';
import {
  consentOrigins,
  consentScripts,
  DEFAULT_PRIVACY_SETTINGS,
  privacySettingsSchema,
  type ConsentConfig,
  type PrivacySettings,
} from './privacy-settings.js';

const KEY = 'privacy.settings';

export type PrivacyUpdate = { ok: true; settings: PrivacySettings } | { ok: false; fields: Record<string, string> };

/** The policy texts and the consent configuration, read once and kept until a write anywhere purges them. */
export class PrivacyService {
  private readonly cached: CachedValue<PrivacySettings>;
  private readonly consent: CachedValue<ConsentConfig>;

  constructor(
    private readonly store: SettingsStore,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
    caches: Caches,
  ) {
    // Texts purge `privacy`, the outside scripts `site`: either drops both values, on every server.
    this.cached = caches.cached([cacheKeys.privacy, cacheKeys.site], () => this.readSettings());
    this.consent = caches.cached([cacheKeys.privacy, cacheKeys.site], async () => {
      const scripts = consentScripts(await this.getSettings());
      const version = scripts.length
        ? createHash('sha256')
            .update(scripts.map((s) => s.src).join('\n'))
            .digest('hex')
            .slice(0, 12)
        : '';
      return { scripts, version, origins: consentOrigins(scripts) };
    });
  }

  getSettings(): Promise<PrivacySettings> {
    return this.cached.get();
  }

  private async readSettings(): Promise<PrivacySettings> {
    const stored = await this.store.readSettings([KEY]);
    // A hand-edited bad value falls back to the defaults rather than breaking every page.
    const parsed = privacySettingsSchema.safeParse({ ...DEFAULT_PRIVACY_SETTINGS, ...(stored.get(KEY) as object | undefined) });
    return parsed.success ? parsed.data : DEFAULT_PRIVACY_SETTINGS;
  }

  /** Read on every page and every request (the CSP): computed once per settings version. */
  consentConfig(): Promise<ConsentConfig> {
    return this.consent.get();
  }

  /**
   * Validates and saves. The texts purge `privacy` (the two policy pages); the outside scripts purge
   * `site`, since the banner and the CSP are on every page.
   */
  async updateSettings(patch: Partial<PrivacySettings>, ctx: { now: Date; actor: { id: number; name: string } | null }): Promise<PrivacyUpdate> {
    const current = await this.getSettings();
    const parsed = privacySettingsSchema.safeParse({ ...current, ...patch });
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const i of parsed.error.issues) fields[String(i.path[0])] ??= i.path.length > 1 ? `line ${Number(i.path[1]) + 1}: ${i.message}` : i.message;
      return { ok: false, fields };
    }
    const next = parsed.data;
    await this.store.writeSettings({ [KEY]: next });
    const scriptsChanged = JSON.stringify(consentScripts(current)) !== JSON.stringify(consentScripts(next));
    await this.invalidator.invalidate(scriptsChanged ? [cacheKeys.privacy, cacheKeys.site] : [cacheKeys.privacy]);
    const changed = (Object.keys(next) as (keyof PrivacySettings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
    if (changed.length)
      await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'privacy.change', subject: 'privacy settings', detail: changed.join(', ') });
    return { ok: true, settings: next };
  }

  /** A policy text as sanitized HTML, through the same Markdown path as article bodies. */
  async renderText(which: 'privacy' | 'cookies', site: { name: string; contactEmail: string }): Promise<string> {
    const s = await this.getSettings();
    const source = which === 'privacy' ? s.privacyText : s.cookiesText;
    const contact = site.contactEmail || `${site.name}’s newsroom`;
    return renderMarkdown(source.replaceAll('{outlet}', site.name).replaceAll('{contact}', contact));
  }
}
