import { translationFormValues, translationsFromForm } from '../i18n/outlet-text.js';
import { SITE_TRANSLATED, type SiteSettings } from '../site/site-settings.js';
import { formLanguages } from '../views/pages/admin/translation-fields.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { redirect, staffOf } from '../admin/admin-context.js';
import type { AdminHelpers } from '../admin/admin-routes.js';
import type { AuditService } from '../audit/audit-service.js';
import { HttpError } from '../http/errors.js';
import { uploadedFile } from '../admin/admin-uploads.js';
import type { MediaService } from '../media/media-service.js';
import type { SiteService } from '../site/site-service.js';
import type { Urls } from '../site/urls.js';
import { AuditPage, SessionsPage, SettingsPage, UsersPage } from '../views/pages/admin/account-pages.js';
import { renderDocument } from '../views/render.js';
import { assignableRoles } from './account-policy.js';
import type { AccountService } from './account-service.js';
import { actorOf, ROLES, type User } from './user.js';
import { idParams } from '../http/url-ids.js';
import { adminText } from '../i18n/admin-text.js';

export interface AccountRouteDeps {
  accounts: AccountService;
  audit: AuditService;
  site: SiteService;
  urls: Urls;
  clock: () => Date;
  /** Where an uploaded logo goes (checked, re-encoded into variants, like any image). */
  media?: MediaService;
}

const logoBody = z.object({ logo: uploadedFile.optional(), removeLogo: z.string().max(1).optional(), _csrf: z.string().max(200).optional() });

const newUserBody = z.object({ email: z.string().max(254), name: z.string().max(120).default(''), role: z.string().max(20) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** Users, roles, sessions, passwords, settings and the audit log, inside the /admin scope. */
/** Settings as the form's strings: lists joined, translations as `tr.<lang>.<field>`. */
function settingsForm(settings: SiteSettings): Record<string, string> {
  const { translations, ...plain } = settings;
  return {
    ...Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)])),
    ...translationFormValues(translations),
  };
}

