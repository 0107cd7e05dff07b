import { z } from 'zod';
import { formFieldOf, translationsSchema } from '../i18n/outlet-text.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Actor } from '../accounts/user.js';
import { normalizeEmail } from '../accounts/user.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import type { SettingsStore } from '../site/settings-store.js';
import { endOfLocalDay } from '../site/time-zone.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { CURRENCIES, currentPatronage, PATRONAGE_KEYS, type Member, type Patron, type Patronage, type Tier } from './member.js';
import type { MemberStore, TierFields } from './member-store.js';
import { DEFAULT_SUPPORT_SETTINGS, supportSettingsSchema, type SupportSettings } from './support-settings.js';

const SETTINGS_KEY = 'support.settings';

type Fail = { ok: false; status: 400 | 404 | 409 | 422; field?: string; message: string };
const fieldErrors = (e: z.ZodError): Fail => {
  const i = e.issues[0]!;
  const field = i.path.length ? formFieldOf(i.path) : 'form';
  return { ok: false, status: 422, field, message: `${field} ${i.message}` };
};

const price = z
  .number({ error: 'must be an amount such as 4.50' })
  .int('must be in whole cents')
  .min(50, 'must be at least 0.50')
  .max(1_000_000, 'is too high')
  .nullable();
const tierName = z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters');
const tierDescription = z.string().trim().max(500, 'must be at most 500 characters');
export const tierSchema = z
  .object({
    name: tierName,
    description: tierDescription,
    monthlyPrice: price,
    yearlyPrice: price,
    currency: z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(', ')}` }),
    voteWeight: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
    position: z.number({ error: 'must be a whole number' }).int().min(0, 'must be 0 or more').max(1000, 'must be at most 1000'),
    translations: translationsSchema({ name: tierName, description: tierDescription }),
  })
  .refine((t) => t.monthlyPrice !== null || t.yearlyPrice !== null, { path: ['monthlyPrice'], message: 'or a yearly price is needed' });

export const grantSchema = z.object({
  email: z.email({ error: 'must be an email address' }).max(254),
  tierId: z.number().int().positive().nullable(),
  until: z.iso.date({ error: 'must be a date such as 2027-12-31' }).nullable(),
  note: z.string().trim().max(500, 'must be at most 500 characters'),
});

/** Tiers, patron status, grants made by hand, and what /support and the appeal say. */
export class PatronService {
  /** What /support and the appeal say, kept until a purge of `support` on any server. */
  private readonly supportSettings: CachedValue<SupportSettings>;

  constructor(
    private readonly uow: UnitOfWork<{ members: MemberStore }>,
    private readonly settings: SettingsStore,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
    /** Tells a reader their patronage was set up by hand; failures are reported, never fatal. */
    private readonly welcome: (to: { email: string; tierName: string | null; until: string | null }) => Promise<void>,
    caches: Caches,
    /** The outlet's time zone: a hand grant "until 2026-12-31" runs to the end of that day there. */
    private readonly timeZone: () => Promise<string> = async () => 'UTC',
  ) {
    this.supportSettings = caches.cached([cacheKeys.support], () => this.readSupportSettings());
  }

  private get store() {
    return this.uow.stores.members;
  }

  /** The member's current patronage as a Patron (with the tier's vote weight), or null. */
  async patronOf(memberId: number, now: Date): Promise<Patron | null> {
    const p = currentPatronage(await this.store.listPatronagesOf(memberId), now);
    if (!p) return null;
    const tier = p.tierId === null ? null : await this.store.findTier(p.tierId);
    return { memberId, tierId: tier?.id ?? null, tierName: tier?.name ?? null, voteWeight: tier?.voteWeight ?? 1, expiresAt: p.expiresAt, source: p.source };
  }

  listPatronages(memberId: number): Promise<Patronage[]> {
    return this.store.listPatronagesOf(memberId);
  }

  listTiers(opts: { includeArchived: boolean } = { includeArchived: false }): Promise<Tier[]> {
    return this.store.listTiers(opts.includeArchived);
  }

  findTier(id: number): Promise<Tier | null> {
    return this.store.findTier(id);
  }

  listMembers(opts: { now: Date; query: string; page: number; perPage: number }) {
    return this.store.listMembers({ now: opts.now.toISOString(), query: opts.query, limit: opts.perPage + 1, offset: (opts.page - 1) * opts.perPage });
  }

  /**
   * Patronages end by the clock, with no write to purge pages: called on a timer, this purges the
   * board and /support when one ended since the last call (`since`). Returns whether it did.
   */
  async purgeLapsed(since: Date, now: Date): Promise<boolean> {
    if (!(await this.store.anyPatronageEndedBetween(since.toISOString(), now.toISOString()))) return false;
    await this.invalidator.invalidate(PATRONAGE_KEYS);
    return true;
  }

  /** What Stripe's webhook delivered lately, and what we made of it (for the admin). */
  recentStripeEvents(limit = 50) {
    return this.store.listStripeEvents(limit);
  }

  countPatrons(now: Date): Promise<number> {
    return this.store.countPatrons(now.toISOString());
  }

  /** Creates or changes a tier. Invalidates `support` (its page lists tiers). */
  async saveTier(id: number | null, input: unknown, ctx: { now: Date; actor: Actor | null }): Promise<{ ok: true; tier: Tier } | Fail> {
    const parsed = tierSchema.safeParse(input);
    if (!parsed.success) return fieldErrors(parsed.error);
    const fields: TierFields = parsed.data;
    let tier: Tier | null;
    if (id === null) {
      tier = await this.store.insertTier({ ...fields, createdAt: ctx.now.toISOString() });
    } else {
      if (!(await this.store.findTier(id))) return { ok: false, status: 404, message: 'no such tier' };
      await this.store.updateTier(id, fields);
      tier = await this.store.findTier(id);
    }
    await this.audit.record({
      at: ctx.now,
      actor: ctx.actor,
      action: id === null ? 'tier.create' : 'tier.update',
      subject: fields.name,
      detail: `weight ${fields.voteWeight}`,
    });
    await this.invalidator.invalidate([cacheKeys.support, cacheKeys.topics]);
    return { ok: true, tier: tier! };
  }

  /** Archived tiers leave /support; their patrons keep their patronage until it ends. */
  async archiveTier(id: number, archived: boolean, ctx: { now: Date; actor: Actor }): Promise<{ ok: true } | Fail> {
    const tier = await this.store.findTier(id);
    if (!tier) return { ok: false, status: 404, message: 'no such tier' };
    await this.store.setTierArchived(id, archived ? ctx.now.toISOString() : null);
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: archived ? 'tier.archive' : 'tier.restore', subject: tier.name });
    await this.invalidator.invalidate([cacheKeys.support]);
    return { ok: true };
  }

  /**
   * Patronage granted by hand: a bank transfer, a grant, a gift. Creates the member if the address
   * is new (they sign in with it later), and mails them that it is set up. `until` is the last day,
   * inclusive, in the outlet's time zone (it ends at the midnight after it there); null means no end.
   */
  async grantPatronage(
    input: unknown,
    ctx: { now: Date; actor: Actor | null; notify?: boolean },
  ): Promise<{ ok: true; member: Member; patronage: Patronage } | Fail> {
    const parsed = grantSchema.safeParse(input);
    if (!parsed.success) return fieldErrors(parsed.error);
    const g = parsed.data;
    const expiresAt = g.until ? endOfLocalDay(g.until, await this.timeZone()) : null;
    if (g.until && !expiresAt) return { ok: false, status: 422, field: 'until', message: 'until must be a date such as 2027-12-31' };
    if (expiresAt && expiresAt <= ctx.now.toISOString()) return { ok: false, status: 422, field: 'until', message: 'until must be today or later' };
    if (g.tierId !== null && !(await this.store.findTier(g.tierId))) return { ok: false, status: 422, field: 'tierId', message: 'tierId does not name a tier' };
    const now = ctx.now.toISOString();
    const result = await this.uow.transaction(async ({ members }) => {
      const member = await members.upsertMemberByEmail(normalizeEmail(g.email), now);
      const patronage = await members.insertPatronage({
        memberId: member.id,
        tierId: g.tierId,
        source: 'manual',
        status: 'active',
        expiresAt,
        stripeSubscriptionId: null,
        note: g.note,
        grantedBy: ctx.actor?.name ?? 'command line',
        createdAt: now,
        updatedAt: now,
      });
      return { member, patronage };
    });
    const tierName = g.tierId === null ? null : ((await this.store.findTier(g.tierId))?.name ?? null);
    if (ctx.notify !== false) await this.welcome({ email: result.member.email, tierName, until: g.until });
    await this.audit.record({
      at: ctx.now,
      actor: ctx.actor,
      action: 'patron.grant',
      subject: result.member.email,
      detail: `until ${g.until ?? 'further notice'}${g.note ? `; ${g.note}` : ''}`,
    });
    await this.invalidator.invalidate(PATRONAGE_KEYS);
    return { ok: true, ...result };
  }

  /** Ends a manual grant now. Stripe subscriptions end through Stripe (their webhook does it here). */
  async endGrant(patronageId: number, ctx: { now: Date; actor: Actor }): Promise<{ ok: true } | Fail> {
    const p = await this.store.findPatronage(patronageId);
    if (!p) return { ok: false, status: 404, message: 'no such patronage' };
    if (p.source !== 'manual')
      return { ok: false, status: 409, message: 'This patronage is a Stripe subscription: cancel it in Stripe, and the webhook will end it here.' };
    await this.store.updatePatronage(p.id, { status: 'cancelled', expiresAt: ctx.now.toISOString(), updatedAt: ctx.now.toISOString() });
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'patron.end-grant', subject: String(p.memberId) });
    await this.invalidator.invalidate(PATRONAGE_KEYS);
    return { ok: true };
  }

  getSupportSettings(): Promise<SupportSettings> {
    return this.supportSettings.get();
  }

  private async readSupportSettings(): Promise<SupportSettings> {
    const stored = (await this.settings.readSettings([SETTINGS_KEY])).get(SETTINGS_KEY);
    const parsed = supportSettingsSchema.safeParse({ ...DEFAULT_SUPPORT_SETTINGS, ...(stored as object | undefined) });
    return parsed.success ? parsed.data : DEFAULT_SUPPORT_SETTINGS;
  }

  /** Invalidates `site`: the appeal is at the end of every story, and `support` for its page. */
  async updateSupportSettings(
    patch: Partial<SupportSettings>,
    ctx: { now: Date; actor: Actor | null },
  ): Promise<{ ok: true; settings: SupportSettings } | Fail> {
    const parsed = supportSettingsSchema.safeParse({ ...(await this.getSupportSettings()), ...patch });
    if (!parsed.success) return fieldErrors(parsed.error);
    await this.settings.writeSettings({ [SETTINGS_KEY]: parsed.data });
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'support.settings', subject: 'support' });
    await this.invalidator.invalidate([cacheKeys.site, cacheKeys.support]);
    return { ok: true, settings: parsed.data };
  }
}
