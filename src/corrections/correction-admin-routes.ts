import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFrom, redirect } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { HttpError, notFound } from '../http/errors.js';
import { adminText } from '../i18n/admin-text.js';
import { CorrectionQueuePage, CorrectionReportPage, type QueueItemView } from '../views/pages/admin/correction-admin-pages.js';
import { renderDocument } from '../views/render.js';
import { REPORT_STATUSES } from './correction.js';
import type { CorrectionService, ReportInContext } from './correction-service.js';
import { idParams } from '../http/url-ids.js';
import type { MomentView } from '../views/format.js';

const toView = (x: ReportInContext, moment: (iso: string) => MomentView): QueueItemView => ({
  id: x.report.id,
  status: x.report.status,
  count: x.report.count,
  contacts: x.report.contacts,
  suggestion: x.report.suggestion,
  articleHeadline: x.article.headline,
  articleEditHref: `/admin/articles/${x.article.id}`,
  placement: x.placement.status,
  quote: x.report.quote.exact,
  context: x.context,
  received: moment(x.report.createdAt),
});

/** The corrections desk in /admin: the queue, one report, its status, and notes. */
export function registerCorrectionAdminRoutes(deps: { corrections: CorrectionService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    admin.get('/corrections', { config: { can: 'corrections.manage' } }, async function showCorrectionQueue(req, reply) {
      const q = z
        .object({ status: z.enum([...REPORT_STATUSES, 'all']).default('new'), page: z.coerce.number().int().min(1).max(100_000).default(1) })
        .parse(req.query);
      const queue = await deps.corrections.listQueue(q.status === 'all' ? null : q.status, q.page);
      // Reports about the same article are grouped; within it, reports on the same passage sit together.
      const moment = await h.moments();
      const groups = new Map<number, { articleHeadline: string; articleEditHref: string; items: QueueItemView[] }>();
      for (const x of queue.items) {
        const g = groups.get(x.article.id) ?? { articleHeadline: x.article.headline, articleEditHref: `/admin/articles/${x.article.id}`, items: [] };
        g.items.push(toView(x, moment));
        groups.set(x.article.id, g);
      }
      for (const g of groups.values()) g.items.sort((a, b) => a.context.passage.localeCompare(b.context.passage) || b.count - a.count);
      return h.sendPage(
        reply,
        renderDocument(
          CorrectionQueuePage({ chrome: await h.chrome(req, reply), status: q.status, groups: [...groups.values()], page: q.page, hasNext: queue.hasNext }),
        ),
      );
    });

    const reportPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      id: number,
      extra: { notice?: string; noteError?: string; noteValues?: { kind: string; body: string }; status?: number } = {},
    ) => {
      const item = await deps.corrections.findReport(id);
      if (!item) throw notFound('report');
      const fixHref = `/admin/articles/${item.article.id}?find=${encodeURIComponent(item.report.quote.exact.slice(0, 200))}`;
      const chrome = await h.chrome(req, reply, { notice: extra.notice ?? null });
      return h.sendPage(
        reply,
        renderDocument(
          CorrectionReportPage({
            chrome,
            item: toView(item, await h.moments()),
            fixHref,
            noteError: extra.noteError ?? null,
            noteValues: extra.noteValues ?? { kind: 'correction', body: '' },
          }),
        ),
        extra.status ?? 200,
      );
    };

    admin.get('/corrections/:id', { config: { can: 'corrections.manage' } }, async function showCorrectionReport(req, reply) {
      const { id } = idParams.parse(req.params);
      return reportPage(req, reply, id);
    });

    admin.post('/corrections/:id/status', { config: { can: 'corrections.manage' } }, async function submitReportStatus(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const { status } = z.object({ status: z.enum(REPORT_STATUSES, { error: `status must be one of ${REPORT_STATUSES.join(', ')}` }) }).parse(req.body);
      const result = await deps.corrections.setStatus(id, status, actor, deps.clock());
      if (!result.ok) throw new HttpError(404, result.message);
      return reportPage(req, reply, id, {
        notice: adminText('admin.corrections.notice.marked', { status: adminText('admin.corrections.status', { status }), told: result.notified }),
      });
    });

    admin.post('/corrections/:id/note', { config: { can: 'corrections.manage' } }, async function submitCorrectionNote(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const body = z.object({ kind: z.string().max(20).default('correction'), body: z.string().max(5000).default('') }).parse(req.body);
      const item = await deps.corrections.findReport(id);
      if (!item) throw notFound('report');
      const result = await deps.corrections.publishNote(
        { articleId: item.article.id, kind: body.kind as 'correction', body: body.body, reportId: id },
        actor,
        deps.clock(),
      );
      if (!result.ok) return reportPage(req, reply, id, { noteError: result.message, noteValues: body, status: 422 });
      return redirect(reply, `/admin/corrections/${id}?published=1`);
    });
  };
}
