import { PermanentJobError, type JobQueue } from '../jobs/job-queue.js';
import type { Mailer, Message } from './mailer.js';

export const MAIL_JOB = 'mail.send';

/**
 * Mail through the job queue: `send` records the message as a job (durable once it returns) and a
 * worker hands it to the real mailer. A 4xx answer or a lost connection is retried with backoff; a
 * 5xx answer (no such mailbox, rejected) goes straight to the dead-letter list in /admin/jobs.
 */
export class QueuedMailer implements Mailer {
  constructor(
    private readonly jobs: JobQueue,
    transport: Mailer,
  ) {
    jobs.register(
      MAIL_JOB,
      async (job) => {
        const m = job.payload as unknown as Message;
        try {
          await transport.send({ to: m.to, subject: m.subject, text: m.text });
        } catch (err) {
          const code = (err as { responseCode?: number }).responseCode;
          if (typeof code === 'number' && code >= 500)
            throw new PermanentJobError(`the mail server refused the message to ${m.to}: ${code} ${(err as Error).message}`);
          throw err;
        }
      },
      { concurrency: 2 },
    );
  }

  async send(message: Message): Promise<void> {
    await this.jobs.enqueue(MAIL_JOB, { to: message.to, subject: message.subject, text: message.text }, { maxAttempts: 6 });
  }
}
