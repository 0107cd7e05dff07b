import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/user.js';
import { staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import { adminText } from '../i18n/admin-text.js';
import { PrivacyAdminPage, type PrivacyFormValues } from '../views/pages/admin/privacy-admin-page.js';
import { renderDocument } from '../views/render.js';
import type { PrivacySettings } from './privacy-settings.js';
import type { PrivacyService } from './privacy-service.js';

const formValues = (s: PrivacySettings): PrivacyFormValues => ({
  privacyText: s.privacyText,
  cookiesText: s.cookiesText,
  analyticsScriptUrl: s.analyticsScriptUrl,
  embedScriptUrls: s.embedScriptUrls.join('\n'),
  newsletterCounting: s.newsletterCounting,
});

const privacyBody = z.object({
  privacyText: z.string().max(100_000).default(''),
  cookiesText: z.string().max(100_000).default(''),
  analyticsScriptUrl: z.string().max(2000).default(''),
  embedScriptUrls: z.string().max(20_000).default(''),
  /** A checkbox: sent as 'yes' when ticked, absent when not. */
  newsletterCounting: z.literal('yes', { error: 'must be ticked or not' }).optional(),
});

/** /admin/privacy: admins and owners edit the policy texts and the outside scripts that need consent. */
export function registerPrivacyAdminRoutes(deps: { privacy: PrivacyService; clock: () => Date }) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    void admin.register(async (scope) => {
      scope.get('/privacy', { config: { can: 'settings.manage' } }, async function showPrivacySettingsPage(req, reply) {
        const values = formValues(await deps.privacy.getSettings());
        return h.sendPage(reply, renderDocument(PrivacyAdminPage({ chrome: await h.chrome(req, reply), values, fields: {} })));
      });

      scope.post('/privacy', { config: { can: 'settings.manage' } }, async function submitPrivacySettings(req, reply) {
        const body = privacyBody.parse(req.body);
        const patch = {
          privacyText: body.privacyText,
          cookiesText: body.cookiesText,
          analyticsScriptUrl: body.analyticsScriptUrl.trim(),
          embedScriptUrls: body.embedScriptUrls
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
          newsletterCounting: body.newsletterCounting === 'yes',
        };
        const result = await deps.privacy.updateSettings(patch, { now: deps.clock(), actor: actorOf(staffOf(req).user) });
        if (!result.ok) {
          const chrome = await h.chrome(req, reply, { error: adminText('admin.form.checkFields') });
          return h.sendPage(
            reply,
            renderDocument(PrivacyAdminPage({ chrome, values: { ...body, newsletterCounting: patch.newsletterCounting }, fields: result.fields })),
            422,
          );
        }
        const chrome = await h.chrome(req, reply, { notice: adminText('admin.privacy.notice.saved') });
        return h.sendPage(reply, renderDocument(PrivacyAdminPage({ chrome, values: formValues(result.settings), fields: {} })));
      });
    });
  };
}
