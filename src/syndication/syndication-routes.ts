import { readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Article, ArticleSummary, PublicArticle } from '../articles/article.js';
import { SLUG_PATTERN } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { Urls } from '../site/urls.js';
import { cacheKeys } from '../cache/cache-keys.js';
import { notFound } from '../http/errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { sendHtml } from '../http/responses.js';
import { ReprintPolicyPage } from '../views/pages/syndication/reprint-policy-page.js';
import { presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import { encodeCursor, listQuerySchema, openApiDocument, type apiArticleSchema } from './content-api.js';
import { absolutize } from './partner-bundle.js';
import type { PolicyService } from './policy-service.js';
import type { ReprintPolicy } from './reprint-policy.js';

/** Who a partner key belongs to and what its grant covers (implemented by the partner service). */
export interface PartnerAccess {
  grantId: number;
  keyId: number;
  partnerName: string;
  fullText: boolean;
  covers(article: { slug: string; section: { slug: string } | null }): boolean;
}

export interface PartnerGate {
  authenticate(
    bearer: string,
    now: Date,
  ): Promise<{ ok: true; access: PartnerAccess } | { ok: false; reason: 'unknown' | 'revoked' | 'expired'; message: string }>;
  recordFullTextFetch(access: PartnerAccess, articleId: number, now: Date): Promise<void>;
  republishBundle(article: PublicArticle, access: PartnerAccess, site: { name: string; urls: Urls }): string;
}

export interface SyndicationRouteDeps {
  articles: ArticleService;
  policy: PolicyService;
  partners: PartnerGate | null;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  /** Content API requests without a partner key, per address. */
  limiter: RateLimiter;
}

type ApiArticle = z.infer<typeof apiArticleSchema>;

/** Public outputs governed by the reprint policy: the Content API, oEmbed, TDMRep and the policy page. */
/** TDMRep (W3C Text and Data Mining Reservation Protocol) headers for story pages. */
export function tdmHeaders(reprint: Pick<ReprintPolicy, 'tdmReservation' | 'tdmPolicyUrl'>, urls: Urls): Record<string, string> {
  if (!reprint.tdmReservation) return { 'tdm-reservation': '0' };
  return { 'tdm-reservation': '1', 'tdm-policy': reprint.tdmPolicyUrl || urls.absolute('/reprint-policy') };
}

export function registerSyndicationRoutes(deps: SyndicationRouteDeps) {
  /** The caller's partner access, null for anonymous, or a reply already sent (bad key). */
  const partnerOf = async (req: FastifyRequest, reply: FastifyReply): Promise<PartnerAccess | null | 'sent'> => {
    const header = req.headers.authorization;
    if (!header) return null;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m || !deps.partners) {
      await reply
        .code(401)
        .header('cache-control', 'private, no-store')
        .header('www-authenticate', 'Bearer')
        .send({ error: 'Authorization must be "Bearer <partner key>".' });
      return 'sent';
    }
    const auth = await deps.partners.authenticate(m[1]!, deps.clock());
    if (!auth.ok) {
      await reply
        .code(auth.reason === 'unknown' ? 401 : 403)
        .header('cache-control', 'private, no-store')
        .header('www-authenticate', 'Bearer')
        .send({ error: auth.message });
      return 'sent';
    }
    return auth.access;
  };

  const present = (a: ArticleSummary & Partial<Pick<Article, 'bodyText' | 'tags' | 'language'>>, ctx: PresenterContext, policy: ReprintPolicy): ApiArticle => {
    const url = ctx.urls.absolute(ctx.urls.article(a.slug));
    const hero = a.hero;
    const w = hero ? (hero.widths.find((x) => x >= 1200) ?? hero.widths[hero.widths.length - 1]!) : 0;
    return {
      slug: a.slug,
      url,
      headline: a.headline,
      excerpt: deps.policy.excerpt(a.standfirst || a.bodyText || '', url, policy).text,
      language: a.language ?? ctx.site.language,
      section: a.section ? { slug: a.section.slug, name: a.section.name } : null,
      tags: (a.tags ?? []).map((t) => t.name),
      authors: a.authors.map((au) => ({ name: au.name, url: ctx.urls.absolute(ctx.urls.author(au.slug)) })),
      published_at: a.publishedAt!,
      updated_at: a.updatedAt,
      image: hero
        ? {
            url: ctx.urls.absolute(ctx.urls.media(hero.mediaHash, w, 'jpeg')),
            width: w,
            height: Math.round((hero.height * w) / hero.width),
            alt: hero.alt,
            caption: hero.caption,
            credit: hero.credit,
          }
        : null,
      license: { url: ctx.urls.absolute('/reprint-policy'), statement: policy.license, max_excerpt_chars: policy.maxExcerptChars },
    };
  };

  /** Callers without a partner key share a per-address budget; false when it is spent (the 429 is sent). */
  const underAnonymousLimit = async (req: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const limit = await deps.limiter.hit(`api:${req.ip}`, deps.clock().getTime());
    if (limit.ok) return true;
    await reply
      .code(429)
      .header('retry-after', String(limit.retryAfterSeconds))
      .header('cache-control', 'no-store')
      .send({ error: `Too many requests without a partner key from your address. Try again in ${limit.retryAfterSeconds} seconds, or ask us for a key.` });
    return false;
  };

  return (app: FastifyInstance) => {
    app.get('/api/v1/articles', async function listApiArticles(req, reply) {
      const partner = await partnerOf(req, reply);
      if (partner === 'sent') return reply;
      if (!partner && !(await underAnonymousLimit(req, reply))) return reply;
      const q = listQuerySchema.parse(req.query);
      const now = deps.clock();
      const [ctx, policy] = await Promise.all([deps.pageContext(now), deps.policy.getPolicy()]);
      const page = q.cursor ? null : (q.page ?? 1);
      const since = q.since ? new Date(q.since).toISOString() : undefined;
      const found = await deps.articles.listPage({
        filter: { section: q.section, tag: q.tag, since },
        page: page ?? 1,
        perPage: q.per_page,
        after: q.cursor ?? null,
        now,
      });
      if (!found) throw notFound(q.section ? 'section' : 'tag');
      const last = found.items[found.items.length - 1];
      const nextCursor = found.hasNext && last ? encodeCursor({ publishedAt: last.publishedAt!, id: last.id }) : null;
      const filters = { ...(q.section ? { section: q.section } : {}), ...(q.tag ? { tag: q.tag } : {}), ...(q.since ? { since: q.since } : {}) };
      const next = nextCursor
        ? ctx.urls.absolute(`/api/v1/articles?${new URLSearchParams({ ...filters, per_page: String(q.per_page), cursor: nextCursor })}`)
        : null;
      reply.header('cache-control', partner ? 'private, no-store' : 'public, max-age=60, s-maxage=300');
      if (!partner) reply.header('surrogate-key', 'site home feeds').header('cache-tag', 'site,home,feeds');
      return reply.send({ items: found.items.map((a) => present(a, ctx, policy)), page, per_page: q.per_page, next, next_cursor: nextCursor });
    });

    app.get('/api/v1/articles/:slug', async function showApiArticle(req, reply) {
      const partner = await partnerOf(req, reply);
      if (partner === 'sent') return reply;
      if (!partner && !(await underAnonymousLimit(req, reply))) return reply;
      const { slug } = z.object({ slug: z.string() }).parse(req.params);
      if (!SLUG_PATTERN.test(slug)) throw notFound('article');
      const now = deps.clock();
      const article = await deps.articles.getPublicArticle(slug, now);
      if (!article) throw notFound('article');
      const [ctx, policy] = await Promise.all([deps.pageContext(now), deps.policy.getPolicy()]);
      const body: ApiArticle = present(article, ctx, policy);
      if (partner && partner.fullText && partner.covers(article)) {
        // Root-relative links and images in the body must still work on the partner's site.
        body.content_html = absolutize(article.bodyHtml, ctx.urls);
        body.republish_html = deps.partners!.republishBundle(article, partner, { name: ctx.site.name, urls: ctx.urls });
        await deps.partners!.recordFullTextFetch(partner, article.id, now);
      }
      reply.header('cache-control', partner ? 'private, no-store' : 'public, max-age=60, s-maxage=300');
      if (!partner) reply.header('surrogate-key', `site article:${slug}`).header('cache-tag', `site,article:${slug}`);
      return reply.send(body);
    });

    app.get('/api/v1/openapi.json', async function showOpenApi(_req, reply) {
      const ctx = await deps.pageContext(deps.clock());
      return reply.header('cache-control', 'public, max-age=3600').send(openApiDocument(ctx.urls.publicUrl));
    });

    app.get('/oembed', async function showOembed(req, reply) {
      const q = z
        .object({
          url: z.string({ error: 'url is required' }).max(2000),
          format: z.enum(['json', 'xml']).default('json'),
          maxwidth: z.coerce.number().int().min(100).max(2000).optional(),
        })
        .parse(req.query);
      if (q.format === 'xml') return reply.code(501).send({ error: 'Only format=json is supported.' });
      const now = deps.clock();
      const ctx = await deps.pageContext(now);
      let path: string;
      try {
        const u = new URL(q.url);
        if (u.origin !== new URL(ctx.urls.publicUrl).origin) throw notFound('article at that address');
        path = u.pathname;
      } catch (err) {
        if (err instanceof Error && 'statusCode' in err) throw err;
        return reply.code(400).send({ error: 'url must be the full address of one of our stories' });
      }
      const m = /^\/articles\/([a-z0-9-]+)\/?$/.exec(path);
      const article = m ? await deps.articles.getPublicArticle(m[1]!, now) : null;
      if (!article) throw notFound('article at that address');
      const policy = await deps.policy.getPolicy();
      const url = ctx.urls.absolute(ctx.urls.article(article.slug));
      const excerpt = deps.policy.excerpt(article.standfirst || article.bodyText, url, policy);
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      const html =
        `<blockquote class="masthead-embed" cite="${esc(url)}"><p>${esc(excerpt.text)}</p><footer>— <a ` +
        `href="${esc(url)}">${esc(article.headline)}</a>, ${esc(ctx.site.name)}</footer></blockquote>`;
      const width = q.maxwidth ?? 600;
      return reply
        .header('cache-control', 'public, max-age=300')
        .header('surrogate-key', `site article:${article.slug}`)
        .send({
          version: '1.0',
          type: 'rich',
          provider_name: ctx.site.name,
          provider_url: ctx.urls.absolute('/'),
          title: article.headline,
          author_name: article.authors.map((a) => a.name).join(', '),
          ...(article.authors[0] ? { author_url: ctx.urls.absolute(ctx.urls.author(article.authors[0].slug)) } : {}),
          html,
          width,
          height: 240,
          cache_age: 300,
        });
    });

    app.get('/reprint-policy', async function showReprintPolicy(req, reply) {
      const now = deps.clock();
      const [ctx, policy] = await Promise.all([deps.pageContext(now, readerLanguage(req)), deps.policy.getPolicy()]);
      const html = renderDocument(
        ReprintPolicyPage({
          chrome: presentChrome(ctx),
          head: {
            title: ctx.locale.t('reprint.title'),
            description: ctx.locale.t('reprint.description', { outlet: ctx.site.name }),
            canonical: ctx.urls.absolute('/reprint-policy'),
            ogType: 'website',
            image: null,
            jsonLd: [],
          },
          maxChars: policy.maxExcerptChars,
          license: policy.license,
          contact: policy.permissionsContact,
          tdmReserved: policy.tdmReservation,
        }),
      );
      return sendHtml(reply, html, { keys: [cacheKeys.site] });
    });

    app.get('/.well-known/tdmrep.json', async function showTdmRep(_req, reply) {
      const now = deps.clock();
      const [ctx, policy] = await Promise.all([deps.pageContext(now), deps.policy.getPolicy()]);
      const rules = [
        {
          location: '/*',
          'tdm-reservation': policy.tdmReservation ? 1 : 0,
          ...(policy.tdmReservation ? { 'tdm-policy': policy.tdmPolicyUrl || ctx.urls.absolute('/reprint-policy') } : {}),
        },
      ];
      return reply.header('cache-control', 'public, max-age=3600').header('surrogate-key', 'site').send(rules);
    });
  };
}
