// A bare worker process for the cross-process queue test: claims jobs from the shared PostgreSQL schema
// and records each run and each effect in tables the test reads. Prints "started <id>" when a slow job begins.
import pg from 'pg';
import { JOBS_CHANNEL, JobStore } from '../../src/jobs/job-store.js';
import { TableJobQueue } from '../../src/jobs/table-queue.js';
import { openDatabase } from '../../src/store/db.js';

const url = process.env.DATABASE_URL!;
const schema = process.env.DATABASE_SCHEMA!;
const worker = process.env.WORKER_NAME!;
const handle = openDatabase({ dialect: 'postgres', url }, { pgSchema: schema });
const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 });
const queue = new TableJobQueue({
  store: new JobStore(handle.db, handle.dialect),
  clock: () => new Date(),
  onError: (m, err) => process.stderr.write(`${m} ${err ? String(err) : ''}\n`),
  // Found through PostgreSQL's notices and lease times alone: a missed wake-up would leave the test waiting ten minutes.
  safetyPollMs: 600_000,
  notices: (onNotice) => handle.listen(JOBS_CHANNEL, onNotice, (m, err) => process.stderr.write(`${m} ${err ? String(err) : ''}\n`)),
  workerId: worker,
});

async function effect(jobId: string, attempt: number) {
  await pool.query('INSERT INTO test_runs (job_id, worker, attempt) VALUES ($1, $2, $3)', [jobId, worker, attempt]);
  // The effect itself is idempotent by the job's id, as handlers are asked to be.
  await pool.query('INSERT INTO test_effects (job_id, worker) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING', [jobId, worker]);
}

queue.register('effect', async (job) => effect(job.id, job.attempt), { concurrency: 4, leaseMs: 1500 });
queue.register(
  'slow',
  async (job) => {
    process.stdout.write(`started ${job.id} attempt ${job.attempt}\n`);
    // The first attempt takes long enough for the test to kill this process in the middle of it.
    await new Promise((r) => setTimeout(r, job.attempt === 1 ? 60_000 : 10));
    await effect(job.id, job.attempt);
  },
  { leaseMs: 1500 },
);
await queue.start();
process.stdout.write('worker ready\n');
process.on('SIGTERM', () => {
  void queue.stop().then(async () => {
    await handle.close();
    await pool.end();
    process.exit(0);
  });
});
