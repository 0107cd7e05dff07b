import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { ArticleDetails, RecordRow, RecordTable } from './site-records.js';

type Value = string | number | null;

/** PostgreSQL hands back bigint counts as strings; exported values stay the plain types they were written as. */
const plain = (v: unknown): Value => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : String(v));

/**
 * SQL for moving a whole site: the tables listed in site-records.ts, read whole and written row by row.
 * Table and column names come only from that list (an import checks a file's columns against it first).
 */
export class ExportStore {
  constructor(private readonly db: Db) {}

  /** Every row of one table, oldest first, with its `id` when it has one. */
  async listRows(t: RecordTable): Promise<RecordRow[]> {
    const cols = t.hasId ? ['id', ...t.columns] : [...t.columns];
    const order = t.hasId ? 'id' : t.columns[0]!;
    const r = await sql<Record<string, unknown>>`select ${sql.join(cols.map((c) => sql.ref(c)))} from ${sql.table(t.table)} order by ${sql.ref(order)}`.execute(
      this.db,
    );
    return r.rows.map((row) => Object.fromEntries(cols.map((c) => [c, plain(row[c])])));
  }

  /** Adds one row; returns its new id (tables with one), else null. */
  async insertRow(t: RecordTable, row: RecordRow): Promise<number | null> {
    const cols = Object.keys(row);
    const values = sql.join(cols.map((c) => sql`${row[c]}`));
    const names = sql.join(cols.map((c) => sql.ref(c)));
    if (!t.hasId) {
      await sql`insert into ${sql.table(t.table)} (${names}) values (${values})`.execute(this.db);
      return null;
    }
    const r = await sql<{ id: number }>`insert into ${sql.table(t.table)} (${names}) values (${values}) returning id`.execute(this.db);
    return Number(r.rows[0]!.id);
  }

  /** Adds a row, or brings the row with the same `key` column up to date. */
  async upsertRow(t: RecordTable, key: string, row: RecordRow): Promise<void> {
    const cols = Object.keys(row);
    const others = cols.filter((c) => c !== key);
    const values = sql.join(cols.map((c) => sql`${row[c]}`));
    const set = others.length ? sql`do update set ${sql.join(others.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}` : sql`do nothing`;
    await sql`insert into ${sql.table(t.table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values (${values}) on conflict (${sql.ref(key)}) ${set}`.execute(
      this.db,
    );
  }

  /** Sets one column of one row (a reference to a row written after it). */
  async setColumn(t: RecordTable, id: number, column: string, value: Value): Promise<void> {
    await sql`update ${sql.table(t.table)} set ${sql.ref(column)} = ${value} where id = ${id}`.execute(this.db);
  }

  /** Every story's id by slug. */
  async mapArticleIds(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('articles').select(['id', 'slug']).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** Every image's id by hash. */
  async mapMediaIds(): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('media').select(['id', 'hash']).execute();
    return new Map(rows.map((r) => [r.hash, r.id]));
  }

  async listMedia(): Promise<{ id: number; hash: string; widths: number[] }[]> {
    const rows = await this.db.selectFrom('media').select(['id', 'hash', 'widths']).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, hash: r.hash, widths: r.widths.split(',').map(Number) }));
  }

  async listArticleDetails(): Promise<ArticleDetails[]> {
    return this.db.selectFrom('articles').select(['slug', 'created_at', 'updated_at', 'body_json']).orderBy('id').execute();
  }

  /** Puts back a story's own dates and editor document after the import saved it (which stamped it "now"). */
  async restoreArticleDetails(d: ArticleDetails): Promise<boolean> {
    const r = await this.db
      .updateTable('articles')
      .set({ created_at: d.created_at, updated_at: d.updated_at, body_json: d.body_json })
      .where('slug', '=', d.slug)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The last migration applied to this database. */
  async schemaVersion(): Promise<number> {
    const r = await this.db
      .selectFrom('schema_migrations')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    return Number(r?.v ?? 0);
  }
}
