import { minutesToWait, type ReaderProblem } from '../i18n/reader-problem.js';
import { languagePrefix, readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readerError } from '../http/errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { seeOther as redirect, sendHtml } from '../http/responses.js';
import { isUnder, safeLocalPath } from '../http/safe-redirect.js';
import { lastLocalDay, utcToZonedLocal } from '../site/time-zone.js';
import { AccountDeletedPage, AccountPage, SignInLinkPage, SignInPage } from '../views/pages/membership/account-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { HeadMeta } from '../views/view-models.js';
import {
  MEMBER_COOKIE,
  memberCsrfMatches,
  memberCsrfToken,
  newSignInNonce,
  PATRON_HINT_COOKIE,
  SIGN_IN_NONCE_COOKIE,
  signInFormToken,
  tokensMatch,
  type MemberContext,
} from './member-context.js';
import { MEMBER_SESSION_DAYS, type MemberService } from './member-service.js';
import type { PatronService } from './patron-service.js';
import type { StripeGateway } from './stripe-gateway.js';

export interface MembershipRouteDeps {
  members: MemberService;
  patrons: PatronService;
  /** Null when Stripe is not configured. */
  stripe: StripeGateway | null;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  secretKey: string;
  secureCookies: boolean;
  /** Sign-in requests per IP. */
  limiter: RateLimiter;
  /** The account page's absolute address: where Stripe's billing portal sends readers back. */
  accountUrl: string;
  /** What other domains hold about a member, for the export (topics: proposals and votes). */
  exportExtras: (memberId: number) => Promise<Record<string, unknown>>;
}

const NO_STORE = 'private, no-store';
const tokenParams = z.object({
  token: z
    .string()
    .min(10)
    .max(100)
    .regex(/^[\w-]+$/, 'is not a sign-in token'),
});
const nextQuery = z.object({ next: z.string().max(300).optional() });

/** Patronage states the account page names in the reader's language (`account.status.*`). */
const PATRONAGE_STATUS_KEYS = new Set(['pending', 'active', 'past_due', 'cancelled']);

const head = (title: string): HeadMeta => ({ title, description: title, canonical: null, ogType: 'website', image: null, jsonLd: [], robots: 'noindex' });

/** Files and the newsroom never look at the reader: no session lookups for a member's images and scripts. */
const readsMember = (route: string | undefined) => !route || !/^\/(assets|media|admin)(\/|$)/.test(route);

/** Where to go after signing in: a path on this site, never another site or the admin. */
export function safeMemberNext(next: unknown): string {
  const path = safeLocalPath(next, '/account');
  return isUnder(path, '/admin') ? '/account' : path;
}

/** The signed-in member, or an error for a route that needs one. */
export function requireMember(req: FastifyRequest): MemberContext {
  if (!req.member) throw readerError(401, 'Sign in to do that.', { code: 'problem.signInFirst' });
  return req.member;
}

/** Every member POST carries the session's form token (field `_csrf` or header `x-csrf-token`). */
export function checkMemberCsrf(req: FastifyRequest, ctx: MemberContext): void {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!memberCsrfMatches(ctx, body._csrf ?? req.headers['x-csrf-token'])) {
    throw readerError(403, 'This form has expired or did not come from this site. Reload the page and try again.', { code: 'problem.formExpired' });
  }
}

/**
 * Reader accounts: the member session on every request, sign-in by emailed link, the account page,
 * export and erasure. Registered before other domains so `req.member` is there for them.
 */
