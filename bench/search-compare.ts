// Two PostgreSQL search stores, the same answers? Runs every query x filter x page case against the store
// in this tree and against a baseline store module (for example main's, saved with its imports pointing
// here), and prints each case whose ids, total or `exact` differ. Against an already indexed database:
//   git show main:src/search/postgres-search-store.ts | sed "s#'\.\./#'$PWD/src/#; s#'\./#'$PWD/src/search/#" > /tmp/base-store.mts
//   node bin/run-ts.mjs bench/search-compare.ts postgres://…/mh_bench100k /tmp/base-store.mts
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PostgresSearchStore } from '../src/search/postgres-search-store.js';
import type { SearchFilters, SearchIndexStore } from '../src/search/search-index.js';
import { parseQuery } from '../src/search/search-query.js';
import type { Database } from '../src/store/schema.js';
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

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [url, baseline] = process.argv.slice(2);
  if (!url?.startsWith('postgres') || !baseline) {
    console.error('usage: node bin/run-ts.mjs bench/search-compare.ts <postgres-url> <baseline-store.mts>');
    process.exitCode = 2;
  } else {
    const r = await compareStores(url, baseline);
    console.log(r.differing.join('\n'));
    console.log(`${r.cases} cases (query x filter x page), ${r.differing.length} differ`);
    if (r.differing.length) process.exitCode = 1;
  }
}
