import type { Db } from '../store/db.js';
import { splitKey, type ArticleFigures, type Batch, type Day, type DayFigures, type SectionFigures } from './analytics.js';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 300;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const num = (v: unknown) => Number(v ?? 0);

/** SQL for the daily counters, today's salt and today's salted visitor hashes. */
export class AnalyticsStore {
  constructor(private readonly db: Db) {}

  /** The salt for `day`: the one already kept (another process may have made it), else `candidate`. */
  async ensureSalt(day: Day, candidate: string): Promise<string> {
    await this.db
      .insertInto('analytics_salts')
      .values({ day, salt: candidate })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    const row = await this.db.selectFrom('analytics_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow();
    return row.salt;
  }

  /** Deletes every salt and visitor hash older than `day`: after this, yesterday's hashes mean nothing. */
  async forgetBefore(day: Day): Promise<{ salts: number; visitors: number }> {
    const s = await this.db.deleteFrom('analytics_salts').where('day', '<', day).executeTakeFirst();
    const v = await this.db.deleteFrom('analytics_visitors').where('day', '<', day).executeTakeFirst();
    return { salts: Number(s.numDeletedRows), visitors: Number(v.numDeletedRows) };
  }

  /** The days for which a salt exists (tests and operators check that only today's does). */
  async listSaltDays(): Promise<Day[]> {
    return (await this.db.selectFrom('analytics_salts').select('day').orderBy('day').execute()).map((r) => r.day);
  }

  /**
   * Writes a batch: records its visitor hashes (ignoring those already seen today) and adds the views
   * and the newly seen visitors to each day's counters. Call inside one transaction. Counts for
   * stories or sections that do not exist (a forged beacon, a story deleted since) are dropped.
   */
  async writeBatch(b: Batch): Promise<void> {
    const newVisitors = new Map<string, number>();
    const visitorRows = [...b.visitors].flatMap(([k, set]) => {
      const [day, scope] = splitKey(k);
      return [...set].map((visitor) => ({ day, scope, visitor }));
    });
    for (const rows of chunks(visitorRows)) {
      const inserted = await this.db
        .insertInto('analytics_visitors')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning(['day', 'scope'])
        .execute();
      for (const r of inserted) newVisitors.set(`${r.day}|${r.scope}`, (newVisitors.get(`${r.day}|${r.scope}`) ?? 0) + 1);
    }
    const fresh = (day: Day, scope: string) => newVisitors.get(`${day}|${scope}`) ?? 0;

    const siteRows = [...b.site].map(([day, views]) => ({ day, views, visitors: fresh(day, 'site') }));
    for (const rows of chunks(siteRows)) {
      await this.db
        .insertInto('analytics_site_days')
        .values(rows)
        .onConflict((oc) =>
          oc.column('day').doUpdateSet((eb) => ({
            views: eb('analytics_site_days.views', '+', eb.ref('excluded.views')),
            visitors: eb('analytics_site_days.visitors', '+', eb.ref('excluded.visitors')),
          })),
        )
        .execute();
    }

    const articleIds = await this.existing(
      'articles',
      [...b.articles.keys()].map((k) => Number(splitKey(k)[1])),
    );
    const articleRows = [...b.articles].flatMap(([k, views]) => {
      const [day, id] = splitKey(k);
      return articleIds.has(Number(id)) ? [{ day, article_id: Number(id), views, visitors: fresh(day, `a:${id}`) }] : [];
    });
    for (const rows of chunks(articleRows)) {
      await this.db
        .insertInto('analytics_article_days')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['day', 'article_id']).doUpdateSet((eb) => ({
            views: eb('analytics_article_days.views', '+', eb.ref('excluded.views')),
            visitors: eb('analytics_article_days.visitors', '+', eb.ref('excluded.visitors')),
          })),
        )
        .execute();
    }

