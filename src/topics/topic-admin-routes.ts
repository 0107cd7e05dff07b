import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFrom, redirect } from '../admin/admin-context.js';
import type { AdminHelpers, Moments } from '../admin/admin-routes.js';
import { HttpError, notFound } from '../http/errors.js';
import { adminText } from '../i18n/admin-text.js';
import { TopicAdminListPage, TopicAdminPage, type AdminTopicRow, type TopicAdminPageView, type TopicFormName } from '../views/pages/admin/topic-admin-pages.js';
import { renderDocument } from '../views/render.js';
import { allowedNextStatuses, TOPIC_STATUSES, type TopicStatus, type TopicWithTally } from './topic.js';
import type { TopicService } from './topic-service.js';
import { idParams, idSchema } from '../http/url-ids.js';

const DONE = {
  saved: () => adminText('admin.topics.notice.saved'),
  status: () => adminText('admin.topics.notice.status'),
  linked: () => adminText('admin.topics.notice.linked'),
  unlinked: () => adminText('admin.topics.notice.unlinked'),
  merged: () => adminText('admin.topics.notice.merged'),
} as const;

/** A status as the newsroom's pages name it. */
const STATUS_TEXT: Record<TopicStatus, () => string> = {
  open: () => adminText('admin.topics.status.open'),
  planned: () => adminText('admin.topics.status.planned'),
  in_progress: () => adminText('admin.topics.status.in_progress'),
  covered: () => adminText('admin.topics.status.covered'),
  declined: () => adminText('admin.topics.status.declined'),
};

/** "12 votes from 9 patrons, 2 of them former patrons", with plural rules. */
function tallyText(tally: TopicWithTally['tally']): string {
  if (tally.voters === 0) return adminText('admin.topics.tally.none');
  const weighted = tally.weight !== tally.voters;
  const base = weighted
    ? adminText('admin.topics.tally.weighted', { votes: tally.weight, patrons: tally.voters })
    : adminText('admin.topics.tally.votes', { votes: tally.voters });
  if (tally.fromFormer === 0) return base;
  return weighted
    ? adminText('admin.topics.tally.formerWeighted', { base, former: tally.fromFormer })
    : adminText('admin.topics.tally.former', { base, former: tally.fromFormer });
}
const doneQuery = z.object({ done: z.enum(Object.keys(DONE) as [keyof typeof DONE]).optional() });

const adminHref = (id: number) => `/admin/topics/${id}`;

const toRow = (t: TopicWithTally, moment: Moments): AdminTopicRow => ({
  id: t.id,
  href: adminHref(t.id),
  publicHref: `/topics/${t.id}`,
  title: t.title,
  status: t.status,
  statusLabel: STATUS_TEXT[t.status](),
  tallyText: tallyText(t.tally),
  weight: t.tally.weight,
  proposed: moment(t.createdAt),
});

type Values = TopicAdminPageView['values'];

