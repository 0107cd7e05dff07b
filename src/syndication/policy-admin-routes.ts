import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorFrom } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { adminText } from '../i18n/admin-text.js';
import { PolicyAdminPage } from '../views/pages/admin/policy-admin-page.js';
import { renderDocument } from '../views/render.js';
import type { PolicyService } from './policy-service.js';
import type { ReprintPolicy } from './reprint-policy.js';

const formValues = (p: ReprintPolicy) => ({
  maxExcerptChars: String(p.maxExcerptChars),
  license: p.license,
  permissionsContact: p.permissionsContact,
  tdmReservation: p.tdmReservation,
  tdmPolicyUrl: p.tdmPolicyUrl,
  aiCrawlers: p.aiCrawlers.join('\n'),
});

/** /admin/policy: editors and above change the reprint policy. */
export function registerPolicyAdminRoutes(deps: { policy: PolicyService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    admin.get('/policy', { config: { can: 'syndication.manage' } }, async function showPolicyPage(req, reply) {
      return h.sendPage(
        reply,
        renderDocument(PolicyAdminPage({ chrome: await h.chrome(req, reply), values: formValues(await deps.policy.getPolicy()), fields: {} })),
      );
    });

    admin.post('/policy', { config: { can: 'syndication.manage' } }, async function submitPolicy(req, reply) {
      const actor = actorFrom(req);
      const body = z
        .object({
          maxExcerptChars: z.string().max(10).default(''),
          license: z.string().max(2000).default(''),
          permissionsContact: z.string().max(500).default(''),
          tdmReservation: z.string().optional(),
          tdmPolicyUrl: z.string().max(500).default(''),
          aiCrawlers: z.string().max(5000).default(''),
        })
        .parse(req.body);
      const patch = {
        maxExcerptChars: Number(body.maxExcerptChars),
        license: body.license,
        permissionsContact: body.permissionsContact,
        tdmReservation: body.tdmReservation === '1',
        tdmPolicyUrl: body.tdmPolicyUrl,
        aiCrawlers: body.aiCrawlers
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      };
      const result = await deps.policy.updatePolicy(patch, { now: deps.clock(), actor });
      if (!result.ok) {
        const chrome = await h.chrome(req, reply, { error: adminText('admin.form.checkFields') });
        return h.sendPage(
          reply,
          renderDocument(PolicyAdminPage({ chrome, values: { ...body, tdmReservation: patch.tdmReservation }, fields: result.fields })),
          422,
        );
      }
      const chrome = await h.chrome(req, reply, { notice: adminText('admin.policy.notice.saved') });
      return h.sendPage(reply, renderDocument(PolicyAdminPage({ chrome, values: formValues(result.policy), fields: {} })));
    });
  };
}
