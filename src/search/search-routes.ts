import { readerLanguage } from '../http/language-prefix.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { cacheKeys } from '../cache/cache-keys.js';
import { HttpError } from '../http/errors.js';
import { sendHtml } from '../http/responses.js';
import { SearchPage, type SearchPageView } from '../views/pages/search/search-page.js';
import { presentCard, presentChrome, type PresenterContext } from '../views/presenters.js';
import { renderDocument } from '../views/render.js';
import type { Locale } from '../i18n/locale.js';
import { RANKING_WINDOW } from './search-index.js';
import { MAX_SEARCH_PAGE, type SearchInput, type SearchOutcome, type SearchService } from './search-service.js';

export interface SearchRouteDeps {
  search: SearchService;
  pageContext: (now: Date, language?: string | null) => Promise<PresenterContext>;
  clock: () => Date;
  /** The suggest island's script, loaded by /search only. */
  suggestJsHref: string | null;
}

const slug = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9-]{0,80}$/, `${what} must be a ${what} slug`)
    .optional();
const day = (what: string) =>
  z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, `${what} must be a date such as 2026-11-01`)
    .refine((s) => s === '' || !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), `${what} must be a real date`)
    .optional();

/** The query string of /search and /api/v1/search. Empty strings (an untouched form field) mean "not set". */
const searchQuerySchema = z.object({
  q: z.string({ error: 'q must be text, given once' }).max(20_000, 'q must be at most 20,000 characters').default(''),
  page: z.coerce
    .number({ error: 'page must be a number' })
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(MAX_SEARCH_PAGE, `page must be ${MAX_SEARCH_PAGE} or less`)
    .default(1),
  section: slug('section'),
  tag: slug('tag'),
  author: slug('author'),
  from: day('from'),
  to: day('to'),
});
const apiQuerySchema = searchQuerySchema.extend({
  lang: z
    .string({ error: 'lang must be a language code, given once' })
    .regex(/^([a-z]{2,3})?$/, 'lang must be a language code such as en or uk')
    .optional(),
  per_page: z.coerce
    .number({ error: 'per_page must be a number' })
    .int()
    .min(1, 'per_page must be 1 or more')
    .max(50, 'per_page must be 50 or less')
    .default(10),
});

const suggestQuerySchema = z.object({ q: z.string({ error: 'q must be text, given once' }).max(300, 'q must be at most 300 characters').default('') });

type Params = z.infer<typeof searchQuerySchema>;

/** Only the parameters that were set, for links that keep the search and change one thing. */
function linkParams(p: Params, override: Partial<Record<keyof Params, string | null>> = {}): string {
  const out = new URLSearchParams();
  for (const k of ['q', 'section', 'tag', 'author', 'from', 'to', 'page'] as const) {
    const v = k in override ? override[k] : p[k] === undefined ? null : String(p[k]);
    if (v && !(k === 'page' && v === '1')) out.set(k, v);
  }
  return out.toString();
}

function inputOf(p: Params, perPage?: number): SearchInput {
  return {
    q: p.q,
    page: p.page,
    ...(perPage ? { perPage } : {}),
    ...(p.section ? { section: p.section } : {}),
    ...(p.tag ? { tag: p.tag } : {}),
    ...(p.author ? { author: p.author } : {}),
    ...(p.from ? { from: p.from } : {}),
    ...(p.to ? { to: p.to } : {}),
  };
}

function summaryOf(o: Extract<SearchOutcome, { ok: true }>, locale: Locale): { summary: string; note: string | null } {
  const { t, translator } = locale;
  if (o.total === 0) return { summary: t('search.none'), note: t('search.none.note') };
  if (o.exact) return { summary: t('search.found', { count: o.total }), note: null };
  const window = translator.number(RANKING_WINDOW);
  return {
    summary: o.total > RANKING_WINDOW ? t('search.manyAbout', { window, total: translator.number(o.total) }) : t('search.many', { window }),
    note: t('search.many.note', { window }),
  };
}

