import { isbot } from 'isbot';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { addDays, addToBatch, dayOf, daysBetween, emptyBatch, newSalt, referrerHost, visitorHash } from './analytics.js';
import type { Batch, Day, Report, ViewHit } from './analytics.js';
import type { AnalyticsStore } from './analytics-store.js';
import { noCountryLookup, normaliseCountry, type CountryLookup } from './country-lookup.js';

export interface AnalyticsOptions {
  /** The site's host name: part of every visitor hash, and the host whose referrals are internal. */
  site: string;
  countries: CountryLookup;
  /** A batch this large is written at once instead of waiting for the next periodic flush. */
  maxBatchViews?: number;
}

/** Why a view was or was not counted. */
export type RecordOutcome = 'counted' | 'bot';

const TOP = 20;
/** User agents whose bot verdict is remembered: matching isbot's pattern is the dearest step of a view. */
const MAX_REMEMBERED_AGENTS = 5000;

/**
 * Counts page views without cookies or stored fingerprints (see CONTEXT.md). `record` only touches
 * memory; `flush` writes everything gathered since the last one in a single transaction. The process
 * calls `flush` every few seconds (cli serve) and once more on close.
 */
export class AnalyticsService {
  private batch: Batch = emptyBatch();
  /** Today's salt, loaded (or made) once per day per process. */
  private salt: { day: Day; value: string } | null = null;
  private saltLoading: Promise<void> | null = null;
  /** Views that arrived while today's salt was loading. */
  private waiting: { hit: ViewHit; day: Day }[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** The day whose older salts and hashes this process last made sure are gone. */
  private forgotBefore: Day | null = null;
  private writes = 0;
  private readonly maxBatchViews: number;
  private readonly botVerdicts = new Map<string, boolean>();

  constructor(
    private readonly uow: UnitOfWork<{ analytics: AnalyticsStore }>,
    private readonly opts: AnalyticsOptions,
  ) {
    this.maxBatchViews = opts.maxBatchViews ?? 50_000;
  }

  /** Counts one view in memory, unless it comes from a bot (or sends no user agent at all). */
  record(hit: ViewHit, now: Date): RecordOutcome {
    if (!hit.userAgent || this.isBot(hit.userAgent)) return 'bot';
    const day = dayOf(now);
    if (this.salt?.day === day) this.count(hit, day, this.salt.value);
    else {
      this.waiting.push({ hit, day });
      void this.loadSalt(day).catch(() => {
        // Retried by the next view or flush; the waiting views stay queued.
      });
    }
    if (this.batch.views >= this.maxBatchViews) void this.flush(now).catch(() => {});
    return 'counted';
  }

  private isBot(userAgent: string): boolean {
    let verdict = this.botVerdicts.get(userAgent);
    if (verdict === undefined) {
      verdict = isbot(userAgent);
      // Bounded: a flood of made-up user agents empties the memo rather than growing it.
      if (this.botVerdicts.size >= MAX_REMEMBERED_AGENTS) this.botVerdicts.clear();
      this.botVerdicts.set(userAgent, verdict);
    }
    return verdict;
  }

  private count(hit: ViewHit, day: Day, salt: string): void {
    addToBatch(this.batch, {
      day,
      articleId: hit.articleId,
      sectionId: hit.sectionId,
      host: referrerHost(hit.referrer, this.opts.site),
      country: normaliseCountry(this.opts.countries.countryFor(hit.ip)),
      visitor: visitorHash({ salt, day, site: this.opts.site, ip: hit.ip, userAgent: hit.userAgent }),
    });
  }

  /** Loads today's salt (making it if this is the day's first view anywhere) and drops older ones. */
  private loadSalt(day: Day): Promise<void> {
    this.saltLoading ??= (async () => {
      const value = await this.uow.transaction(async (s) => {
        await s.analytics.forgetBefore(day);
        return s.analytics.ensureSalt(day, newSalt());
      });
      this.salt = { day, value };
      this.forgotBefore = day;
      const waiting = this.waiting;
      this.waiting = [];
      // A view that waited across midnight is counted today: yesterday's salt is already gone.
      for (const w of waiting) this.count(w.hit, day, value);
    })().finally(() => {
      this.saltLoading = null;
    });
    return this.saltLoading;
  }

  /**
   * Writes the batch in one transaction, and at a new day deletes yesterday's salt and hashes (from
   * the database and from memory). Flushes run one at a time; a failed batch is kept for the next.
   */
  flush(now: Date): Promise<void> {
    const run = this.queue.then(() => this.flushNow(now));
    this.queue = run.catch(() => {});
    return run;
  }

  private async flushNow(now: Date): Promise<void> {
    if (this.saltLoading) await this.saltLoading.catch(() => {});
    const today = dayOf(now);
    if (this.salt && this.salt.day < today) this.salt = null;
    const batch = this.batch;
    const rotate = this.forgotBefore !== today;
    if (batch.views === 0 && !rotate) return;
    this.batch = emptyBatch();
    try {
      await this.uow.transaction(async (s) => {
        if (batch.views > 0) await s.analytics.writeBatch(batch);
        // After the batch: a view from just before midnight must not leave a hash behind.
        await s.analytics.forgetBefore(today);
      });
    } catch (err) {
      mergeInto(this.batch, batch);
      throw err;
    }
    this.forgotBefore = today;
    if (batch.views > 0) this.writes++;
  }

  /** Whether a GeoIP lookup is configured (otherwise no country is ever kept). */
  get countsCountries(): boolean {
    return this.opts.countries !== noCountryLookup;
  }

  /** Views waiting in memory, and how many batches this process has written. */
  stats(): { pending: number; writes: number } {
    return { pending: this.batch.views + this.waiting.length, writes: this.writes };
  }

  /** Days for which a salt exists in the database. */
  listSaltDays(): Promise<Day[]> {
    return this.uow.stores.analytics.listSaltDays();
  }

  /** Figures for the last `days` days up to today (1 = today only). Writes pending views first. */
  async report(opts: { days: number }, now: Date): Promise<Report> {
    await this.flush(now);
    const to = dayOf(now);
    const from = addDays(to, -(opts.days - 1));
    const s = this.uow.stores.analytics;
    const [siteDays, articles, sections, referrers, countries] = await Promise.all([
      s.listSiteDays(from, to),
      s.listTopArticles(from, to, TOP),
      s.listTopSections(from, to, TOP),
      s.listTopReferrers(from, to, TOP),
      s.listTopCountries(from, to, TOP),
    ]);
    const byDay = new Map(siteDays.map((d) => [d.day, d]));
    const days = daysBetween(from, to).map((day) => byDay.get(day) ?? { day, views: 0, visitors: 0 });
    const totals = days.reduce((t, d) => ({ views: t.views + d.views, visitors: t.visitors + d.visitors }), { views: 0, visitors: 0 });
    return { from, to, totals, days, articles, sections, referrers, countries };
  }
}

/** Puts a batch that failed to write back in front of the current one. */
function mergeInto(into: Batch, from: Batch): void {
  for (const key of ['site', 'articles', 'sections', 'referrers', 'countries'] as const) {
    for (const [k, n] of from[key]) into[key].set(k, (into[key].get(k) ?? 0) + n);
  }
  for (const [k, set] of from.visitors) {
    const mine = into.visitors.get(k);
    if (mine) for (const v of set) mine.add(v);
    else into.visitors.set(k, set);
  }
  into.views += from.views;
}
