import { sql, type Selectable } from 'kysely';
import { scopedChannel, type Db, type Dialect } from '../store/db.js';
import type { Database } from '../store/schema.js';
import type { Json, JobCounts, JobState, JobView } from './job-queue.js';

type JobRow = Selectable<Database['jobs']>;

const LIVE: JobState[] = ['queued', 'running'];

/** The PostgreSQL notice channel (per schema) that tells every worker a job was added or revived. */
export const JOBS_CHANNEL = 'masthead_jobs';

export interface NewJob {
  id: string;
  name: string;
  payload: Json;
  key: string | null;
  maxAttempts: number;
  repeatEveryMs: number | null;
  runAt: Date;
  now: Date;
}

export interface ClaimedJob {
  id: string;
  name: string;
  payload: Json;
  attempt: number;
  maxAttempts: number;
  repeatEveryMs: number | null;
  runAt: string;
}

/** Who holds a claim: a stale worker (its lease passed and someone else took the job) can change nothing. */
export interface Fence {
  id: string;
  worker: string;
  attempt: number;
}

function toView(row: JobRow): JobView {
  return {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload) as Json,
    state: row.state,
    key: row.dedup_key,
    recurring: row.repeat_every_ms !== null,
    attempt: Number(row.attempt),
    maxAttempts: Number(row.max_attempts),
    runAt: row.run_at,
    lastError: row.last_error,
    failedAt: row.failed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The `jobs` table. Every state change is one conditional statement, so two nodes never both win. */
export class JobStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Inserts the job unless a live job holds its key; returns the id of the job that now holds it. */
  async insertJob(job: NewJob): Promise<string> {
    const now = job.now.toISOString();
    const values = {
      id: job.id,
      name: job.name,
      payload: JSON.stringify(job.payload),
      state: 'queued' as const,
      dedup_key: job.key,
      attempt: 0,
      max_attempts: job.maxAttempts,
      repeat_every_ms: job.repeatEveryMs,
      run_at: job.runAt.toISOString(),
      created_at: now,
      updated_at: now,
    };
    if (job.key === null) {
      await this.db.insertInto('jobs').values(values).execute();
      await this.announce();
      return job.id;
    }
    const key = job.key;
    // Two nodes enqueueing the same key at once: the partial unique index lets one in; the other reads its id.
    for (let i = 0; i < 3; i++) {
      const inserted = await this.db
        .insertInto('jobs')
        .values(values)
        // The index predicate is written out as in the migration: SQLite matches it as text, not as bound values.
        .onConflict((oc) =>
          oc
            .column('dedup_key')
            .where(sql<boolean>`state IN ('queued', 'running')`)
            .doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        await this.announce();
        return inserted.id;
      }
      const live = await this.db.selectFrom('jobs').select('id').where('dedup_key', '=', key).where('state', 'in', LIVE).executeTakeFirst();
      if (live) return live.id;
      // The live job finished between the two statements: try again.
    }
    throw new Error(`could not enqueue job with key ${key}`);
  }

  /**
   * PostgreSQL: wakes the workers of every process on this schema (they LISTEN on the channel), so a
   * job added on one node is claimed at once by whichever has room. SQLite has no notices: workers of
   * other processes find it at their next wake-up (see TableJobQueue).
   */
  private async announce(): Promise<void> {
    if (this.dialect !== 'postgres') return;
    // Not worth failing the write over: the job is stored, and workers find it at their next wake-up anyway.
    await sql`SELECT pg_notify(${sql.raw(scopedChannel(JOBS_CHANNEL))}, '')`.execute(this.db).catch(() => {});
  }

  /**
   * When the worker `worker` should next look, for jobs of `names`: the earliest time a queued job is
   * due, or a running job of another worker runs out of its lease (then it may take the job over).
   * Null when there is nothing of these names to wait for.
   */
  async nextDueAt(names: string[], worker: string): Promise<Date | null> {
    if (!names.length) return null;
    const [queued, running] = await Promise.all([
      this.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min('run_at').as('at'))
        .where('state', '=', 'queued')
        .where('name', 'in', names)
        .executeTakeFirst(),
      this.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min('locked_until').as('at'))
        .where('state', '=', 'running')
        .where('name', 'in', names)
        .where('locked_by', '<>', worker)
        .executeTakeFirst(),
    ]);
    const times: number[] = [];
    if (typeof queued?.at === 'string') times.push(Date.parse(queued.at));
    // A lease has passed once now is after locked_until (claimJobs), so the first moment is a millisecond on.
    if (typeof running?.at === 'string') times.push(Date.parse(running.at) + 1);
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /**
   * Claims up to `limit` due jobs of `name` for `worker`: queued ones whose time has come, and running
   * ones whose lease has passed (their worker died). One UPDATE: on PostgreSQL the candidate rows are
   * locked with FOR UPDATE SKIP LOCKED, so concurrent claimers take different rows without waiting;
   * SQLite has one writer at a time, so the statement is atomic by itself.
   */
  async claimJobs(opts: { name: string; worker: string; limit: number; now: Date; leaseMs: number }): Promise<ClaimedJob[]> {
    const now = opts.now.toISOString();
    const lockedUntil = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
    const candidates = this.db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', opts.name)
      .where((eb) =>
        eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)])]),
      )
      .orderBy('run_at')
      .limit(opts.limit)
      .$if(this.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', attempt: eb('attempt', '+', 1), locked_until: lockedUntil, locked_by: opts.worker, updated_at: now }))
      .where('id', 'in', candidates)
      .returning(['id', 'name', 'payload', 'attempt', 'max_attempts', 'repeat_every_ms', 'run_at'])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      payload: JSON.parse(r.payload) as Json,
      attempt: Number(r.attempt),
      maxAttempts: Number(r.max_attempts),
      repeatEveryMs: r.repeat_every_ms === null ? null : Number(r.repeat_every_ms),
      runAt: r.run_at,
    }));
  }

  /** Extends a claim while its handler runs; false when the claim was lost. */
  async renewLease(fence: Fence, lockedUntil: Date, now: Date): Promise<boolean> {
    const r = await this.fenced(fence, { locked_until: lockedUntil.toISOString(), updated_at: now.toISOString() });
    return r;
  }

  async markDone(fence: Fence, now: Date): Promise<boolean> {
    // The payload is dropped once done: mail jobs carry addresses and sign-in links, which need not outlive delivery.
    return this.fenced(fence, { state: 'done', payload: 'null', locked_until: null, locked_by: null, updated_at: now.toISOString() });
  }

  /** Back to the queue for another attempt at `runAt` (a retry, or a recurring job's next run). */
  async requeue(fence: Fence, opts: { runAt: Date; now: Date; error: string | null; resetAttempts: boolean }): Promise<boolean> {
    return this.fenced(fence, {
      state: 'queued',
      run_at: opts.runAt.toISOString(),
      locked_until: null,
      locked_by: null,
      ...(opts.resetAttempts ? { attempt: 0 } : {}),
      ...(opts.error !== null ? { last_error: opts.error, failed_at: opts.now.toISOString() } : {}),
      updated_at: opts.now.toISOString(),
    });
  }

  async markDead(fence: Fence, error: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    return this.fenced(fence, { state: 'dead', locked_until: null, locked_by: null, last_error: error, failed_at: at, updated_at: at });
  }

  private async fenced(fence: Fence, set: Partial<Record<keyof JobRow, string | number | null>>): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set(set as never)
      .where('id', '=', fence.id)
      .where('state', '=', 'running')
      .where('locked_by', '=', fence.worker)
      .where('attempt', '=', fence.attempt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async countJobsByState(): Promise<JobCounts> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const counts: JobCounts = { queued: 0, running: 0, done: 0, dead: 0 };
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  }

  /** Queued jobs that are due now (the queue's depth, for metrics and `drain`). */
  async countDueJobs(names: string[], now: Date): Promise<number> {
    if (!names.length) return 0;
    const at = now.toISOString();
    const r = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'in', names)
      .where((eb) => eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', at)]), eb.and([eb('state', '=', 'running'), eb('locked_until', '<', at)])]))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async listJobsInState(state: JobState, limit: number): Promise<JobView[]> {
    const rows = await this.db.selectFrom('jobs').selectAll().where('state', '=', state).orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map(toView);
  }

  async listRecentlyFailedJobs(limit: number): Promise<JobView[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('failed_at', 'is not', null)
      .where('last_error', 'is not', null)
      .orderBy('failed_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toView);
  }

  async findJobById(id: string): Promise<JobView | null> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toView(row) : null;
  }

  /** Dead → queued with attempts reset. 'key-taken': another live job now holds the same key. */
  async reviveDeadJob(id: string, now: Date): Promise<'ok' | 'not-dead' | 'key-taken'> {
    const at = now.toISOString();
    try {
      const r = await this.db
        .updateTable('jobs')
        .set({ state: 'queued', attempt: 0, run_at: at, updated_at: at })
        .where('id', '=', id)
        .where('state', '=', 'dead')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 'not-dead';
      await this.announce();
      return 'ok';
    } catch (err) {
      if (isUniqueViolation(err)) return 'key-taken';
      throw err;
    }
  }

  async deleteDeadJob(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('jobs').where('id', '=', id).where('state', '=', 'dead').executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** Forgets finished jobs older than `before` (recurring jobs are never done, so they stay). */
  async deleteDoneJobsBefore(before: Date): Promise<number> {
    const r = await this.db.deleteFrom('jobs').where('state', '=', 'done').where('updated_at', '<', before.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
