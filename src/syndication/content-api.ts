import { z } from 'zod';
import { apiSearchResultSchema, SEARCH_API_PARAMETERS } from '../search/search-api.js';

/** The Content API's shapes, as zod schemas: they validate our own output in tests and generate the OpenAPI file. */
export const apiAuthorSchema = z.object({ name: z.string(), url: z.url() });
export const apiImageSchema = z.object({
  url: z.url(),
  width: z.number().int(),
  height: z.number().int(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
});
export const apiArticleSchema = z.object({
  slug: z.string(),
  url: z.url().describe('The canonical address. Any reuse must link here.'),
  headline: z.string(),
  excerpt: z.string().describe('At most the reprint policy limit (500 characters by default) of the story, never a cut word.'),
  language: z.string(),
  section: z.object({ slug: z.string(), name: z.string() }).nullable(),
  tags: z.array(z.string()),
  authors: z.array(apiAuthorSchema),
  published_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  image: apiImageSchema.nullable(),
  license: z.object({ url: z.url(), statement: z.string(), max_excerpt_chars: z.number().int() }),
  content_html: z.string().optional().describe('The full body: only for a partner key whose grant covers this article with full text.'),
  republish_html: z
    .string()
    .optional()
    .describe(
      'Ready to paste: headline, byline, body, a "first published by" line with the canonical link, and a counting image. Same condition as content_html.',
    ),
});
export const apiArticleListSchema = z.object({
  items: z.array(apiArticleSchema),
  page: z.number().int().nullable().describe('The page number asked for; null when the list was read from a cursor.'),
  per_page: z.number().int(),
  next: z.url().nullable().describe('The address of the following page (it carries a cursor); null on the last page.'),
  next_cursor: z.string().nullable().describe('Pass as cursor= to read on from the last story of this page; null on the last page.'),
});
export const apiErrorSchema = z.object({ error: z.string() });

/** Requests per minute per address without a partner key. */
export const ANONYMOUS_API_LIMIT = { count: 120, windowMs: 60_000 } as const;

/** Page numbers go this deep; past it, a cursor costs the same at any depth while an offset does not. */
export const MAX_PAGE = 100;

/** A position in the newest-first list, as the opaque `cursor` the API hands out. */
export interface ApiCursor {
  publishedAt: string;
  id: number;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

/** The cursor for "after this story". */
export function encodeCursor(c: ApiCursor): string {
  return Buffer.from(`${c.publishedAt}~${c.id}`).toString('base64url');
}

/** A cursor we handed out, or null for anything else. */
export function decodeCursor(value: string): ApiCursor | null {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(value)) return null;
  const m = /^([^~]+)~(\d{1,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!m || !CURSOR_TIME.test(m[1]!)) return null;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) && id > 0 ? { publishedAt: m[1]!, id } : null;
}

export const listQuerySchema = z
  .object({
    page: z.coerce
      .number({ error: 'page must be a number' })
      .int('page must be a whole number')
      .min(1, 'page must be 1 or more')
      .max(MAX_PAGE, `page must be ${MAX_PAGE} or less: to read further, follow "next" (or pass cursor= with "next_cursor")`)
      .optional(),
    cursor: z
      .string()
      .max(200, 'cursor is not one we gave out')
      .transform(
        (v, ctx) =>
          decodeCursor(v) ?? (ctx.addIssue({ code: 'custom', message: 'cursor is not one we gave out: use "next_cursor" from a previous answer' }), z.NEVER),
      )
      .optional(),
    per_page: z.coerce
      .number({ error: 'per_page must be a number' })
      .int()
      .min(1, 'per_page must be 1 or more')
      .max(50, 'per_page must be 50 or less')
      .default(20),
    section: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/, 'section must be a section slug')
      .optional(),
    tag: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/, 'tag must be a tag slug')
      .optional(),
    since: z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z' }).optional(),
  })
  .refine((q) => [q.section, q.tag, q.since].filter(Boolean).length <= 1, { message: 'use at most one of section, tag and since', path: ['section'] })
  .refine((q) => !(q.page && q.cursor), { message: 'use page or cursor, not both', path: ['cursor'] });

/** OpenAPI 3.1 for the public Content API, generated from the schemas above. */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', io: 'output' });
  const errors = { description: 'A message naming the problem', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const bearer = [{}, { partnerKey: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Masthead Content API',
      version: '1',
      description:
        'Published stories as JSON. Without a key, every story carries an excerpt within the reprint policy; a partner key adds the full text for the stories its grant covers. ' +
        `Requests without a key are limited per address (${ANONYMOUS_API_LIMIT.count} a minute; 429 with Retry-After beyond); partner keys are not.`,
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    components: {
      securitySchemes: { partnerKey: { type: 'http', scheme: 'bearer', description: 'A partner key from a republication grant.' } },
      schemas: {
        Article: schema(apiArticleSchema),
        ArticleList: schema(apiArticleListSchema),
        SearchResult: schema(apiSearchResultSchema),
        Error: schema(apiErrorSchema),
      },
    },
    paths: {
      '/articles': {
        get: {
          summary: 'Published stories, newest first',
          security: bearer,
          parameters: [
            {
              name: 'page',
              in: 'query',
              description: `For the first ${MAX_PAGE} pages; deeper, use cursor.`,
              schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
            },
            { name: 'cursor', in: 'query', description: 'next_cursor from a previous answer: reads on after its last story.', schema: { type: 'string' } },
            { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } },
            { name: 'section', in: 'query', schema: { type: 'string' } },
            { name: 'tag', in: 'query', schema: { type: 'string' } },
            { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
          ],
          responses: {
            '200': { description: 'A page of stories', content: { 'application/json': { schema: { $ref: '#/components/schemas/ArticleList' } } } },
            '400': errors,
            '401': errors,
            '403': errors,
            '429': errors,
          },
        },
      },
      '/articles/{slug}': {
        get: {
          summary: 'One published story',
          security: bearer,
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The story', content: { 'application/json': { schema: { $ref: '#/components/schemas/Article' } } } },
            '401': errors,
            '403': errors,
            '404': errors,
            '429': errors,
          },
        },
      },
      '/search': {
        get: {
          summary: 'Published stories matching words, best first (headline, standfirst and body; newer stories a little ahead)',
          description: 'Snippets are excerpts within the reprint policy, with or without a key.',
          parameters: SEARCH_API_PARAMETERS,
          responses: {
            '200': { description: 'A page of matches', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } } },
            '400': errors,
            '429': errors,
          },
        },
      },
    },
  };
}
