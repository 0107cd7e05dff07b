import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/user.js';
import { redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { bodyText } from '../articles/article-body.js';
import { cacheKeys } from '../cache/cache-keys.js';
import { notFound } from '../http/errors.js';
import { sendHtml } from '../http/responses.js';
import { idParams } from '../http/url-ids.js';
import { adminText } from '../i18n/admin-text.js';
import { StaticPageView } from '../views/pages/site/static-page.js';
import { PageEditPage, PagesAdminPage, type PageFormView } from '../views/pages/admin/page-admin-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { StaticPage } from './page.js';
import type { PageService } from './page-service.js';

export interface PageRouteDeps {
  pages: PageService;
  pageContext: (now: Date) => Promise<PresenterContext>;
  clock: () => Date;
}

/**
 * Serves a static page at its path. Called only for GET/HEAD requests no route matched (the 404
 * path), so cached pages and routed pages never pay for the lookup. `/about/` answers like `/about`.
 */
export function answerStaticPage(deps: PageRouteDeps) {
  return async function showStaticPage(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const path = req.url.split('?')[0]!;
    if (path.length > 201) return false;
    const page = await deps.pages.findPageAt(path.replace(/\/+$/, ''));
    if (!page) return false;
    if (page.path !== path) {
      // One address per page: `/About/` and `/about/` go to `/about`.
      void reply.code(301).header('location', page.path).header('cache-control', 'public, max-age=3600').send();
      return true;
    }
    const now = deps.clock();
    const ctx = await deps.pageContext(now);
    const description = bodyText(page.bodyHtml)
      .slice(0, 200)
      .replace(/\s+\S*$/, '');
    const html = renderDocument(
      StaticPageView({
        v: {
          chrome: presentChrome(ctx),
          head: { title: `${page.title} · ${ctx.site.name}`, description, canonical: ctx.urls.absolute(page.path), ogType: 'website', image: null, jsonLd: [] },
          title: page.title,
          bodyHtml: page.bodyHtml,
        },
      }),
    );
    void sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.page(page.id)] });
    return true;
  };
}

const pageBody = z.object({
  title: z.string().max(1000).default(''),
  path: z.string().max(1000).default(''),
  body: z.string().max(400_000).default(''),
  bodyFormat: z.enum(['markdown', 'html']).default('markdown'),
  inFooter: z.string().max(1).optional(),
  footerPosition: z.string().max(12).default('0'),
});

const blankForm: PageFormView = {
  id: null,
  values: { path: '', title: '', body: '', bodyFormat: 'markdown', inFooter: false, footerPosition: '0' },
  fields: {},
};

function formOf(p: StaticPage): PageFormView {
  return {
    id: p.id,
    values: { path: p.path, title: p.title, body: p.bodySource, bodyFormat: p.bodyFormat, inFooter: p.inFooter, footerPosition: String(p.footerPosition) },
    fields: {},
  };
}

/** The form as the service takes it; a footer order that is not a number is reported on its field. */
function draftOf(body: z.infer<typeof pageBody>) {
  const pos = body.footerPosition.trim();
  return {
    draft: {
      title: body.title,
      path: body.path,
      body: body.body,
      bodyFormat: body.bodyFormat,
      inFooter: body.inFooter === '1',
      footerPosition: /^\d{1,3}$/.test(pos) ? Number(pos) : 0,
    },
    positionError: pos === '' || /^\d{1,3}$/.test(pos) ? null : adminText('admin.pages.problem.footerOrder'),
    values: {
      path: body.path,
      title: body.title,
      body: body.body,
      bodyFormat: body.bodyFormat,
      inFooter: body.inFooter === '1',
      footerPosition: body.footerPosition,
    },
  };
}

/** /admin/pages: editors add, edit and delete static pages. */
export function registerPageAdminRoutes(deps: { pages: PageService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const listPage = async (req: FastifyRequest, reply: FastifyReply, form: PageFormView, extra: { notice?: string; error?: string; status?: number } = {}) => {
      const pages = await deps.pages.listPages();
      const rows = pages.map((p) => ({ id: p.id, path: p.path, title: p.title, inFooter: p.inFooter, updatedAt: p.updatedAt }));
      const chrome = await h.chrome(req, reply, { notice: extra.notice ?? null, error: extra.error ?? null });
      return h.sendPage(reply, renderDocument(PagesAdminPage({ chrome, rows, form })), extra.status ?? 200);
    };

    admin.get('/pages', { config: { can: 'pages.manage' } }, async function showPagesPage(req, reply) {
      const { done } = z.object({ done: z.enum(['added', 'saved', 'deleted']).optional() }).parse(req.query);
      return listPage(req, reply, blankForm, done ? { notice: adminText('admin.pages.notice', { done }) } : {});
    });

    admin.post('/pages', { config: { can: 'pages.manage' } }, async function submitNewPage(req, reply) {
      const { draft, positionError, values } = draftOf(pageBody.parse(req.body ?? {}));
      if (positionError)
        return listPage(
          req,
          reply,
          { ...blankForm, values, fields: { footerPosition: positionError } },
          { error: adminText('admin.pages.problem.notSaved'), status: 422 },
        );
      const result = await deps.pages.savePage(null, draft, { now: deps.clock(), actor: actorOf(staffOf(req).user) });
      if (!result.ok) return listPage(req, reply, { ...blankForm, values, fields: result.fields }, { error: result.message, status: result.status });
      return redirect(reply, '/admin/pages?done=added');
    });

    admin.get('/pages/:id', { config: { can: 'pages.manage' } }, async function showEditPagePage(req, reply) {
      const { id } = idParams.parse(req.params);
      const page = await deps.pages.findPage(id);
      if (!page) throw notFound('page');
      return h.sendPage(reply, renderDocument(PageEditPage({ chrome: await h.chrome(req, reply), form: formOf(page) })));
    });

    admin.post('/pages/:id', { config: { can: 'pages.manage' } }, async function submitPage(req, reply) {
      const { id } = idParams.parse(req.params);
      const { draft, positionError, values } = draftOf(pageBody.parse(req.body ?? {}));
      const fail = async (message: string, fields: Record<string, string>, status: number) =>
        h.sendPage(reply, renderDocument(PageEditPage({ chrome: await h.chrome(req, reply, { error: message }), form: { id, values, fields } })), status);
      if (positionError) return fail(adminText('admin.pages.problem.notSaved'), { footerPosition: positionError }, 422);
      const result = await deps.pages.savePage(id, draft, { now: deps.clock(), actor: actorOf(staffOf(req).user) });
      if (!result.ok) {
        if (result.status === 404) throw notFound('page');
        return fail(result.message, result.fields, result.status);
      }
      return redirect(reply, '/admin/pages?done=saved');
    });

    admin.post('/pages/:id/delete', { config: { can: 'pages.manage' } }, async function submitPageDeletion(req, reply) {
      const { id } = idParams.parse(req.params);
      if (!(await deps.pages.deletePage(id, { now: deps.clock(), actor: actorOf(staffOf(req).user) }))) throw notFound('page');
      return redirect(reply, '/admin/pages?done=deleted');
    });
  };
}
