// Copies a database seeded by bench/seed.ts (SQLite) into PostgreSQL, so bench/search.ts can measure
// the PostgreSQL index on the same data:
//   node bin/run-ts.mjs bench/seed-postgres.ts <seeded.db> <postgres-url>
// The URL may name a schema: postgres://…/test?options=-c%20search_path%3Dbench
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';

const TABLES: [string, string[]][] = [
  ['sections', ['id', 'slug', 'name', 'description', 'position']],
  ['tags', ['id', 'slug', 'name']],
  ['authors', ['id', 'slug', 'name', 'bio', 'is_guest', 'user_id']],
  [
    'articles',
    [
      'id',
      'slug',
      'headline',
      'standfirst',
      'body_source',
      'body_format',
      'body_html',
      'body_text',
      'section_id',
      'language',
      'status',
      'published_at',
      'created_at',
      'updated_at',
      'revision',
    ],
  ],
  ['article_authors', ['article_id', 'author_id', 'position', 'published_at']],
  ['article_tags', ['article_id', 'tag_id', 'position', 'published_at']],
  ['article_sources', ['article_id', 'position', 'name', 'url']],
];

export async function copyToPostgres(file: string, url: string, log: (s: string) => void = console.log): Promise<void> {
  const handle = openDatabase({ dialect: 'postgres', url });
  const source = new SQLite(file, { readonly: true });
  try {
    await migrate(handle.db, 'postgres');
    for (const [table, columns] of TABLES) {
      const t = performance.now();
      const rows = source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).iterate() as IterableIterator<Record<string, unknown>>;
      let batch: Record<string, unknown>[] = [];
      let n = 0;
      const flush = async () => {
        if (batch.length)
          await handle.db
            .insertInto(table as 'tags')
            .values(batch as never)
            .execute();
        n += batch.length;
        batch = [];
      };
      for (const row of rows) {
        batch.push(row);
        if (batch.length * columns.length >= 30_000) await flush();
      }
      await flush();
      log(`${table}: ${n.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    for (const table of ['sections', 'tags', 'authors', 'articles']) {
      await sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`).execute(handle.db);
    }
  } finally {
    source.close();
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [file, url] = process.argv.slice(2);
  if (!file || !url) {
    console.error('usage: node bin/run-ts.mjs bench/seed-postgres.ts <seeded.db> <postgres-url>');
    process.exitCode = 2;
  } else {
    await copyToPostgres(path.resolve(file), url);
  }
}
