// Two PostgreSQL search stores, the same answers? Runs every query x filter x page case against the store
// in this tree and against a baseline store module (for example main's, saved inside this tree so its
// imports resolve), and prints each case whose ids, total or `exact` differ. With --times, times both
// instead on the benchmark's query shapes, interleaved. Against an already indexed database:
//   mkdir -p .baseline && git show main:src/search/postgres-search-store.ts | sed "s#'\.\./#'../src/#; s#'\./#'../src/search/#" > .baseline/main-store.ts
//   node bin/run-ts.mjs bench/search-compare.ts postgres://…/mh_bench100k .baseline/main-store.ts [--times ROUNDS]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PostgresSearchStore } from '../src/search/postgres-search-store.js';
import type { SearchFilters, SearchIndexStore } from '../src/search/search-index.js';
import { parseQuery } from '../src/search/search-query.js';
import type { Database } from '../src/store/schema.js';
import { percentile } from './render-timing.js';
import { QUERY_SETS } from './search.js';

/** Queries beyond the benchmark's: exclusions, rare intersections, words in no story. */
const EXTRA = ['council -vote', 'levee -flood', 'otters budget', 'zzzzunknown', 'story 000123', 'flood "public hearing"'];

export async function compareStores(url: string, baseline: string): Promise<{ cases: number; differing: string[] }> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const Base = ((await import(pathToFileURL(path.resolve(baseline)).href)) as { PostgresSearchStore: new (db: Kysely<Database>) => SearchIndexStore })
    .PostgresSearchStore;
  const before = new Base(db);
  const after = new PostgresSearchStore(db);
  const id = async (table: 'sections' | 'tags', slug: string) => (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst())?.id;
  const { rows } = await sql<{ p: string }>`SELECT max(published_at) AS p FROM search_documents`.execute(db);
  const now = new Date(new Date(rows[0]!.p).getTime() + 1000).toISOString();
  const year = (back: number) => new Date(new Date(now).getTime() - back * 365 * 86400_000).toISOString();
  const section = await id('sections', 'education');
  const tag = await id('tags', 'topic-7');
  const filters: Omit<SearchFilters, 'now'>[] = [
    {},
    { sectionId: section! },
    { tagId: tag! },
    { sectionId: section!, tagId: tag! },
    { from: year(3), to: year(2) },
  ];
  const queries = [...new Set([...QUERY_SETS.flatMap((s) => s.queries), ...EXTRA])];
  const differing: string[] = [];
  let cases = 0;
  try {
    for (const q of queries) {
      const parsed = parseQuery(q);
      if (!parsed.ok) throw new Error(parsed.problem);
      for (const f of filters) {
        for (const offset of [0, 10, 20]) {
          const req = { query: parsed.query, filters: { now, ...f }, limit: 11, offset };
          const [x, y] = [await before.search(req), await after.search(req)];
          cases++;
          if (JSON.stringify(x) !== JSON.stringify(y))
            differing.push(`${q} ${JSON.stringify(f)} offset ${offset}\n  before ${JSON.stringify(x)}\n  after  ${JSON.stringify(y)}`);
        }
      }
    }
  } finally {
    await db.destroy();
  }
  return { cases, differing };
}

/**
 * Wall-clock time of both stores on the benchmark's query shapes (page 1 to 3), interleaved query by query
 * and in alternating order, so load from other work falls on both alike. Milliseconds per search() call.
 */
export async function timeStores(url: string, baseline: string, rounds: number): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const Base = ((await import(pathToFileURL(path.resolve(baseline)).href)) as { PostgresSearchStore: new (db: Kysely<Database>) => SearchIndexStore })
    .PostgresSearchStore;
  const stores = [new Base(db), new PostgresSearchStore(db)];
  const id = async (table: 'sections' | 'tags', slug: string) => (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst())?.id;
  const now = new Date().toISOString();
  const lines: string[] = [];
  try {
    for (const set of QUERY_SETS) {
      const filters: SearchFilters = { now };
      if (set.filters?.section) filters.sectionId = (await id('sections', set.filters.section))!;
      if (set.filters?.tag) filters.tagId = (await id('tags', set.filters.tag))!;
      const times: number[][] = [[], []];
      for (let r = -1; r < rounds; r++) {
        for (const q of set.queries) {
          const parsed = parseQuery(q);
          if (!parsed.ok) throw new Error(parsed.problem);
          const req = { query: parsed.query, filters, limit: 11, offset: 10 * (Math.max(0, r) % 3) };
          for (const k of r % 2 ? [0, 1] : [1, 0]) {
            const t = performance.now();
            await stores[k]!.search(req);
            if (r >= 0) times[k]!.push(performance.now() - t); // round -1 warms both
          }
        }
      }
      const f = (xs: number[]) => [50, 95, 99].map((p) => percentile(xs, p).toFixed(1)).join(' / ');
      lines.push(`${set.name.padEnd(14)} n=${times[0]!.length}  baseline p50/p95/p99 ${f(times[0]!)} ms   this tree ${f(times[1]!)} ms`);
    }
  } finally {
    await db.destroy();
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { times: { type: 'string' } } });
  const [url, baseline] = positionals;
  if (!url?.startsWith('postgres') || !baseline) {
    console.error('usage: node bin/run-ts.mjs bench/search-compare.ts <postgres-url> <baseline-store.ts> [--times ROUNDS]');
    process.exitCode = 2;
  } else if (values.times) {
    console.log(await timeStores(url, baseline, Number(values.times)));
  } else {
    const r = await compareStores(url, baseline);
    console.log(r.differing.join('\n'));
    console.log(`${r.cases} cases (query x filter x page), ${r.differing.length} differ`);
    if (r.differing.length) process.exitCode = 1;
  }
}