    const sectionIds = await this.existing(
      'sections',
      [...b.sections.keys()].map((k) => Number(splitKey(k)[1])),
    );
    const sectionRows = [...b.sections].flatMap(([k, views]) => {
      const [day, id] = splitKey(k);
      return sectionIds.has(Number(id)) ? [{ day, section_id: Number(id), views, visitors: fresh(day, `s:${id}`) }] : [];
    });
    for (const rows of chunks(sectionRows)) {
      await this.db
        .insertInto('analytics_section_days')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['day', 'section_id']).doUpdateSet((eb) => ({
            views: eb('analytics_section_days.views', '+', eb.ref('excluded.views')),
            visitors: eb('analytics_section_days.visitors', '+', eb.ref('excluded.visitors')),
          })),
        )
        .execute();
    }

    const referrerRows = [...b.referrers].map(([k, views]) => {
      const [day, host] = splitKey(k);
      return { day, host, views };
    });
    for (const rows of chunks(referrerRows)) {
      await this.db
        .insertInto('analytics_referrer_days')
        .values(rows)
        .onConflict((oc) => oc.columns(['day', 'host']).doUpdateSet((eb) => ({ views: eb('analytics_referrer_days.views', '+', eb.ref('excluded.views')) })))
        .execute();
    }

    const countryRows = [...b.countries].map(([k, views]) => {
      const [day, country] = splitKey(k);
      return { day, country, views };
    });
    for (const rows of chunks(countryRows)) {
      await this.db
        .insertInto('analytics_country_days')
        .values(rows)
        .onConflict((oc) => oc.columns(['day', 'country']).doUpdateSet((eb) => ({ views: eb('analytics_country_days.views', '+', eb.ref('excluded.views')) })))
        .execute();
    }
  }

  private async existing(table: 'articles' | 'sections', ids: number[]): Promise<Set<number>> {
    const unique = [...new Set(ids)];
    const found = new Set<number>();
    for (const part of chunks(unique)) {
      for (const r of await this.db.selectFrom(table).select('id').where('id', 'in', part).execute()) found.add(r.id);
    }
    return found;
  }

  /** Site-wide views and visitors for each day in the range that has any. */
  async listSiteDays(from: Day, to: Day): Promise<DayFigures[]> {
    const rows = await this.db
      .selectFrom('analytics_site_days')
      .select(['day', 'views', 'visitors'])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .execute();
    return rows.map((r) => ({ day: r.day, views: num(r.views), visitors: num(r.visitors) }));
  }

  /** Stories by views over the range, most read first. */
  async listTopArticles(from: Day, to: Day, limit: number): Promise<ArticleFigures[]> {
    const rows = await this.db
      .selectFrom('analytics_article_days as d')
      .innerJoin('articles as a', 'a.id', 'd.article_id')
      .select((eb) => ['a.id', 'a.slug', 'a.headline', eb.fn.sum<number>('d.views').as('views'), eb.fn.sum<number>('d.visitors').as('visitors')])
      .where('d.day', '>=', from)
      .where('d.day', '<=', to)
      .groupBy(['a.id', 'a.slug', 'a.headline'])
      .orderBy((eb) => eb.fn.sum('d.views'), 'desc')
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ articleId: r.id, slug: r.slug, headline: r.headline, views: num(r.views), visitors: num(r.visitors) }));
  }

  /** Sections by views over the range. */
  async listTopSections(from: Day, to: Day, limit: number): Promise<SectionFigures[]> {
    const rows = await this.db
      .selectFrom('analytics_section_days as d')
      .innerJoin('sections as s', 's.id', 'd.section_id')
      .select((eb) => ['s.id', 's.slug', 's.name', eb.fn.sum<number>('d.views').as('views'), eb.fn.sum<number>('d.visitors').as('visitors')])
      .where('d.day', '>=', from)
      .where('d.day', '<=', to)
      .groupBy(['s.id', 's.slug', 's.name'])
      .orderBy((eb) => eb.fn.sum('d.views'), 'desc')
      .orderBy('s.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ sectionId: r.id, slug: r.slug, name: r.name, views: num(r.views), visitors: num(r.visitors) }));
  }

  /** Referring hosts by views over the range. */
  async listTopReferrers(from: Day, to: Day, limit: number): Promise<{ host: string; views: number }[]> {
    const rows = await this.db
      .selectFrom('analytics_referrer_days')
      .select((eb) => ['host', eb.fn.sum<number>('views').as('views')])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('host')
      .orderBy((eb) => eb.fn.sum('views'), 'desc')
      .orderBy('host')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ host: r.host, views: num(r.views) }));
  }

  /** Countries by views over the range (empty unless a GeoIP database is configured). */
  async listTopCountries(from: Day, to: Day, limit: number): Promise<{ country: string; views: number }[]> {
    const rows = await this.db
      .selectFrom('analytics_country_days')
      .select((eb) => ['country', eb.fn.sum<number>('views').as('views')])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('country')
      .orderBy((eb) => eb.fn.sum('views'), 'desc')
      .orderBy('country')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ country: r.country, views: num(r.views) }));
  }
}
