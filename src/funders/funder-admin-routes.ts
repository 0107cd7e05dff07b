import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/user.js';
import { redirect, staffOf } from '../admin/admin-context.js';
import { uploadedFile } from '../admin/admin-uploads.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { notFound } from '../http/errors.js';
import { idParams } from '../http/url-ids.js';
import type { Urls } from '../site/urls.js';
import type { SiteService } from '../site/site-service.js';
import { FunderEditPage, FundersAdminPage, type FunderFormView } from '../views/pages/admin/funder-admin-pages.js';
import { renderDocument } from '../views/render.js';
import { creditParts, type Funder } from './funder.js';
import type { FunderService } from './funder-service.js';

export interface FunderAdminDeps {
  funders: FunderService;
  site: SiteService;
  urls: Urls;
  clock: () => Date;
}

const str = (max: number) => z.string().max(max).default('');
/** The multipart form: text fields arrive as strings, the logo as a temporary file (0 bytes when no file was chosen). */
const funderBody = z.object({
  name: str(1000),
  url: str(2000),
  line: str(1000),
  position: str(12),
  logo: uploadedFile.optional(),
  removeLogo: z.string().max(1).optional(),
});

const blankForm: FunderFormView = { id: null, values: { name: '', url: '', line: '', position: '0' }, logoSrc: null, fields: {} };

/** /admin/funders: admins and owners keep the list of site-wide funders. */
export function registerFunderAdminRoutes(deps: FunderAdminDeps) {
  const logoSrc = (f: Funder) => (f.logo ? deps.urls.media(f.logo.hash, f.logo.widths[0]!, 'webp') : null);
  const formOf = (f: Funder): FunderFormView => ({
    id: f.id,
    values: { name: f.name, url: f.url, line: f.line, position: String(f.position) },
    logoSrc: logoSrc(f),
    fields: {},
  });

  return (admin: FastifyInstance, h: AdminHelpers) => {
    const listPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      form: FunderFormView,
      extra: { notice?: string; error?: string; status?: number } = {},
    ) => {
      const [funders, site] = await Promise.all([deps.funders.listFunders(), deps.site.getSettings()]);
      const rows = funders.map((f) => {
        const parts = creditParts(f, site.name);
        return { id: f.id, name: f.name, url: f.url, credit: `${parts.before}${f.name}${parts.after}`, logoSrc: logoSrc(f), position: f.position };
      });
      const chrome = await h.chrome(req, reply, { notice: extra.notice ?? null, error: extra.error ?? null });
      return h.sendPage(reply, renderDocument(FundersAdminPage({ chrome, rows, form })), extra.status ?? 200);
    };

    void admin.register(async (scope) => {
      scope.get('/funders', { config: { can: 'funders.manage' } }, async function showFundersPage(req, reply) {
        const { done } = z.object({ done: z.enum(['added', 'saved', 'removed']).optional() }).parse(req.query);
        const notice = done ? `Funder ${done}. The footer of every page shows it now.` : undefined;
        return listPage(req, reply, blankForm, notice ? { notice } : {});
      });

      scope.post('/funders', { config: { can: 'funders.manage' } }, async function submitNewFunder(req, reply) {
        const body = funderBody.parse(req.body);
        const result = await deps.funders.addFunder(body, { file: body.logo ?? null }, { now: deps.clock(), actor: actorOf(staffOf(req).user) });
        if (!result.ok) return listPage(req, reply, { ...blankForm, values: body, fields: result.fields }, { error: result.message, status: result.status });
        return redirect(reply, '/admin/funders?done=added');
      });

      scope.get('/funders/:id', { config: { can: 'funders.manage' } }, async function showEditFunderPage(req, reply) {
        const { id } = idParams.parse(req.params);
        const funder = await deps.funders.findFunder(id);
        if (!funder) throw notFound('funder');
        return h.sendPage(reply, renderDocument(FunderEditPage({ chrome: await h.chrome(req, reply), form: formOf(funder) })));
      });

      scope.post('/funders/:id', { config: { can: 'funders.manage' } }, async function submitFunder(req, reply) {
        const { id } = idParams.parse(req.params);
        const body = funderBody.parse(req.body);
        const result = await deps.funders.updateFunder(
          id,
          body,
          { file: body.logo ?? null, remove: body.removeLogo === '1' },
          { now: deps.clock(), actor: actorOf(staffOf(req).user) },
        );
        if (!result.ok) {
          if (result.status === 404) throw notFound('funder');
          const current = await deps.funders.findFunder(id);
          const form: FunderFormView = { id, values: body, logoSrc: current ? logoSrc(current) : null, fields: result.fields };
          return h.sendPage(reply, renderDocument(FunderEditPage({ chrome: await h.chrome(req, reply, { error: result.message }), form })), result.status);
        }
        return redirect(reply, '/admin/funders?done=saved');
      });

      scope.post('/funders/:id/delete', { config: { can: 'funders.manage' } }, async function submitFunderRemoval(req, reply) {
        const { id } = idParams.parse(req.params);
        const result = await deps.funders.removeFunder(id, { now: deps.clock(), actor: actorOf(staffOf(req).user) });
        if (!result.ok) throw notFound('funder');
        return redirect(reply, '/admin/funders?done=removed');
      });
    });
  };
}
