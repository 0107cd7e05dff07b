import type { Actor } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { CachedValue, Caches } from '../cache/cached-value.js';
import { imageBytes, type ImageSource, type MediaService } from '../media/media-service.js';
import type { SettingsStore } from '../site/settings-store.js';
import {
  adSettingsSchema,
  checkCampaign,
  clickThroughRate,
  DEFAULT_AD_SETTINGS,
  eligibleCampaigns,
  type AdSettings,
  type AdSlot,
  type Campaign,
  type CampaignProblem,
  type RawCampaign,
} from './ad.js';
import { buildReport, type CampaignReport } from './ad-report.js';
import type { AdStore, DailyCount } from './ad-store.js';

const SETTINGS_KEY = 'ads.settings';

type Ctx = { now: Date; actor: Actor | null };
export type CampaignResult = { ok: true; campaign: Campaign } | CampaignProblem;

/** A campaign with its lifetime counts, for the admin list and `masthead ads list`. */
export interface CampaignSummary {
  campaign: Campaign;
  impressions: number;
  clicks: number;
  /** Percent, one decimal; null before the first impression. */
  ctr: number | null;
}

/** What a page about `sectionSlug` with `tagSlugs` shows in each of `slots`: eligible campaigns only, none for patrons when the outlet says so. */
export interface AdRequest {
  slots: AdSlot[];
  sectionSlug: string | null;
  tagSlugs: string[];
  patron: boolean;
}

/** Campaigns, what pages carry, counting, and the report. Every write purges the pages with slots (`ads`). */
export class AdService {
  private unended: { at: number; campaigns: Promise<Campaign[]> } | null = null;
  private readonly cachedSettings: CachedValue<AdSettings>;

  constructor(
    private readonly store: AdStore,
    private readonly settings: SettingsStore,
    private readonly media: MediaService,
    private readonly invalidator: Invalidator,
    private readonly audit: AuditService,
    caches: Caches,
    /** The outlet's time zone: a campaign's bare dates are days there. */
    private readonly timeZone: () => Promise<string> = async () => 'UTC',
  ) {
    this.cachedSettings = caches.cached([cacheKeys.ads], () => this.readSettings());
    // The per-minute campaign list is dropped by the same registry as every other in-memory cache.
    const drop = () => void (this.unended = null);
    caches.register({ purge: (keys) => keys.includes(cacheKeys.ads) && drop(), clear: drop, limitLifetime: () => {} });
  }

  /** Creates a campaign; `image` (bytes from a form or a file) goes through the media pipeline first. */
  async createCampaign(raw: RawCampaign, image: ImageSource | null, ctx: Ctx): Promise<CampaignResult> {
    const withImage = await this.withStoredImage(raw, image, ctx.now);
    if (!withImage.ok) return withImage;
    const checked = checkCampaign(withImage.raw, ctx.now, await this.timeZone());
    if (!checked.ok) return checked;
    const id = await this.store.insertCampaign(checked.value, ctx.now.toISOString());
    await this.audit.record({
      at: ctx.now,
      actor: ctx.actor,
      action: 'ad.create',
      subject: checked.value.name,
      detail: `#${id} in ${checked.value.slots.join(', ')}`,
    });
    await this.changed();
    return { ok: true, campaign: (await this.store.findCampaign(id))! };
  }

