// PostgreSQL search and related stories in 8 KB pages, not milliseconds: every statement a search (or a
// related-list computation) runs is run again under EXPLAIN (ANALYZE, BUFFERS), and the pages it touched
// are summed per call, with the relations that held them. Pages are steady on a loaded machine, where
// milliseconds are not. Against an already indexed database (bench/search.ts builds the index):
//   node bin/run-ts.mjs bench/search-buffers.ts postgres://…/mh_bench [--plans]   (--plans prints each plan)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { PostgresSearchStore } from '../src/search/postgres-search-store.js';
import type { SearchFilters } from '../src/search/search-index.js';
import { parseQuery } from '../src/search/search-query.js';
import { SearchSync } from '../src/search/search-sync.js';
import type { Database } from '../src/store/schema.js';
import { percentile } from './render-timing.js';
import { formatTable } from './report.js';
import { QUERY_SETS } from './search.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** Pages a plan touched, by relation (a node's own pages: its children's are theirs). */
function pagesByRelation(node: PlanNode, into: Map<string, number>): number {
  const own = node['Shared Hit Blocks'] + node['Shared Read Blocks'];
  const children = (node.Plans ?? []).reduce((n, c) => n + pagesByRelation(c, into), 0);
  const name = node['Index Name'] ?? node['Relation Name'] ?? 'other';
  if (own - children > 0) into.set(name, (into.get(name) ?? 0) + own - children);
  return own;
}

/** Runs `work` with a handle that records its statements, then explains each; returns pages in all and by relation. */
async function measure(
  url: string,
  work: (db: Kysely<Database>) => Promise<unknown>,
  plans: boolean,
): Promise<{ pages: number; statements: number; by: Map<string, number> }> {
  const seen: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') seen.push(e.query);
    },
  });
  try {
    await work(db);
    const by = new Map<string, number>();
    let pages = 0;
    for (const q of seen.filter((s) => /^\s*(select|with)\b/i.test(s.sql))) {
      const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, [...q.parameters]);
      const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
      pages += pagesByRelation(plan, by);
      if (plans) {
        const { rows: text } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, [...q.parameters]);
        console.log(`\n${q.sql.replace(/\s+/g, ' ')}\n${JSON.stringify(q.parameters)}\n${text.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    return { pages, statements: seen.length, by };
  } finally {
    await db.destroy();
  }
}

export async function searchBuffers(url: string, opts: { plans: boolean; related: number; only?: string }): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const ids = async (table: 'sections' | 'tags', slug: string) =>
    (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const maxId = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM articles`.execute(db)).rows[0]!.n);
  const now = new Date().toISOString();
  const rows: string[][] = [];
  const totals = new Map<string, number>();
  const only = opts.only;
  for (const set of QUERY_SETS.filter((x) => !only || x.queries.includes(only)).map((x) => (only ? { ...x, queries: [only] } : x))) {
    const filters: SearchFilters = { now };
    if (set.filters?.section) filters.sectionId = await ids('sections', set.filters.section);
    if (set.filters?.tag) filters.tagId = await ids('tags', set.filters.tag);
    const pages: number[] = [];
    for (const q of set.queries) {
      const parsed = parseQuery(q);
      if (!parsed.ok) throw new Error(parsed.problem);
      // Page 1 of 10 results, as the search page asks (limit 11: one more tells whether a next page exists).
      const m = await measure(url, (h) => new PostgresSearchStore(h).search({ query: parsed.query, filters, limit: 11, offset: 0 }), opts.plans);
      pages.push(m.pages);
      for (const [k, v] of m.by) totals.set(`${set.name}: ${k}`, (totals.get(`${set.name}: ${k}`) ?? 0) + v / set.queries.length);
      rows.push([set.name, q, String(m.statements), String(m.pages)]);
    }
    rows.push([set.name, 'median', '', String(percentile(pages, 50))]);
  }
  const related: number[] = [];
  let statements = 0;
  const relatedBy = new Map<string, number>();
  for (let i = 0; i < opts.related; i++) {
    const id = 1 + Math.floor((((i * 7919) % 1000) / 1000) * maxId);
    const m = await measure(url, (h) => new SearchSync(h).computeRelated(id, new Date(now)), opts.plans);
    related.push(m.pages);
    statements += m.statements;
    for (const [k, v] of m.by) relatedBy.set(k, (relatedBy.get(k) ?? 0) + v / opts.related);
  }
  await db.destroy();
  const byRelation = [...totals.entries()].filter(([, v]) => v >= 1).map(([k, v]) => `  ${k} ${Math.round(v)}`);
  return [
    `${maxId.toLocaleString('en')} stories; pages (8 KB buffers, hit or read) per call, summed over its statements`,
    formatTable(['shape', 'query', 'statements', 'pages'], rows, [false, false, true, true]),
    'mean pages per query, by relation:',
    ...byRelation,
    `related list per publish (n=${related.length}): pages p50 ${percentile(related, 50)}, ` +
      `p95 ${percentile(related, 95)}; ${(statements / Math.max(1, related.length)).toFixed(1)} statements each; ` +
      `by relation (mean):`,
    ...[...relatedBy.entries()].filter(([, v]) => v >= 1).map(([k, v]) => `  ${k} ${Math.round(v)}`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { plans: { type: 'boolean' }, related: { type: 'string' }, only: { type: 'string' } },
  });
  const url = positionals[0];
  if (!url?.startsWith('postgres')) {
    console.error('usage: node bin/run-ts.mjs bench/search-buffers.ts <postgres-url> [--plans] [--related N] [--only QUERY]');
    process.exitCode = 2;
  } else {
    console.log(
      await searchBuffers(url, { plans: Boolean(values.plans), related: Number(values.related ?? 20), ...(values.only ? { only: values.only } : {}) }),
    );
  }
}
