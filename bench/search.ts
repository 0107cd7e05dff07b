// Search and related stories at scale: index build time and size, query latency by query shape, and
// the related-stories computation per publish. Called from run.ts (after the renders), or alone:
//   node bin/run-ts.mjs bench/search.ts --articles 100000        (seeds a fresh SQLite file first)
//   node bin/run-ts.mjs bench/search.ts --db path/to/seeded.db   (an already seeded file)
//   DATABASE_URL=postgres://… [DATABASE_SCHEMA=…] node bin/run-ts.mjs bench/search.ts  (an existing PostgreSQL database)
//     (fill an empty one first with: node bin/run-ts.mjs bench/seed-postgres.ts postgres://… N)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createApp, type App } from '../src/main.js';
import { articleInputSchema } from '../src/articles/article-schema.js';
import { SearchSync } from '../src/search/search-sync.js';
import { percentile } from './render-timing.js';
import { formatTable } from './report.js';
import { seedDatabase, seedReport, SECTIONS } from './seed.js';

/** Query shapes, in the seed's own vocabulary (bench/seed.ts) so each matches something. */
export const QUERY_SETS: { name: string; queries: string[]; filters?: Record<string, string> }[] = [
  { name: '1 word', queries: ['council', 'levee', 'otters', 'theatre', 'budget', 'clinic', 'fares', 'library'] },
  { name: '2 words', queries: ['council vote', 'flood maps', 'bus drivers', 'rental inspections', 'housing plan', 'lead tests'] },
  { name: '3 words', queries: ['riverfront garage vote', 'school board campuses', 'public records law', 'mill closure workers'] },
  { name: 'phrase', queries: ['"public hearing"', '"flood maps"', '"four-year restoration"', '"first time in a decade"'] },
  { name: 'filtered', queries: ['council', 'housing plan', 'levee'], filters: { section: SECTIONS[3]!.toLowerCase() } },
  { name: 'filtered, tag', queries: ['council', 'budget'], filters: { tag: 'topic-7' } },
  { name: 'rare word', queries: ['story 123457', 'otters 4321'] },
];

export interface SearchBenchResult {
  database: string;
  stories: number;
  build: { seconds: number; bytes: number | null; indexed: number } | null;
  /** Wall-clock times, and the same queries' CPU time in this process (SQLite runs in it; on a busy machine the CPU time is the steadier figure). */
  shapes: { name: string; n: number; p50: number; p95: number; p99: number; cpuP50: number; cpuP95: number; maxTotal: number }[];
  related: { n: number; p50: number; p95: number; p99: number; cpuP50: number; cpuP95: number };
  publish: { n: number; p50: number; p95: number };
  neighbours: { n: number; p50: number; p95: number };
}

const ms = (t: number) => performance.now() - t;

/** Times each query shape (all its queries, round-robin, `rounds` times), warmed once. */
async function timeShapes(app: App, rounds: number) {
  const now = app.clock();
  const url = (s: string) => `/articles/${s}`;
  const out: SearchBenchResult['shapes'] = [];
  for (const set of QUERY_SETS) {
    const times: number[] = [];
    const cpu: number[] = [];
    let maxTotal = 0;
    for (const q of set.queries) await app.services.search.search({ q, page: 1, ...set.filters }, now, url);
    for (let r = 0; r < rounds; r++) {
      for (const q of set.queries) {
        const c = process.cpuUsage();
        const t = performance.now();
        const o = await app.services.search.search({ q, page: 1 + (r % 3), ...set.filters }, now, url);
        times.push(ms(t));
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        if (o.ok) maxTotal = Math.max(maxTotal, o.total);
      }
    }
    out.push({
      name: set.name,
      n: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      cpuP50: percentile(cpu, 50),
      cpuP95: percentile(cpu, 95),
      maxTotal,
    });
  }
  return out;
}

