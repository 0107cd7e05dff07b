import { z } from 'zod';
import { ARTICLE_STATUSES, FUNDING_KINDS, SLUG_PATTERN } from './article.js';

/** Limits shared by every way an article arrives (import now, the editor later). */
export const LIMITS = {
  headline: 200,
  standfirst: 600,
  body: 200_000,
  authors: 10,
  tags: 20,
  sources: 50,
  related: 10,
} as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000, 'must be at most 2000 characters');

export const slugSchema = z
  .string()
  .max(80, 'must be at most 80 characters')
  .regex(SLUG_PATTERN, 'must be lower-case letters, digits and single hyphens, e.g. city-budget-2027');

export const sourceSchema = z.object({
  name: text(200).min(1, 'is required'),
  url: httpUrl,
});

export const authorInputSchema = z.object({
  name: text(120).min(1, 'is required'),
  bio: text(1000).default(''),
  guest: z.boolean().default(false),
});

/** Who paid for a story. The same rules for the editor and import front matter. */
export const fundingSchema = z.object({
  kind: z.enum(FUNDING_KINDS, { error: 'must be underwritten or sponsored' }),
  name: z
    .string({ error: 'is required (who paid for the story)' })
    .trim()
    .max(120, 'must be at most 120 characters')
    .min(1, 'is required (who paid for the story)'),
  url: httpUrl.or(z.literal('')).default(''),
  disclosure: text(600).default(''),
});

/** A complete article as the service accepts it. Names, not ids: the service resolves them. */
export const articleInputSchema = z.object({
  slug: slugSchema,
  headline: text(LIMITS.headline).min(1, 'is required'),
  standfirst: text(LIMITS.standfirst).default(''),
  bodyMarkdown: z.string().max(LIMITS.body, `must be at most ${LIMITS.body} characters`).default(''),
  /** From the browser editor: HTML (sanitized on save) and the editor's JSON document. Wins over bodyMarkdown. */
  bodyHtml: z
    .string()
    .max(LIMITS.body * 2, `must be at most ${LIMITS.body * 2} characters`)
    .nullable()
    .default(null),
  bodyJson: z
    .string()
    .max(LIMITS.body * 4)
    .default(''),
  hero: z
    .object({
      mediaId: z.number().int().positive(),
      alt: text(300).min(1, 'is required when there is an image (describe it for readers who cannot see it)'),
      caption: text(500).default(''),
      credit: text(200).default(''),
    })
    .nullable()
    .default(null),
  authors: z.array(authorInputSchema).min(1, 'needs at least one byline').max(LIMITS.authors),
  section: text(60).min(1).nullable().default(null),
  tags: z.array(text(60).min(1, 'must not be empty')).max(LIMITS.tags).default([]),
  sources: z.array(sourceSchema).max(LIMITS.sources).default([]),
  related: z.array(slugSchema).max(LIMITS.related).default([]),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or pt-BR')
    .default('en'),
  status: z.enum(ARTICLE_STATUSES).default('draft'),
  publishedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  funding: fundingSchema.nullable().default(null),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;
export type ArticleInputDraft = z.input<typeof articleInputSchema>;

/** Pagination in listing URLs: `?page=N`, 1..10000. */
export const pageQuerySchema = z.object({
  page: z.coerce
    .number({ error: 'page must be a number' })
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(10_000, 'page must be 10000 or less')
    .default(1),
});
