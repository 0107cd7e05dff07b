import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

/** One bar pair of the chart, and one row of its table alternative. */
export interface ChartDay {
  day: string;
  /** A short label such as "27 Nov". */
  label: string;
  views: number;
  visitors: number;
}

export interface FigureRow {
  label: string;
  href: string | null;
  views: number;
  visitors: number | null;
}

export interface AnalyticsPageView {
  chrome: AdminChrome;
  ranges: { href: string; label: string; current: boolean }[];
  rangeLabel: string;
  totals: { views: number; visitors: number };
  chart: { heading: string; days: ChartDay[] };
  stories: FigureRow[];
  sections: FigureRow[];
  referrers: FigureRow[];
  /** Null when no GeoIP database is configured (no country is ever kept then). */
  countries: FigureRow[] | null;
}

const fmt = (n: number) => n.toLocaleString('en');

const W = 720;
const H = 240;
const PAD = { top: 16, right: 12, bottom: 28, left: 48 };

/** A round upper bound for the y axis: 1, 2 or 5 times a power of ten. */
function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** Views (light bars) and visitors (dark bars) per day, drawn on the server: no chart script. */
export function DailyChart(props: { heading: string; days: ChartDay[] }) {
  const { days } = props;
  const max = niceMax(Math.max(0, ...days.map((d) => d.views)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, days.length);
  const barW = Math.max(2, step * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const totalViews = days.reduce((n, d) => n + d.views, 0);
  const busiest = days.reduce<ChartDay | null>((b, d) => (!b || d.views > b.views ? d : b), null);
  const desc =
    totalViews === 0
      ? adminText('admin.analytics.chart.descEmpty', { first: days[0]?.label ?? '', last: days[days.length - 1]?.label ?? '' })
      : adminText('admin.analytics.chart.desc', {
          views: totalViews,
          days: days.length,
          busiest: busiest!.label,
          busiestViews: busiest!.views,
          busiestVisitors: busiest!.visitors,
        });
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <figure class="analytics-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">
        <title id="chart-title">{props.heading}</title>
        <desc id="chart-desc">{desc}</desc>
        {[0, 0.5, 1].map((f) => (
          <g class="chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} />
            <text x={PAD.left - 6} y={y(max * f) + 4} text-anchor="end">
              {fmt(max * f)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * step + (step - barW) / 2;
          return (
            <g>
              <rect class="chart-views" x={x} y={y(d.views)} width={barW} height={Math.max(0, PAD.top + plotH - y(d.views))}>
                <title>{adminText('admin.analytics.chart.bar', { day: d.label, views: d.views, visitors: d.visitors })}</title>
              </rect>
              <rect class="chart-visitors" x={x + barW * 0.25} y={y(d.visitors)} width={barW * 0.5} height={Math.max(0, PAD.top + plotH - y(d.visitors))} />
              {(days.length - 1 - i) % labelEvery === 0 ? (
                <text class="chart-label" x={x + barW / 2} y={H - 8} text-anchor="middle">
                  {d.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span class="key key-views">{adminText('admin.analytics.chart.keyViews')}</span>{' '}
        <span class="key key-visitors">{adminText('admin.analytics.chart.keyVisitors')}</span>
      </figcaption>
    </figure>
  );
}

function FigureTable(props: { caption: string; first: string; rows: FigureRow[]; empty: string }) {
  const withVisitors = props.rows.some((r) => r.visitors !== null);
  if (props.rows.length === 0) return <p class="hint">{props.empty}</p>;
  return (
    <table class="analytics-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.first}</th>
          <th scope="col" class="num">
            {adminText('admin.analytics.table.views')}
          </th>
          {withVisitors ? (
            <th scope="col" class="num">
              {adminText('admin.analytics.table.visitors')}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
            <td class="num">{fmt(r.views)}</td>
            {withVisitors ? <td class="num">{r.visitors === null ? '' : fmt(r.visitors)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /admin/analytics: what readers read, counted without cookies. */
export function AnalyticsAdminPage({ v }: { v: AnalyticsPageView }) {
  return (
    <AdminLayout chrome={v.chrome} title={adminText('admin.analytics.heading')}>
      <h1>{adminText('admin.analytics.heading')}</h1>
      <nav class="actions analytics-ranges" aria-label={adminText('admin.analytics.ranges.label')}>
        {v.ranges.map((r) => (r.current ? <strong aria-current="page">{r.label}</strong> : <a href={r.href}>{r.label}</a>))}
      </nav>
      <dl class="analytics-totals">
        <div>
          <dt>{adminText('admin.analytics.totals.views', { range: v.rangeLabel })}</dt>
          <dd>{fmt(v.totals.views)}</dd>
        </div>
        <div>
          <dt>{adminText('admin.analytics.totals.visitors', { range: v.rangeLabel })}</dt>
          <dd>{fmt(v.totals.visitors)}</dd>
        </div>
      </dl>
      <p class="hint">{adminText('admin.analytics.counting')}</p>
      <h2>{v.chart.heading}</h2>
      <DailyChart heading={v.chart.heading} days={v.chart.days} />
      <details class="analytics-days">
        <summary>{adminText('admin.analytics.days.summary')}</summary>
        <FigureTable
          caption={v.chart.heading}
          first={adminText('admin.analytics.days.first')}
          rows={v.chart.days.map((d) => ({ ...d, href: null }))}
          empty=""
        />
      </details>
      <div class="analytics-grid">
        <section>
          <h2>{adminText('admin.analytics.stories.heading')}</h2>
          <FigureTable
            caption={adminText('admin.analytics.stories.caption', { range: v.rangeLabel })}
            first={adminText('admin.analytics.stories.first')}
            rows={v.stories}
            empty={adminText('admin.analytics.stories.empty')}
          />
        </section>
        <section>
          <h2>{adminText('admin.analytics.referrers.heading')}</h2>
          <FigureTable
            caption={adminText('admin.analytics.referrers.caption', { range: v.rangeLabel })}
            first={adminText('admin.analytics.referrers.first')}
            rows={v.referrers}
            empty={adminText('admin.analytics.referrers.empty')}
          />
        </section>
        <section>
          <h2>{adminText('admin.analytics.sections.heading')}</h2>
          <FigureTable
            caption={adminText('admin.analytics.sections.caption', { range: v.rangeLabel })}
            first={adminText('admin.analytics.sections.first')}
            rows={v.sections}
            empty={adminText('admin.analytics.sections.empty')}
          />
        </section>
        <section>
          <h2>{adminText('admin.analytics.countries.heading')}</h2>
          {v.countries ? (
            <FigureTable
              caption={adminText('admin.analytics.countries.caption', { range: v.rangeLabel })}
              first={adminText('admin.analytics.countries.first')}
              rows={v.countries}
              empty={adminText('admin.analytics.countries.empty')}
            />
          ) : (
            <p class="hint">{adminText('admin.analytics.countries.off')}</p>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}
