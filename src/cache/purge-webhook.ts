import type { JobQueue } from '../jobs/job-queue.js';
import type { SurrogateKey } from './cache-keys.js';

export const PURGE_WEBHOOK_JOB = 'cache.purge-webhook';

/**
 * Tells a CDN (or anything else) which surrogate keys to purge: POST {"keys": [...]} as JSON. Each purge
 * is a job, so a webhook that is down gets the keys later (retries with backoff) instead of never, and
 * the write that caused it never waits for or fails on the webhook. Returns the `webhook` callback for
 * `invalidatorFor`; registers the job's handler on `jobs`.
 */
export function purgeWebhook(url: string, jobs: JobQueue, log: (msg: string, err?: unknown) => void, timeoutMs = 5000) {
  jobs.register(
    PURGE_WEBHOOK_JOB,
    async (job) => {
      const { keys } = job.payload as { keys: SurrogateKey[] };
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': job.id },
        body: JSON.stringify({ keys }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`purge webhook answered ${res.status}`);
    },
    { concurrency: 2 },
  );
  return async (keys: SurrogateKey[]): Promise<void> => {
    try {
      await jobs.enqueue(PURGE_WEBHOOK_JOB, { keys }, { maxAttempts: 6 });
    } catch (err) {
      log('could not queue the purge webhook', err);
    }
  };
}
