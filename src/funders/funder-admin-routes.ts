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
import { translatedValues, translationFormValues, translationsFromForm } from '../i18n/outlet-text.js';
import { formLanguages } from '../views/pages/admin/translation-fields.js';
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

const FUNDER_TEXTS = ['line'] as const;

/** /admin/funders: admins and owners keep the list of site-wide funders. */
export function registerFunderAdminRoutes(deps: FunderAdminDeps) {
  const logoSrc = (f: Funder) => (f.logo ? deps.urls.media(f.logo.hash, f.logo.widths[0]!, 'webp') : null);
  const languages = async () => formLanguages(await deps.site.getSettings());
  const blankForm = async (): Promise<FunderFormView> => ({
    id: null,
    values: { name: '', url: '', line: '', position: '0' },
    translated: {},
    logoSrc: null,
    fields: {},
    languages: await languages(),
  });
  const formOf = async (f: Funder): Promise<FunderFormView> => ({
    id: f.id,
    values: { name: f.name, url: f.url, line: f.line, position: String(f.position) },
    translated: translationFormValues(f.translations),
    logoSrc: logoSrc(f),
    fields: {},
    languages: await languages(),
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
        return listPage(req, reply, await blankForm(), notice ? { notice } : {});
      });

      scope.post('/funders', { config: { can: 'funders.manage' } }, async function submitNewFunder(req, reply) {
        const body = funderBody.parse(req.body);
        const translated = translatedValues(req.body);
        // Every funder write purges `site` (funder-service): each page's footer, in every language, shows the new line.
        const result = await deps.funders.addFunder(
          { ...body, translations: translationsFromForm(translated, FUNDER_TEXTS) },
          { file: body.logo ?? null },
          { now: deps.clock(), actor: actorOf(staffOf(req).user) },
        );
        if (!result.ok)
          return listPage(
            req,
            reply,
            { ...(await blankForm()), values: body, translated, fields: result.fields },
            { error: result.message, status: result.status },
          );
        return redirect(reply, '/admin/funders?done=added');
      });

      scope.get('/funders/:id', { config: { can: 'funders.manage' } }, async function showEditFunderPage(req, reply) {
        const { id } = idParams.parse(req.params);
        const funder = await deps.funders.findFunder(id);
        if (!funder) throw notFound('funder');
        return h.sendPage(reply, renderDocument(FunderEditPage({ chrome: await h.chrome(req, reply), form: await formOf(funder) })));
      });

      scope.post('/funders/:id', { config: { can: 'funders.manage' } }, async function submitFunder(req, reply) {
        const { id } = idParams.parse(req.params);
        const body = funderBody.parse(req.body);
        const translated = translatedValues(req.body);
        const existing = await deps.funders.findFunder(id);
        const result = await deps.funders.updateFunder(
          id,
          // The form's languages replace theirs; a language no longer offered keeps its line.
          { ...body, translations: { ...existing?.translations, ...translationsFromForm(translated, FUNDER_TEXTS) } },
          { file: body.logo ?? null, remove: body.removeLogo === '1' },
          { now: deps.clock(), actor: actorOf(staffOf(req).user) },
        );
        if (!result.ok) {
          if (result.status === 404) throw notFound('funder');
          const form: FunderFormView = {
            id,
            values: body,
            translated,
            logoSrc: existing ? logoSrc(existing) : null,
            fields: result.fields,
            languages: await languages(),
          };
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