  /** Replaces a campaign's fields. Without a new image or HTML, an image campaign keeps its image. */
  async updateCampaign(
    id: number,
    raw: RawCampaign,
    image: ImageSource | null,
    ctx: Ctx,
  ): Promise<CampaignResult | { ok: false; field: 'id'; message: string; notFound: true }> {
    const existing = await this.store.findCampaign(id);
    if (!existing) return { ok: false, field: 'id', message: `there is no campaign #${id}`, notFound: true };
    const keepImage = existing.creative.kind === 'image' && !image && !(raw.html ?? '').trim() ? existing.creative.media.id : null;
    const withImage = await this.withStoredImage({ ...raw, mediaId: raw.mediaId ?? keepImage }, image, ctx.now);
    if (!withImage.ok) return withImage;
    const checked = checkCampaign({ ...withImage.raw, starts: withImage.raw.starts || existing.startsAt }, ctx.now, await this.timeZone());
    if (!checked.ok) return checked;
    await this.store.updateCampaign(id, checked.value, ctx.now.toISOString());
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'ad.update', subject: checked.value.name, detail: `#${id}` });
    await this.changed();
    return { ok: true, campaign: (await this.store.findCampaign(id))! };
  }

  private async withStoredImage(raw: RawCampaign, image: ImageSource | null, now: Date): Promise<{ ok: true; raw: RawCampaign } | CampaignProblem> {
    if (!image || imageBytes(image) === 0) return { ok: true, raw };
    const stored = await this.media.storeImage(image, now);
    if (!stored.ok) return { ok: false, field: 'image', message: `image was not accepted: ${stored.message}` };
    return { ok: true, raw: { ...raw, mediaId: stored.mediaId, html: '' } };
  }

  /** The purge reaches this service's own caches too (through the cache registry), on every server. */
  private async changed() {
    await this.invalidator.invalidate([cacheKeys.ads]);
  }

  findCampaign(id: number): Promise<Campaign | null> {
    return this.store.findCampaign(id);
  }

  /**
   * Campaigns not yet ended, kept in memory between writes: a page render must not query for them.
   * Re-read at least once a minute so that an ended campaign drops out of new renders by itself.
   */
  private listUnended(now: Date): Promise<Campaign[]> {
    const minute = Math.floor(now.getTime() / 60_000);
    if (!this.unended || this.unended.at !== minute) {
      const campaigns = this.store.listUnendedCampaigns(now.toISOString());
      this.unended = { at: minute, campaigns };
      campaigns.catch(() => (this.unended = null));
    }
    return this.unended.campaigns;
  }

  /** Whether any campaign has not yet ended (the site "runs campaigns"). */
  async hasCampaigns(now: Date): Promise<boolean> {
    return (await this.listUnended(now)).length > 0;
  }

  /** The eligible campaigns per slot for one page; slots with none are left out, and patrons get none when the outlet says so. */
  async campaignsForPage(req: AdRequest, now: Date): Promise<Map<AdSlot, Campaign[]>> {
    const out = new Map<AdSlot, Campaign[]>();
    const [all, settings] = await Promise.all([this.listUnended(now), this.getSettings()]);
    if (all.length === 0 || (req.patron && settings.patronsAdFree)) return out;
    for (const slot of req.slots) {
      const list = eligibleCampaigns(all, { slot, sectionSlug: req.sectionSlug, tagSlugs: req.tagSlugs }, now);
      if (list.length) out.set(slot, list);
    }
    return out;
  }

  /** Counts an impression; false for an unknown campaign. */
  recordImpression(id: number, now: Date): Promise<boolean> {
    return this.store.addCounts(id, now.toISOString().slice(0, 10), { impressions: 1, clicks: 0 });
  }

  /** Counts a click and returns where it goes, or null for an unknown campaign. */
  async recordClick(id: number, now: Date, opts: { count: boolean } = { count: true }): Promise<string | null> {
    const link = await this.store.findCampaignLink(id);
    if (link && opts.count) await this.store.addCounts(id, now.toISOString().slice(0, 10), { impressions: 0, clicks: 1 });
    return link;
  }

  /** Every campaign with its lifetime counts and click-through rate, newest first. */
  async listCampaignSummaries(): Promise<CampaignSummary[]> {
    const [campaigns, totals] = await Promise.all([this.store.listCampaigns(), this.store.totalsByCampaign()]);
    return campaigns.map((campaign) => {
      const t = totals.get(campaign.id) ?? { impressions: 0, clicks: 0 };
      return { campaign, ...t, ctr: clickThroughRate(t.impressions, t.clicks) };
    });
  }

  /** Counts per campaign and day (all campaigns, or one). */
  listDailyCounts(campaignId: number | null = null): Promise<DailyCount[]> {
    return this.store.listDailyCounts(campaignId);
  }

  /** Per campaign: lifetime impressions and clicks, and the same by day. */
  async report(): Promise<CampaignReport[]> {
    const [summaries, daily] = await Promise.all([this.listCampaignSummaries(), this.store.listDailyCounts()]);
    return buildReport(summaries, daily);
  }

  getSettings(): Promise<AdSettings> {
    return this.cachedSettings.get();
  }

  private async readSettings(): Promise<AdSettings> {
    const stored = (await this.settings.readSettings([SETTINGS_KEY])).get(SETTINGS_KEY);
    const parsed = adSettingsSchema.safeParse({ ...DEFAULT_AD_SETTINGS, ...(stored as object | undefined) });
    return parsed.success ? parsed.data : DEFAULT_AD_SETTINGS;
  }

  /** Saves the outlet's advertising choices; purges the pages with slots (the inline position and the notice are in them). */
  async updateSettings(patch: Partial<AdSettings>, ctx: Ctx): Promise<{ ok: true; settings: AdSettings } | CampaignProblem> {
    const parsed = adSettingsSchema.safeParse({ ...(await this.getSettings()), ...patch });
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      const field = String(i.path[0] ?? 'form');
      return { ok: false, field, message: `${field} ${i.message}` };
    }
    await this.settings.writeSettings({ [SETTINGS_KEY]: parsed.data });
    await this.audit.record({ at: ctx.now, actor: ctx.actor, action: 'ad.settings', subject: 'ads' });
    await this.changed();
    return { ok: true, settings: parsed.data };
  }
}
