import { z } from 'zod';
import { MAX_SEARCH_PAGE } from './search-service.js';

/** One hit of GET /api/v1/search: what the answer carries, and all it carries. */
export const apiSearchHitSchema = z.object({
  slug: z.string(),
  headline: z.string(),
  url: z.url(),
  /** Within the reprint policy's limit, cut by its excerpt function. */
  snippet: z.string(),
  published_at: z.iso.datetime().nullable(),
  /** The story's language tag ("en", "uk"). */
  language: z.string(),
});

/** The answer of GET /api/v1/search: its OpenAPI schema, and what tests check real answers against. */
export const apiSearchResultSchema = z.object({
  results: z.array(apiSearchHitSchema),
  /** Exact when `total_exact`; otherwise an estimate (the query matched more stories than are ranked). */
  total: z.number().int().min(0),
  total_exact: z.boolean(),
  page: z.number().int().min(1),
  per_page: z.number().int().min(1).max(50),
  next: z.url().nullable(),
});

/** The query parameters of GET /api/v1/search, as OpenAPI parameter objects. */
export const SEARCH_API_PARAMETERS = [
  {
    name: 'q',
    in: 'query',
    required: true,
    description: 'Words to find. "Quotes" make a phrase; -word leaves stories with that word out.',
    schema: { type: 'string', maxLength: 20000 },
  },
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_PAGE } },
  { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } },
  { name: 'section', in: 'query', description: 'A section slug', schema: { type: 'string' } },
  { name: 'tag', in: 'query', description: 'A tag slug', schema: { type: 'string' } },
  { name: 'author', in: 'query', description: 'An author slug', schema: { type: 'string' } },
  { name: 'from', in: 'query', description: 'Published on or after this day (UTC)', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', description: 'Published on or before this day (UTC)', schema: { type: 'string', format: 'date' } },
  {
    name: 'lang',
    in: 'query',
    description: "One of the outlet's languages: only the stories that language's pages list. Without it, every language.",
    schema: { type: 'string', pattern: '^[a-z]{2,3}$' },
  },
] as const;
