import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Database } from './schema.js';
import { lazyPackage } from '../lazy-package.js';

// A SQLite site never loads the PostgreSQL driver.
const postgresDriver = lazyPackage<typeof pg>('pg');

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

/** The SQL dialect behind `db`, a handle or a transaction: for the few statements the two databases spell differently. */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /** Resolves when the database answers a trivial query (readiness). */
  ping(): Promise<void>;
  /** PostgreSQL pool use (connections open, idle, callers waiting); null for SQLite, which has no pool. */
  pool(): { total: number; idle: number; waiting: number } | null;
  /**
   * PostgreSQL: calls `onMessage` on every NOTIFY sent (with `scopedChannel(base)`) on this database and
   * schema, over one connection of its own that reconnects after a failure; `onMessage` also runs after
   * each reconnect, since notices sent meanwhile were lost. Null on SQLite, which has no notices.
   */
  listen(base: string, onMessage: () => void, onError: (message: string, err?: unknown) => void): Listener | null;
}

export interface Listener {
  /** Resolves once the first LISTEN took effect, or the first try failed (then retries follow, each ending in a wake). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const LISTEN_RETRY_MS = 1000;

/**
 * The SQL for a notice channel of this schema: sites (and test runs) sharing one PostgreSQL database in
 * their own schemas must not wake each other. Hashed, as a channel name is at most 63 bytes.
 */
export function scopedChannel(base: string): string {
  if (!/^[a-z_]+$/.test(base)) throw new Error(`bad channel name ${base}`);
  return `'${base}_' || left(md5(coalesce(current_schema(), '')), 12)`;
}

/**
 * Kysely prepares every query afresh; with better-sqlite3 preparing costs more than running a
 * small indexed query. Our queries are a fixed set of shapes (values are bound parameters), so
 * prepared statements are kept by SQL text. better-sqlite3 statements are reusable once each call
 * returns, and Kysely's driver runs them synchronously, so sharing them is safe.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      // Kysely opens transactions with a deferred BEGIN. A deferred transaction that reads and then
      // writes fails at once (SQLITE_BUSY_SNAPSHOT) if another process wrote in between; IMMEDIATE
      // takes the write lock up front, so a second process waits (busy_timeout) instead of failing.
      if (sql === 'begin') sql = 'begin immediate';
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        // Dynamic IN (...) lists make new shapes; keep the cache bounded.
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** Opens the configured database. SQLite is tuned for durability: every acknowledged write is fsynced. */
export function openDatabase(config: DatabaseConfig, options: { pgSchema?: string } = {}): DatabaseHandle {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on power loss.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      close: () => db.destroy(),
      ping: () => sql`SELECT 1`.execute(db).then(() => {}),
      pool: () => null,
      listen: () => null,
    };
  }
  const schema = options.pgSchema ?? config.schema;
  const { Pool, Client, types } = postgresDriver();
  // search_path gives a site (or a test run) its own schema in a shared database (DATABASE_SCHEMA).
  const connection = { connectionString: config.url, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  const pool = new Pool({
    ...connection,
    max: 10,
    types: {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        // COUNT(*) and SUM() come back as int8; our values fit in a double.
        if (oid === 20) return (v: string) => Number(v);
        return types.getTypeParser(oid, format);
      },
    } as pg.CustomTypesConfig,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    close: () => db.destroy(),
    ping: () => sql`SELECT 1`.execute(db).then(() => {}),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    listen: (base, onMessage, onError) => listenOn(() => new Client(connection), scopedChannel(base), onMessage, onError),
  };
}

/** LISTEN on a connection of its own; after a failure, a new connection a second later (and a wake: notices may be lost). */
function listenOn(connect: () => pg.Client, channelSql: string, onMessage: () => void, onError: (message: string, err?: unknown) => void): Listener {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const again = (err: unknown) => {
    if (closed || retry) return;
    // One line per outage, not one a second.
    if (failures++ === 0) onError('job notices from PostgreSQL stopped; reconnecting', err);
    markReady();
    const dead = client;
    client = null;
    dead?.end().catch(() => {});
    retry = setTimeout(() => {
      retry = null;
      void open();
    }, LISTEN_RETRY_MS);
  };
  const open = async () => {
    const c = connect();
    client = c;
    c.on('error', again);
    c.on('end', () => again(new Error('connection ended')));
    c.on('notification', () => onMessage());
    try {
      await c.connect();
      const { rows } = await c.query<{ channel: string }>(`SELECT ${channelSql} AS channel`);
      await c.query(`LISTEN "${rows[0]!.channel}"`);
      if (closed) {
        markReady();
        return void c.end().catch(() => {});
      }
      if (failures > 0) onMessage();
      failures = 0;
      markReady();
    } catch (err) {
      if (client === c) again(err);
    }
  };
  void open();
  return {
    ready,
    async close() {
      closed = true;
      markReady();
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
