// Scale data for the benchmark, PostgreSQL writer: the same N synthetic articles as bench/seed.ts
// (bench/synthetic.ts describes them), generated inside the server with generate_series, into an empty
// database, so bench/search.ts can measure the PostgreSQL index on the same data:
//   node bin/run-ts.mjs bench/seed-postgres.ts <postgres-url> <articles>
// The URL may name a schema: postgres://…/test?options=-c%20search_path%3Dbench
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { KNOWN_COLUMNS, namedParams, seedPlan, seedReport, type SeedDialect, type SeedResult, type SeedStep } from './synthetic.js';

const postgres: SeedDialect = {
  series: (limit) => `seq(n) AS (SELECT generate_series(1, ${limit}))`,
  pick: (param, index) => `(CAST(:${param} AS jsonb) ->> CAST(${index} AS int))`,
  slug: (width) => `'story-' || lpad(n::text, ${width}, '0')`,
  published: () => `to_char(to_timestamp((:startMs + n * :stepMs) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** `:name` parameters as typed PostgreSQL placeholders, with their values in order. */
function bind(statement: string, params: Record<string, string | number>): { text: string; values: (string | number)[] } {
  const names = namedParams(statement, params);
  const type = (v: string | number) => (typeof v === 'string' ? 'text' : Number.isInteger(v) ? 'bigint' : 'float8');
  const text = statement.replace(/(?<![:\w]):([a-zA-Z]\w*)/g, (all, name: string) =>
    names.includes(name) ? `$${names.indexOf(name) + 1}::${type(params[name]!)}` : all,
  );
  return { text, values: names.map((k) => params[k]!) };
}

/** Migrates the (empty) database at `url` with the app's own migrations, then fills it in one transaction. */
export async function seedPostgres(url: string, count: number, now = new Date()): Promise<SeedResult> {
  const handle = openDatabase({ dialect: 'postgres', url });
  try {
    await migrate(handle.db, 'postgres', () => now);
    const { rows: existing } = await sql<{ n: number }>`SELECT count(*) AS n FROM articles`.execute(handle.db);
    if (Number(existing[0]?.n) > 0) throw new Error('the database already holds articles: scale data goes into an empty one');
    const started = performance.now();
    const plan = seedPlan(postgres, count, now);
    const steps: SeedStep[] = [];
    await handle.db.transaction().execute(async (trx) => {
      for (const s of plan.steps) {
        const t = performance.now();
        const { text, values } = bind(s.sql, plan.params);
        const r = await trx.executeQuery(CompiledQuery.raw(text, values));
        steps.push({ what: s.what, rows: Number(r.numAffectedRows ?? 0), seconds: (performance.now() - t) / 1000 });
      }
      // The seed chose the ids; the app's next insert must not collide with them.
      for (const table of ['sections', 'tags', 'authors', 'articles', 'article_revisions']) {
        await sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`).execute(trx);
      }
    });
    const t = performance.now();
    await sql`ANALYZE`.execute(handle.db);
    steps.push({ what: 'ANALYZE', rows: 0, seconds: (performance.now() - t) / 1000 });
    const { rows: sample } = await sql<{ p: string }>`SELECT published_at AS p FROM articles ORDER BY id DESC LIMIT 1`.execute(handle.db);
    if (new Date(sample[0]!.p).toISOString() !== sample[0]!.p) throw new Error(`published_at "${sample[0]!.p}" is not in toISOString() form`);
    const { rows: columns } = await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY(${Object.keys(KNOWN_COLUMNS)})`.execute(handle.db);
    const { rows: size } = await sql<{ n: number }>`SELECT pg_database_size(current_database()) AS n`.execute(handle.db);
    return {
      unknownColumns: columns.filter((r) => !KNOWN_COLUMNS[r.t]!.includes(r.c)).map((r) => `${r.t}.${r.c}`),
      articles: count,
      rows: steps.reduce((n, st) => n + st.rows, 0),
      steps,
      seconds: (performance.now() - started) / 1000,
      bytes: Number(size[0]?.n ?? 0),
    };
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [url, n] = process.argv.slice(2);
  if (!url?.startsWith('postgres') || !n || !/^\d+$/.test(n)) {
    console.error('usage: node bin/run-ts.mjs bench/seed-postgres.ts <postgres-url> <articles>');
    process.exitCode = 2;
  } else {
    console.log(seedReport(await seedPostgres(url, Number(n))));
  }
}
