import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { createApp } from '../main.js';
import { FixedClock } from '../../test/support/app.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/support/databases.js';
import { articleInput } from '../../test/support/factories.js';
import { openDatabase, type DatabaseHandle } from './db.js';
import { listMigrations, migrate } from './migrate.js';

const databases = await testDatabases();

const dbFile = (t: TestDatabase): string => {
  if (t.config.dialect !== 'sqlite') throw new Error('expected a SQLite test database');
  return t.config.file;
};

describe('listMigrations', () => {
  it('lists the same migrations, in the same order, for SQLite and PostgreSQL', () => {
    const sqlite = listMigrations('sqlite');
    const postgres = listMigrations('postgres');
    expect(sqlite.length).toBeGreaterThan(0);
    expect(sqlite.map((m) => [m.version, m.name])).toEqual(postgres.map((m) => [m.version, m.name]));
  });

  it('numbers migrations 1, 2, 3… with no gaps or repeats', () => {
    const versions = listMigrations('sqlite').map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('reads each migration file', () => {
    for (const m of [...listMigrations('sqlite'), ...listMigrations('postgres')]) {
      // Every file holds at least one statement (comment-only files would be skipped silently).
      expect(
        m.sql
          .split('\n')
          .filter((l) => !l.trim().startsWith('--'))
          .join('\n')
          .trim(),
        `${m.version}_${m.name}`,
      ).toMatch(/^(CREATE|ALTER|SELECT|INSERT|DROP|UPDATE)\b/im);
    }
  });
});

describe.each(databases)('migrate on %s', (kind) => {
  let test: TestDatabase | undefined;
  const handles: DatabaseHandle[] = [];
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.close();
    await test?.cleanup();
    test = undefined;
  });

  const open = async (): Promise<DatabaseHandle> => {
    test ??= await createTestDatabase(kind);
    const handle = openDatabase(test.config, test.pgSchema ? { pgSchema: test.pgSchema } : {});
    handles.push(handle);
    return handle;
  };

  it('applies every migration once, records it, and applies nothing on a second run', async () => {
    const { db, dialect } = await open();
    expect(dialect).toBe(kind);
    const now = new Date('2026-11-27T12:00:00.000Z');
    const first = await migrate(db, dialect, () => now);
    expect(first.map((m) => m.version)).toEqual(listMigrations(kind).map((m) => m.version));
    expect(await migrate(db, dialect, () => now)).toEqual([]);

    const recorded = await db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    expect(recorded.map((r) => ({ ...r, version: Number(r.version) }))).toEqual(
      listMigrations(kind).map((m) => ({ version: m.version, name: m.name, applied_at: now.toISOString() })),
    );
    // The tables exist and are empty.
    expect(await db.selectFrom('articles').select('id').execute()).toEqual([]);
  });

  it('applies nothing when a second connection migrates an already migrated database', async () => {
    const a = await open();
    expect((await migrate(a.db, a.dialect)).length).toBeGreaterThan(0);
    const b = await open();
    expect(await migrate(b.db, b.dialect)).toEqual([]);
  });
});

// Two app servers starting at once against one PostgreSQL database. (SQLite's driver is synchronous,
// so two connections in one process cannot take turns; see the report on SQLite.)
describe.runIf(databases.includes('postgres'))('migrate on postgres, two at once', () => {
  let test: TestDatabase | undefined;
  const handles: DatabaseHandle[] = [];
  afterEach(async () => {
    for (const h of handles.splice(0)) await h.close();
    await test?.cleanup();
    test = undefined;
  });

  it('applies each migration exactly once when two servers migrate a new database at the same time', async () => {
    test = await createTestDatabase('postgres');
    const a = openDatabase(test.config, { pgSchema: test.pgSchema! });
    const b = openDatabase(test.config, { pgSchema: test.pgSchema! });
    handles.push(a, b);
    const [x, y] = await Promise.all([migrate(a.db, 'postgres'), migrate(b.db, 'postgres')]);
    expect([...x, ...y].map((m) => m.version).sort((p, q) => p - q)).toEqual(listMigrations('postgres').map((m) => m.version));
    const recorded = await a.db.selectFrom('schema_migrations').select('version').execute();
    expect(recorded).toHaveLength(listMigrations('postgres').length);
  });
});

describe('SQLite durability', () => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it('keeps a committed article after the app is closed and the file reopened', async () => {
    test = await createTestDatabase('sqlite');
    // The configuration an operator would give, so the test keeps up with new settings.
    const config: Config = { ...loadConfig({ DATABASE_URL: `sqlite:${dbFile(test)}`, LOG_LEVEL: 'silent', DEMO_CONTENT: 'false' }), dataDir: test.dataDir };
    const clock = new FixedClock();
    const first = await createApp(config, { clock: clock.now });
    const input = articleInput({ slug: 'survives-restart', headline: 'Survives a restart' });
    try {
      expect(await first.services.articles.saveArticle(input, { now: clock.now(), actor: 'test' })).toMatchObject({ ok: true });
      // Every acknowledged write is fsynced: WAL journal (kept in the file) and synchronous=FULL (2) on the connection.
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(first.database.db);
      const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(first.database.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(sync.rows[0]?.synchronous).toBe(2);
    } finally {
      await first.close();
    }

    const second = await createApp(config, { clock: clock.now });
    try {
      const a = await second.services.articles.getPublicArticle('survives-restart', clock.now());
      expect(a).toMatchObject({ headline: 'Survives a restart', revision: 1 });
      expect(a!.authors.map((x) => x.name)).toEqual(['Rosa Vance']);
      expect(await second.services.articles.countArticles()).toBe(1);
    } finally {
      await second.close();
    }
  });
});