/** Curation in /admin: the list, one topic's words and status, merges, and linked articles. Editors and up. */
export function registerTopicAdminRoutes(deps: { topics: TopicService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const topicPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      id: number,
      extra: { error?: { form: TopicFormName; message: string }; values?: Partial<Values>; notice?: string | null } = {},
    ) => {
      const found = await deps.topics.findForNewsroom(id, deps.clock());
      if (!found) throw notFound('topic');
      const { topic } = found;
      const values: Values = {
        title: topic.title,
        description: topic.description,
        status: topic.status,
        reason: topic.statusReason,
        into: '',
        slug: '',
        ...extra.values,
      };
      const html = renderDocument(
        TopicAdminPage({
          chrome: await h.chrome(req, reply, { notice: extra.notice ?? null }),
          topic: {
            ...toRow(topic, await h.moments()),
            description: topic.description,
            statusReason: topic.statusReason,
            mergedInto: topic.mergedIntoId === null ? null : { id: topic.mergedIntoId, href: adminHref(topic.mergedIntoId) },
            statusOptions: [topic.status, ...allowedNextStatuses(topic.status)].map((s) => ({ value: s, label: STATUS_TEXT[s]() })),
          },
          articles: found.articles.map((a) => ({ id: a.id, title: a.headline, href: `/admin/articles/${a.id}`, slug: a.slug })),
          mergedFrom: found.mergedFrom.map((m) => ({ id: m.id, title: m.title, href: adminHref(m.id) })),
          values,
          error: extra.error ?? null,
        }),
      );
      return h.sendPage(reply, html, extra.error ? 422 : 200);
    };

    admin.get('/topics', { config: { can: 'topics.manage' } }, async function showTopicList(req, reply) {
      const q = z
        .object({ status: z.enum([...TOPIC_STATUSES, 'all']).default('open'), page: z.coerce.number().int().min(1).max(100_000).default(1) })
        .parse(req.query);
      const list = await deps.topics.listForNewsroom({ status: q.status === 'all' ? null : q.status, page: q.page }, deps.clock());
      const moment = await h.moments();
      return h.sendPage(
        reply,
        renderDocument(
          TopicAdminListPage({
            chrome: await h.chrome(req, reply),
            status: q.status,
            items: list.items.map((t) => toRow(t, moment)),
            page: q.page,
            hasNext: list.hasNext,
          }),
        ),
      );
    });

    admin.get('/topics/:id', { config: { can: 'topics.manage' } }, async function showTopicAdmin(req, reply) {
      const { id } = idParams.parse(req.params);
      const { done } = doneQuery.parse(req.query);
      return topicPage(req, reply, id, { notice: done ? DONE[done]() : null });
    });

    admin.post('/topics/:id', { config: { can: 'topics.manage' } }, async function submitTopicText(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const body = z.object({ title: z.string().max(5000).default(''), description: z.string().max(20_000).default('') }).parse(req.body ?? {});
      const result = await deps.topics.editTopic(id, body, { now: deps.clock(), actor });
      if (!result.ok) {
        if (result.status === 404) throw notFound('topic');
        return topicPage(req, reply, id, { error: { form: 'text', message: result.message }, values: body });
      }
      return redirect(reply, `${adminHref(id)}?done=saved`);
    });

    admin.post('/topics/:id/status', { config: { can: 'topics.manage' } }, async function submitTopicStatus(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const body = z.object({ status: z.string().max(40).default(''), reason: z.string().max(5000).default('') }).parse(req.body ?? {});
      const result = await deps.topics.setStatus(id, body, { now: deps.clock(), actor });
      if (!result.ok) {
        if (result.status === 404) throw notFound('topic');
        return topicPage(req, reply, id, { error: { form: 'status', message: result.message }, values: body });
      }
      return redirect(reply, `${adminHref(id)}?done=status`);
    });

    admin.post('/topics/:id/merge', { config: { can: 'topics.manage' } }, async function submitTopicMerge(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const body = z.object({ into: z.string().max(20).default('') }).parse(req.body ?? {});
      const into = /^[1-9][0-9]{0,8}$/.test(body.into.trim()) ? Number(body.into.trim()) : null;
      if (into === null) return topicPage(req, reply, id, { error: { form: 'merge', message: adminText('admin.topics.merge.noNumber') }, values: body });
      const result = await deps.topics.merge(id, into, { now: deps.clock(), actor });
      if (!result.ok) {
        if (result.status === 404) throw notFound('topic');
        return topicPage(req, reply, id, { error: { form: 'merge', message: result.message }, values: body });
      }
      return redirect(reply, `${adminHref(into)}?done=merged`);
    });

    admin.post('/topics/:id/articles', { config: { can: 'topics.manage' } }, async function submitTopicArticle(req, reply) {
      const actor = actorFrom(req);
      const { id } = idParams.parse(req.params);
      const body = z.object({ slug: z.string().max(200).default('') }).parse(req.body ?? {});
      const result = await deps.topics.linkArticle(id, body.slug, { now: deps.clock(), actor });
      if (!result.ok) {
        if (result.status === 404) throw notFound('topic');
        return topicPage(req, reply, id, { error: { form: 'link', message: result.message }, values: body });
      }
      return redirect(reply, `${adminHref(id)}?done=linked`);
    });

    admin.post('/topics/:id/articles/:articleId/remove', { config: { can: 'topics.manage' } }, async function submitTopicUnlink(req, reply) {
      const actor = actorFrom(req);
      const { id, articleId } = idParams.extend({ articleId: idSchema('articleId') }).parse(req.params);
      const result = await deps.topics.unlinkArticle(id, articleId, { now: deps.clock(), actor });
      if (!result.ok) throw new HttpError(result.status, result.message);
      return redirect(reply, `${adminHref(id)}?done=unlinked`);
    });
  };
}
