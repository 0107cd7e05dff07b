import type { ArticleService } from '../articles/article-service.js';
import type { MemberService } from '../membership/member-service.js';
import type { PatronService } from '../membership/patron-service.js';
import type { JobQueue } from './job-queue.js';

interface Log {
  info(obj: object, msg: string): void;
}

export const PUBLISH_DUE_EVERY_MS = 15_000;
const LAPSE_EVERY_MS = 5 * 60_000;
/** Finished jobs are kept this long (for a look in the database after an incident), then deleted. */
export const DONE_JOB_RETENTION_DAYS = 7;

/**
 * The site's periodic work, as recurring jobs: one row each for every node, so with three app servers
 * a scheduled story is published once (and publishDueArticles' conditional UPDATE would refuse a second
 * time anyway). The clock is read when the job runs: nothing here keeps state in the process.
 */
export function registerRecurringJobs(
  jobs: JobQueue,
  deps: {
    articles: ArticleService;
    members: MemberService;
    patrons: PatronService;
    log: Log;
    clock?: () => Date;
    /** Work that follows a scheduled publication (newsletters waiting for their story), run after each pass. */
    afterPublish?: (now: Date) => Promise<void>;
  },
) {
  const now = deps.clock ?? (() => new Date());
  jobs.every('articles.publish-due', PUBLISH_DUE_EVERY_MS, async () => {
    const slugs = await deps.articles.publishDueArticles(now());
    if (slugs.length) deps.log.info({ slugs }, 'published scheduled articles');
    // Every pass, not only when this one published: a crash after a publish must not lose what follows it.
    await deps.afterPublish?.(now());
  });
  // Used and expired sign-in links are kept a day (for support questions), then dropped.
  jobs.every('members.prune-sign-in-links', 3600_000, () => deps.members.pruneExpiredLinks(now()));
  // Patronages lapse by the clock: purge the pages that count patrons. The window overlaps the last
  // run by a minute, so a late run misses nothing (a second purge of the same keys is harmless).
  jobs.every('patrons.purge-lapsed', LAPSE_EVERY_MS, async () => {
    const at = now();
    await deps.patrons.purgeLapsed(new Date(at.getTime() - LAPSE_EVERY_MS - 60_000), at);
  });
  // Done rows would otherwise pile up (every mail is one). Dead jobs stay until someone retries or discards them.
  jobs.every('jobs.forget-done', 3600_000, async () => {
    const forgotten = await jobs.forgetDoneBefore(new Date(now().getTime() - DONE_JOB_RETENTION_DAYS * 86_400_000));
    if (forgotten) deps.log.info({ forgotten }, 'deleted finished jobs past their retention');
  });
}
