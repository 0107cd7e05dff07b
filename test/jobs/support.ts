import { JobStore } from '../../src/jobs/job-store.js';
import { TableJobQueue, type SleepTimer, type TableJobQueueOptions } from '../../src/jobs/table-queue.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/** A migrated database of its own, and a way to make queues (workers) over it, each with its own connection. */
export async function queueHarness(kind: 'sqlite' | 'postgres') {
  const db: TestDatabase = await createTestDatabase(kind);
  const handles: DatabaseHandle[] = [];
  const open = () => {
    const h = openDatabase(db.config, db.pgSchema ? { pgSchema: db.pgSchema } : {});
    handles.push(h);
    return h;
  };
  const first = open();
  await migrate(first.db, first.dialect);
  const errors: string[] = [];
  const queues: TableJobQueue[] = [];
  return {
    db,
    handle: first,
    errors,
    queue(opts: Partial<TableJobQueueOptions> & { clock: () => Date }): TableJobQueue {
      const h = queues.length === 0 ? first : open();
      const q = new TableJobQueue({ store: new JobStore(h.db, h.dialect), onError: (m) => errors.push(m), random: () => 0, ...opts });
      queues.push(q);
      return q;
    },
    async close() {
      for (const q of queues) await q.stop();
      for (const h of handles) await h.close();
      await db.cleanup();
    },
  };
}

/**
 * The worker's sleep, fired by hand: a test reads how long the worker chose to sleep, and no wall-clock
 * time passes. `fired` counts the sleeps that ran out (a job found only that way came from the poll).
 */
export class ManualSleep {
  fired = 0;
  private current: { wake: () => void; ms: number } | null = null;
  private waiting: ((ms: number) => void)[] = [];

  readonly sleep: SleepTimer = (wake, ms) => {
    const entry = { wake, ms };
    this.current = entry;
    for (const w of this.waiting.splice(0)) w(ms);
    return () => {
      if (this.current === entry) this.current = null;
    };
  };

  /** The length of the sleep the worker is in, or of the next one it starts. */
  asleep(): Promise<number> {
    return this.current ? Promise.resolve(this.current.ms) : new Promise((r) => this.waiting.push(r));
  }

  /** Ends the current sleep as if its time had come. */
  fire(): void {
    const entry = this.current;
    if (!entry) throw new Error('the worker is not asleep');
    this.current = null;
    this.fired++;
    entry.wake();
  }
}
