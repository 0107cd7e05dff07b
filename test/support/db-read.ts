import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './databases.js';

/** Reads a test database directly (no app, no cache): the ground truth after a crash or a restore. */
export async function readRows<T>(db: TestDatabase, sql: string): Promise<T[]> {
  if (db.config.dialect === 'sqlite') {
    const conn = new SQLite(db.config.file, { fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 5000');
      return conn.prepare(sql).all() as T[];
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.config.url, options: `-c search_path=${db.pgSchema}` });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** SQLite's own check of every page and index; 'ok' when the file is sound. */
export function sqliteIntegrity(file: string): string {
  const conn = new SQLite(file, { fileMustExist: true });
  try {
    return (conn.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    conn.close();
  }
}
