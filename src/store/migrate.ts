import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';

const migrationsRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lists the forward-only migrations for a dialect, in order. Files are `NNNN_name.sql`. */
export function listMigrations(dialect: Dialect): Migration[] {
  const dir = path.join(migrationsRoot, dialect);
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/** Splits a migration into statements. Migrations avoid semicolons inside strings and bodies. */
function statements(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Runs `fn` holding the database's migration lock, in one transaction. PostgreSQL: an advisory lock,
 * so app servers starting together take turns. SQLite: BEGIN IMMEDIATE, which takes the write lock
 * up front (a deferred transaction that reads first cannot upgrade when another process wrote).
 */
async function underMigrationLock(db: Db, dialect: Dialect, fn: (trx: Db) => Promise<void>): Promise<void> {
  if (dialect === 'postgres') {
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7340001)`.execute(trx);
      await fn(trx);
    });
    return;
  }
  await db.connection().execute(async (conn) => {
    await sql.raw('BEGIN IMMEDIATE').execute(conn);
    try {
      await fn(conn);
      await sql.raw('COMMIT').execute(conn);
    } catch (err) {
      await sql.raw('ROLLBACK').execute(conn);
      throw err;
    }
  });
}

/** Applies pending migrations, each in its own locked transaction. Returns the ones this call applied. */
export async function migrate(db: Db, dialect: Dialect, now: () => Date = () => new Date()): Promise<Migration[]> {
  await underMigrationLock(db, dialect, async (trx) => {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(trx);
  });
  // Read once without the lock, so a start with nothing to apply (the usual one) takes no lock per migration;
  // a pending one is still checked again under the lock.
  const applied = new Set((await db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
  const done: Migration[] = [];
  for (const m of listMigrations(dialect)) {
    if (applied.has(m.version)) continue;
    await underMigrationLock(db, dialect, async (trx) => {
      // Checked under the lock: another process may have applied it while we waited.
      const appliedMeanwhile = await trx.selectFrom('schema_migrations').select('version').where('version', '=', m.version).executeTakeFirst();
      if (appliedMeanwhile) return;
      for (const stmt of statements(m.sql)) await sql.raw(stmt).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: now().toISOString() }).execute();
      done.push(m);
    });
  }
  return done;
}
