import crypto from 'node:crypto';
import os from 'node:os';
import {
  backoffMs,
  PermanentJobError,
  type DiscardResult,
  type EnqueueOptions,
  type JobCounts,
  type JobHandler,
  type JobQueue,
  type JobState,
  type JobView,
  type Json,
  type RegisterOptions,
  type RetryResult,
} from './job-queue.js';
import type { ClaimedJob, Fence, JobStore } from './job-store.js';

export interface TableJobQueueOptions {
  store: JobStore;
  /** The queue's notion of now: due times, leases and backoff are all read from it. */
  clock: () => Date;
  /** Failures of handlers and of the worker itself; never thrown. */
  onError: (message: string, err?: unknown) => void;
  /** Whether `start()` runs a worker in this process (WORKER=off: this node only enqueues). */
  worker?: boolean;
  /**
   * The longest an idle worker sleeps (default 60 s). It normally wakes when this process enqueues,
   * when the earliest job is due or a lease runs out, and (PostgreSQL) on another process's notice;
   * this poll is the safety net for jobs added by another process on SQLite and for lost notices.
   */
  safetyPollMs?: number;
  /** Other processes' enqueues, where the database can announce them (PostgreSQL LISTEN); absent on SQLite. */
  notices?: NoticeSource;
  /** How the idle worker waits; tests pass one they fire by hand. */
  sleep?: SleepTimer;
  workerId?: string;
  random?: () => number;
}

/** Calls `onNotice` whenever another process may have added a job; `close()` stops listening. */
export type NoticeSource = (onNotice: () => void) => { ready: Promise<void>; close(): Promise<void> } | null;

/** Calls `wake` after `ms` unless the returned cancel function runs first. */
export type SleepTimer = (wake: () => void, ms: number) => () => void;

const realSleep: SleepTimer = (wake, ms) => {
  const timer = setTimeout(wake, ms);
  return () => clearTimeout(timer);
};

interface Registration {
  handler: JobHandler;
  concurrency: number;
  leaseMs: number;
  running: number;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_SAFETY_POLL_MS = 60_000;
/** A job due already but not claimable (another node holds the row mid-claim): look again this soon, not in a tight loop. */
const DUE_RETRY_MS = 100;
/** After the database failed a look, the next one comes this soon. */
const ERROR_RETRY_MS = 5000;
const MAX_ERROR_CHARS = 2000;

/** Why a job failed, as stored and shown in the admin (bounded; the admin escapes it). */
function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/**
 * The job queue over the site's own database (SQLite or PostgreSQL). A worker claims due jobs with a
 * lease, renews the lease while the handler runs, and records the outcome only while it still holds
 * the claim (a fence of worker id + attempt), so a worker that lost its job to another node after a
 * stall cannot overwrite that node's result.
 */
export class TableJobQueue implements JobQueue {
  readonly workerId: string;
  private readonly handlers = new Map<string, Registration>();
  private readonly recurring = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly store: JobStore;
  private readonly clock: () => Date;
  private readonly onError: (message: string, err?: unknown) => void;
  private readonly safetyPollMs: number;
  private readonly notices: NoticeSource | null;
  private readonly sleep: SleepTimer;
  private readonly random: () => number;
  private readonly workerEnabled: boolean;
  private started = false;
  private stopping = false;
  private cancelSleep: (() => void) | null = null;
  private listening: ReturnType<NoticeSource> = null;
  private ticking: Promise<void> | null = null;
  private tickAgain = false;

  constructor(opts: TableJobQueueOptions) {
    this.store = opts.store;
    this.clock = opts.clock;
    this.onError = opts.onError;
    this.safetyPollMs = opts.safetyPollMs ?? DEFAULT_SAFETY_POLL_MS;
    this.notices = opts.notices ?? null;
    this.sleep = opts.sleep ?? realSleep;
    this.random = opts.random ?? Math.random;
    this.workerEnabled = opts.worker ?? true;
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  }

  async enqueue(name: string, payload: Json, opts: EnqueueOptions = {}): Promise<string> {
    const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
    const now = this.clock();
    const id = await this.store.insertJob({
      id: crypto.randomUUID(),
      name,
      payload,
      key: opts.key ?? null,
      maxAttempts,
      repeatEveryMs: null,
      runAt: opts.runAt ?? now,
      now,
    });
    if (this.handlers.has(name)) this.wake();
    return id;
  }

