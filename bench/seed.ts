// Scale data for the benchmark, SQLite writer: a fresh database file with N synthetic published articles
// (bench/synthetic.ts describes them), filled in one transaction.
// Standalone: node bin/run-ts.mjs bench/seed.ts <file.db> <articles>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { KNOWN_COLUMNS, namedParams, seedPlan, seedReport, type SeedDialect, type SeedResult, type SeedStep } from './synthetic.js';

export { SECTIONS, seedReport } from './synthetic.js';

const sqlite: SeedDialect = {
  series: (limit) => `RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${limit})`,
  pick: (param, index) => `json_extract(:${param}, '$[' || (${index}) || ']')`,
  slug: (width) => `printf('story-%0${width}d', n)`,
  published: () => `strftime('%Y-%m-%dT%H:%M:%fZ', (:startMs + n * :stepMs) / 1000.0, 'unixepoch')`,
};

function unknownColumns(db: SQLite.Database): string[] {
  return Object.entries(KNOWN_COLUMNS).flatMap(([table, known]) =>
    (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
      .filter((c) => !known.includes(c.name))
      .map((c) => `${table}.${c.name}`),
  );
}

/** Creates `file` (which must not exist), migrates it with the app's own migrations, then fills it. */
export async function seedDatabase(file: string, count: number, now = new Date()): Promise<SeedResult> {
  if (fs.existsSync(file)) throw new Error(`${file} exists: scale data goes into a fresh database`);
  const handle = openDatabase({ dialect: 'sqlite', file });
  try {
    await migrate(handle.db, 'sqlite', () => now);
  } finally {
    await handle.close();
  }

  const started = performance.now();
  const db = new SQLite(file);
  try {
    // One writer, a throwaway file: no journal or fsync while filling. The app reopens it in WAL mode.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -1048576'); // 1 GiB: the indexes being built stay in memory
    const plan = seedPlan(sqlite, count, now);
    const steps: SeedStep[] = [];
    const step = (what: string, run: () => number) => {
      const t = performance.now();
      steps.push({ what, rows: run(), seconds: (performance.now() - t) / 1000 });
    };
    // One transaction: BEGIN and COMMIT by hand, so the commit's own time shows in the steps.
    db.exec('BEGIN');
    try {
      for (const s of plan.steps) {
        step(s.what, () => db.prepare(s.sql).run(Object.fromEntries(namedParams(s.sql, plan.params).map((k) => [k, plan.params[k]]))).changes);
      }
      step('COMMIT', () => {
        db.exec('COMMIT');
        return 0;
      });
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    db.pragma('journal_mode = WAL');
    const sample = (db.prepare('SELECT published_at FROM articles ORDER BY id DESC LIMIT 1').get() as { published_at: string }).published_at;
    if (new Date(sample).toISOString() !== sample) throw new Error(`published_at "${sample}" is not in toISOString() form`);
    return {
      unknownColumns: unknownColumns(db),
      articles: count,
      rows: steps.reduce((n, st) => n + st.rows, 0),
      steps,
      seconds: (performance.now() - started) / 1000,
      bytes: fs.statSync(file).size,
    };
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [file, n] = process.argv.slice(2);
  if (!file || !n || !/^\d+$/.test(n)) {
    console.error('usage: node bin/run-ts.mjs bench/seed.ts <new-file.db> <articles>');
    process.exitCode = 2;
  } else {
    console.log(seedReport(await seedDatabase(path.resolve(file), Number(n))));
  }
}
