import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../accounts/account-policy.js';
import { SESSION_DAYS, type AccountService } from '../accounts/account-service.js';
import { actorOf } from '../accounts/user.js';
import type { Asset } from '../http/assets.js';
import { serveAssets } from '../http/static-assets.js';
import type { SiteService } from '../site/site-service.js';
import type { AdminChrome } from '../views/pages/admin/admin-layout.js';
import { LoginLinkPage, LoginPage } from '../views/pages/admin/login-pages.js';
import { renderDocument } from '../views/render.js';
import { redirect, safeNext, STAFF_COOKIE } from './admin-context.js';

export interface AdminDeps {
  accounts: AccountService;
  site: SiteService;
  clock: () => Date;
  secureCookies: boolean;
  stylesheet: Asset;
  /** Each domain's admin routes, registered inside the authenticated /admin scope. */
  sections: ((admin: FastifyInstance, helpers: AdminHelpers) => void)[];
  /** Extra admin assets (the editor bundle), served with immutable caching. */
  assets: Asset[];
}

/** What domain admin routes use to render pages in the admin frame. */
export interface AdminHelpers {
  chrome(req: FastifyRequest, reply: FastifyReply, extra?: { notice?: string | null; error?: string | null }): Promise<AdminChrome>;
  sendPage(reply: FastifyReply, html: string, status?: number): FastifyReply;
}

const loginBody = z.object({
  email: z.string().max(254, 'email is too long'),
  password: z.string().max(200, 'password is too long'),
  next: z.string().optional(),
});

/**
 * The newsroom at /admin: cookies, CSRF on every state-changing request, the staff session, and
 * the login pages. Domain admin pages register inside this scope and always have `req.staff`.
 */
export function registerAdmin(deps: AdminDeps) {
  return (app: FastifyInstance) => {
    app.decorateRequest('staff', null);
    serveAssets(app, [deps.stylesheet, ...deps.assets]);

    void app.register(
      async (admin) => {
        // The article form carries its hero image; fields and files arrive together on req.body.
        await admin.register(fastifyMultipart, {
          attachFieldsToBody: 'keyValues',
          limits: { fileSize: 20 * 1024 * 1024, files: 2, fields: 60, fieldSize: 2 * 1024 * 1024 },
        });
        await admin.register(fastifyCsrf, {
          cookieKey: 'mh_csrf',
          cookieOpts: { path: '/admin', sameSite: 'lax', httpOnly: true, secure: deps.secureCookies, signed: true },
        });

        const helpers: AdminHelpers = {
          async chrome(req, reply, extra = {}) {
            const site = await deps.site.getSettings();
            const staff = req.staff;
            return {
              siteName: site.name,
              cssHref: deps.stylesheet.href,
              staff: staff ? { name: staff.user.name || staff.user.email, role: staff.user.role, canManage: can(actorOf(staff.user), 'users.manage') } : null,
              csrf: reply.generateCsrf(),
              notice: extra.notice ?? null,
              error: extra.error ?? null,
            };
          },
          sendPage(reply, html, status = 200) {
            return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
          },
        };

        // Every admin request: find the session; every non-GET: check the CSRF token.
        admin.addHook('preHandler', async (req, reply) => {
          const signed = req.cookies[STAFF_COOKIE];
          const token = signed ? req.unsignCookie(signed) : null;
          const found = token?.valid && token.value ? await deps.accounts.resolveSession(token.value, deps.clock()) : null;
          req.staff = found;
          if (req.method !== 'GET' && req.method !== 'HEAD') {
            await new Promise<void>((resolve, reject) => admin.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())));
          }
          if (!found && !req.routeOptions.config.publicAdmin) {
            if (req.method === 'GET') return redirect(reply, `/admin/login?next=${encodeURIComponent(req.url)}`);
            return reply.code(401).header('cache-control', 'no-store').send({ error: 'Your session has ended. Log in again.' });
          }
        });

        const setSessionCookie = (reply: FastifyReply, token: string) =>
          reply.setCookie(STAFF_COOKIE, token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: deps.secureCookies,
            signed: true,
            maxAge: SESSION_DAYS * 86_400,
          });

        admin.get('/login', { config: { publicAdmin: true } }, async function showLoginPage(req, reply) {
          if (req.staff) return redirect(reply, '/admin');
          const { next } = z.object({ next: z.string().optional() }).parse(req.query);
          return helpers.sendPage(reply, renderDocument(LoginPage({ chrome: await helpers.chrome(req, reply), email: '', next: safeNext(next) })));
        });

        admin.post('/login', { config: { publicAdmin: true } }, async function submitLogin(req, reply) {
          const body = loginBody.parse(req.body);
          const result = await deps.accounts.loginWithPassword(body, { now: deps.clock(), ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
          if (!result.ok) {
            const chrome = await helpers.chrome(req, reply, { error: result.message });
            return helpers.sendPage(reply, renderDocument(LoginPage({ chrome, email: body.email, next: safeNext(body.next) })), result.reason === 'locked' ? 429 : 401);
          }
          setSessionCookie(reply, result.sessionToken);
          return redirect(reply, safeNext(body.next));
        });

        admin.get('/login/link/:token', { config: { publicAdmin: true } }, async function showLoginLinkPage(req, reply) {
          const { token } = z.object({ token: z.string().max(100) }).parse(req.params);
          const valid = await deps.accounts.checkLoginToken(token, deps.clock());
          return helpers.sendPage(reply, renderDocument(LoginLinkPage({ chrome: await helpers.chrome(req, reply), token, valid })), valid ? 200 : 410);
        });

        admin.post('/login/link/:token', { config: { publicAdmin: true } }, async function submitLoginLink(req, reply) {
          const { token } = z.object({ token: z.string().max(100) }).parse(req.params);
          const result = await deps.accounts.loginWithToken(token, { now: deps.clock(), ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
          if (!result.ok) {
            return helpers.sendPage(reply, renderDocument(LoginLinkPage({ chrome: await helpers.chrome(req, reply, { error: result.message }), token, valid: false })), 410);
          }
          setSessionCookie(reply, result.sessionToken);
          return redirect(reply, '/admin');
        });

        admin.post('/logout', async function submitLogout(req, reply) {
          await deps.accounts.logout(req.staff!.sessionId);
          reply.clearCookie(STAFF_COOKIE, { path: '/' });
          return redirect(reply, '/admin/login');
        });

        for (const register of deps.sections) register(admin, helpers);
      },
      { prefix: '/admin' },
    );
  };
}
