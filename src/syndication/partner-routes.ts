import { readerLanguage } from '../http/language-prefix.js';
import { minutesToWait, type ReaderProblem } from '../i18n/reader-problem.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RateLimiter } from '../http/rate-limit.js';
import { sendHtml } from '../http/responses.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { EMPTY_REPUBLISH_FORM, RepublishPage, RepublishThanksPage, type RepublishFormValues } from '../views/pages/syndication/republish-pages.js';
import type { HeadMeta } from '../views/view-models.js';
import { renderDocument } from '../views/render.js';
import { referrerHostOf } from './partner.js';
import type { PartnerService } from './partner-service.js';

export interface PartnerRouteDeps {
  partners: PartnerService;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  /** Requests per IP: 5 an hour is plenty for people and little for a script. */
  limiter: RateLimiter;
  /** Counted pixel loads per IP; past it the image is still sent, the view not counted. */
  pixelLimiter: RateLimiter;
  clock: () => Date;
}

const NO_STORE = 'private, no-store';

/** A transparent 1×1 GIF, 43 bytes. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const formBody = z.object({
  organisation: z.string().max(5000).default(''),
  contactName: z.string().max(5000).default(''),
  contactEmail: z.string().max(5000).default(''),
  website: z.string().max(5000).default(''),
  articles: z.string().max(10_000).default(''),
  purpose: z.string().max(10_000).default(''),
  wantsFullText: z.string().max(10).optional(),
  nickname: z.string().max(5000).default(''),
});

/** The public side of reprint permission: how to ask, the request form, and the republished copies' pixel. */
export function registerPartnerRoutes(deps: PartnerRouteDeps) {
  const head = (ctx: PresenterContext, title: string, robots?: string): HeadMeta => ({
    title,
    description: ctx.locale.t('reprint.description', { outlet: ctx.site.name }),
    canonical: ctx.urls.absolute('/republish'),
    ogType: 'website',
    image: null,
    jsonLd: [],
    ...(robots ? { robots } : {}),
  });
  /** The form, with its first problem (a field's, or 'form' for the whole of it) worded in the page's language. */
  const formPage = (ctx: PresenterContext, values: RepublishFormValues, error: { field: string; problem: ReaderProblem } | null) =>
    renderDocument(
      RepublishPage({
        chrome: presentChrome(ctx),
        head: head(ctx, ctx.locale.t('republish.title')),
        quoteLimit: ctx.policy.maxExcerptChars,
        policyHref: `${ctx.urls.prefix}/reprint-policy`,
        values,
        error: error ? { field: error.field, message: ctx.locale.t(error.problem.code, error.problem.values) } : null,
        contactEmail: ctx.policy.permissionsContact || ctx.site.contactEmail,
      }),
    );

  const limited = async (req: FastifyRequest, reply: FastifyReply): Promise<ReaderProblem | null> => {
    const r = await deps.limiter.hit(`republish:${req.ip}`, deps.clock().getTime());
    if (r.ok) return null;
    reply.header('retry-after', String(r.retryAfterSeconds));
    return { code: 'problem.republish.tooMany', values: { minutes: minutesToWait(r.retryAfterSeconds) } };
  };

  return (app: FastifyInstance) => {
    app.get('/republish', async function showRepublishPage(req, reply) {
      const ctx = await deps.pageContext(deps.clock(), readerLanguage(req));
      return sendHtml(reply, formPage(ctx, EMPTY_REPUBLISH_FORM, null), { cacheControl: NO_STORE });
    });

    app.post('/republish', { bodyLimit: 64 * 1024 }, async function submitRepublishRequest(req, reply) {
      const now = deps.clock();
      const body = formBody.parse(req.body ?? {});
      const values: RepublishFormValues = { ...body, wantsFullText: body.wantsFullText === 'yes' };
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const tooMany = await limited(req, reply);
      if (tooMany) return sendHtml(reply, formPage(ctx, values, { field: 'form', problem: tooMany }), { status: 429, cacheControl: NO_STORE });
      const result = await deps.partners.submitRequest({ ...values, nickname: body.nickname }, now);
      if (!result.ok) return sendHtml(reply, formPage(ctx, values, result), { status: 422, cacheControl: NO_STORE });
      // A bot that filled the honeypot sees the same thanks as a person.
      return sendHtml(
        reply,
        renderDocument(RepublishThanksPage({ chrome: presentChrome(ctx), head: head(ctx, ctx.locale.t('republish.thanks.title'), 'noindex') })),
        {
          cacheControl: NO_STORE,
        },
      );
    });

    // Loaded by every republished copy. Whatever happens, the copy gets its image: a broken image
    // on a partner's page is worse than a view not counted.
    app.get('/republish/pixel/:articleId.gif', async function showRepublishPixel(req, reply) {
      const id = (req.params as { articleId?: string }).articleId ?? '';
      if (/^[1-9]\d{0,14}$/.test(id) && req.method === 'GET') {
        try {
          const now = deps.clock();
          if ((await deps.pixelLimiter.hit(`pixel:${req.ip}`, now.getTime())).ok)
            await deps.partners.recordRepublishView(Number(id), referrerHostOf(req.headers.referer), now);
        } catch (err) {
          req.log.warn({ err }, 'republish view not counted');
        }
      }
      return (
        reply
          .code(200)
          .header('content-type', 'image/gif')
          .header('cache-control', 'no-store')
          // Partners' pages may require cross-origin resources to opt in (COEP).
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(PIXEL_GIF)
      );
    });
  };
}