export function registerAccountAdminRoutes(deps: AccountRouteDeps) {
  return (admin: FastifyInstance, h: AdminHelpers) => {
    const usersPage = async (
      req: Parameters<AdminHelpers['chrome']>[0],
      reply: Parameters<AdminHelpers['chrome']>[1],
      extra: { createdLink?: string | null; error?: string | null; form?: { email: string; name: string; role: string } } = {},
      status = 200,
    ) => {
      const actor = actorOf(staffOf(req).user);
      const roles = assignableRoles(actor);
      const moment = await h.moments();
      const users = (await deps.accounts.listUsers()).map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        created: moment(u.createdAt),
        roleOptions: u.id !== actor.id && roles.includes(u.role) ? roles : [],
      }));
      const chrome = await h.chrome(req, reply, { error: extra.error ?? null });
      return h.sendPage(
        reply,
        renderDocument(
          UsersPage({ chrome, users, roles, createdLink: extra.createdLink ?? null, form: extra.form ?? { email: '', name: '', role: 'writer' } }),
        ),
        status,
      );
    };

    admin.get('/users', { config: { can: 'users.manage' } }, async function showUsersPage(req, reply) {
      return usersPage(req, reply);
    });

    admin.post('/users', { config: { can: 'users.manage' } }, async function submitNewUser(req, reply) {
      const staff = staffOf(req);
      const body = newUserBody.parse(req.body);
      const actor = actorOf(staff.user);
      if (!(ROLES as readonly string[]).includes(body.role) || !assignableRoles(actor).includes(body.role as User['role'])) {
        return usersPage(req, reply, { error: adminText('users.refused.giveRole', { role: body.role }), form: body }, 422);
      }
      const now = deps.clock();
      const created = await deps.accounts.createUser({ email: body.email, name: body.name, role: body.role as User['role'] }, { now, actor });
      if (!created.ok) return usersPage(req, reply, { error: created.message, form: body }, 422);
      const token = await deps.accounts.issueLoginToken(created.user.id, now);
      return usersPage(req, reply, { createdLink: deps.urls.absolute(`/admin/login/link/${token}`) });
    });

    admin.post('/users/:id/role', { config: { can: 'users.manage' } }, async function submitRoleChange(req, reply) {
      const staff = staffOf(req);
      const { id } = idParams.parse(req.params);
      const { role } = z.object({ role: z.enum(ROLES, { error: () => adminText('users.role.invalid', { roles: ROLES.join(', ') }) }) }).parse(req.body);
      const actor = actorOf(staff.user);
      const target = await deps.accounts.findUser(id);
      if (!target) throw new HttpError(404, adminText('users.notFound'));
      if (id === actor.id || !assignableRoles(actor).includes(role) || !assignableRoles(actor).includes(target.role)) {
        throw new HttpError(403, adminText('users.refused.changeRole'));
      }
      const result = await deps.accounts.changeRole(id, role, { now: deps.clock(), actor });
      if (!result.ok) return usersPage(req, reply, { error: result.message }, 422);
      return redirect(reply, '/admin/users');
    });

    admin.get('/sessions', { config: { can: 'signed-in' } }, async function showSessionsPage(req, reply) {
      const staff = staffOf(req);
      const moment = await h.moments();
      const sessions = (await deps.accounts.listSessions(staff.user)).map((s) => ({
        current: s.id === staff.sessionId,
        userAgent: s.userAgent,
        ip: s.ip,
        loggedIn: moment(s.createdAt),
        lastSeen: moment(s.lastSeenAt),
      }));
      const { saved } = z.object({ saved: z.string().optional() }).parse(req.query);
      const chrome = await h.chrome(req, reply, { notice: saved ? adminText('sessions.password.saved') : null });
      return h.sendPage(reply, renderDocument(SessionsPage({ chrome, sessions, passwordSet: staff.user.hasPassword })));
    });

    admin.post('/sessions/logout-everywhere', { config: { can: 'signed-in' } }, async function submitLogoutEverywhere(req, reply) {
      await deps.accounts.logoutEverywhere(staffOf(req).user, deps.clock());
      reply.clearCookie('mh_session', { path: '/' });
      return redirect(reply, '/admin/login');
    });

    admin.post('/password', { config: { can: 'signed-in' } }, async function submitPassword(req, reply) {
      const staff = staffOf(req);
      const { password } = z.object({ password: z.string().max(1000) }).parse(req.body);
      const result = await deps.accounts.setPassword(staff.user.id, password, { now: deps.clock(), actor: actorOf(staff.user) });
      if (!result.ok) throw new HttpError(422, result.message);
      return redirect(reply, '/admin/sessions?saved=1');
    });

    admin.get('/audit', { config: { can: 'audit.view' } }, async function showAuditPage(req, reply) {
      const { page } = pageQuery.parse(req.query);
      const rows = await deps.audit.list(page, 51);
      const moment = await h.moments();
      const entries = rows.slice(0, 50).map((e) => ({ at: moment(e.at), actor: e.actorName, action: e.action, subject: e.subject, detail: e.detail }));
      return h.sendPage(reply, renderDocument(AuditPage({ chrome: await h.chrome(req, reply), entries, page, hasNext: rows.length > 50 })));
    });

    admin.get('/settings', { config: { can: 'settings.manage' } }, async function showSettingsPage(req, reply) {
      const settings = await deps.site.getSettings();
      const page = SettingsPage({ chrome: await h.chrome(req, reply), values: settingsForm(settings), fieldErrors: {}, languages: formLanguages(settings) });
      return h.sendPage(reply, renderDocument(page));
    });

    admin.post('/settings', { config: { can: 'settings.manage' } }, async function submitSettings(req, reply) {
      const staff = staffOf(req);
      const body = z.record(z.string(), z.string().max(1000)).parse(req.body);
      const { _csrf: _ignored, ...values } = body;
      const current = await deps.site.getSettings();
      // The form's languages replace theirs; a language no longer offered keeps what it had, should it come back.
      const translations = { ...current.translations, ...translationsFromForm(values, SITE_TRANSLATED) };
      const plain = Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith('tr.')));
      const result = await deps.site.updateSettings({ ...plain, translations }, { now: deps.clock(), actor: actorOf(staff.user) });
      if (!result.ok) {
        const chrome = await h.chrome(req, reply, { error: adminText('settings.error') });
        return h.sendPage(reply, renderDocument(SettingsPage({ chrome, values, fieldErrors: result.fields, languages: formLanguages(current) })), 422);
      }
      // updateSettings purged `site`: every public page, in every language, shows the new texts.
      const chrome = await h.chrome(req, reply, { notice: adminText('settings.saved') });
      const page = SettingsPage({ chrome, values: settingsForm(result.settings), fieldErrors: {}, languages: formLanguages(result.settings) });
      return h.sendPage(reply, renderDocument(page));
    });

    // The logo is uploaded like any image: streamed to DATA_DIR/tmp, checked and re-encoded by media/.
    admin.post('/settings/logo', { config: { can: 'settings.manage' } }, async function submitLogo(req, reply) {
      const staff = staffOf(req);
      const body = logoBody.parse(req.body ?? {});
      const settings = await deps.site.getSettings();
      const fail = async (message: string, status: number) => {
        const chrome = await h.chrome(req, reply, { error: message });
        const page = SettingsPage({ chrome, values: settingsForm(settings), fieldErrors: { logoUrl: message }, languages: formLanguages(settings) });
        return h.sendPage(reply, renderDocument(page), status);
      };
      let logoUrl = '';
      if (body.removeLogo !== '1') {
        if (!body.logo || body.logo.bytes === 0) return fail(adminText('settings.logo.missing'), 422);
        if (!deps.media) return fail(adminText('settings.logo.unavailable'), 503);
        const stored = await deps.media.storeImage({ path: body.logo.path, bytes: body.logo.bytes }, deps.clock());
        if (!stored.ok) return fail(stored.message, 422);
        const width = stored.widths.find((w) => w >= 480) ?? stored.widths[stored.widths.length - 1]!;
        logoUrl = `/media/${stored.hash}/${width}.webp`;
      }
      const result = await deps.site.updateSettings({ logoUrl }, { now: deps.clock(), actor: actorOf(staff.user) });
      if (!result.ok) return fail(result.fields.logoUrl ?? result.reason, 422);
      const chrome = await h.chrome(req, reply, {
        notice: logoUrl ? adminText('settings.logo.saved') : adminText('settings.logo.removed'),
      });
      return h.sendPage(
        reply,
        renderDocument(SettingsPage({ chrome, values: settingsForm(result.settings), fieldErrors: {}, languages: formLanguages(result.settings) })),
      );
    });
  };
}
