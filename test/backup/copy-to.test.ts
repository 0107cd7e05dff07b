import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createApp, type App } from '../../src/main.js';
import { buildApp, type TestApp } from '../support/app.js';
import { PG_URL, postgresAvailable, postgresDatabase, type TestDatabase } from '../support/databases.js';
import { loadEverything } from '../support/every-page.js';

const hasPg = await postgresAvailable();

async function run(args: string[], env: Record<string, string>) {
  const lines: string[] = [];
  const code = await main(args, env, { log: (s) => lines.push(s), error: (s) => lines.push(s) });
  return { code, out: lines.join('\n') };
}

type Row = Record<string, unknown>;
/** Values as text (SQLite's affinity may hand back 1 where PostgreSQL's TEXT column gives '1'), rows in a stable order. */
const normalized = (rows: Row[]) =>
  rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])))).sort();

describe.runIf(hasPg)('masthead copy-to --database postgres://… (a SQLite site into an empty PostgreSQL schema)', { timeout: 240_000 }, () => {
  let site: TestApp;
  let sqliteFile: string;
  let env: Record<string, string>;
  let target: TestDatabase;
  let spare: TestDatabase;
  let copied: { code: number; out: string };
  let onPostgres: App | null = null;
  const pgClient = async (schema: string) => {
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    site = await buildApp();
    await loadEverything(site);
    const now = site.clock();
    for (const email of ['ada@example.org', 'grace@example.org', 'katherine@example.org']) await site.services.members.ensureMember(email, now);
    // A topic merged into a later one: its row refers to a row with a higher id.
    const topics = await site.database.db.selectFrom('topics').select('id').orderBy('id').execute();
    expect(topics.length).toBeGreaterThanOrEqual(2);
    const merged = await site.services.topics.merge(topics[0]!.id, topics.at(-1)!.id, { now, actor: null });
    expect(merged.ok).toBe(true);
    await site.jobs.drain();
    if (site.db.config.dialect !== 'sqlite') throw new Error('the source must be SQLite');
    sqliteFile = site.db.config.file;
    env = { DATABASE_URL: `sqlite:${sqliteFile}`, DATA_DIR: site.db.dataDir, DEMO_CONTENT: 'false', LOG_LEVEL: 'silent' };
    target = await postgresDatabase();
    spare = await postgresDatabase();
    copied = await run(['copy-to', '--database', PG_URL, '--schema', target.pgSchema!], env);
  });

  afterAll(async () => {
    await onPostgres?.close();
    await site?.close();
    await target?.cleanup();
    await spare?.cleanup();
  });

  /** The tables a SQLite site keeps, read here independently of the copier: ordinary tables but SQLite's full-text index. */
  function sourceTables(): string[] {
    const db = new SQLite(sqliteFile, { readonly: true });
    try {
      const all = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
      return all.filter((t) => !t.name.startsWith('search_index') && t.name !== 'schema_migrations').map((t) => t.name);
    } finally {
      db.close();
    }
  }

  it('copies every table with every row and its id, and says what it did', async () => {
    expect(copied.out).toMatch(/Copied \d+ row\(s\) in \d+ tables \(schema version \d+\); indexed \d+ published stories for search/);
    expect(copied.code).toBe(0);
    const tables = sourceTables();
    expect(tables.length).toBeGreaterThan(30);
    const source = new SQLite(sqliteFile, { readonly: true });
    const client = await pgClient(target.pgSchema!);
    try {
      const filled: string[] = [];
      for (const table of tables) {
        const from = source.prepare(`SELECT * FROM "${table}"`).all() as Row[];
        const to = (await client.query(`SELECT * FROM "${table}"`)).rows as Row[];
        expect(to.length, `${table}: row count`).toBe(from.length);
        expect(normalized(to), `${table}: rows`).toEqual(normalized(from));
        if (from.length) filled.push(table);
      }
      for (const t of ['articles', 'authors', 'sections', 'media', 'members', 'correction_reports', 'topics', 'tiers', 'jobs', 'static_pages', 'ad_campaigns'])
        expect(filled, `${t} had rows to copy`).toContain(t);
    } finally {
      source.close();
      await client.end();
    }
  });

  it('refuses a target that is not empty, and changes nothing there', async () => {
    const again = await run(['copy-to', '--database', PG_URL, '--schema', target.pgSchema!], env);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/Copy failed, nothing was written: .*is not empty \(rows in .*\): copy-to only fills an empty database/);
    const client = await pgClient(target.pgSchema!);
    try {
      const source = new SQLite(sqliteFile, { readonly: true });
      const { n } = source.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number };
      source.close();
      expect(Number((await client.query('SELECT COUNT(*) AS n FROM members')).rows[0].n)).toBe(n);
    } finally {
      await client.end();
    }
  });

  it('leaves a working site: the core starts on PostgreSQL, pages render, search finds stories, new rows get fresh ids', async () => {
    onPostgres = await createApp(
      { ...site.config, database: { dialect: 'postgres', url: PG_URL } },
      { clock: site.fixedClock.now, pgSchema: target.pgSchema! },
    );
    const article = await site.database.db
      .selectFrom('articles')
      .select(['slug', 'headline'])
      .where('status', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await onPostgres.http.inject({ url: `/articles/${article.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(article.headline.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;'));
    const word = article.headline.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w))!;
    const search = await onPostgres.http.inject({ url: `/search?q=${encodeURIComponent(word)}` });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`/articles/${article.slug}`);

    const maxMember = await site.database.db
      .selectFrom('members')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const fresh = await onPostgres.services.members.ensureMember('new-reader@example.org', onPostgres.clock());
    expect(fresh.id).toBe(Number(maxMember.id) + 1);
    const pageIds = await site.database.db.selectFrom('static_pages').select('id').execute();
    const saved = await onPostgres.services.pages.savePage(
      null,
      { path: '/masthead-staff', title: 'Staff', bodyFormat: 'markdown', body: 'Who we are.', inFooter: false },
      { now: onPostgres.clock(), actor: null },
    );
    expect(saved.ok && saved.id).toBe(Math.max(...pageIds.map((p) => p.id)) + 1);
  });

  it('is all or nothing: a row PostgreSQL refuses leaves the target without a single row', async () => {
    // PostgreSQL text cannot hold a NUL character; SQLite can. The reports table is copied late (after articles).
    const db = new SQLite(sqliteFile);
    db.prepare("UPDATE correction_reports SET suggestion = 'broken' || char(0) || 'text'").run();
    db.close();
    const failed = await run(['copy-to', '--database', PG_URL, '--schema', spare.pgSchema!], env);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/Copy failed, nothing was written: copying correction_reports failed after 0 row\(s\): /);
    const client = await pgClient(spare.pgSchema!);
    try {
      // Migrated (the tables exist), but empty: the articles and members copied before the failure were rolled back.
      for (const t of ['articles', 'members', 'users', 'media', 'correction_reports'])
        expect(Number((await client.query(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n), t).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('says what is wrong with its arguments', async () => {
    expect(await run(['copy-to'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/needs --database with a postgres:\/\/ address/) });
    expect(await run(['copy-to', '--database', PG_URL, '--schema', 'Bad-Name'], env)).toMatchObject({
      code: 2,
      out: expect.stringMatching(/--schema must be/),
    });
    expect(await run(['copy-to', '--database', PG_URL, '--schema', 'no_such_schema_ops'], env)).toMatchObject({
      code: 1,
      out: expect.stringMatching(/the schema no_such_schema_ops does not exist/),
    });
    expect(await run(['copy-to', '--database', PG_URL], { ...env, DATABASE_URL: PG_URL })).toMatchObject({
      code: 2,
      out: expect.stringMatching(/DATABASE_URL must be the sqlite: file/),
    });
  });
});
