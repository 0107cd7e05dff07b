import type { Issue } from './newsletter.js';
import type { NewsletterSender } from './newsletter-sender.js';
import type { NewsletterService } from './newsletter-service.js';

/** The part of the job queue (src/jobs/) newsletters use; structural, so any queue with these methods fits. */
export interface NewsletterQueue {
  enqueue(name: string, payload: { issueId: number }, opts?: { runAt?: Date; key?: string; maxAttempts?: number }): Promise<string>;
  register(
    name: string,
    handler: (job: { id: string; payload: unknown; attempt: number }) => Promise<void>,
    opts?: { concurrency?: number; leaseMs?: number },
  ): void;
  every(name: string, intervalMs: number, handler: () => Promise<void>): void;
}

export const SEND_JOB = 'newsletter.send';
export const PRUNE_JOB = 'newsletter.prune-unconfirmed';

/** Enqueues an issue's delivery for its send time; one live job per issue and time. */
export function scheduleOn(queue: NewsletterQueue): (issue: Issue) => Promise<void> {
  return async (issue) => {
    await queue.enqueue(SEND_JOB, { issueId: issue.id }, { runAt: new Date(issue.sendAt), key: `${SEND_JOB}:${issue.id}:${issue.sendAt}` });
  };
}

/**
 * The send job: start the issue (fixing its recipients) and deliver what is due. Deliveries waiting
 * for a retry get a follow-up job at their time; an issue another process holds is left to it.
 */
export function registerNewsletterJobs(queue: NewsletterQueue, deps: { sender: NewsletterSender; newsletters: NewsletterService; clock: () => Date }): void {
  queue.register(
    SEND_JOB,
    async (job) => {
      const issueId = Number((job.payload as { issueId?: unknown } | null)?.issueId);
      if (!Number.isInteger(issueId) || issueId <= 0) return;
      const result = await deps.sender.runIssue(issueId);
      if (result.state === 'waiting')
        await queue.enqueue(SEND_JOB, { issueId }, { runAt: new Date(result.nextAttemptAt), key: `${SEND_JOB}:${issueId}:${result.nextAttemptAt}` });
    },
    // A send of 10,000 messages outlasts the default lease: the sender holds its own per-issue lease, renewed per batch.
    { concurrency: 2, leaseMs: 5 * 60_000 },
  );
  queue.every(PRUNE_JOB, 3600_000, async () => {
    await deps.newsletters.pruneUnconfirmed(deps.clock());
  });
}
