import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { adminText } from '../i18n/admin-text.js';
import { AnalyticsAdminPage, type ChartDay } from '../views/pages/admin/analytics-admin-page.js';
import { renderDocument } from '../views/render.js';
import type { DayFigures } from './analytics.js';
import type { AnalyticsService } from './analytics-service.js';

/** Each period: its days, how the page names it ("Views, last 7 days") and its link in the period menu ("7 days"). */
export const RANGES = {
  today: { days: 1, label: () => adminText('admin.analytics.range.today'), link: () => adminText('admin.analytics.rangeLink.today') },
  '7': { days: 7, label: () => adminText('admin.analytics.range.last7'), link: () => adminText('admin.analytics.rangeLink.last7') },
  '30': { days: 30, label: () => adminText('admin.analytics.range.last30'), link: () => adminText('admin.analytics.rangeLink.last30') },
} as const;
type Range = keyof typeof RANGES;
/** In the order the page offers them (object keys that look like numbers would sort first). */
const RANGE_ORDER: Range[] = ['today', '7', '30'];

const query = z.object({ range: z.enum(RANGE_ORDER as [Range, ...Range[]], { error: () => adminText('admin.analytics.range.invalid') }).default('7') });

const chartDay = (d: DayFigures): ChartDay => ({
  day: d.day,
  label: adminText('admin.analytics.chart.day', { day: Number(d.day.slice(8)), month: String(Number(d.day.slice(5, 7))) }),
  views: d.views,
  visitors: d.visitors,
});

/** The analytics dashboard in /admin. Editors and above. */
export function registerAnalyticsAdminRoutes(deps: { analytics: AnalyticsService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    // The one permission check for this file's routes.

    admin.get('/analytics', { config: { can: 'analytics.view' } }, async function showAnalytics(req, reply) {
      const { range } = query.parse(req.query);
      const now = deps.clock();
      const report = await deps.analytics.report({ days: RANGES[range].days }, now);
      // "Today" alone is one bar: the chart shows the week around it.
      const chart = range === 'today' ? await deps.analytics.report({ days: 7 }, now) : report;
      const label = RANGES[range].label();
      const html = renderDocument(
        AnalyticsAdminPage({
          v: {
            chrome: await h.chrome(req, reply),
            ranges: RANGE_ORDER.map((r) => ({ href: `/admin/analytics?range=${r}`, label: RANGES[r].link(), current: r === range })),
            rangeLabel: label,
            totals: report.totals,
            chart: { heading: adminText('admin.analytics.chart.heading', { days: chart.days.length }), days: chart.days.map(chartDay) },
            stories: report.articles.map((a) => ({ label: a.headline, href: `/articles/${a.slug}`, views: a.views, visitors: a.visitors })),
            sections: report.sections.map((s) => ({ label: s.name, href: `/sections/${s.slug}`, views: s.views, visitors: s.visitors })),
            referrers: report.referrers.map((r) => ({ label: r.host, href: null, views: r.views, visitors: null })),
            countries:
              report.countries.length || deps.analytics.countsCountries
                ? report.countries.map((c) => ({ label: c.country, href: null, views: c.views, visitors: null }))
                : null,
          },
        }),
      );
      return h.sendPage(reply, html);
    });
  };
}
