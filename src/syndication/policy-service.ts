import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import type { SettingsStore } from '../site/settings-store.js';
import { excerptText } from '../articles/excerpt.js';
import { DEFAULT_REPRINT_POLICY, reprintPolicySchema, type ReprintPolicy } from './reprint-policy.js';

const KEY = 'policy.reprint';

/** The excerpt every public output carries: text only, within the policy's limit, with the link to the story. */
export interface Excerpt {
  text: string;
  url: string;
}

/** Reads and changes the reprint policy, and makes excerpts by it: the one excerpting function. */
export class PolicyService {
  /** Kept until a purge of `site` on any server: the limit is a promise to partners, so no server may keep an old one. */
  private readonly cached: CachedValue<ReprintPolicy>;

  constructor(
    private readonly store: SettingsStore,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
    caches: Caches,
  ) {
    this.cached = caches.cached([cacheKeys.site], () => this.readPolicy());
  }

  getPolicy(): Promise<ReprintPolicy> {
    return this.cached.get();
  }

  private async readPolicy(): Promise<ReprintPolicy> {
    const stored = (await this.store.readSettings([KEY])).get(KEY);
    const parsed = reprintPolicySchema.safeParse({ ...DEFAULT_REPRINT_POLICY, ...(stored as object | undefined) });
    if (parsed.success) return parsed.data;
    // A TDM address saved before it had to be a web address must not throw away the excerpt limit with it.
    const withoutTdm = reprintPolicySchema.safeParse({ ...DEFAULT_REPRINT_POLICY, ...(stored as object | undefined), tdmPolicyUrl: '' });
    return withoutTdm.success ? withoutTdm.data : DEFAULT_REPRINT_POLICY;
  }

  /** Invalidates `site`: the notice is on every page, and every feed and excerpt follows the limit. */
  async updatePolicy(patch: Partial<ReprintPolicy>, ctx: { now: Date; actor: { id: number; name: string } | null }) {
    const parsed = reprintPolicySchema.safeParse({ ...(await this.getPolicy()), ...patch });
    if (!parsed.success) {
      return { ok: false as const, fields: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
    }
    await this.store.writeSettings({ [KEY]: parsed.data });
    await this.invalidator.invalidate([cacheKeys.site]);
    await this.audit.record({
      at: ctx.now,
      actor: ctx.actor,
      action: 'policy.change',
      subject: 'reprint policy',
      detail: `max ${parsed.data.maxExcerptChars} characters`,
    });
    return { ok: true as const, policy: parsed.data };
  }

  /**
   * THE excerpting function. Whatever an output shows of a story's text passes through here:
   * at most `maxExcerptChars` characters (code points, never a cut word or surrogate pair).
   */
  excerpt(text: string, url: string, policy: ReprintPolicy, max = policy.maxExcerptChars): Excerpt {
    return { text: excerptText(text, Math.min(max, policy.maxExcerptChars)), url };
  }
}
