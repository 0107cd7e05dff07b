// EXPLAIN QUERY PLAN for every query shape the pages ran, against the benchmark's database, with the
// per-query times from the profiling pass. Flags full scans of big tables and temp B-tree sorts.
import SQLite from 'better-sqlite3';
import { median } from './load.js';
import { formatTable } from './report.js';
import type { QueryStats } from './sql-profile.js';

/** Tables that grow with the archive: a scan of one of these grows with it too. */
const BIG_TABLES = new Set(['articles', 'article_authors', 'article_tags', 'article_sources', 'article_related', 'article_revisions']);

export interface PlannedQuery {
  stats: QueryStats;
  plan: string[];
  flags: string[];
}

/** Alias -> table from `from "articles" as "a"` / `join "tags" as "t"` (Kysely's quoting). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/(?:from|join)\s+"(\w+)"(?:\s+as\s+"(\w+)")?/gi)) map.set(m[2] ?? m[1]!, m[1]!);
  return map;
}

/** Plans each query on `databaseFile` (read-only). Parameters are bound as NULL: without ANALYZE statistics SQLite plans the same. */
export function explainQueries(databaseFile: string, queries: QueryStats[]): PlannedQuery[] {
  const db = new SQLite(databaseFile, { readonly: true });
  try {
    return queries.map((stats) => {
      const params = Array.from({ length: (stats.sample.match(/\?/g) ?? []).length }, () => null);
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${stats.sample}`).all(...params) as { detail: string }[];
      const tables = aliases(stats.sample);
      const flags: string[] = [];
      for (const { detail } of rows) {
        const scan = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
        if (scan) {
          const table = tables.get(scan[1]!) ?? scan[1]!;
          if (BIG_TABLES.has(table)) flags.push(scan[2] ? `SCAN ${table} in ${scan[2]} order` : `SCAN ${table} (full table)`);
        }
        const temp = /^USE TEMP B-TREE FOR (.+)$/.exec(detail);
        if (temp) flags.push(`temp B-tree for ${temp[1]}`);
      }
      return { stats, plan: rows.map((r) => r.detail), flags };
    });
  } finally {
    db.close();
  }
}

const short = (sql: string, max = 150) => {
  const flat = sql.replace(/"/g, '').replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * One row per query shape and page: median ms per execution, executions per render, and what the plan
 * flags; then every flagged query's full plan.
 */
export function planReport(planned: PlannedQuery[], profiledRenders: Map<string, number>): string {
  const rows: { cost: number; cells: string[] }[] = [];
  planned.forEach((q, i) => {
    for (const [page, times] of q.stats.timesByPage) {
      const perRender = times.length / (profiledRenders.get(page) ?? 1);
      const med = median(times);
      rows.push({
        cost: med * perRender,
        cells: [`Q${i + 1}`, page, med.toFixed(3), perRender.toFixed(1), (med * perRender).toFixed(2), q.flags.join('; ') || '-'],
      });
    }
  });
  rows.sort((a, b) => b.cost - a.cost);
  const table = formatTable(
    ['query', 'page', 'ms/exec', 'exec/render', 'ms/render', 'plan flags'],
    rows.map((r) => r.cells),
    [false, false, true, true, true, false],
  );
  const listing = planned.map((q, i) => `Q${i + 1}${q.flags.length ? ' [flagged]' : ''}: ${short(q.stats.shape)}\n      plan: ${q.plan.join(' | ')}`);
  const scans = planned.filter((q) => q.flags.some((f) => f.startsWith('SCAN'))).length;
  const sorts = planned.filter((q) => q.flags.some((f) => f.startsWith('temp'))).length;
  return [
    table,
    '',
    `${planned.length} query shapes: ${scans} scan a big table, ${sorts} sort in a temp B-tree (cheap when the ` +
      `rows sorted are one article's few children). SQL and plans:`,
    ...listing,
  ].join('\n');
}

/** How many articles a section, tag or author page draws from (null for other pages): context for its render time. */
export function listingSize(databaseFile: string, url: string): number | null {
  const m = /^\/(sections|tags|authors)\/([^/?#]+)/.exec(url);
  if (!m) return null;
  const sql = {
    sections: `SELECT count(*) AS n FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = ? AND a.status = 'published'`,
    tags: 'SELECT count(*) AS n FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE t.slug = ?',
    authors: 'SELECT count(*) AS n FROM article_authors x JOIN authors au ON au.id = x.author_id WHERE au.slug = ?',
  }[m[1] as 'sections' | 'tags' | 'authors'];
  const db = new SQLite(databaseFile, { readonly: true });
  try {
    return (db.prepare(sql).get(decodeURIComponent(m[2]!)) as { n: number }).n;
  } finally {
    db.close();
  }
}
