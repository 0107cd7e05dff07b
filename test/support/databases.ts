import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgReachable: Promise<boolean> | null = null;

/**
 * Whether the local PostgreSQL answers. In CI it must: there a missing server fails the run
 * instead of silently skipping the PostgreSQL half of the store tests.
 */
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (err) {
      if (process.env.CI) throw new Error(`PostgreSQL is required in CI but ${PG_URL} did not answer: ${(err as Error).message}`);
      console.warn(`[tests] PostgreSQL at ${PG_URL} is not reachable: PostgreSQL store tests are skipped on this machine.`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  pgSchema?: string;
  dataDir: string;
  /** Drops the schema or deletes the files. */
  cleanup(): Promise<void>;
}

/** A fresh SQLite file in its own temporary directory. */
export function sqliteDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
  return {
    name: 'sqlite',
    config: { dialect: 'sqlite', file: path.join(dir, 'masthead.db') },
    dataDir: dir,
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema in the shared `test` database, so parallel test files never see each other's rows. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
  return {
    name: 'postgres',
    config: { dialect: 'postgres', url: PG_URL },
    pgSchema: schema,
    dataDir: dir,
    async cleanup() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The databases every store test runs against: SQLite always, PostgreSQL where it answers (always in CI). */
export async function testDatabases(): Promise<('sqlite' | 'postgres')[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  return kind === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}
