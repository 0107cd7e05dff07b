import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/user.js';
import { redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { notFound } from '../http/errors.js';
import { idParams } from '../http/url-ids.js';
import { adminText } from '../i18n/admin-text.js';
import { RedirectsAdminPage } from '../views/pages/admin/redirect-admin-pages.js';
import { renderDocument } from '../views/render.js';
import type { RedirectService } from './redirect-service.js';

/** Old addresses stay cached downstream for an hour: long enough to spare the server, short enough to fix a mistake. */
const REDIRECT_CACHE = 'public, max-age=3600';

function answer(reply: FastifyReply, to: string) {
  return reply.code(301).header('location', to).header('cache-control', REDIRECT_CACHE).send();
}

/** The 404 path's last question: does this old address live somewhere now? One indexed lookup. */
export function answerRedirect(deps: { redirects: RedirectService }) {
  return async function followRedirect(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (req.url.length > 2000) return false;
    const to = await deps.redirects.resolve(req.url);
    if (!to) return false;
    void answer(reply, to);
    return true;
  };
}

/**
 * WordPress's `/?p=12` and `/index.php?p=12` reach the home page route, not the 404 path: this hook
 * sends them on first. The page cache does not key on `p`, so those URLs always reach Fastify; any
 * other home page request costs two character comparisons here.
 */
export function registerRedirectRoutes(deps: { redirects: RedirectService }) {
  return (app: FastifyInstance) => {
    app.addHook('onRequest', async (req, reply) => {
      const url = req.url;
      if (req.method !== 'GET' && req.method !== 'HEAD') return;
      if (!(url.charCodeAt(1) === 63 /* "/?" */ || url.startsWith('/index.php'))) return;
      const to = await deps.redirects.resolve(url);
      if (to) return answer(reply, to);
    });
  };
}

/** /admin/redirects: list, search, add, delete. */
export function registerRedirectAdminRoutes(deps: { redirects: RedirectService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const listPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      opts: {
        q: string;
        page: number;
        values?: { from: string; to: string };
        fields?: Record<string, string>;
        notice?: string;
        error?: string;
        status?: number;
      },
    ) => {
      const list = await deps.redirects.listRedirects(opts.q, opts.page);
      const href = (page: number) =>
        `/admin/redirects?${new URLSearchParams({ ...(opts.q ? { q: opts.q } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
      const chrome = await h.chrome(req, reply, { notice: opts.notice ?? null, error: opts.error ?? null });
      const html = renderDocument(
        RedirectsAdminPage({
          v: {
            chrome,
            rows: list.items.map((r) => ({ id: r.id, fromPath: r.fromPath, toPath: r.toPath, source: r.source, createdAt: r.createdAt })),
            total: list.total,
            q: opts.q,
            page: opts.page,
            nextHref: list.hasNext ? href(opts.page + 1) : null,
            prevHref: opts.page > 1 ? href(opts.page - 1) : null,
            form: { values: opts.values ?? { from: '', to: '' }, fields: opts.fields ?? {} },
          },
        }),
      );
      return h.sendPage(reply, html, opts.status ?? 200);
    };

    admin.get('/redirects', { config: { can: 'pages.manage' } }, async function showRedirectsPage(req, reply) {
      const query = z
        .object({
          q: z.string().max(200, 'the search is too long').default(''),
          page: z.coerce.number({ error: 'page must be a number' }).int().min(1).max(100_000).default(1),
          done: z.enum(['added', 'deleted']).optional(),
        })
        .parse(req.query);
      return listPage(req, reply, {
        q: query.q,
        page: query.page,
        ...(query.done ? { notice: adminText('admin.redirects.notice', { done: query.done }) } : {}),
      });
    });

    admin.post('/redirects', { config: { can: 'pages.manage' } }, async function submitNewRedirect(req, reply) {
      const body = z.object({ from: z.string().max(2000).default(''), to: z.string().max(2000).default('') }).parse(req.body ?? {});
      const result = await deps.redirects.addRedirect(body.from, body.to, { now: deps.clock(), actor: actorOf(staffOf(req).user) });
      if (!result.ok) return listPage(req, reply, { q: '', page: 1, values: body, fields: result.fields, error: result.message, status: 422 });
      return redirect(reply, '/admin/redirects?done=added');
    });

    admin.post('/redirects/:id/delete', { config: { can: 'pages.manage' } }, async function submitRedirectDeletion(req, reply) {
      const { id } = idParams.parse(req.params);
      if (!(await deps.redirects.deleteRedirect(id, { now: deps.clock(), actor: actorOf(staffOf(req).user) }))) throw notFound('redirect');
      return redirect(reply, '/admin/redirects?done=deleted');
    });
  };
}
