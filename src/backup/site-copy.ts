import fs from 'node:fs';
import { searchIndexStoreFor } from '../search/search-store.js';
import { openDatabase } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import {
  countRows,
  insertRows,
  listPostgresTables,
  listTablesWithRows,
  maxArticleId,
  postgresSchemaExists,
  resetIdentity,
  SqliteSiteReader,
  type Row,
  type SourceTable,
} from './site-copy-store.js';

/** What the operator can fix (a non-empty target, an unreachable server, a schema mismatch): the CLI prints it and exits 1. */
export class CopyError extends Error {
  override name = 'CopyError';
}

/** PostgreSQL's own tables with no SQLite counterpart: its search index, rebuilt from the copied articles. */
const DERIVED_IN_POSTGRES = ['search_documents', 'search_terms'];

/** Bound parameters per INSERT stay well under PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

export interface CopyReport {
  /** Rows copied per table, in the order they were copied. */
  tables: { name: string; rows: number }[];
  schemaVersion: number;
  searchDocuments: number;
}

/**
 * Tables in an order where every table comes after the tables it refers to (a reference of a table
 * to itself is handled row by row: see `parentsFirst`).
 */
export function dependencyOrder(tables: SourceTable[]): SourceTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: SourceTable[] = [];
  let left = [...tables];
  while (left.length) {
    const ready = left.filter((t) => t.references.every((r) => r.table === t.name || done.has(r.table) || !byName.has(r.table)));
    if (!ready.length) throw new CopyError(`the tables ${left.map((t) => t.name).join(', ')} refer to each other in a circle; they cannot be copied in order`);
    for (const t of ready) {
      out.push(t);
      done.add(t.name);
    }
    left = left.filter((t) => !done.has(t.name));
  }
  return out;
}

/** Rows of a table that refers to itself (a topic merged into another), each after the row it points at. */
export function parentsFirst(table: SourceTable, rows: Row[]): Row[] {
  const selfRefs = table.references.filter((r) => r.table === table.name);
  if (!selfRefs.length) return rows;
  const placed = new Set<string>();
  const keyOf = (col: string, value: unknown) => `${col}=${String(value)}`;
  const present = new Set(rows.flatMap((r) => selfRefs.map((f) => keyOf(f.to, r[f.to]))));
  const out: Row[] = [];
  let left = rows;
  while (left.length) {
    const ready = left.filter((r) =>
      selfRefs.every((f) => r[f.column] === null || placed.has(keyOf(f.to, r[f.column])) || !present.has(keyOf(f.to, r[f.column]))),
    );
    if (!ready.length) throw new CopyError(`rows of ${table.name} refer to each other in a circle`);
    for (const r of ready) {
      out.push(r);
      for (const f of selfRefs) placed.add(keyOf(f.to, r[f.to]));
    }
    const readySet = new Set(ready);
    left = left.filter((r) => !readySet.has(r));
  }
  return out;
}

/** "postgres://user@host:5432/db": the address without a password, for messages. */
function describeTarget(url: string, schema: string | null): string {
  try {
    const u = new URL(url);
    u.password = '';
    return `${u.toString()}${schema ? ` (schema ${schema})` : ''}`;
  } catch {
    return 'the PostgreSQL server';
  }
}

/**
 * Copies a SQLite site into an empty PostgreSQL database: migrates both to this version's schema,
 * checks the target holds no rows, then copies every table in dependency order with ids as they are,
 * moves each identity sequence past the highest id, and rebuilds PostgreSQL's search index, all in
 * one transaction: on any failure the target keeps no row. Media files are not touched.
 */
export async function copySqliteToPostgres(opts: { sqliteFile: string; postgresUrl: string; schema: string | null }): Promise<CopyReport> {
  if (!fs.existsSync(opts.sqliteFile)) throw new CopyError(`there is no SQLite database at ${opts.sqliteFile}`);
  const where = describeTarget(opts.postgresUrl, opts.schema);
  // The source is brought to this version's schema first, as every command does on start.
  const source = openDatabase({ dialect: 'sqlite', file: opts.sqliteFile });
  try {
    await migrate(source.db, source.dialect);
  } finally {
    await source.close();
  }

  const target = openDatabase({ dialect: 'postgres', url: opts.postgresUrl }, opts.schema ? { pgSchema: opts.schema } : {});
  try {
    try {
      await target.ping();
    } catch (err) {
      throw new CopyError(`could not connect to ${where}: ${(err as Error).message}`);
    }
    if (opts.schema && !(await postgresSchemaExists(target.db, opts.schema)))
      throw new CopyError(`the schema ${opts.schema} does not exist in ${where}: create it first (CREATE SCHEMA ${opts.schema})`);
    await migrate(target.db, target.dialect);
    const targetTables = await listPostgresTables(target.db);

    const reader = new SqliteSiteReader(opts.sqliteFile);
    try {
      const tables = reader.listTables();
      const sourceNames = new Set(tables.map((t) => t.name));
      const missing = tables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
      if (missing.length) throw new CopyError(`the PostgreSQL schema has no table for ${missing.join(', ')}: is this SQLite file from a newer Masthead?`);
      const unknown = [...targetTables.keys()].filter((n) => n !== 'schema_migrations' && !sourceNames.has(n) && !DERIVED_IN_POSTGRES.includes(n));
      if (unknown.length) throw new CopyError(`${where} has tables this SQLite site lacks (${unknown.join(', ')}): copy into an empty database`);
      for (const t of tables) {
        const cols = targetTables.get(t.name)!.columns;
        const absent = t.columns.filter((c) => !cols.includes(c));
        if (absent.length) throw new CopyError(`the PostgreSQL table ${t.name} has no column ${absent.join(', ')}`);
      }

      return await target.db.transaction().execute(async (trx) => {
        const filled = await listTablesWithRows(
          trx,
          [...targetTables.keys()].filter((n) => n !== 'schema_migrations'),
        );
        if (filled.length)
          throw new CopyError(
            `${where} is not empty (rows in ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? '…' : ''}): copy-to only fills an empty database`,
          );
        const report: CopyReport = { tables: [], schemaVersion: reader.schemaVersion(), searchDocuments: 0 };
        for (const table of dependencyOrder(tables)) {
          const batch = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / table.columns.length)));
          let copied = 0;
          try {
            const selfReferring = table.references.some((r) => r.table === table.name);
            const rows: Iterable<Row> = selfReferring ? parentsFirst(table, [...reader.rows(table)]) : reader.rows(table);
            let pending: Row[] = [];
            for (const row of rows) {
              pending.push(row);
              if (pending.length === batch) {
                await insertRows(trx, table.name, table.columns, pending);
                copied += pending.length;
                pending = [];
              }
            }
            await insertRows(trx, table.name, table.columns, pending);
            copied += pending.length;
            for (const column of targetTables.get(table.name)!.identity) await resetIdentity(trx, table.name, column);
          } catch (err) {
            if (err instanceof CopyError) throw err;
            throw new CopyError(`copying ${table.name} failed after ${copied} row(s): ${(err as Error).message}`);
          }
          report.tables.push({ name: table.name, rows: copied });
        }
        const index = searchIndexStoreFor(trx);
        report.searchDocuments = await index.indexRange(0, await maxArticleId(trx));
        await index.finishRebuild();
        // Read back inside the transaction: what commits is what was read.
        for (const t of report.tables) {
          const n = await countRows(trx, t.name);
          if (n !== t.rows) throw new CopyError(`${t.name} holds ${n} row(s) after the copy, not ${t.rows}`);
        }
        return report;
      });
    } finally {
      reader.close();
    }
  } finally {
    await target.close();
  }
}