/** Measures an app over an already filled database. `rebuild` times a full reindex first. */
export async function measureSearch(
  app: App,
  opts: { rebuild: boolean; rounds: number; publishes: number; log?: (s: string) => void },
): Promise<SearchBenchResult> {
  const log = opts.log ?? (() => {});
  const now = app.clock();
  let build: SearchBenchResult['build'] = null;
  if (opts.rebuild) {
    log('building the search index (masthead search reindex)...');
    let lastTenth = -1;
    const r = await app.services.search.reindex((done, total) => {
      const tenth = Math.floor((10 * done) / Math.max(1, total));
      if (tenth > lastTenth) log(`  ${tenth * 10}%`);
      lastTenth = tenth;
    });
    build = { seconds: r.seconds, bytes: r.bytes, indexed: r.indexed };
  }
  const stories = await app.services.articles.maxArticleId();
  log('timing queries...');
  const shapes = await timeShapes(app, opts.rounds);

  // Related: recompute the list of random existing stories, as a publish does (in its transaction).
  log('timing related stories...');
  const relatedTimes: number[] = [];
  const relatedCpu: number[] = [];
  const direct = new SearchSync(app.database.db);
  for (let i = 0; i < opts.publishes * 2; i++) {
    const id = 1 + Math.floor((((i * 7919) % 1000) / 1000) * stories);
    const c = process.cpuUsage();
    const t = performance.now();
    await direct.computeRelated(id, now);
    relatedTimes.push(ms(t));
    const used = process.cpuUsage(c);
    relatedCpu.push((used.user + used.system) / 1000);
  }
  // Whole publishes through the service: save, index, related list, in one transaction; then the neighbours.
  const publishTimes: number[] = [];
  const neighbourTimes: number[] = [];
  for (let i = 0; i < opts.publishes; i++) {
    const input = articleInputSchema.parse({
      slug: `bench-search-${process.pid}-${i}`,
      headline: `Council delays vote on riverfront garage again (${i})`,
      standfirst: 'A new bench story, published to time the index and related stories.',
      bodyMarkdown: 'The proposal returns to the council next month after a public hearing drew more than two hundred residents.',
      authors: [{ name: 'Ada Abara' }],
      section: SECTIONS[0],
      tags: ['Topic 3', 'Topic 44'],
      status: 'published',
      publishedAt: now.toISOString(),
    });
    const t = performance.now();
    const saved = await app.services.articles.saveArticle(input, { now, actor: 'bench' });
    publishTimes.push(ms(t));
    if (!saved.ok) throw new Error(saved.message);
    await app.jobs.drain();
    const t2 = performance.now();
    await app.services.related.refreshNeighbours([saved.id], now);
    neighbourTimes.push(ms(t2));
  }
  const sum = (v: number[]) => ({ n: v.length, p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99) });
  // PostgreSQL's cache size decides whether a search reads its rows from shared buffers or the OS: report it.
  const buffers = async () => (await sql<{ v: string }>`SELECT current_setting('shared_buffers') AS v`.execute(app.database.db)).rows[0]?.v;
  const settings = app.database.dialect === 'postgres' ? ` (shared_buffers ${await buffers()})` : '';
  return {
    database: app.database.dialect + settings,
    stories,
    build,
    shapes,
    related: { ...sum(relatedTimes), cpuP50: percentile(relatedCpu, 50), cpuP95: percentile(relatedCpu, 95) },
    publish: sum(publishTimes),
    neighbours: sum(neighbourTimes),
  };
}

export function searchReport(r: SearchBenchResult): string {
  const f = (n: number) => n.toFixed(2);
  const lines = [
    `database: ${r.database}, ${r.stories.toLocaleString('en')} stories`,
    r.build
      ? `index build (reindex): ${r.build.indexed.toLocaleString('en')} stories in ${r.build.seconds.toFixed(1)} s; ` +
        `index size ${r.build.bytes === null ? 'unknown' : `${(r.build.bytes / 1024 ** 2).toFixed(0)} MiB`}`
      : 'index build: not timed (index kept in step by the app)',
    formatTable(
      ['query shape', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'cpu p50', 'cpu p95', 'max total'],
      r.shapes.map((s) => [s.name, String(s.n), f(s.p50), f(s.p95), f(s.p99), f(s.cpuP50), f(s.cpuP95), s.maxTotal.toLocaleString('en')]),
      [false, true, true, true, true, true, true, true],
    ),
    "query time = SearchService.search in-process: parse, plan, rank, hydrate 10 stories, cut snippets (no HTTP). cpu = this process's CPU time for the same call (SQLite runs inside it; PostgreSQL's work is not counted).",
    `related list computed per publish: p50 ${f(r.related.p50)} ms, p95 ${f(r.related.p95)} ms, ` +
      `p99 ${f(r.related.p99)} ms; cpu p50 ${f(r.related.cpuP50)} ms, ` +
      `p95 ${f(r.related.cpuP95)} ms (n=${r.related.n}, existing stories)`,
    `whole publish (save + index + related, one transaction): p50 ${f(r.publish.p50)} ms, p95 ${f(r.publish.p95)} ms (n=${r.publish.n})`,
    `background neighbours refresh after a publish (up to 9 lists): p50 ${f(r.neighbours.p50)} ms, p95 ${f(r.neighbours.p95)} ms`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      db: { type: 'string' },
      rounds: { type: 'string' },
      publishes: { type: 'string' },
      'no-rebuild': { type: 'boolean' },
    },
  });
  let tmp: string | null = null;
  let env: NodeJS.ProcessEnv = { DEMO_CONTENT: 'false', LOG_LEVEL: 'error' };
  const rebuild = !values['no-rebuild'];
  if (process.env.DATABASE_URL?.startsWith('postgres')) {
    env = { ...env, DATABASE_URL: process.env.DATABASE_URL, ...(process.env.DATABASE_SCHEMA ? { DATABASE_SCHEMA: process.env.DATABASE_SCHEMA } : {}) };
  } else {
    let file = values.db;
    if (!file) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-search-bench-'));
      file = path.join(tmp, 'scale.db');
      console.log(seedReport(await seedDatabase(file, Number((values.articles ?? '100000').replace(/_/g, '')))));
    }
    env = { ...env, DATABASE_URL: `sqlite:${path.resolve(file)}` };
  }
  const app = await createApp({ ...loadConfig(env), pageCacheBytes: 0 });
  try {
    console.log(
      searchReport(await measureSearch(app, { rebuild, rounds: Number(values.rounds ?? 25), publishes: Number(values.publishes ?? 30), log: console.log })),
    );
  } finally {
    await app.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}
