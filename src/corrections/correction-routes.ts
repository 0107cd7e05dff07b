import { minutesToWait } from '../i18n/reader-problem.js';
import { readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SLUG_PATTERN } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import { cacheKeys } from '../cache/cache-keys.js';
import { xmlEscape } from '../feeds/xml.js';
import { notFound } from '../http/errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { sendHtml, sendText } from '../http/responses.js';
import { CorrectionsLogPage, ReportFormPage } from '../views/pages/corrections/correction-pages.js';
import { presentChrome, presentListingHead, presentPagination, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { CorrectionService } from './correction-service.js';

export interface CorrectionRouteDeps {
  corrections: CorrectionService;
  articles: ArticleService;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  limiter: RateLimiter;
  clock: () => Date;
}

const NO_STORE = 'private, no-store';

/** Readers' side of corrections: the report API, the no-JS form, the public log and its feed. */
export function registerCorrectionRoutes(deps: CorrectionRouteDeps) {
  const limited = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const r = await deps.limiter.hit(`report:${req.ip}`, deps.clock().getTime());
    if (r.ok) return false;
    reply.code(429).header('retry-after', String(r.retryAfterSeconds)).header('cache-control', NO_STORE);
    return true;
  };
  const tooMany = (seconds: string) => `You have sent a lot of reports in a short time. Please try again in ${Math.ceil(Number(seconds) / 60)} minute(s).`;

  return (app: FastifyInstance) => {
    app.post('/api/v1/corrections', { bodyLimit: 16 * 1024 }, async function submitCorrection(req, reply) {
      if (await limited(req, reply)) return reply.send({ error: tooMany(String(reply.getHeader('retry-after'))) });
      const result = await deps.corrections.submitReport(req.body, deps.clock());
      reply.header('cache-control', NO_STORE);
      if (!result.ok) return reply.code(result.status).send({ error: result.message, field: result.field, problem: result.problem.code });
      return reply.code(201).send({ id: result.id });
    });

    const articleFor = async (params: unknown, language: string | null) => {
      const { slug } = z.object({ slug: z.string() }).parse(params);
      if (!SLUG_PATTERN.test(slug)) throw notFound('article');
      const now = deps.clock();
      const article = await deps.articles.getPublicArticle(slug, now);
      if (!article) throw notFound('article');
      return { article, now, ctx: await deps.pageContext(now, language) };
    };

    const formPage = (
      ctx: PresenterContext,
      article: { slug: string; headline: string },
      extra: { values?: { quote: string; suggestion: string; email: string }; error?: { field: string; message: string } | null; sent?: boolean },
    ) =>
      renderDocument(
        ReportFormPage({
          chrome: presentChrome(ctx),
          head: {
            title: `${ctx.locale.t('report.title')}: ${article.headline}`,
            description: ctx.locale.t('corrections.form.title'),
            canonical: null,
            ogType: 'website',
            image: null,
            jsonLd: [],
            robots: 'noindex',
          },
          article: { href: ctx.urls.article(article.slug), headline: article.headline, slug: article.slug },
          values: extra.values ?? { quote: '', suggestion: '', email: '' },
          error: extra.error ?? null,
          sent: extra.sent ?? false,
        }),
      );

    app.get('/articles/:slug/report', async function showReportForm(req, reply) {
      const { article, ctx } = await articleFor(req.params, readerLanguage(req));
      return sendHtml(reply, formPage(ctx, article, {}), { cacheControl: NO_STORE });
    });

    app.post('/articles/:slug/report', { bodyLimit: 16 * 1024 }, async function submitReportForm(req, reply) {
      const { article, ctx, now } = await articleFor(req.params, readerLanguage(req));
      const body = z
        .object({
          quote: z.string().max(5000).default(''),
          suggestion: z.string().max(5000).default(''),
          email: z.string().max(300).default(''),
          website: z.string().max(500).default(''),
        })
        .parse(req.body);
      const values = { quote: body.quote, suggestion: body.suggestion, email: body.email };
      if (await limited(req, reply))
        return sendHtml(
          reply,
          formPage(ctx, article, {
            values,
            error: { field: 'form', message: ctx.locale.t('problem.report.tooMany', { minutes: minutesToWait(String(reply.getHeader('retry-after'))) }) },
          }),
          {
            status: 429,
            cacheControl: NO_STORE,
          },
        );
      const result = await deps.corrections.submitReport(
        { article: article.slug, quote: { exact: body.quote }, suggestion: body.suggestion, email: body.email, website: body.website },
        now,
      );
      if (!result.ok) {
        const message = ctx.locale.t(result.problem.code, result.problem.values);
        return sendHtml(reply, formPage(ctx, article, { values, error: { field: result.field, message } }), {
          status: result.status === 404 ? 404 : 422,
          cacheControl: NO_STORE,
        });
      }
      return sendHtml(reply, formPage(ctx, article, { sent: true }), { cacheControl: NO_STORE });
    });

    const articleKeysOf = (notes: { articleSlug: string }[]) => [...new Set(notes.map((n) => cacheKeys.article(n.articleSlug)))];

    app.get('/corrections', async function showCorrectionsLog(req, reply) {
      const { page } = z
        .object({ page: z.coerce.number({ error: 'page must be a number' }).int().min(1, 'page must be 1 or more').max(10_000).default(1) })
        .parse(req.query);
      const now = deps.clock();
      const [ctx, log] = await Promise.all([deps.pageContext(now, readerLanguage(req)), deps.corrections.listLog(page, now)]);
      if (page > 1 && log.items.length === 0) throw notFound();
      const pagination = presentPagination({ items: log.items, page, perPage: 20, hasNext: log.hasNext }, (p) =>
        p > 1 ? `/corrections?page=${p}` : '/corrections',
      );
      const html = renderDocument(
        CorrectionsLogPage({
          chrome: presentChrome(ctx),
          head: presentListingHead({
            title: ctx.locale.t('corrections.title'),
            description: ctx.locale.t('corrections.description', { outlet: ctx.site.name }),
            path: page > 1 ? `/corrections?page=${page}` : '/corrections',
            pagination,
            urls: ctx.urls,
            locale: ctx.locale,
          }),
          entries: log.items.map((n) => ({
            kind: n.kind,
            text: n.body,
            published: { iso: n.publishedAt, text: ctx.locale.translator.date(n.publishedAt, ctx.site.timeZone) },
            article: { href: ctx.urls.article(n.articleSlug), headline: n.articleHeadline },
          })),
          pagination,
          contact: ctx.site.correctionsEmail,
        }),
      );
      // Each entry shows its story's headline: an edit to the story must purge the log too.
      return sendHtml(reply, html, { keys: [cacheKeys.site, cacheKeys.corrections, ...articleKeysOf(log.items)] });
    });

    app.get('/corrections/feed.xml', async function showCorrectionsFeed(_req, reply) {
      const now = deps.clock();
      const [ctx, log] = await Promise.all([deps.pageContext(now, readerLanguage(_req)), deps.corrections.listLog(1, now, 50)]);
      const items = log.items
        .map((n) => {
          const url = ctx.urls.absolute(ctx.urls.article(n.articleSlug));
          const label = n.kind === 'correction' ? 'Correction' : 'Clarification';
          return (
            `<item><title>${xmlEscape(`${label}: ${n.articleHeadline}`)}</title><link>${xmlEscape(url)}</link><guid ` +
            `isPermaLink="false">${xmlEscape(`${ctx.urls.absolute('/corrections')}#note-${n.id}`)}` +
            `</guid><pubDate>${new Date(n.publishedAt).toUTCString()}</pubDate><description>${xmlEscape(n.body)}` +
            `</description></item>`
          );
        })
        .join('\n');
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
        `<title>${xmlEscape(`${ctx.site.name}: corrections and clarifications`)}</title><link>${xmlEscape(ctx.urls.absolute('/corrections'))}</link>` +
        `<description>${xmlEscape(`Every correction and clarification ${ctx.site.name} has published.`)}</description>` +
        `<atom:link href="${xmlEscape(ctx.urls.absolute('/corrections/feed.xml'))}" rel="self" type="application/rss+xml"/>\n${items}\n</channel></rss>\n`;
      return sendText(reply, xml, 'application/rss+xml; charset=utf-8', { keys: [cacheKeys.site, cacheKeys.corrections, ...articleKeysOf(log.items)] });
    });
  };
}
