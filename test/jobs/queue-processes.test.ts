import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobStore } from '../../src/jobs/job-store.js';
import { TableJobQueue } from '../../src/jobs/table-queue.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { postgresAvailable, postgresDatabase, type TestDatabase } from '../support/databases.js';
import { sql } from 'kysely';

interface Worker {
  name: string;
  child: ChildProcess;
  out: () => string;
  exited: Promise<unknown>;
}

function startWorker(db: TestDatabase, name: string): Promise<Worker> {
  const child = spawn(process.execPath, [path.resolve('bin/run-ts.mjs'), 'test/jobs/worker-child.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: db.config.dialect === 'postgres' ? db.config.url : '',
      DATABASE_SCHEMA: db.pgSchema!,
      WORKER_NAME: name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${name} did not start:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes('worker ready')) {
        clearTimeout(timer);
        resolve({ name, child, out: () => out, exited });
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`worker ${name} exited:\n${out}`)));
  });
}

async function until<T>(what: string, fn: () => Promise<T | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const hasPg = await postgresAvailable();

describe.skipIf(!hasPg)('the job queue across three worker processes on one PostgreSQL schema', () => {
  let db: TestDatabase;
  let handle: DatabaseHandle;
  let queue: TableJobQueue;
  let workers: Worker[] = [];

  beforeAll(async () => {
    db = await postgresDatabase();
    handle = openDatabase(db.config, { pgSchema: db.pgSchema! });
    await migrate(handle.db, handle.dialect);
    await sql`CREATE TABLE test_runs (job_id TEXT NOT NULL, worker TEXT NOT NULL, attempt INTEGER NOT NULL)`.execute(handle.db);
    await sql`CREATE TABLE test_effects (job_id TEXT PRIMARY KEY, worker TEXT NOT NULL)`.execute(handle.db);
    // This process only enqueues: no worker here.
    queue = new TableJobQueue({ store: new JobStore(handle.db, handle.dialect), clock: () => new Date(), onError: () => {}, worker: false });
    workers = await Promise.all(['w1', 'w2', 'w3'].map((n) => startWorker(db, n)));
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null && w.child.signalCode === null) {
        w.child.kill('SIGTERM');
        await w.exited;
      }
    }
    await handle?.close();
    await db?.cleanup();
  });

  it('runs 120 jobs, each exactly once, spread over the workers', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 120; i++) ids.add(await queue.enqueue('effect', { i }));
    await until('all done', async () => (await queue.counts()).done === 120);
    const runs = (await sql<{ job_id: string; worker: string }>`SELECT job_id, worker FROM test_runs`.execute(handle.db)).rows;
    expect(runs).toHaveLength(120);
    expect(new Set(runs.map((r) => r.job_id))).toEqual(ids);
    // More than one process did the work (claims really race).
    expect(new Set(runs.map((r) => r.worker)).size).toBeGreaterThan(1);
  });

  it('a job whose worker is killed with SIGKILL in the middle completes on another worker', async () => {
    const id = await queue.enqueue('slow', null);
    const victim = await until('a worker to start the slow job', async () => workers.find((w) => w.out().includes(`started ${id} attempt 1`)) ?? null);
    victim.child.kill('SIGKILL');
    await victim.exited;
    const job = await until('the job to finish elsewhere', async () => {
      const j = await queue.findJob(id);
      return j?.state === 'done' ? j : null;
    });
    expect(job.attempt).toBe(2);
    const effects = (await sql<{ worker: string }>`SELECT worker FROM test_effects WHERE job_id = ${id}`.execute(handle.db)).rows;
    expect(effects).toHaveLength(1);
    expect(effects[0]!.worker).not.toBe(victim.name);
  });
});
