import { JobStore } from '../../src/jobs/job-store.js';
import { TableJobQueue, type TableJobQueueOptions } from '../../src/jobs/table-queue.js';
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
