import { adminText } from '../i18n/admin-text.js';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, rolesAllowed, type Action } from '../accounts/account-policy.js';
import { SESSION_DAYS, type AccountService } from '../accounts/account-service.js';
import { actorOf, type User } from '../accounts/user.js';
import type { Asset } from '../http/assets.js';
import { HttpError } from '../http/errors.js';
import { serveAssets } from '../http/static-assets.js';
import type { SiteService } from '../site/site-service.js';
import type { AdminChrome } from '../views/pages/admin/admin-layout.js';
import { LoginLinkPage, LoginPage } from '../views/pages/admin/login-pages.js';
import { formatDate, formatMoment, type MomentView } from '../views/format.js';
import { renderDocument } from '../views/render.js';
import { redirect, safeNext, STAFF_COOKIE } from './admin-context.js';
import { removeUploads, streamToTempFile, UPLOAD_LIMITS } from './admin-uploads.js';

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
  /** Where uploads are written while a request is handled (DATA_DIR/tmp). */
  uploadDir: string;
}

/** What domain admin routes use to render pages in the admin frame. */
/** An instant as a MomentView; `lastDay` names the last day (a date, in the outlet's zone) before an exclusive end. */
export type Moments = ((iso: string) => MomentView) & { lastDay(exclusiveEnd: string): string; timeZone: string };

export interface AdminHelpers {
  chrome(req: FastifyRequest, reply: FastifyReply, extra?: { notice?: string | null; error?: string | null }): Promise<AdminChrome>;
  sendPage(reply: FastifyReply, html: string, status?: number): FastifyReply;
  /** Formats instants for this page in the outlet's time zone and language, relative to now (see formatMoment). */
  moments(): Promise<Moments>;
}

const loginBody = z.object({
  email: z.string().max(254, 'email is too long'),
  password: z.string().max(200, 'password is too long'),
  next: z.string().optional(),
});

