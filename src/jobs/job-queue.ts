/** What a job carries: plain JSON, so it survives a restart and can be shown in the admin. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type JobState = 'queued' | 'running' | 'done' | 'dead';
export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'done', 'dead'];

/** What a handler is given. `id` is the idempotency key: the same job keeps its id across every attempt and node. */
export interface JobRun {
  id: string;
  name: string;
  payload: Json;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (job: JobRun) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Deduplication: at most one live (queued or running) job per key; enqueueing again returns the live job's id. */
  key?: string;
  /** Attempts before the job goes to the dead-letter list (default 5). */
  maxAttempts?: number;
}

export interface RegisterOptions {
  /** Jobs of this name run at once in this process (default 1). */
  concurrency?: number;
  /** How long a claim holds before another node may take the job over (default 30 s; renewed while the handler runs). */
  leaseMs?: number;
}

/** A job as the admin sees it. */
export interface JobView {
  id: string;
  name: string;
  payload: Json;
  state: JobState;
  key: string | null;
  /** A recurring job (`every`): it goes back to the queue after each run, never to done or dead. */
  recurring: boolean;
  attempt: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  failedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type JobCounts = Record<JobState, number>;

export type RetryResult = { ok: true } | { ok: false; reason: 'not-found' | 'not-dead' | 'key-taken' };
export type DiscardResult = { ok: true } | { ok: false; reason: 'not-found' | 'not-dead' };

/**
 * The one queue for background work (src/jobs/CONTEXT.md). Jobs are rows in the site's own database;
 * any number of processes may run workers over the same database, and each job's attempt runs on one
 * of them at a time. A handler may still run twice for one job (a worker dies after the effect but
 * before it records "done"), so handlers make their effect idempotent with `job.id` or a conditional write.
 */
export interface JobQueue {
  /** Adds a job; returns its id (or, with `key`, the id of the live job already holding that key). */
  enqueue(name: string, payload: Json, opts?: EnqueueOptions): Promise<string>;
  /** Declares how jobs of `name` run in this process. Register before `start()`. */
  register(name: string, handler: JobHandler, opts?: RegisterOptions): void;
  /**
   * A recurring job: one row shared by every node (key `every:<name>`), run about every `intervalMs`.
   * Failures are recorded and the job simply runs again at the next interval.
   */
  every(name: string, intervalMs: number, handler: () => Promise<void>, opts?: { leaseMs?: number }): void;
  /** Starts this process's worker (no-op when it is off). Safe to call once. */
  start(): Promise<void>;
  /** Stops claiming, lets the jobs in flight finish, then resolves. */
  stop(): Promise<void>;
  /**
   * Runs every job that is due now (by the queue's clock) on this process until none is left or only
   * jobs of names this process does not handle remain. Tests call it instead of waiting on timers.
   */
  drain(): Promise<void>;

  counts(): Promise<JobCounts>;
  /** Failed attempts of each job name in this process since it started (retried or dead): for metrics. */
  failureCounts(): ReadonlyMap<string, number>;
  /** Jobs in one state, most recently changed first (the admin's lists). */
  listInState(state: JobState, limit?: number): Promise<JobView[]>;
  /** Deletes finished jobs last changed before `before`; returns how many (the retention job). */
  forgetDoneBefore(before: Date): Promise<number>;
  listDead(limit?: number): Promise<JobView[]>;
  /** Jobs whose last attempt failed (queued for a retry, or dead), newest failure first. */
  listRecentFailures(limit?: number): Promise<JobView[]>;
  findJob(id: string): Promise<JobView | null>;
  /** A dead job back to the queue with its attempts reset. */
  retry(id: string): Promise<RetryResult>;
  /** Deletes a dead job. */
  discard(id: string): Promise<DiscardResult>;
}

/** A failure that retrying cannot fix (a 5xx from a mail server, a payload that no longer makes sense): straight to dead. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * Delay before attempt `attempt + 1`: 2 s, 4 s, 8 s … capped at one hour, with up to 25 % jitter so
 * jobs that failed together do not come back together. `random` is injectable for tests.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3600_000, 1000 * 2 ** Math.max(1, attempt));
  return Math.round(base * (1 + 0.25 * random()));
}
