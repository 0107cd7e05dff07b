import { cacheKeys, type Invalidator } from '../cache/cache-keys.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { SearchSync } from './search-sync.js';

/** How many of a new story's closest stories get their own lists recomputed: the bound on background work. */
export const NEIGHBOURS = 8;

export const RELATED_JOB = 'search.refresh-related';
/** Recomputes every public story's list, one chunk per job (after a bulk import). */
export const RELATED_BACKFILL_JOB = 'search.related-backfill';
const BACKFILL_CHUNK = 200;

export interface RelatedStores {
  search: SearchSync;
}

/** Keeps other stories' related lists fresh when one is published, in the background, and rebuilds them all. */
export class RelatedService {
  constructor(
    private readonly uow: UnitOfWork<RelatedStores>,
    private readonly invalidator: Invalidator,
    private readonly jobs: JobQueue,
    private readonly log: (message: string, err: unknown) => void,
  ) {
    jobs.register(RELATED_JOB, async (job) => {
      const { ids, at } = job.payload as { ids: number[]; at: string };
      await this.refreshNeighbours(ids, new Date(at));
    });
    jobs.register(RELATED_BACKFILL_JOB, async (job) => {
      const { after, at } = job.payload as { after: number; at: string };
      const last = await this.recomputeChunk(after, new Date(at));
      // The next chunk is its own job: each stays short, and a crash repeats one chunk, not the pass.
      if (last !== null) await this.jobs.enqueue(RELATED_BACKFILL_JOB, { after: last, at }, { key: `related-backfill:${last}` });
    });
  }

  /**
   * After a bulk import has committed: queues one pass over every public story's list, in chunks of
   * BACKFILL_CHUNK, oldest id first. Bounded: one ranked query per story, never the neighbours' too.
   * Until a story's turn comes, its page shows stories sharing its tags (ArticleService.listRelatedArticles).
   */
  async backfillAfterImport(now: Date): Promise<void> {
    await this.jobs.enqueue(RELATED_BACKFILL_JOB, { after: 0, at: now.toISOString() }, { key: 'related-backfill' });
  }

  /** One chunk of the backfill: the public stories after id `after`. Returns the last id, or null when none were left. */
  private async recomputeChunk(after: number, now: Date): Promise<number | null> {
    const ids = await this.uow.stores.search.related.listPublishedIds(after, BACKFILL_CHUNK, now.toISOString());
    if (!ids.length) return null;
    const changed = await this.uow.transaction(async (s) => {
      const out: number[] = [];
      for (const id of ids) if (await s.search.recomputeRelated(id, now)) out.push(id);
      return out;
    });
    await this.purge(changed);
    return ids.length < BACKFILL_CHUNK ? null : ids[ids.length - 1]!;
  }

  /**
   * Call after a publish or edit has committed. Queues a job that recomputes the lists the stories should
   * now appear in. Never rejects: the write has committed, and the next edit recomputes anyway.
   */
  async storiesWritten(ids: number[], now: Date): Promise<void> {
    if (!ids.length) return;
    await this.jobs.enqueue(RELATED_JOB, { ids, at: now.toISOString() }).catch((err: unknown) => this.log('could not queue the related-stories job', err));
  }

  /**
   * The stories closest to each of `ids` (its own top list: similarity is mutual) recompute their lists,
   * each in its own short transaction. Purges the pages whose list changed; returns their ids.
   */
  async refreshNeighbours(ids: number[], now: Date): Promise<number[]> {
    const changed = new Set<number>();
    for (const id of ids) {
      // An import commits a batch at once: its first stories were compared before the rest existed.
      if (await this.uow.transaction((s) => s.search.recomputeRelated(id, now))) changed.add(id);
      const own = (await this.uow.stores.search.listRelatedIds(id)) ?? [];
      for (const neighbour of own.slice(0, NEIGHBOURS)) {
        if (await this.uow.transaction((s) => s.search.recomputeRelated(neighbour, now))) changed.add(neighbour);
      }
    }
    await this.purge([...changed]);
    return [...changed];
  }

  /** Recomputes every public story's list (after a reindex, or for an archive imported before search existed). */
  async recomputeAll(now: Date, progress: (done: number, total: number) => void = () => {}): Promise<number> {
    const total = await this.uow.stores.search.related.maxArticleId();
    let after = 0;
    let done = 0;
    for (;;) {
      const ids = await this.uow.stores.search.related.listPublishedIds(after, 200, now.toISOString());
      if (ids.length === 0) break;
      await this.uow.transaction(async (s) => {
        for (const id of ids) await s.search.recomputeRelated(id, now);
      });
      done += ids.length;
      after = ids[ids.length - 1]!;
      progress(after, total);
    }
    await this.invalidator.invalidate([cacheKeys.site]);
    return done;
  }

  private async purge(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const slugs = await this.uow.stores.search.related.findSlugs(ids);
    await this.invalidator.invalidate([...slugs.values()].map((s) => cacheKeys.article(s)));
  }
}
