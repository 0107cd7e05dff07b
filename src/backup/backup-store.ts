import { spawn } from 'node:child_process';
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { lazyPackage } from '../lazy-package.js';

const postgresDriver = lazyPackage<typeof pg>('pg');

/**
 * The database side of backups: consistent snapshots and wholesale replacement, per dialect.
 * Works on the database files and servers directly, never through a running app.
 */

/** What a snapshot holds besides the dump itself: read inside the same snapshot, so it matches the dump. */
export interface SnapshotFacts {
  /** Content hashes of every stored image (media/<hash>/ directories the dump refers to). */
  mediaHashes: string[];
  /** Highest migration applied, so a restore can refuse a backup from a newer Masthead. */
  schemaVersion: number;
}

/** Rows in the tables that make a site "not empty" (null: the database has no Masthead tables yet). */
export type SiteCounts = Record<(typeof CONTENT_TABLES)[number], number>;

/** Tables whose rows an operator would lose by overwriting a site. */
export const CONTENT_TABLES = ['articles', 'users', 'members', 'correction_reports', 'topics', 'media'] as const;

/**
 * Copies a live SQLite database with the online backup API while other processes write. The copy is
 * one consistent moment: the whole file goes in a single step, and in WAL mode that read blocks no writer.
 */
export async function snapshotSqlite(sourceFile: string, destFile: string): Promise<SnapshotFacts & { integrity: string }> {
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // SQLite restarts a backup that another connection's write interrupts between steps, so the copy is
    // always one moment; asking for every remaining page in the next step lets it finish under load.
    await source.backup(destFile, { progress: ({ remainingPages }) => Math.max(remainingPages, 1_000_000) });
  } finally {
    source.close();
  }
  const copy = new SQLite(destFile, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const mediaHashes = (copy.prepare('SELECT hash FROM media ORDER BY id').all() as { hash: string }[]).map((r) => r.hash);
    const { v } = copy.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number };
    return { mediaHashes, schemaVersion: v, integrity };
  } finally {
    copy.close();
  }
}

/** Rows per content table in a SQLite file; null when the file or its tables do not exist. */
export function sqliteCounts(file: string): SiteCounts | null {
  if (!fs.existsSync(file)) return null;
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (!tables.has('articles')) return null;
    return Object.fromEntries(
      CONTENT_TABLES.map((t) => [t, tables.has(t) ? (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n : 0]),
    ) as SiteCounts;
  } finally {
    db.close();
  }
}

/** Puts a snapshot in place of the site's database file, with no stale WAL left beside it. */
export function replaceSqlite(targetFile: string, snapshotFile: string): void {
  const staged = `${targetFile}.restoring`;
  fs.copyFileSync(snapshotFile, staged);
  for (const suffix of ['-wal', '-shm', '-journal', '']) fs.rmSync(`${targetFile}${suffix}`, { force: true });
  fs.renameSync(staged, targetFile);
}

/** pg tools take the password from the environment, so it never shows in the process list. */
function pgToolArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { dbname: u.toString(), env };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'ENOENT' ? `${cmd} is not installed (PostgreSQL backups need the PostgreSQL client tools)` : err.message)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`))));
  });
}

function pgClient(url: string, schema: string): pg.Client {
  return new (postgresDriver().Client)({ connectionString: url, options: `-c search_path=${schema}` });
}

/**
 * Dumps one schema with pg_dump (custom format). The dump and the list of media are taken in the
 * same exported snapshot, so the media in the archive are exactly the ones the dump refers to.
 */
export async function snapshotPostgres(url: string, schema: string, destFile: string): Promise<SnapshotFacts> {
  const client = pgClient(url, schema);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const media = await client.query<{ hash: string }>('SELECT hash FROM media ORDER BY id');
    const version = await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations');
    const { dbname, env } = pgToolArgs(url);
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schema}`, `--snapshot=${rows[0]!.id}`, `--file=${destFile}`, `--dbname=${dbname}`],
      env,
    );
    await client.query('COMMIT');
    return { mediaHashes: media.rows.map((r) => r.hash), schemaVersion: version.rows[0]!.v };
  } finally {
    await client.end();
  }
}

/** Rows per content table in a schema; null when the schema has no Masthead tables. */
export async function postgresCounts(url: string, schema: string): Promise<SiteCounts | null> {
  const client = pgClient(url, schema);
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const tables = new Set(rows.map((r) => r.table_name));
    if (!tables.has('articles')) return null;
    const counts: Record<string, number> = {};
    for (const t of CONTENT_TABLES) counts[t] = tables.has(t) ? Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0]!.n) : 0;
    return counts as SiteCounts;
  } finally {
    await client.end();
  }
}

/**
 * Replaces a schema with a dump of `dumpSchema`. The dump names its schema, so a dump of another
 * schema is restored under its own name and then renamed; that name must be free in this database.
 */
export async function replacePostgres(url: string, schema: string, dumpFile: string, dumpSchema: string): Promise<void> {
  const client = pgClient(url, 'public');
  await client.connect();
  try {
    if (dumpSchema !== schema) {
      const taken = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [dumpSchema]);
      if (taken.rowCount)
        throw new Error(
          `the backup holds schema "${dumpSchema}", which already exists in this database: ` +
            `restore with DATABASE_SCHEMA=${dumpSchema}, or drop that schema first`,
        );
    }
    // The old site is set aside, not dropped, until the dump is in: a failed restore puts it back.
    const aside = `${schema.slice(0, 40)}_before_restore`;
    const existed = (await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).rowCount! > 0;
    await client.query(`DROP SCHEMA IF EXISTS ${aside} CASCADE`);
    if (existed) await client.query(`ALTER SCHEMA ${schema} RENAME TO ${aside}`);
    try {
      // pg_dump writes CREATE SCHEMA for every schema but public, which a database always has.
      if (dumpSchema === 'public') await client.query('CREATE SCHEMA public');
      const { dbname, env } = pgToolArgs(url);
      await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, dumpFile], env);
      if (dumpSchema !== schema) await client.query(`ALTER SCHEMA ${dumpSchema} RENAME TO ${schema}`);
    } catch (err) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      if (dumpSchema !== schema) await client.query(`DROP SCHEMA IF EXISTS ${dumpSchema} CASCADE`);
      if (existed) await client.query(`ALTER SCHEMA ${aside} RENAME TO ${schema}`);
      throw err;
    }
    await client.query(`DROP SCHEMA IF EXISTS ${aside} CASCADE`);
  } finally {
    await client.end();
  }
}
