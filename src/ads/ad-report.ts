import { clickThroughRate } from './ad.js';
import type { CampaignSummary } from './ad-service.js';
import type { DailyCount } from './ad-store.js';

/** One campaign's report: lifetime totals, then its days (oldest first). */
export interface CampaignReport {
  id: number;
  name: string;
  advertiser: string;
  impressions: number;
  clicks: number;
  ctr: number | null;
  days: { day: string; impressions: number; clicks: number; ctr: number | null }[];
}

/** Campaign summaries joined with their daily counts. */
export function buildReport(summaries: CampaignSummary[], daily: DailyCount[]): CampaignReport[] {
  return summaries.map((s) => ({
    id: s.campaign.id,
    name: s.campaign.name,
    advertiser: s.campaign.advertiser,
    impressions: s.impressions,
    clicks: s.clicks,
    ctr: s.ctr,
    days: daily
      .filter((d) => d.campaignId === s.campaign.id)
      .map((d) => ({ day: d.day, impressions: d.impressions, clicks: d.clicks, ctr: clickThroughRate(d.impressions, d.clicks) })),
  }));
}

/** A CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet never runs it as a formula. */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV (RFC 4180, CRLF): one row per campaign and day. */
export function reportCsv(report: CampaignReport[]): string {
  const lines = [['campaign_id', 'campaign', 'advertiser', 'day', 'impressions', 'clicks', 'ctr_percent'].join(',')];
  for (const c of report) {
    for (const d of c.days) lines.push([c.id, c.name, c.advertiser, d.day, d.impressions, d.clicks, d.ctr].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