export function registerMembershipRoutes(deps: MembershipRouteDeps) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, signed: true };
  const setPatronHint = (reply: FastifyReply) =>
    reply.setCookie(PATRON_HINT_COOKIE, '1', { path: '/', sameSite: 'lax', secure: deps.secureCookies, maxAge: MEMBER_SESSION_DAYS * 86_400 });
  const clearCookies = (reply: FastifyReply) => {
    reply.clearCookie(MEMBER_COOKIE, { path: '/' });
    reply.clearCookie(PATRON_HINT_COOKIE, { path: '/' });
  };

  return (app: FastifyInstance) => {
    app.decorateRequest('member', null);
    app.addHook('preHandler', async (req, reply) => {
      const raw = req.cookies[MEMBER_COOKIE];
      if (!raw || !readsMember(req.routeOptions.url)) return;
      const unsigned = req.unsignCookie(raw);
      const now = deps.clock();
      const found = unsigned.valid && unsigned.value ? await deps.members.resolveSession(unsigned.value, now) : null;
      if (!found) {
        // An ended session: drop the cookie so this reader is served from the shared cache again.
        clearCookies(reply);
        return;
      }
      const patron = await deps.patrons.patronOf(found.member.id, now);
      req.member = { member: found.member, sessionId: found.sessionId, patron, csrf: memberCsrfToken(deps.secretKey, found.sessionId) };
      // Keep the appeal island's hint in step: set when someone becomes a patron, gone when it lapses.
      const hinted = req.cookies[PATRON_HINT_COOKIE] === '1';
      if (patron && !hinted) setPatronHint(reply);
      if (!patron && hinted) reply.clearCookie(PATRON_HINT_COOKIE, { path: '/' });
    });

    /** The frame in the language the reader's URL asked for (sign-in and account pages exist under every prefix). */
    const page = async (now: Date, req: FastifyRequest) => presentChrome(await deps.pageContext(now, readerLanguage(req)));

    app.get('/account/sign-in', async function showSignInPage(req, reply) {
      const { next } = nextQuery.parse(req.query);
      if (req.member) return redirect(reply, safeMemberNext(next ?? `${languagePrefix(req)}/account`));
      const chrome = await page(deps.clock(), req);
      const html = renderDocument(
        SignInPage({ chrome, head: head(chrome.t('account.signIn.title')), email: '', next: safeMemberNext(next), error: null, sent: false }),
      );
      return sendHtml(reply, html, { cacheControl: NO_STORE });
    });

    app.post('/account/sign-in', { bodyLimit: 8 * 1024 }, async function submitSignIn(req, reply) {
      const body = z.object({ email: z.string().max(1000).default(''), next: z.string().max(300).optional() }).parse(req.body ?? {});
      const now = deps.clock();
      // The page words the problem in its own language (services name it by key).
      const render = (status: number, extra: { error?: { field: string; problem: ReaderProblem }; sent?: boolean }) =>
        page(now, req).then((chrome) =>
          sendHtml(
            reply,
            renderDocument(
              SignInPage({
                chrome,
                head: head(chrome.t('account.signIn.title')),
                email: body.email,
                next: safeMemberNext(body.next),
                error: extra.error
                  ? { field: extra.error.field, message: chrome.t(extra.error.problem.code, extra.error.problem.values), translated: true }
                  : null,
                sent: extra.sent ?? false,
              }),
            ),
            { status, cacheControl: NO_STORE },
          ),
        );
      const limit = await deps.limiter.hit(`sign-in:${req.ip}`, now.getTime());
      if (!limit.ok) {
        reply.header('retry-after', String(limit.retryAfterSeconds));
        return render(429, {
          error: { field: 'email', problem: { code: 'problem.rateLimited', values: { minutes: minutesToWait(limit.retryAfterSeconds) } } },
        });
      }
      const result = await deps.members.requestSignInLink({ email: body.email, next: safeMemberNext(body.next), language: readerLanguage(req) ?? '' }, now);
      if (!result.ok) return render(result.status === 429 ? 429 : 422, { error: { field: result.field, problem: result.problem } });
      return render(200, { sent: true });
    });

    // Login CSRF: the button works only in the browser that opened the link's page (see SIGN_IN_NONCE_COOKIE).
    const signInCookie = { path: '/account/sign-in', httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, signed: true };
    const signInNonce = (req: FastifyRequest): string | null => {
      const raw = req.cookies[SIGN_IN_NONCE_COOKIE];
      const unsigned = raw ? req.unsignCookie(raw) : null;
      return unsigned?.valid && unsigned.value ? unsigned.value : null;
    };
    const checkSignInForm = (req: FastifyRequest, token: string) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const nonce = signInNonce(req);
      // A browser's own word that the form came from another site settles it before the token is read.
      if (req.headers['sec-fetch-site'] === 'cross-site' || !nonce || !tokensMatch(signInFormToken(deps.secretKey, nonce, token), body._csrf)) {
        throw readerError(403, 'This sign-in button did not come from the page your link opened. Open the link from your email again, in this browser.', {
          code: 'problem.signIn.otherPage',
        });
      }
    };

    app.get('/account/sign-in/:token', async function showSignInLinkPage(req, reply) {
      const { token } = tokenParams.parse(req.params);
      const { next } = nextQuery.parse(req.query);
      const now = deps.clock();
      const valid = await deps.members.isSignInLinkUsable(token, now);
      let csrf = '';
      if (valid) {
        const nonce = signInNonce(req) ?? newSignInNonce();
        // Outlives the link, so a late press hears "expired" rather than "wrong page".
        reply.setCookie(SIGN_IN_NONCE_COOKIE, nonce, { ...signInCookie, maxAge: 86_400 });
        csrf = signInFormToken(deps.secretKey, nonce, token);
      }
      const chrome = await page(now, req);
      const html = renderDocument(
        SignInLinkPage({ chrome, head: head(chrome.t('account.signIn.title')), token, csrf, next: safeMemberNext(next), valid, error: null }),
      );
      return sendHtml(reply, html, { status: valid ? 200 : 410, cacheControl: NO_STORE });
    });

    app.post('/account/sign-in/:token', { bodyLimit: 4 * 1024 }, async function submitSignInLink(req, reply) {
      const { token } = tokenParams.parse(req.params);
      const { next } = nextQuery.parse(req.query);
      checkSignInForm(req, token);
      const now = deps.clock();
      const result = await deps.members.signInWithLink(token, { now, ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
      if (!result.ok) {
        const chrome = await page(now, req);
        const html = renderDocument(
          SignInLinkPage({
            chrome,
            head: head(chrome.t('account.signIn.title')),
            token,
            csrf: '',
            next: safeMemberNext(next),
            valid: false,
            error: chrome.t(result.problem.code, result.problem.values),
          }),
        );
        return sendHtml(reply, html, { status: 410, cacheControl: NO_STORE });
      }
      reply.setCookie(MEMBER_COOKIE, result.sessionToken, { ...cookieOptions, maxAge: MEMBER_SESSION_DAYS * 86_400 });
      reply.clearCookie(SIGN_IN_NONCE_COOKIE, { path: signInCookie.path });
      if (await deps.patrons.patronOf(result.member.id, now)) setPatronHint(reply);
      return redirect(reply, safeMemberNext(next));
    });

    const accountPage = async (
      reply: FastifyReply,
      ctx: MemberContext,
      now: Date,
      extra: { saved?: boolean; error?: { field: string; problem: ReaderProblem }; status?: number; name?: string } = {},
    ) => {
      const [site, patronages, tiers, sessions] = await Promise.all([
        deps.pageContext(now, readerLanguage(reply.request)),
        deps.patrons.listPatronages(ctx.member.id),
        deps.patrons.listTiers({ includeArchived: true }),
        deps.members.exportData(ctx.member),
      ]);
      const chrome = presentChrome(site);
      const t = site.locale.t;
      const tierName = (id: number | null) => tiers.find((tier) => tier.id === id)?.name ?? t('support.patron');
      // Ends are stored as the instant access stops; readers are told the last day it still runs, on the outlet's calendar.
      const day = (iso: string | null) => (iso ? lastLocalDay(iso, site.site.timeZone) : null);
      const html = renderDocument(
        AccountPage({
          chrome,
          head: head(t('account.title')),
          csrf: ctx.csrf,
          email: ctx.member.email,
          name: extra.name ?? ctx.member.name,
          memberSince: utcToZonedLocal(ctx.member.createdAt, site.site.timeZone).slice(0, 10),
          notice: extra.saved ? t('account.saved') : null,
          error: extra.error ? { field: extra.error.field, message: t(extra.error.problem.code, extra.error.problem.values), translated: true } : null,
          patron: ctx.patron ? { tier: ctx.patron.tierName ?? t('support.patron'), until: day(ctx.patron.expiresAt), source: ctx.patron.source } : null,
          history: patronages.map((p) => ({
            tier: tierName(p.tierId),
            status: PATRONAGE_STATUS_KEYS.has(p.status) ? t(`account.status.${p.status as 'active'}`) : p.status.replace('_', ' '),
            until: day(p.expiresAt),
            source: p.source === 'stripe' ? t('account.history.stripe') : t('account.history.manual'),
          })),
          sessions: sessions.sessions.length,
          manageBilling: deps.stripe !== null && ctx.member.stripeCustomerId !== null,
        }),
      );
      return sendHtml(reply, html, { status: extra.status ?? 200, cacheControl: NO_STORE });
    };

    app.get('/account', async function showAccountPage(req, reply) {
      const p = languagePrefix(req);
      if (!req.member) return redirect(reply, `${p}/account/sign-in?next=${p}/account`);
      const { saved } = z.object({ saved: z.string().max(20).optional() }).parse(req.query);
      return accountPage(reply, req.member, deps.clock(), saved ? { saved: true } : {});
    });

    app.post('/account/name', { bodyLimit: 8 * 1024 }, async function submitName(req, reply) {
      const ctx = requireMember(req);
      checkMemberCsrf(req, ctx);
      const { name } = z.object({ name: z.string().max(1000).default('') }).parse(req.body ?? {});
      const result = await deps.members.updateName(ctx.member.id, name);
      if (!result.ok) return accountPage(reply, ctx, deps.clock(), { error: { field: result.field, problem: result.problem }, status: 422, name });
      return redirect(reply, `${languagePrefix(req)}/account?saved=1`);
    });

    app.post('/account/sign-out', async function submitSignOut(req, reply) {
      const ctx = requireMember(req);
      checkMemberCsrf(req, ctx);
      await deps.members.signOut(ctx.sessionId);
      clearCookies(reply);
      return redirect(reply, '/');
    });

    app.post('/account/sign-out-everywhere', async function submitSignOutEverywhere(req, reply) {
      const ctx = requireMember(req);
      checkMemberCsrf(req, ctx);
      await deps.members.signOutEverywhere(ctx.member.id);
      clearCookies(reply);
      return redirect(reply, '/');
    });

    app.post('/account/billing', async function openBillingPortal(req, reply) {
      const ctx = requireMember(req);
      checkMemberCsrf(req, ctx);
      const now = deps.clock();
      if (!deps.stripe || !ctx.member.stripeCustomerId) {
        return accountPage(reply, ctx, now, {
          error: { field: 'form', problem: { code: 'problem.account.noCardPayment' } },
          status: 409,
        });
      }
      try {
        return redirect(reply, await deps.stripe.createPortal(ctx.member.stripeCustomerId, deps.accountUrl));
      } catch (err) {
        req.log.warn({ err }, 'Stripe billing portal could not be opened');
        return accountPage(reply, ctx, now, {
          error: { field: 'form', problem: { code: 'problem.account.providerDown' } },
          status: 503,
        });
      }
    });

    app.get('/account/export', async function downloadAccountData(req, reply) {
      const ctx = requireMember(req);
      const [own, patronages, extras] = await Promise.all([
        deps.members.exportData(ctx.member),
        deps.patrons.listPatronages(ctx.member.id),
        deps.exportExtras(ctx.member.id),
      ]);
      const data = { exportedAt: deps.clock().toISOString(), ...own, patronages: patronages.map(({ id: _id, memberId: _m, ...p }) => p), ...extras };
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="my-reader-data.json"')
        .header('cache-control', NO_STORE)
        .send(JSON.stringify(data, null, 2));
    });

    app.post('/account/delete', { bodyLimit: 8 * 1024 }, async function submitAccountDeletion(req, reply) {
      const ctx = requireMember(req);
      checkMemberCsrf(req, ctx);
      const { confirm } = z.object({ confirm: z.string().max(1000).default('') }).parse(req.body ?? {});
      const now = deps.clock();
      if (confirm.trim().toLowerCase() !== ctx.member.email) {
        return accountPage(reply, ctx, now, {
          error: { field: 'confirm', problem: { code: 'problem.account.confirmEmail' } },
          status: 422,
        });
      }
      // A running card payment must stop before the account goes, or we would keep charging someone we can no longer name.
      const running = (await deps.patrons.listPatronages(ctx.member.id)).filter(
        (p) => p.source === 'stripe' && p.status !== 'cancelled' && p.stripeSubscriptionId,
      );
      if (running.length && !deps.stripe) {
        return accountPage(reply, ctx, now, {
          error: { field: 'form', problem: { code: 'problem.account.cannotStopPayment' } },
          status: 409,
        });
      }
      try {
        for (const p of running) await deps.stripe!.cancelSubscription(p.stripeSubscriptionId!);
      } catch (err) {
        req.log.warn({ err }, 'could not cancel a Stripe subscription before erasure');
        return accountPage(reply, ctx, now, {
          error: { field: 'form', problem: { code: 'problem.account.stopPaymentFailed' } },
          status: 503,
        });
      }
      await deps.members.erase(ctx.member.id);
      clearCookies(reply);
      return sendHtml(reply, renderDocument(AccountDeletedPage({ chrome: await page(now, req), head: head('Account deleted') })), { cacheControl: NO_STORE });
    });
  };
}