  register(name: string, handler: JobHandler, opts: RegisterOptions = {}): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} is registered twice`);
    const concurrency = opts.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.handlers.set(name, { handler, concurrency, leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS, running: 0 });
  }

  every(name: string, intervalMs: number, handler: () => Promise<void>, opts: { leaseMs?: number } = {}): void {
    if (!Number.isInteger(intervalMs) || intervalMs < 1) throw new RangeError('intervalMs must be a positive integer');
    this.register(name, () => handler(), { concurrency: 1, ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}) });
    this.recurring.set(name, intervalMs);
  }

  async start(): Promise<void> {
    if (!this.workerEnabled || this.started) return;
    this.started = true;
    await this.ensureRecurring();
    // Listening before the first look: a job another process adds after start() resolves wakes this worker.
    this.listening = this.notices?.(() => this.wake()) ?? null;
    await this.listening?.ready;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelSleep?.();
    this.cancelSleep = null;
    await this.listening?.close();
    this.listening = null;
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  async drain(): Promise<void> {
    await this.ensureRecurring();
    // Bounded, in case a handler keeps enqueueing due work forever.
    for (let round = 0; round < 1000; round++) {
      await Promise.allSettled([...this.inFlight]);
      const claimed = await this.claimAll();
      if (!claimed) {
        await Promise.allSettled([...this.inFlight]);
        const due = await this.store.countDueJobs([...this.handlers.keys()], this.clock());
        if (due === 0 && this.inFlight.size === 0) return;
      }
    }
    throw new Error('the job queue did not drain after 1000 rounds');
  }

  counts(): Promise<JobCounts> {
    return this.store.countJobsByState();
  }

  failureCounts(): ReadonlyMap<string, number> {
    return this.failures;
  }

  listDead(limit = 50): Promise<JobView[]> {
    return this.store.listJobsInState('dead', limit);
  }

  listInState(state: JobState, limit = 50): Promise<JobView[]> {
    return this.store.listJobsInState(state, limit);
  }

  forgetDoneBefore(before: Date): Promise<number> {
    return this.store.deleteDoneJobsBefore(before);
  }

  listRecentFailures(limit = 20): Promise<JobView[]> {
    return this.store.listRecentlyFailedJobs(limit);
  }

  findJob(id: string): Promise<JobView | null> {
    return this.store.findJobById(id);
  }

  async retry(id: string): Promise<RetryResult> {
    const r = await this.store.reviveDeadJob(id, this.clock());
    if (r === 'ok') {
      this.wake();
      return { ok: true };
    }
    if (r === 'key-taken') return { ok: false, reason: 'key-taken' };
    return { ok: false, reason: (await this.store.findJobById(id)) ? 'not-dead' : 'not-found' };
  }

  async discard(id: string): Promise<DiscardResult> {
    if (await this.store.deleteDeadJob(id)) return { ok: true };
    return { ok: false, reason: (await this.store.findJobById(id)) ? 'not-dead' : 'not-found' };
  }

  /** One row per recurring job, shared by every node: the key keeps a second node from adding another. */
  private async ensureRecurring(): Promise<void> {
    for (const [name, intervalMs] of this.recurring) {
      const now = this.clock();
      await this.store.insertJob({
        id: crypto.randomUUID(),
        name,
        payload: null,
        key: `every:${name}`,
        maxAttempts: 1,
        repeatEveryMs: intervalMs,
        runAt: now,
        now,
      });
    }
  }

  /** Looks for work now (or right after the current look). */
  private wake(): void {
    if (!this.started || this.stopping) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.cancelSleep?.();
    this.cancelSleep = null;
    this.ticking = this.tick().then((sleepMs) => {
      this.ticking = null;
      if (this.stopping) return;
      if (this.tickAgain) {
        this.tickAgain = false;
        this.wake();
      } else {
        this.cancelSleep = this.sleep(() => {
          this.cancelSleep = null;
          this.wake();
        }, sleepMs);
      }
    });
  }

  /** Claims what is due, then says how long to sleep: until the next job is due, at most the safety poll. */
  private async tick(): Promise<number> {
    try {
      await this.claimAll();
      // Names with no room left are woken by their runs finishing, not by the clock.
      const names = [...this.handlers].filter(([, reg]) => reg.running < reg.concurrency).map(([name]) => name);
      const next = await this.store.nextDueAt(names, this.workerId);
      if (!next) return this.safetyPollMs;
      const ms = next.getTime() - this.clock().getTime();
      return ms <= 0 ? DUE_RETRY_MS : Math.min(ms, this.safetyPollMs);
    } catch (err) {
      this.onError('job worker could not claim jobs', err);
      return Math.min(ERROR_RETRY_MS, this.safetyPollMs);
    }
  }

  /** Claims what this process has room for, starts it, and says whether anything was claimed. */
  private async claimAll(): Promise<boolean> {
    let any = false;
    for (const [name, reg] of this.handlers) {
      const room = reg.concurrency - reg.running;
      if (room <= 0 || this.stopping) continue;
      const jobs = await this.store.claimJobs({ name, worker: this.workerId, limit: room, now: this.clock(), leaseMs: reg.leaseMs });
      for (const job of jobs) {
        any = true;
        reg.running++;
        const run = this.run(job, reg).finally(() => {
          reg.running--;
          this.inFlight.delete(run);
          this.wake();
        });
        this.inFlight.add(run);
      }
    }
    return any;
  }

  private async run(job: ClaimedJob, reg: Registration): Promise<void> {
    const fence: Fence = { id: job.id, worker: this.workerId, attempt: job.attempt };
    const recurringEvery = job.repeatEveryMs;
    try {
      if (recurringEvery === null && job.attempt > job.maxAttempts) {
        // Every attempt so far ended with its worker gone (the lease ran out each time).
        await this.record(job, this.store.markDead(fence, `gave up after ${job.maxAttempts} attempts whose workers stopped mid-job`, this.clock()));
        return;
      }
      let renewing = true;
      let renewTimer: NodeJS.Timeout | null = null;
      const renew = () => {
        renewTimer = setTimeout(
          () => {
            if (!renewing) return;
            const now = this.clock();
            this.store
              .renewLease(fence, new Date(now.getTime() + reg.leaseMs), now)
              .then((held) => {
                if (held) renew();
                else this.onError(`job ${job.name} ${job.id} lost its claim while running`);
              })
              .catch((err: unknown) => {
                this.onError(`job ${job.name} ${job.id}: could not renew its lease`, err);
                renew();
              });
          },
          Math.max(50, Math.floor(reg.leaseMs / 3)),
        );
      };
      renew();
      let failure: unknown = null;
      let failed = false;
      try {
        await reg.handler({ id: job.id, name: job.name, payload: job.payload, attempt: job.attempt, maxAttempts: job.maxAttempts });
      } catch (err) {
        failed = true;
        failure = err;
      } finally {
        renewing = false;
        if (renewTimer) clearTimeout(renewTimer);
      }
      const now = this.clock();
      if (failed) this.failures.set(job.name, (this.failures.get(job.name) ?? 0) + 1);
      if (recurringEvery !== null) {
        if (failed) this.onError(`recurring job ${job.name} failed`, failure);
        await this.record(
          job,
          this.store.requeue(fence, { runAt: new Date(now.getTime() + recurringEvery), now, error: failed ? errorText(failure) : null, resetAttempts: true }),
        );
      } else if (!failed) {
        await this.record(job, this.store.markDone(fence, now));
      } else if (failure instanceof PermanentJobError || job.attempt >= job.maxAttempts) {
        this.onError(`job ${job.name} ${job.id} failed for good (attempt ${job.attempt} of ${job.maxAttempts})`, failure);
        await this.record(job, this.store.markDead(fence, errorText(failure), now));
      } else {
        const runAt = new Date(now.getTime() + backoffMs(job.attempt, this.random));
        await this.record(job, this.store.requeue(fence, { runAt, now, error: errorText(failure), resetAttempts: false }));
      }
    } catch (err) {
      // The outcome could not be written: the lease runs out and another attempt follows.
      this.onError(`job ${job.name} ${job.id}: could not record its outcome`, err);
    }
  }

  private async record(job: ClaimedJob, write: Promise<boolean>): Promise<void> {
    if (!(await write)) this.onError(`job ${job.name} ${job.id} was taken over by another worker before it finished here`);
  }
}
