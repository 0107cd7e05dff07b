import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../store/db.js';

/**
 * The database side of `masthead copy-to`: reading every table of a SQLite site in one snapshot, and
 * writing rows into PostgreSQL with their ids as they are. The order and the checks are site-copy.ts's.
 */

/** A foreign key of a SQLite table: `column` refers to `table`(`to`). */
export interface ForeignKey {
  table: string;
  column: string;
  to: string;
}

export interface SourceTable {
  name: string;
  columns: string[];
  /** Primary-key columns, in key order (empty: the table has none). */
  key: string[];
  references: ForeignKey[];
}

export type Row = Record<string, unknown>;

/** A SQLite site read inside one read transaction: every table is read at the same moment. */
export class SqliteSiteReader {
  private readonly db: SQLite.Database;

  constructor(file: string) {
    // Not opened read-only: a WAL database whose -shm file is gone (no server running) cannot be read that way. Nothing here writes.
    this.db = new SQLite(file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    // WAL: a read transaction sees one snapshot while a server still writes.
    this.db.exec('BEGIN');
    this.db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  }

  /**
   * Every ordinary table but SQLite's own and the schema bookkeeping. Virtual tables (the full-text
   * index) and their shadow tables are left out: they are derived, and PostgreSQL keeps its own index.
   */
  listTables(): SourceTable[] {
    const all = this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
      sql: string;
    }[];
    const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    return all
      .filter((t) => t.name !== 'schema_migrations' && !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)))
      .map((t) => {
        const info = this.db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(t.name) as { name: string; pk: number }[];
        const fks = this.db.prepare('SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)').all(t.name) as {
          table: string;
          from: string;
          to: string | null;
        }[];
        return {
          name: t.name,
          columns: info.map((c) => c.name),
          key: info
            .filter((c) => c.pk > 0)
            .sort((a, b) => a.pk - b.pk)
            .map((c) => c.name),
          // A key that names no column refers to the other table's primary key (SQLite leaves `to` empty).
          references: fks.map((f) => ({ table: f.table, column: f.from, to: f.to ?? 'id' })),
        };
      });
  }

  /** Highest migration applied to the source. */
  schemaVersion(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  }

  /** The table's rows in key order, streamed (the connection reads nothing else meanwhile). */
  *rows(table: SourceTable): Generator<Row> {
    const order = table.key.length ? ` ORDER BY ${table.key.map(quote).join(', ')}` : '';
    yield* this.db.prepare(`SELECT * FROM ${quote(table.name)}${order}`).iterate() as Iterable<Row>;
  }

  close(): void {
    this.db.exec('COMMIT');
    this.db.close();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

export interface TargetTable {
  columns: string[];
  /** Identity columns, whose sequences are moved past the copied ids. */
  identity: string[];
}

/** Whether a PostgreSQL schema exists (search_path to a missing one would leave every table nowhere to go). */
export async function postgresSchemaExists(db: Db, schema: string): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pg_namespace WHERE nspname = ${schema}`.execute(db);
  return Number(r.rows[0]?.n) === 1;
}

/** The tables of the schema the connection uses (its search_path's first), with their columns. */
export async function listPostgresTables(db: Db): Promise<Map<string, TargetTable>> {
  const r = await sql<{ table_name: string; column_name: string; is_identity: string }>`
    SELECT c.table_name, c.column_name, c.is_identity FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const out = new Map<string, TargetTable>();
  for (const row of r.rows) {
    const t = out.get(row.table_name) ?? { columns: [], identity: [] };
    t.columns.push(row.column_name);
    if (row.is_identity === 'YES') t.identity.push(row.column_name);
    out.set(row.table_name, t);
  }
  return out;
}

/** Tables of `names` that hold at least one row. */
export async function listTablesWithRows(db: Db, names: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    const r = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(name)}) AS any`.execute(db);
    if (r.rows[0]?.any) found.push(name);
  }
  return found;
}

/** Inserts rows as they are, ids included (identity columns are BY DEFAULT, so given values are kept). */
export async function insertRows(db: Db, table: string, columns: string[], rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.map((r) => sql`(${sql.join(columns.map((c) => r[c] ?? null))})`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(db);
}

/** Moves an identity column's sequence past the highest id, so the next insert gets a fresh one. */
export async function resetIdentity(db: Db, table: string, column: string): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence(${`"${table}"`}, ${column}),
    COALESCE((SELECT MAX(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(db);
}

/** Rows in a table (for the report and the checks after the copy). */
export async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Highest article id (0 without articles): the range the search index is rebuilt over. */
export async function maxArticleId(db: Db): Promise<number> {
  const r = await sql<{ n: number | null }>`SELECT MAX(id) AS n FROM articles`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
