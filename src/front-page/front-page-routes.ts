import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFrom, redirect } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import type { ArticleService } from '../articles/article-service.js';
import { adminText } from '../i18n/admin-text.js';
import type { SiteService } from '../site/site-service.js';
import { formatDateTime } from '../views/format.js';
import { FrontPageAdminPage } from '../views/pages/admin/front-page-admin-page.js';
import { renderDocument } from '../views/render.js';
import { FRONT_SLOT_COUNT } from './front-page.js';
import { slotName, type FrontPageService, type PinResult } from './front-page-service.js';

export interface FrontPageAdminDeps {
  frontPage: FrontPageService;
  articles: ArticleService;
  site: SiteService;
  clock: () => Date;
  /** The drag-and-drop script's address, or null. */
  scriptHref: string | null;
}

const slotField = z.coerce.number({ error: 'slot must be a number' }).int('slot must be a whole number');
const pinBody = z.object({ story: z.string().max(200).default(''), slot: z.string().max(4).default('0'), _csrf: z.string().max(200).optional() });
const moveBody = z.object({ from: slotField, to: slotField, _csrf: z.string().max(200).optional() });
const unpinBody = z.object({ slot: slotField, _csrf: z.string().max(200).optional() });
const DONE = {
  pinned: adminText('admin.frontPage.notice.pinned'),
  moved: adminText('admin.frontPage.notice.moved'),
  unpinned: adminText('admin.frontPage.notice.unpinned'),
} as const;

/** /admin/front-page: editors choose the lead and secondary stories. */
export function registerFrontPageAdminRoutes(deps: FrontPageAdminDeps) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const page = async (
      req: FastifyRequest,
      reply: FastifyReply,
      opts: { notice?: string; error?: string; status?: number; values?: { slot: string; story: string } } = {},
    ) => {
      const now = deps.clock();
      const [slots, latest, settings] = await Promise.all([
        deps.frontPage.listSlots(now),
        deps.articles.listLatest(1, now, { perPage: 60 }),
        deps.site.getSettings(),
      ]);
      const chrome = await h.chrome(req, reply, { notice: opts.notice ?? null });
      const html = renderDocument(
        FrontPageAdminPage({
          chrome,
          slots: slots.map((s) => ({
            slot: s.slot,
            name: slotName(s.slot),
            pinned: s.pinned,
            story: s.story
              ? {
                  headline: s.story.headline,
                  editHref: `/admin/articles/${s.story.id}`,
                  publishedText: s.story.publishedAt ? formatDateTime(s.story.publishedAt, settings) : '',
                }
              : null,
          })),
          choices: latest.items.map((a) => ({ slug: a.slug, headline: a.headline })),
          values: opts.values ?? { slot: '0', story: '' },
          error: opts.error ?? null,
          scriptHref: deps.scriptHref,
        }),
      );
      return h.sendPage(reply, html, opts.status ?? 200);
    };
    const answer = (req: FastifyRequest, reply: FastifyReply, result: PinResult, done: keyof typeof DONE, values?: { slot: string; story: string }) =>
      result.ok ? redirect(reply, `/admin/front-page?done=${done}`) : page(req, reply, { error: result.message, status: 422, ...(values ? { values } : {}) });

    admin.get('/front-page', { config: { can: 'front-page.manage' } }, async function showFrontPageAdmin(req, reply) {
      const { done } = z.object({ done: z.enum(['pinned', 'moved', 'unpinned']).optional() }).parse(req.query);
      return page(req, reply, done ? { notice: DONE[done] } : {});
    });

    admin.post('/front-page/pin', { config: { can: 'front-page.manage' } }, async function submitFrontPagePin(req, reply) {
      const body = pinBody.parse(req.body ?? {});
      const values = { slot: body.slot, story: body.story };
      if (!body.story) return page(req, reply, { error: adminText('admin.frontPage.problem.story'), status: 422, values });
      const slot = Number(body.slot);
      if (!/^\d$/.test(body.slot) || slot >= FRONT_SLOT_COUNT)
        return page(req, reply, { error: adminText('admin.frontPage.problem.slot'), status: 422, values });
      const result = await deps.frontPage.pin({ slot, articleSlug: body.story }, { now: deps.clock(), actor: actorFrom(req) });
      return answer(req, reply, result, 'pinned', values);
    });

    admin.post('/front-page/move', { config: { can: 'front-page.manage' } }, async function submitFrontPageMove(req, reply) {
      const parsed = moveBody.safeParse(req.body ?? {});
      if (!parsed.success) return page(req, reply, { error: adminText('admin.frontPage.problem.move'), status: 422 });
      return answer(req, reply, await deps.frontPage.move(parsed.data, { now: deps.clock(), actor: actorFrom(req) }), 'moved');
    });

    admin.post('/front-page/unpin', { config: { can: 'front-page.manage' } }, async function submitFrontPageUnpin(req, reply) {
      const parsed = unpinBody.safeParse(req.body ?? {});
      if (!parsed.success) return page(req, reply, { error: adminText('admin.frontPage.problem.unpin'), status: 422 });
      return answer(req, reply, await deps.frontPage.unpin(parsed.data.slot, { now: deps.clock(), actor: actorFrom(req) }), 'unpinned');
    });
  };
}