/** Public search: the page (no JavaScript needed) and the JSON API. Both are cached, keyed by their query string. */
export function registerSearchRoutes(deps: SearchRouteDeps) {
  const send = (reply: FastifyReply, html: string, status = 200) => sendHtml(reply, html, { status, keys: [cacheKeys.site, cacheKeys.search] });

  return (app: FastifyInstance) => {
    app.get('/search', async function showSearchPage(req, reply) {
      const p = searchQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      const url = (slugOf: string) => ctx.urls.absolute(ctx.urls.article(slugOf));
      const t = ctx.locale.t;
      const here = `${ctx.urls.prefix}/search`;
      const filtered = Boolean(p.section || p.tag || p.author || p.from || p.to);
      // Each language's search page searches that language's stories, as its listings list them.
      const outcome = p.q.trim() || filtered ? await deps.search.search({ ...inputOf(p), language: ctx.locale.listing }, now, url) : null;
      const v: SearchPageView = {
        chrome: presentChrome(ctx),
        head: {
          title: p.q.trim() ? t('search.titleWith', { q: Array.from(p.q.trim()).slice(0, 60).join('') }) : t('search.title'),
          description: t('search.description', { outlet: ctx.site.name }),
          canonical: null,
          ogType: 'website',
          image: null,
          jsonLd: [],
          robots: 'noindex',
        },
        q: outcome?.ok ? outcome.normalized : Array.from(p.q).slice(0, 300).join(''),
        // The page's words for the refusal; the JSON API keeps the service's English message.
        message: outcome && !outcome.ok ? t(outcome.problem.code, outcome.problem.values) : null,
        summary: null,
        note: null,
        results: [],
        sections: ctx.sections.map((s) => ({ slug: s.slug, name: s.name, selected: s.slug === p.section })),
        activeFilters: [],
        hidden: [],
        from: p.from ?? '',
        to: p.to ?? '',
        prev: null,
        next: null,
        page: p.page,
        suggestJsHref: deps.suggestJsHref,
      };
      if (outcome?.ok) {
        Object.assign(v, summaryOf(outcome, ctx.locale));
        if (outcome.truncated) v.note = [v.note, t('search.truncated')].filter(Boolean).join(' ');
        v.results = outcome.results.map((r) => {
          const card = presentCard(r.article, ctx, { withPicture: false });
          return { href: card.href, headline: card.headline, kicker: card.kicker, published: card.published, snippet: r.snippetParts };
        });
        const f = outcome.filters;
        if (f.tag)
          v.activeFilters.push({ label: t('search.filter.tag', { tag: f.tag.name }), removeHref: `${here}?${linkParams(p, { tag: null, page: null })}` });
        if (f.author)
          v.activeFilters.push({
            label: t('search.filter.author', { author: f.author.name }),
            removeHref: `${here}?${linkParams(p, { author: null, page: null })}`,
          });
        if (outcome.page > 1) v.prev = `${here}?${linkParams(p, { page: String(outcome.page - 1) })}`;
        if (outcome.hasNext) v.next = `${here}?${linkParams(p, { page: String(outcome.page + 1) })}`;
      }
      // The form keeps the link's tag and byline filters, which it has no fields for.
      if (p.tag) v.hidden.push({ name: 'tag', value: p.tag });
      if (p.author) v.hidden.push({ name: 'author', value: p.author });
      // A filter naming nothing that exists is the reader's mistake: say so with a 404-free 400.
      const status = outcome && !outcome.ok && outcome.reason === 'filter' ? 400 : 200;
      return send(reply, renderDocument(SearchPage({ v })), status);
    });

    app.get('/api/v1/search/suggest', async function suggestHeadlines(req, reply) {
      const { q } = suggestQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now);
      const suggestions = await deps.search.suggest(q, now, (s) => ctx.urls.article(s));
      return reply
        .header('cache-control', 'public, max-age=60, s-maxage=300')
        .header('surrogate-key', 'site search')
        .header('cache-tag', 'site,search')
        .send({ suggestions });
    });

    app.get('/api/v1/search', async function searchApi(req, reply) {
      const p = apiQuerySchema.parse(req.query);
      const now = deps.clock();
      const ctx = await deps.pageContext(now, readerLanguage(req));
      if (!p.q.trim()) throw new HttpError(400, 'q is required: the words to search for');
      // Without `lang` the API searches every language; with it, what that language's /search finds.
      const langs = ctx.locale.languages;
      if (p.lang && langs.prefixFor(p.lang) === null) throw new HttpError(400, `lang must be one of the outlet's languages: ${langs.all.join(', ')}`);
      const language = p.lang ? langs.listingFilter(p.lang) : null;
      const outcome = await deps.search.search({ ...inputOf(p, p.per_page), language }, now, (s) => ctx.urls.absolute(ctx.urls.article(s)));
      if (!outcome.ok) throw new HttpError(400, outcome.message);
      const next = outcome.hasNext ? ctx.urls.absolute(`/api/v1/search?${new URLSearchParams({ ...linkParamsObject(p), page: String(p.page + 1) })}`) : null;
      return reply
        .header('cache-control', 'public, max-age=60, s-maxage=300')
        .header('surrogate-key', 'site search')
        .header('cache-tag', 'site,search')
        .send({
          results: outcome.results.map((r) => ({
            slug: r.article.slug,
            headline: r.article.headline,
            url: ctx.urls.absolute(ctx.urls.article(r.article.slug, r.article.language)),
            language: r.article.language,
            snippet: r.snippet,
            published_at: r.article.publishedAt,
          })),
          total: outcome.total,
          total_exact: outcome.exact,
          page: outcome.page,
          per_page: outcome.perPage,
          next,
        });
    });
  };
}

function linkParamsObject(p: z.infer<typeof apiQuerySchema>): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(`${linkParams(p)}${p.per_page !== 10 ? `&per_page=${p.per_page}` : ''}`));
}
