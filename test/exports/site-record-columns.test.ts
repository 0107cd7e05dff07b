import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TABLES } from '../../src/exports/site-records.js';
import { openDatabase } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

/**
 * Columns a site export leaves out on purpose, with the reason. Any other column missing from
 * RECORD_TABLES would be lost on every export and restore, silently: a new column must be listed there or here.
 */
const NOT_CARRIED: Record<string, Record<string, string>> = {
  authors: { user_id: 'staff accounts are not exported, so the link to one cannot be carried' },
};

describe('the site export carries every column of the tables it exports', () => {
  let dir: string;
  let db: SQLite.Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-columns-'));
    const file = path.join(dir, 'site.db');
    const handle = openDatabase({ dialect: 'sqlite', file });
    await migrate(handle.db, 'sqlite', () => new Date());
    await handle.close();
    db = new SQLite(file, { readonly: true });
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(RECORD_TABLES.map((t) => [t.table, t] as const))('%s', (table, spec) => {
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    expect(columns.length, `${table} exists`).toBeGreaterThan(0);
    const expected = [...(spec.hasId ? ['id'] : []), ...spec.columns, ...Object.keys(NOT_CARRIED[table] ?? {})];
    // The table's own id is remapped on import when it has one; a table without hasId may still have an id column.
    const actual = spec.hasId ? columns : columns.filter((c) => c !== 'id');
    expect([...actual].sort()).toEqual([...expected].sort());
  });
});
