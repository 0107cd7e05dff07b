import { afterEach, describe, expect, it } from 'vitest';
import { PermanentJobError, backoffMs, type JobRun } from '../../src/jobs/job-queue.js';
import { JobStore } from '../../src/jobs/job-store.js';
import { testDatabases } from '../support/databases.js';
import { FixedClock } from '../support/app.js';
import { JOBS_CHANNEL } from '../../src/jobs/job-store.js';
import { ManualSleep, queueHarness } from './support.js';

let harness: Awaited<ReturnType<typeof queueHarness>> | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const databases = await testDatabases();

describe('backoff', () => {
  it('doubles from 2 s, adds at most a quarter of jitter, and stops at an hour', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 0))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(2, () => 0.999)).toBeLessThanOrEqual(5000);
    expect(backoffMs(2, () => 0.999)).toBeGreaterThan(4000);
    expect(backoffMs(40, () => 0)).toBe(3600_000);
  });
});

describe.each(databases)('job queue on %s', (kind) => {
  it('runs an enqueued job once with its payload, and records it done', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    const seen: JobRun[] = [];
    q.register('greet', async (job) => void seen.push(job));
    const id = await q.enqueue('greet', { to: 'desk', n: [1, 2] });
    expect(await q.counts()).toEqual({ queued: 1, running: 0, done: 0, dead: 0 });
    await q.drain();
    expect(seen).toEqual([{ id, name: 'greet', payload: { to: 'desk', n: [1, 2] }, attempt: 1, maxAttempts: 5 }]);
    expect(await q.counts()).toEqual({ queued: 0, running: 0, done: 1, dead: 0 });
    await q.drain();
    expect(seen).toHaveLength(1);
    expect(harness.errors).toEqual([]);
  });

  it('waits for runAt', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    let runs = 0;
    q.register('later', async () => void runs++);
    await q.enqueue('later', null, { runAt: new Date(clock.now().getTime() + 60_000) });
    await q.drain();
    expect(runs).toBe(0);
    clock.advance(60_000);
    await q.drain();
    expect(runs).toBe(1);
  });

  it('retries a failing job with growing delays, then lists it as dead with its error; retry and discard', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    const attempts: number[] = [];
    let failUntil = 99;
    q.register('flaky', async (job) => {
      attempts.push(job.attempt);
      if (job.attempt <= failUntil) throw new Error(`mail server said 451 <b>try later</b> (${job.attempt})`);
    });
    const id = await q.enqueue('flaky', { n: 1 }, { maxAttempts: 3 });
    await q.drain();
    expect(attempts).toEqual([1]);
    let job = await q.findJob(id);
    expect(job).toMatchObject({ state: 'queued', attempt: 1, lastError: 'Error: mail server said 451 <b>try later</b> (1)' });
    // The retry is 2 s later (no jitter in this harness): not before.
    expect(job!.runAt).toBe(new Date(clock.now().getTime() + 2000).toISOString());
    clock.advance(1999);
    await q.drain();
    expect(attempts).toEqual([1]);
    clock.advance(1);
    await q.drain();
    expect(attempts).toEqual([1, 2]);
    expect((await q.findJob(id))!.runAt).toBe(new Date(clock.now().getTime() + 4000).toISOString());
    clock.advance(4000);
    await q.drain();
    expect(attempts).toEqual([1, 2, 3]);
    job = await q.findJob(id);
    expect(job).toMatchObject({ state: 'dead', attempt: 3, lastError: 'Error: mail server said 451 <b>try later</b> (3)' });
    expect((await q.listDead()).map((j) => j.id)).toEqual([id]);
    expect((await q.listRecentFailures()).map((j) => j.id)).toEqual([id]);
    expect(await q.counts()).toEqual({ queued: 0, running: 0, done: 0, dead: 1 });
    clock.advance(3600_000);
    await q.drain();
    expect(attempts).toHaveLength(3);

    failUntil = 0;
    expect(await q.retry(id)).toEqual({ ok: true });
    expect(await q.retry(id)).toEqual({ ok: false, reason: 'not-dead' });
    await q.drain();
    expect(attempts).toEqual([1, 2, 3, 1]);
    expect(await q.findJob(id)).toMatchObject({ state: 'done', attempt: 1 });
    expect(await q.discard(id)).toEqual({ ok: false, reason: 'not-dead' });
    expect(await q.retry('no-such-job')).toEqual({ ok: false, reason: 'not-found' });
    expect(await q.discard('no-such-job')).toEqual({ ok: false, reason: 'not-found' });

    const other = await q.enqueue('flaky', null, { maxAttempts: 1 });
    failUntil = 99;
    await q.drain();
    expect(await q.findJob(other)).toMatchObject({ state: 'dead' });
    expect(await q.discard(other)).toEqual({ ok: true });
    expect(await q.findJob(other)).toBeNull();
    expect(await q.discard(other)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('sends a permanent failure straight to the dead-letter list', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    let runs = 0;
    q.register('bounce', async () => {
      runs++;
      throw new PermanentJobError('550 no such mailbox');
    });
    const id = await q.enqueue('bounce', null, { maxAttempts: 5 });
    await q.drain();
    expect(runs).toBe(1);
    expect(await q.findJob(id)).toMatchObject({ state: 'dead', attempt: 1, lastError: 'PermanentJobError: 550 no such mailbox' });
  });

  it('keeps one live job per key; once it has run, the key is free again', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    const payloads: unknown[] = [];
    q.register('purge', async (job) => void payloads.push(job.payload));
    const a = await q.enqueue('purge', 'first', { key: 'purge:home' });
    const b = await q.enqueue('purge', 'second', { key: 'purge:home' });
    const c = await q.enqueue('purge', 'other', { key: 'purge:feed' });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    // Two workers enqueueing the same key at once still make one job.
    const q2 = harness.queue({ clock: clock.now });
    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? q : q2).enqueue('purge', 'race', { key: 'purge:race' })));
    expect(new Set(racing).size).toBe(1);
    await q.drain();
    expect(payloads.sort()).toEqual(['first', 'other', 'race']);
    const d = await q.enqueue('purge', 'third', { key: 'purge:home' });
    expect(d).not.toBe(a);
  });

  it('a job whose worker died runs again on another worker once the lease has passed; the dead worker can no longer record anything', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const id = await harness.queue({ clock: clock.now }).enqueue('report', { n: 7 });
    // A worker that claims the job and then stops (no handler here: it never reports back).
    const store = new JobStore(harness.handle.db, harness.handle.dialect);
    const [claimed] = await store.claimJobs({ name: 'report', worker: 'node-that-died', limit: 5, now: clock.now(), leaseMs: 30_000 });
    expect(claimed).toMatchObject({ id, attempt: 1 });
    const survivor = harness.queue({ clock: clock.now });
    const runs: JobRun[] = [];
    survivor.register('report', async (job) => void runs.push(job), { leaseMs: 30_000 });
    await survivor.drain();
    expect(runs).toEqual([]);
    clock.advance(30_001);
    await survivor.drain();
    expect(runs).toEqual([{ id, name: 'report', payload: { n: 7 }, attempt: 2, maxAttempts: 5 }]);
    expect(await survivor.findJob(id)).toMatchObject({ state: 'done', attempt: 2 });
    // The first worker wakes up and tries to record its outcome: its fence no longer holds.
    expect(await store.markDone({ id, worker: 'node-that-died', attempt: 1 }, clock.now())).toBe(false);
    expect(await store.markDead({ id, worker: 'node-that-died', attempt: 1 }, 'late', clock.now())).toBe(false);
    expect(await survivor.findJob(id)).toMatchObject({ state: 'done', lastError: null });
  });

  it('gives up on a job whose workers keep dying', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    const id = await q.enqueue('crashy', null, { maxAttempts: 2 });
    const store = new JobStore(harness.handle.db, harness.handle.dialect);
    for (let i = 0; i < 2; i++) {
      expect(await store.claimJobs({ name: 'crashy', worker: `gone-${i}`, limit: 1, now: clock.now(), leaseMs: 1000 })).toHaveLength(1);
      clock.advance(1001);
    }
    let runs = 0;
    q.register('crashy', async () => void runs++, { leaseMs: 1000 });
    await q.drain();
    expect(runs).toBe(0);
    expect(await q.findJob(id)).toMatchObject({ state: 'dead', lastError: 'gave up after 2 attempts whose workers stopped mid-job' });
  });

  it('two workers share 40 jobs and each job runs exactly once', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const a = harness.queue({ clock: clock.now, workerId: 'a' });
    const b = harness.queue({ clock: clock.now, workerId: 'b' });
    const runs = new Map<string, string[]>();
    const handler = (worker: string) => async (job: JobRun) => {
      runs.set(job.id, [...(runs.get(job.id) ?? []), worker]);
      await new Promise((r) => setTimeout(r, 2));
    };
    a.register('work', handler('a'), { concurrency: 3 });
    b.register('work', handler('b'), { concurrency: 3 });
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => a.enqueue('work', i)));
    await Promise.all([a.drain(), b.drain()]);
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    for (const workers of runs.values()) expect(workers).toHaveLength(1);
    expect(await a.counts()).toEqual({ queued: 0, running: 0, done: 40, dead: 0 });
  });

  it('a recurring job is one row for every node, and runs once per interval', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    let runs = 0;
    const nodes = [0, 1, 2].map(() => {
      const q = harness!.queue({ clock: clock.now });
      q.every('publish-due', 15_000, async () => void runs++);
      return q;
    });
    await Promise.all(nodes.map((q) => q.drain()));
    expect(runs).toBe(1);
    await Promise.all(nodes.map((q) => q.drain()));
    expect(runs).toBe(1);
    clock.advance(15_000);
    await Promise.all(nodes.map((q) => q.drain()));
    expect(runs).toBe(2);
    expect(await nodes[0]!.counts()).toEqual({ queued: 1, running: 0, done: 0, dead: 0 });
  });

  it('a failing recurring job records the error and runs again at the next interval', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const q = harness.queue({ clock: clock.now });
    let runs = 0;
    q.every('sweep', 60_000, async () => {
      runs++;
      if (runs === 1) throw new Error('database busy');
    });
    await q.drain();
    const [failure] = await q.listRecentFailures();
    expect(failure).toMatchObject({ name: 'sweep', state: 'queued', lastError: 'Error: database busy' });
    clock.advance(60_000);
    await q.drain();
    expect(runs).toBe(2);
    expect(await q.counts()).toMatchObject({ queued: 1, dead: 0 });
  });

  it('a started worker picks up jobs by itself, and stop() lets the job in flight finish', async () => {
    harness = await queueHarness(kind);
    const q = harness.queue({ clock: () => new Date() });
    const finished: number[] = [];
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    q.register('slow', async (job) => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      finished.push(job.payload as number);
    });
    await q.start();
    const id = await q.enqueue('slow', 1);
    await begun;
    await q.stop();
    expect(finished).toEqual([1]);
    expect(await q.findJob(id)).toMatchObject({ state: 'done' });
    // Stopped: nothing new is claimed.
    const later = await q.enqueue('slow', 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(await q.findJob(later)).toMatchObject({ state: 'queued' });
  });

  it('an idle worker sleeps for the safety poll; a job enqueued in this process runs at once, without waiting for it', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const timer = new ManualSleep();
    const q = harness.queue({ clock: clock.now, safetyPollMs: 600_000, sleep: timer.sleep });
    let ran!: (job: JobRun) => void;
    const run = new Promise<JobRun>((r) => (ran = r));
    q.register('greet', async (job) => ran(job));
    await q.start();
    expect(await timer.asleep()).toBe(600_000);
    const id = await q.enqueue('greet', 'desk');
    expect((await run).id).toBe(id);
    expect(timer.fired).toBe(0);
    // Done, and nothing else to wait for: back to the long sleep.
    expect(await timer.asleep()).toBe(600_000);
  });

  it('a worker sleeps until the next job is due (a scheduled story at its minute), a recurring job, or a lease running out', async () => {
    harness = await queueHarness(kind);
    const clock = new FixedClock();
    const timer = new ManualSleep();
    const q = harness.queue({ clock: clock.now, safetyPollMs: 600_000, sleep: timer.sleep });
    const runs: string[] = [];
    let ran!: () => void;
    let next = new Promise<void>((r) => (ran = r));
    q.register('publish', async (job) => {
      runs.push(job.payload as string);
      ran();
    });
    await q.start();
    expect(await timer.asleep()).toBe(600_000);
    await q.enqueue('publish', 'at 09:01', { runAt: new Date(clock.now().getTime() + 90_000) });
    // Woken by the enqueue, nothing due yet: asleep until the job's time, not the safety poll's.
    expect(await timer.asleep()).toBe(90_000);
    expect(runs).toEqual([]);
    clock.advance(90_000);
    timer.fire();
    await next;
    expect(runs).toEqual(['at 09:01']);

    // Another worker's job whose lease passes in 30 s: this one wakes then to take it over.
    await q.stop();
    next = new Promise<void>((r) => (ran = r));
    const other = new ManualSleep();
    const q2 = harness.queue({ clock: clock.now, safetyPollMs: 600_000, sleep: other.sleep });
    q2.register('publish', async (job) => {
      runs.push(job.payload as string);
      ran();
    });
    await q2.enqueue('publish', 'orphan');
    const store = new JobStore(harness.handle.db, harness.handle.dialect);
    expect(await store.claimJobs({ name: 'publish', worker: 'node-that-died', limit: 1, now: clock.now(), leaseMs: 30_000 })).toHaveLength(1);
    q2.every('sweep', 45_000, async () => {});
    await q2.start();
    // The recurring job ran at start and is due again in 45 s; the lease runs out first.
    expect(await other.asleep()).toBe(30_001);
    clock.advance(30_001);
    other.fire();
    await next;
    expect(runs).toEqual(['at 09:01', 'orphan']);
    expect(await other.asleep()).toBe(14_999);
  });

  // Only PostgreSQL carries notices between processes; SQLite's other processes are found by the safety poll.
  if (kind === 'postgres')
    it('a worker is woken by a job enqueued in another process (PostgreSQL notices)', async () => {
      harness = await queueHarness(kind);
      const clock = new FixedClock();
      const enqueuer = harness.queue({ clock: clock.now, worker: false });
      const timer = new ManualSleep();
      const h = harness.handle;
      const q = harness.queue({
        clock: clock.now,
        safetyPollMs: 600_000,
        sleep: timer.sleep,
        notices: (onNotice) => h.listen(JOBS_CHANNEL, onNotice, (m) => harness!.errors.push(m)),
      });
      let ran!: (job: JobRun) => void;
      const run = new Promise<JobRun>((r) => (ran = r));
      q.register('mail', async (job) => ran(job));
      await q.start();
      expect(await timer.asleep()).toBe(600_000);
      // start() resolved: this worker listens, so the other process's enqueue wakes it.
      const id = await enqueuer.enqueue('mail', 'reader@example.org');
      expect((await run).id).toBe(id);
      expect(timer.fired).toBe(0);
      expect(harness.errors).toEqual([]);
    });

  it('refuses nonsense options', async () => {
    harness = await queueHarness(kind);
    const q = harness.queue({ clock: new FixedClock().now });
    await expect(q.enqueue('x', null, { maxAttempts: 0 })).rejects.toThrow(RangeError);
    expect(() => q.register('x', async () => {}, { concurrency: 0 })).toThrow(RangeError);
    q.register('y', async () => {});
    expect(() => q.register('y', async () => {})).toThrow(/twice/);
  });
});
