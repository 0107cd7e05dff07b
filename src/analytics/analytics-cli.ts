import { parseArgs } from 'node:util';
import type { AnalyticsService } from './analytics-service.js';

type Out = { log: (s: string) => void; error: (s: string) => void };

const USAGE = 'Usage: masthead analytics [--days N] [--json]   (N from 1 to 366; 30 by default; 1 = today)';

/** `masthead analytics`: views and visitors per story (by slug), top referrers. Calls the service, never HTTP. */
export async function runAnalyticsCli(args: string[], services: { analytics: AnalyticsService }, now: Date, out: Out): Promise<number> {
  let values: { days?: string; json?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { days: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (err) {
    out.error(`${(err as Error).message}\n${USAGE}`);
    return 1;
  }
  const days = values.days === undefined ? 30 : /^\d{1,3}$/.test(values.days) ? Number(values.days) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    out.error(`--days must be a whole number from 1 to 366 (got ${JSON.stringify(values.days)}).\n${USAGE}`);
    return 1;
  }
  const r = await services.analytics.report({ days }, now);
  if (values.json) {
    out.log(
      JSON.stringify(
        {
          from: r.from,
          to: r.to,
          views: r.totals.views,
          visitors: r.totals.visitors,
          days: r.days,
          articles: r.articles.map((a) => ({ slug: a.slug, headline: a.headline, views: a.views, visitors: a.visitors })),
          referrers: r.referrers,
          sections: r.sections.map((s) => ({ slug: s.slug, views: s.views, visitors: s.visitors })),
          countries: r.countries,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  out.log(`${r.from} to ${r.to}: ${r.totals.views} views, ${r.totals.visitors} visitors (visitors are counted per day)`);
  out.log('');
  out.log('views\tvisitors\tslug');
  for (const a of r.articles) out.log(`${a.views}\t${a.visitors}\t${a.slug}`);
  if (r.articles.length === 0) out.log('(no story views in this period)');
  out.log('');
  out.log('views\treferrer');
  for (const ref of r.referrers) out.log(`${ref.views}\t${ref.host}`);
  if (r.referrers.length === 0) out.log('(no referrals from other sites in this period)');
  return 0;
}
