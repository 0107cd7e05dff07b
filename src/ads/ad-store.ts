import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { AD_SLOTS, type AdSlot, type Campaign, type CampaignFields } from './ad.js';

/** One campaign's counts on one UTC day. */
export interface DailyCount {
  campaignId: number;
  day: string;
  impressions: number;
  clicks: number;
}

type Row = {
  id: number;
  name: string;
  advertiser: string;
  media_id: number | null;
  alt: string;
  html: string;
  link: string;
  slots: string;
  starts_at: string;
  ends_at: string | null;
  weight: number;
  daily_cap: number | null;
  section_slug: string | null;
  tag_slug: string | null;
  created_at: string;
  updated_at: string;
  hash: string | null;
  width: number | null;
  height: number | null;
  widths: string | null;
};

const toCampaign = (r: Row): Campaign => ({
  id: Number(r.id),
  name: r.name,
  advertiser: r.advertiser,
  creative:
    r.media_id !== null && r.hash !== null
      ? {
          kind: 'image',
          media: { id: Number(r.media_id), hash: r.hash, width: Number(r.width), height: Number(r.height), widths: (r.widths ?? '').split(',').map(Number) },
          alt: r.alt,
        }
      : { kind: 'html', html: r.html },
  link: r.link,
  slots: r.slots.split(' ').filter((s): s is AdSlot => (AD_SLOTS as readonly string[]).includes(s)),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  weight: Number(r.weight),
  dailyCap: r.daily_cap === null ? null : Number(r.daily_cap),
  sectionSlug: r.section_slug,
  tagSlug: r.tag_slug,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toColumns = (f: CampaignFields) => ({
  name: f.name,
  advertiser: f.advertiser,
  media_id: f.mediaId,
  alt: f.alt,
  html: f.html,
  link: f.link,
  slots: f.slots.join(' '),
  starts_at: f.startsAt,
  ends_at: f.endsAt,
  weight: f.weight,
  daily_cap: f.dailyCap,
  section_slug: f.sectionSlug,
  tag_slug: f.tagSlug,
});

/** Campaigns and their daily counts. Counts are totals; no row here can name a reader. */
export class AdStore {
  constructor(private readonly db: Db) {}

  private selectCampaigns() {
    return this.db
      .selectFrom('ad_campaigns as c')
      .leftJoin('media as m', 'm.id', 'c.media_id')
      .select([
        'c.id',
        'c.name',
        'c.advertiser',
        'c.media_id',
        'c.alt',
        'c.html',
        'c.link',
        'c.slots',
        'c.starts_at',
        'c.ends_at',
        'c.weight',
        'c.daily_cap',
        'c.section_slug',
        'c.tag_slug',
        'c.created_at',
        'c.updated_at',
        'm.hash',
        'm.width',
        'm.height',
        'm.widths',
      ]);
  }

  async insertCampaign(f: CampaignFields, nowIso: string): Promise<number> {
    const row = await this.db
      .insertInto('ad_campaigns')
      .values({ ...toColumns(f), created_at: nowIso, updated_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** False when there is no such campaign. */
  async updateCampaign(id: number, f: CampaignFields, nowIso: string): Promise<boolean> {
    const r = await this.db
      .updateTable('ad_campaigns')
      .set({ ...toColumns(f), updated_at: nowIso })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async findCampaign(id: number): Promise<Campaign | null> {
    const r = await this.selectCampaigns().where('c.id', '=', id).executeTakeFirst();
    return r ? toCampaign(r as Row) : null;
  }

  /** Every campaign, newest first. */
  async listCampaigns(): Promise<Campaign[]> {
    const rows = await this.selectCampaigns().orderBy('c.id', 'desc').execute();
    return rows.map((r) => toCampaign(r as Row));
  }

  /** Campaigns that have not ended by `nowIso` (they may start later), oldest first. */
  async listUnendedCampaigns(nowIso: string): Promise<Campaign[]> {
    const rows = await this.selectCampaigns()
      .where((eb) => eb.or([eb('c.ends_at', 'is', null), eb('c.ends_at', '>', nowIso)]))
      .orderBy('c.id')
      .execute();
    return rows.map((r) => toCampaign(r as Row));
  }

  /** The target of a click, or null for an unknown campaign. */
  async findCampaignLink(id: number): Promise<string | null> {
    const r = await this.db.selectFrom('ad_campaigns').select('link').where('id', '=', id).executeTakeFirst();
    return r?.link ?? null;
  }

  /**
   * Adds to one campaign's counts for one day, creating the row on the first count (an UPSERT, so
   * two servers counting at once both land). False when the campaign does not exist.
   */
  async addCounts(campaignId: number, day: string, add: { impressions: number; clicks: number }): Promise<boolean> {
    try {
      await this.db
        .insertInto('ad_daily_counts')
        .values({ campaign_id: campaignId, day, impressions: add.impressions, clicks: add.clicks })
        .onConflict((oc) =>
          oc.columns(['campaign_id', 'day']).doUpdateSet({
            impressions: sql<number>`ad_daily_counts.impressions + ${add.impressions}`,
            clicks: sql<number>`ad_daily_counts.clicks + ${add.clicks}`,
          }),
        )
        .execute();
      return true;
    } catch (err) {
      // A campaign id that does not exist fails the foreign key: refuse quietly, callers answer 404.
      if (/foreign key|FOREIGN KEY/.test(String((err as Error).message))) return false;
      throw err;
    }
  }

  /** Counts per campaign and day, oldest day first. */
  async listDailyCounts(campaignId: number | null = null): Promise<DailyCount[]> {
    let q = this.db.selectFrom('ad_daily_counts').select(['campaign_id', 'day', 'impressions', 'clicks']);
    if (campaignId !== null) q = q.where('campaign_id', '=', campaignId);
    const rows = await q.orderBy('day').orderBy('campaign_id').execute();
    return rows.map((r) => ({ campaignId: Number(r.campaign_id), day: r.day, impressions: Number(r.impressions), clicks: Number(r.clicks) }));
  }

  /** Totals per campaign id (campaigns never counted are absent). */
  async totalsByCampaign(): Promise<Map<number, { impressions: number; clicks: number }>> {
    const rows = await this.db
      .selectFrom('ad_daily_counts')
      .select(['campaign_id', (eb) => eb.fn.sum<number>('impressions').as('impressions'), (eb) => eb.fn.sum<number>('clicks').as('clicks')])
      .groupBy('campaign_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.campaign_id), { impressions: Number(r.impressions), clicks: Number(r.clicks) }]));
  }
}
