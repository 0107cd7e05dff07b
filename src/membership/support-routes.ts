import { readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { seeOther as redirect, sendHtml } from '../http/responses.js';
import { SupportPage, SupportThanksPage, type SupportPageView } from '../views/pages/membership/support-pages.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { Translate } from '../i18n/translator.js';
import { formatPrice, type Tier } from './member.js';
import { checkMemberCsrf } from './membership-routes.js';
import type { PatronService } from './patron-service.js';
import type { StripeGateway } from './stripe-gateway.js';
import type { StripeWebhookService } from './stripe-webhooks.js';
import type { SupportSettings, SupportText } from './support-settings.js';
import { outletText, type TextLocale } from '../i18n/outlet-text.js';
import { minutesToWait, type ReaderProblem } from '../i18n/reader-problem.js';
import type { AppealView } from '../views/view-models.js';

export interface SupportRouteDeps {
  patrons: PatronService;
  stripe: StripeGateway | null;
  stripeWebhooks: StripeWebhookService | null;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  /** Checkout attempts per IP. */
  limiter: RateLimiter;
}

const NO_STORE = 'private, no-store';
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export function presentTiers(tiers: Tier[], locale: TextLocale, t: Translate): SupportPageView['tiers'] {
  const language = locale.language;
  const showWeight = new Set(tiers.map((tier) => tier.voteWeight)).size > 1;
  return tiers.map((tier) => ({
    id: tier.id,
    name: outletText(tier, tier.translations, 'name', locale),
    description: outletText(tier, tier.translations, 'description', locale),
    voteWeight: tier.voteWeight,
    showWeight,
    prices: [
      ...(tier.monthlyPrice
        ? [{ interval: 'month' as const, text: t('support.price.month', { price: formatPrice(tier.monthlyPrice, tier.currency, language) }) }]
        : []),
      ...(tier.yearlyPrice
        ? [{ interval: 'year' as const, text: t('support.price.year', { price: formatPrice(tier.yearlyPrice, tier.currency, language) }) }]
        : []),
    ],
  }));
}

const checkoutBody = z.object({
  tier: z.coerce.number({ error: 'tier must be a number' }).int().positive('tier must be a tier id'),
  interval: z.enum(['month', 'year'], { error: 'interval must be month or year' }),
  _csrf: z.string().max(200).optional(),
});

/** /support (tiers and other ways to help), Stripe Checkout, and Stripe's webhook. */
/** The support appeal at the end of a story; null when it is switched off, and for patrons. */
export function presentAppeal(support: SupportSettings, viewer: { patron: boolean }, jsHref: string, locale: TextLocale): AppealView | null {
  if (!support.appealEnabled || viewer.patron) return null;
  const shown = (field: SupportText) => outletText(support, support.translations, field, locale);
  const [heading, text, button] = [shown('appealHeading'), shown('appealText'), shown('appealButton')];
  return {
    heading: heading.text,
    text: text.text,
    action: { href: '/support', text: button.text },
    langs: { heading: heading.lang, text: text.lang, action: button.lang },
    dismissDays: support.dismissDays,
    skipFirstArticles: support.skipFirstArticles,
    jsHref,
  };
}

export function registerSupportRoutes(deps: SupportRouteDeps) {
  return (app: FastifyInstance) => {
    const supportPage = async (reply: FastifyReply, viewer: SupportPageView['viewer'], opts: { status?: number; problem?: ReaderProblem } = {}) => {
      const now = deps.clock();
      const [ctx, settings, tiers, patronCount] = await Promise.all([
        deps.pageContext(now, readerLanguage(reply.request)),
        deps.patrons.getSupportSettings(),
        deps.patrons.listTiers(),
        deps.patrons.countPatrons(now),
      ]);
      const shown = (field: SupportText) => outletText(settings, settings.translations, field, ctx.locale);
      const [pitch, otherWays, payByHand] = [shown('pitch'), shown('otherWays'), shown('payByHand')];
      const html = renderDocument(
        SupportPage({
          chrome: presentChrome(ctx),
          head: {
            title: ctx.locale.t('support.title', { outlet: ctx.site.name }),
            description: pitch.text.slice(0, 200),
            canonical: ctx.urls.absolute('/support'),
            ogType: 'website',
            image: null,
            jsonLd: [],
          },
          pitch: { paragraphs: paragraphs(pitch.text), lang: pitch.lang },
          otherWays: { paragraphs: paragraphs(otherWays.text), lang: otherWays.lang },
          tiers: presentTiers(tiers, ctx.locale, ctx.locale.t),
          patronCount,
          viewer,
          onlinePayments: deps.stripe !== null,
          byHand: { instructions: paragraphs(payByHand.text), lang: payByHand.lang, contactEmail: ctx.site.contactEmail || null },
          error: opts.problem ? ctx.locale.t(opts.problem.code, opts.problem.values) : null,
        }),
      );
      // The patron count moves with every new patron; a shared copy may lag by the cache's safety-net hour.
      return sendHtml(reply, html, { status: opts.status ?? 200, keys: [cacheKeys.site, cacheKeys.support] });
    };

    app.get('/support', async function showSupportPage(req, reply) {
      const m = req.member;
      return supportPage(reply, !m ? { kind: 'anonymous' } : m.patron ? { kind: 'patron', tier: m.patron.tierName ?? '' } : { kind: 'member', csrf: m.csrf });
    });

    app.post('/support/checkout', { bodyLimit: 4 * 1024 }, async function startCheckout(req, reply) {
      const m = req.member;
      // The shared /support page has no member token: a signed-out reader signs in first and comes back.
      if (!m) return redirect(reply, '/account/sign-in?next=/support');
      checkMemberCsrf(req, m);
      const viewer = { kind: 'member' as const, csrf: m.csrf };
      const parsed = checkoutBody.safeParse(req.body ?? {});
      if (!parsed.success) return supportPage(reply, viewer, { status: 400, problem: { code: 'problem.support.badChoice' } });
      if (m.patron) return redirect(reply, '/account');
      if (!deps.stripe) return supportPage(reply, viewer, { status: 409, problem: { code: 'problem.support.noCards' } });
      const now = deps.clock();
      const limit = await deps.limiter.hit(`checkout:${req.ip}`, now.getTime());
      if (!limit.ok)
        return supportPage(reply.header('retry-after', String(limit.retryAfterSeconds)), viewer, {
          status: 429,
          problem: { code: 'problem.rateLimited', values: { minutes: minutesToWait(limit.retryAfterSeconds) } },
        });
      const tier = await deps.patrons.findTier(parsed.data.tier);
      if (!tier || tier.archivedAt) return supportPage(reply, viewer, { status: 422, problem: { code: 'problem.support.tierGone' } });
      const ctx = await deps.pageContext(now, readerLanguage(req));
      if (!(parsed.data.interval === 'month' ? tier.monthlyPrice : tier.yearlyPrice)) {
        const name = outletText(tier, tier.translations, 'name', ctx.locale).text;
        return supportPage(reply, viewer, {
          status: 422,
          problem: { code: parsed.data.interval === 'month' ? 'problem.support.notMonthly' : 'problem.support.notYearly', values: { tier: name } },
        });
      }
      try {
        const url = await deps.stripe.createCheckout({
          member: m.member,
          tier,
          interval: parsed.data.interval,
          outlet: ctx.site.name,
          successUrl: ctx.urls.absolute('/support/thanks'),
          cancelUrl: ctx.urls.absolute('/support'),
        });
        return redirect(reply, url);
      } catch (err) {
        req.log.warn({ err }, 'Stripe Checkout could not be started');
        return supportPage(reply, viewer, { status: 503, problem: { code: 'problem.support.providerDown' } });
      }
    });

    app.get('/support/thanks', async function showSupportThanks(req, reply) {
      const ctx = await deps.pageContext(deps.clock(), readerLanguage(req));
      const html = renderDocument(
        SupportThanksPage({
          chrome: presentChrome(ctx),
          head: {
            title: ctx.locale.t('thanks.title'),
            description: ctx.locale.t('thanks.title'),
            canonical: null,
            ogType: 'website',
            image: null,
            jsonLd: [],
            robots: 'noindex',
          },
          patron: Boolean(req.member?.patron),
        }),
      );
      return sendHtml(reply, html, { cacheControl: NO_STORE });
    });

    // Stripe signs the exact bytes it sent, so this one route keeps the body raw.
    void app.register(async (hooks) => {
      hooks.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) => done(null, body));
      hooks.post('/webhooks/stripe', async function receiveStripeWebhook(req, reply) {
        reply.header('cache-control', 'no-store');
        if (!deps.stripeWebhooks) return reply.code(404).send({ error: 'Stripe is not configured on this site' });
        if (!Buffer.isBuffer(req.body)) return reply.code(400).send({ error: 'expected a JSON body' });
        const signature = req.headers['stripe-signature'];
        const result = await deps.stripeWebhooks.handle(req.body, typeof signature === 'string' ? signature : undefined, deps.clock());
        return reply.code(result.status).send(result.body);
      });
    });
  };
}