/** The admin's navigation, in order. Each link shows only to staff whose role may open that page (its route's `can`). */
const ADMIN_NAV: { href: string; text: string }[] = [
  { href: '/admin', text: adminText('nav.articles') },
  { href: '/admin/articles/new', text: adminText('nav.newArticle') },
  { href: '/admin/front-page', text: adminText('nav.frontPage') },
  { href: '/admin/users', text: adminText('nav.users') },
  { href: '/admin/settings', text: adminText('nav.settings') },
  { href: '/admin/members', text: adminText('nav.members') },
  { href: '/admin/funders', text: adminText('nav.funders') },
  { href: '/admin/privacy', text: adminText('nav.privacy') },
  { href: '/admin/corrections', text: adminText('nav.corrections') },
  { href: '/admin/topics', text: adminText('nav.topics') },
  { href: '/admin/analytics', text: adminText('nav.analytics') },
  { href: '/admin/policy', text: adminText('nav.policy') },
  { href: '/admin/partners', text: adminText('nav.partners') },
  { href: '/admin/ads', text: adminText('nav.ads') },
  { href: '/admin/pages', text: adminText('nav.pages') },
  { href: '/admin/redirects', text: adminText('nav.redirects') },
  { href: '/admin/newsletters', text: adminText('nav.newsletters') },
  { href: '/admin/audit', text: adminText('nav.audit') },
  { href: '/admin/jobs', text: adminText('nav.jobs') },
  { href: '/admin/sessions', text: adminText('nav.sessions') },
];

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
        // Every admin route says who may use it; one without a declaration stops the app from starting.
        // The GET pages' declarations also decide which navigation links a staff member sees.
        const pagePermissions = new Map<string, Action | 'signed-in'>();
        admin.addHook('onRoute', (route) => {
          if (!route.config?.publicAdmin && !route.config?.can) {
            const how = "config { can: '<action>' | 'signed-in' } or { publicAdmin: true }";
            throw new Error(`${String(route.method)} ${route.url}: declare who may use it with ${how}`);
          }
          if ([route.method].flat().includes('GET') && route.config?.can) pagePermissions.set(route.url, route.config.can);
        });
        const mayOpen = (user: User, href: string) => {
          const action = pagePermissions.get(href);
          return action === 'signed-in' || (action !== undefined && can(actorOf(user), action));
        };
        // Multipart forms (the article form, the editor's image upload): files stream to temporary
        // files with a size limit. Parsing runs in preValidation, after the session check below.
        admin.decorateRequest('uploadPaths', null);
        await admin.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', onFile: streamToTempFile(deps.uploadDir), limits: UPLOAD_LIMITS });
        // Deleted before the answer goes out (the handler is done with them), or when the client gives up.
        admin.addHook('onSend', async (req, _reply, payload) => {
          await removeUploads(req);
          return payload;
        });
        admin.addHook('onRequestAbort', removeUploads);
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
              staff: staff ? { name: staff.user.name || staff.user.email, role: staff.user.role } : null,
              nav: staff ? ADMIN_NAV.filter((link) => mayOpen(staff.user, link.href)) : [],
              csrf: reply.generateCsrf(),
              notice: extra.notice ?? null,
              error: extra.error ?? null,
            };
          },
          sendPage(reply, html, status = 200) {
            return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
          },
          async moments() {
            const settings = await deps.site.getSettings();
            const now = deps.clock();
            return Object.assign((iso: string) => formatMoment(iso, now, settings), {
              lastDay: (exclusiveEnd: string) => formatDate(new Date(Date.parse(exclusiveEnd) - 1).toISOString(), settings),
              timeZone: settings.timeZone,
            });
          },
        };

        // Before any body is read: find the session, then check the route's declared permission.
        // A refusal closes the connection, so an upload nobody may make is never read to its end.
        admin.addHook('onRequest', async (req, reply) => {
          const signed = req.cookies[STAFF_COOKIE];
          const token = signed ? req.unsignCookie(signed) : null;
          const found = token?.valid && token.value ? await deps.accounts.resolveSession(token.value, deps.clock()) : null;
          req.staff = found;
          const config = req.routeOptions.config;
          if (config.publicAdmin) {
            // Login forms are small: nobody without a session gets to send files.
            if (!req.headers['content-type']?.toLowerCase().startsWith('multipart/')) return;
            closeIfBodyPending(req, reply);
            return reply.code(415).header('cache-control', 'no-store').send({ error: 'This form does not take files.' });
          }
          if (!found) {
            closeIfBodyPending(req, reply);
            if (req.method === 'GET' || req.method === 'HEAD') return redirect(reply, `/admin/login?next=${encodeURIComponent(req.url)}`);
            return reply.code(401).header('cache-control', 'no-store').send({ error: 'Your session has ended. Log in again.' });
          }
          const action = config.can;
          if (action !== 'signed-in' && (action === undefined || !can(actorOf(found.user), action))) {
            closeIfBodyPending(req, reply);
            throw new HttpError(403, refusal(found.user.role, action));
          }
          // The multipart parser throws a bare error (a 500) on a multipart body that names no boundary.
          const type = req.headers['content-type']?.toLowerCase() ?? '';
          if (type.startsWith('multipart/') && !/;\s*boundary=/.test(type)) {
            closeIfBodyPending(req, reply);
            throw new HttpError(400, 'This form arrived without its multipart boundary. Reload the page and send it again.');
          }
        });
        // Every state-changing request carries the form token (a field, or x-csrf-token), checked once the body is parsed.
        admin.addHook('preHandler', async (req, reply) => {
          if (req.method !== 'GET' && req.method !== 'HEAD') {
            await new Promise<void>((resolve, reject) => admin.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())));
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
            return helpers.sendPage(
              reply,
              renderDocument(LoginPage({ chrome, email: body.email, next: safeNext(body.next) })),
              result.reason === 'locked' ? 429 : 401,
            );
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
            return helpers.sendPage(
              reply,
              renderDocument(LoginLinkPage({ chrome: await helpers.chrome(req, reply, { error: result.message }), token, valid: false })),
              410,
            );
          }
          setSessionCookie(reply, result.sessionToken);
          return redirect(reply, '/admin');
        });

        admin.post('/logout', { config: { can: 'signed-in' } }, async function submitLogout(req, reply) {
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

/** The 403 message: who may do it, from the one policy table. */
function refusal(role: string, action: Action | undefined): string {
  const who = action ? rolesAllowed(action).map((r) => `${r}s`) : [];
  if (!who.length) return 'Nobody may open this page.';
  const list = who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]}`;
  return `Your role (${role}) does not allow this: it is for ${list}. Ask one of them if you need it.`;
}

/** A refused request whose body has not been read: answer, then close, instead of reading and discarding it. */
function closeIfBodyPending(req: FastifyRequest, reply: FastifyReply) {
  const pending = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (pending) reply.header('connection', 'close');
}
