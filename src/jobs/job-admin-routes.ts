import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/user.js';
import { adminText } from '../i18n/admin-text.js';
import { redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers, Moments } from '../admin/admin-routes.js';
import type { AuditService } from '../audit/audit-service.js';
import { notFound } from '../http/errors.js';
import { JobsAdminPage, type JobListView, type JobRowView } from '../views/pages/admin/job-admin-pages.js';
import { renderDocument } from '../views/render.js';
import type { JobQueue, JobState, JobView } from './job-queue.js';
import { DONE_JOB_RETENTION_DAYS } from './recurring-jobs.js';

/** Rows shown per state: the dead-letter list is what needs reading; the rest is a glance at the queue. */
const PER_STATE = 50;

const jobParams = z.object({ id: z.uuid({ error: () => adminText('admin.jobs.id.invalid') }) });

const NOTICES = { retried: () => adminText('admin.jobs.notice.retried'), discarded: () => adminText('admin.jobs.notice.discarded') } as const;

/** Why a retry or discard was refused, in words an admin can act on (409: the job is no longer dead). */
const REFUSALS = {
  'not-dead': () => adminText('admin.jobs.refused.notDead'),
  'key-taken': () => adminText('admin.jobs.refused.keyTaken'),
} as const;

function rowOf(job: JobView, moment: Moments): JobRowView {
  return {
    id: job.id,
    name: job.name,
    attempts: adminText('admin.jobs.attempts', { attempt: job.attempt, max: job.maxAttempts }),
    runAt: moment(job.runAt),
    lastError: job.lastError,
    failedAt: job.failedAt ? moment(job.failedAt) : null,
    createdAt: moment(job.createdAt),
    recurring: job.recurring,
  };
}

/** /admin/jobs: the queue by state, and retry or discard for jobs that failed for good. Admins only: payloads carry readers' addresses. */
export function registerJobAdminRoutes(deps: { jobs: JobQueue; audit: AuditService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const jobsPage = async (req: FastifyRequest, reply: FastifyReply, opts: { notice?: string; error?: string; status?: number } = {}) => {
      const [counts, moment] = await Promise.all([deps.jobs.counts(), h.moments()]);
      const list = async (state: Exclude<JobState, 'done'>): Promise<JobListView> => ({
        rows: (await deps.jobs.listInState(state, PER_STATE)).map((j) => rowOf(j, moment)),
        total: counts[state],
      });
      const [dead, running, queued] = await Promise.all([list('dead'), list('running'), list('queued')]);
      const chrome = await h.chrome(req, reply, { notice: opts.notice ?? null, error: opts.error ?? null });
      const html = renderDocument(JobsAdminPage({ v: { chrome, dead, running, queued, done: counts.done, retentionDays: DONE_JOB_RETENTION_DAYS } }));
      return h.sendPage(reply, html, opts.status ?? 200);
    };

    admin.get('/jobs', { config: { can: 'jobs.manage' } }, async function showJobsPage(req, reply) {
      const { done } = z.object({ done: z.enum(['retried', 'discarded']).optional() }).parse(req.query);
      return jobsPage(req, reply, done ? { notice: NOTICES[done]() } : {});
    });

    // Retry and discard: one shape each; the audit log names who did it to which job.
    for (const [verb, done] of [
      ['retry', 'retried'],
      ['discard', 'discarded'],
    ] as const) {
      admin.post(`/jobs/:id/${verb}`, { config: { can: 'jobs.manage' } }, async function submitJobAction(req, reply) {
        const { id } = jobParams.parse(req.params);
        const job = await deps.jobs.findJob(id);
        const r = verb === 'retry' ? await deps.jobs.retry(id) : await deps.jobs.discard(id);
        if (!r.ok) {
          if (r.reason === 'not-found') throw notFound('job');
          return jobsPage(req, reply, { error: REFUSALS[r.reason](), status: 409 });
        }
        await deps.audit.record({ at: deps.clock(), actor: actorOf(staffOf(req).user), action: `job.${verb}`, subject: job?.name ?? id, detail: id });
        return redirect(reply, `/admin/jobs?done=${done}`);
      });
    }
  };
}
