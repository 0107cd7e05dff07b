import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewHit } from '../../src/analytics/analytics.js';
import { AnalyticsService } from '../../src/analytics/analytics-service.js';
import type { CountryLookup } from '../../src/analytics/country-lookup.js';
import { makeStores } from '../../src/main.js';
import { UnitOfWork } from '../../src/store/unit-of-work.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const hit = (over: Partial<ViewHit> = {}): ViewHit => ({ articleId: null, sectionId: null, referrer: null, ip: '203.0.113.7', userAgent: BROWSER, ...over });

async function story(a: TestApp) {
  const input = await createArticle(a);
  const article = (await a.services.articles.getPublicArticle(input.slug, a.clock()))!;
  return { id: article.id, slug: article.slug, sectionId: article.section!.id };
}

/** Every row of a table, for checking what is (and is not) kept. */
const rows = (a: TestApp, table: string) =>
  sql
    .raw(`SELECT * FROM ${table}`)
    .execute(a.database.db)
    .then((r) => r.rows as Record<string, unknown>[]);

const databases = await testDatabases();
describe.each(databases)('analytics counting on %s', (database) => {
  it('counts views and unique visitors per story, section and site; the same visitor twice is one unique', async () => {
    app = await buildApp({ database });
    const a = await story(app);
    const b = await story(app);
    const analytics = app.services.analytics;
    const now = app.clock();
    analytics.record(hit({ articleId: a.id, sectionId: a.sectionId }), now);
    analytics.record(hit({ articleId: a.id, sectionId: a.sectionId }), now); // the same reader again
    analytics.record(hit({ articleId: a.id, sectionId: a.sectionId, userAgent: PHONE }), now); // another browser, same address
    analytics.record(hit({ articleId: b.id, sectionId: b.sectionId, ip: '198.51.100.20' }), now);
    analytics.record(hit(), now); // the home page
    const r = await analytics.report({ days: 1 }, now);
    expect(r.totals).toEqual({ views: 5, visitors: 3 });
    expect(r.days).toEqual([{ day: '2026-11-27', views: 5, visitors: 3 }]);
    expect(r.articles.map((x) => [x.slug, x.views, x.visitors])).toEqual([
      [a.slug, 3, 2],
      [b.slug, 1, 1],
    ]);
    // Both stories are in the factory's section: 4 views by 3 browsers.
    expect(r.sections).toEqual([expect.objectContaining({ slug: 'city-hall', views: 4, visitors: 3 })]);
    // A later flush adds to the same day's rows; the same reader is still not new.
    analytics.record(hit({ articleId: a.id, sectionId: a.sectionId }), now);
    const again = await analytics.report({ days: 1 }, now);
    expect(again.totals).toEqual({ views: 6, visitors: 3 });
    expect(again.articles[0]).toMatchObject({ slug: a.slug, views: 4, visitors: 2 });
  });

  it('rotates the salt daily: yesterday’s salt and hashes are deleted, and the same reader tomorrow is a new unique', async () => {
    app = await buildApp({ database });
    const a = await story(app);
    const analytics = app.services.analytics;
    analytics.record(hit({ articleId: a.id }), app.clock());
    await analytics.flush(app.clock());
    expect(await analytics.listSaltDays()).toEqual(['2026-11-27']);
    const [firstSalt] = await rows(app, 'analytics_salts');
    expect((await rows(app, 'analytics_visitors')).every((r) => r.day === '2026-11-27')).toBe(true);

    app.fixedClock.advance(24 * 3600_000); // 28 November, noon
    // With no view yet today, the periodic flush alone deletes yesterday's salt and hashes.
    await analytics.flush(app.clock());
    expect(await analytics.listSaltDays()).toEqual([]);
    expect(await rows(app, 'analytics_visitors')).toEqual([]);

    analytics.record(hit({ articleId: a.id }), app.clock());
    const today = await analytics.report({ days: 1 }, app.clock());
    expect(today.totals).toEqual({ views: 1, visitors: 1 });
    expect(await analytics.listSaltDays()).toEqual(['2026-11-28']);
    const [secondSalt] = await rows(app, 'analytics_salts');
    expect(secondSalt!.salt).not.toBe(firstSalt!.salt);
    // Over both days the reader is one visitor each day: two visitor-days, not one.
    const both = await analytics.report({ days: 2 }, app.clock());
    expect(both.days).toEqual([
      { day: '2026-11-27', views: 1, visitors: 1 },
      { day: '2026-11-28', views: 1, visitors: 1 },
    ]);
    expect(both.articles[0]).toMatchObject({ views: 2, visitors: 2 });
  });

  it('keeps no address, user agent or full referrer anywhere: only hosts, days and counts', async () => {
    app = await buildApp({ database });
    const a = await story(app);
    const analytics = app.services.analytics;
    analytics.record(hit({ articleId: a.id, referrer: 'https://www.Search.example/results?q=river+flood&uid=abc123' }), app.clock());
    analytics.record(hit({ articleId: a.id, referrer: 'https://social.example/@desk/112233' }), app.clock());
    analytics.record(hit({ referrer: 'https://news.example.test/sections/city-hall' }), app.clock()); // our own site
    analytics.record(hit({ referrer: 'javascript:alert(1)' }), app.clock());
    analytics.record(hit({ referrer: 'not a url' }), app.clock());
    const r = await analytics.report({ days: 1 }, app.clock());
    expect(r.referrers).toEqual([
      { host: 'search.example', views: 1 },
      { host: 'social.example', views: 1 },
    ]);
    const everything = JSON.stringify(
      await Promise.all(
        ['salts', 'visitors', 'site_days', 'article_days', 'section_days', 'referrer_days', 'country_days'].map((t) => rows(app!, `analytics_${t}`)),
      ),
    );
    for (const secret of ['203.0.113.7', 'Chrome/131', 'river+flood', 'results', 'abc123', '112233']) expect(everything).not.toContain(secret);
  });

  it('does not count bots, crawlers, headless browsers or requests with no user agent', async () => {
    app = await buildApp({ database });
    const analytics = app.services.analytics;
    const bots = [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'curl/8.5.0',
      '',
    ];
    for (const ua of bots) {
      expect(analytics.record(hit({ userAgent: ua }), app.clock())).toBe('bot');
    }
    expect(analytics.record(hit(), app.clock())).toBe('counted');
    expect((await analytics.report({ days: 1 }, app.clock())).totals).toEqual({ views: 1, visitors: 1 });
  });

  it('batches: many views wait in memory and are written by one transaction', async () => {
    app = await buildApp({ database });
    const a = await story(app);
    const analytics = app.services.analytics;
    for (let i = 0; i < 500; i++) analytics.record(hit({ articleId: a.id, ip: `10.0.${i >> 8}.${i & 255}` }), app.clock());
    expect(analytics.stats()).toEqual({ pending: 500, writes: 0 });
    expect(await rows(app, 'analytics_article_days')).toEqual([]);
    await analytics.flush(app.clock());
    expect(analytics.stats()).toEqual({ pending: 0, writes: 1 });
    expect(await rows(app, 'analytics_article_days')).toEqual([expect.objectContaining({ views: 500, visitors: 500 })]);
    // An empty flush on the same day writes nothing.
    await analytics.flush(app.clock());
    expect(analytics.stats().writes).toBe(1);
  });

  it('drops counts for stories and sections that do not exist, and keeps the rest of the batch', async () => {
    app = await buildApp({ database });
    const a = await story(app);
    const analytics = app.services.analytics;
    analytics.record(hit({ articleId: 999_999, sectionId: 888_888 }), app.clock());
    analytics.record(hit({ articleId: a.id, ip: '198.51.100.1' }), app.clock());
    const r = await analytics.report({ days: 1 }, app.clock());
    expect(r.totals.views).toBe(2);
    expect(r.articles.map((x) => x.slug)).toEqual([a.slug]);
    expect(r.sections).toEqual([]);
  });

  it('two processes share one salt and one set of visitors: a reader seen by both is one unique', async () => {
    app = await buildApp({ database });
    const a = await story(app);
    const other = new AnalyticsService(new UnitOfWork(app.database.db, makeStores), { site: 'news.example.test', countries: { countryFor: () => null } });
    app.services.analytics.record(hit({ articleId: a.id }), app.clock());
    await app.services.analytics.flush(app.clock());
    other.record(hit({ articleId: a.id }), app.clock());
    await other.flush(app.clock());
    const r = await app.services.analytics.report({ days: 1 }, app.clock());
    expect(r.totals).toEqual({ views: 2, visitors: 1 });
    expect(await app.services.analytics.listSaltDays()).toEqual(['2026-11-27']);
  });

  it('keeps countries only when a GeoIP lookup is configured', async () => {
    app = await buildApp({ database });
    const table: CountryLookup = { countryFor: (ip) => ({ '203.0.113.7': 'ua', '198.51.100.9': 'DE' })[ip] ?? null };
    const geo = new AnalyticsService(new UnitOfWork(app.database.db, makeStores), { site: 'news.example.test', countries: table });
    geo.record(hit(), app.clock());
    geo.record(hit({ ip: '198.51.100.9' }), app.clock());
    geo.record(hit({ ip: '192.0.2.1' }), app.clock());
    expect(geo.countsCountries).toBe(true);
    expect((await geo.report({ days: 1 }, app.clock())).countries).toEqual([
      { country: 'DE', views: 1 },
      { country: 'UA', views: 1 },
    ]);
    expect(app.services.analytics.countsCountries).toBe(false);
  });
});
