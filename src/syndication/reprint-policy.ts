import { z } from 'zod';

/**
 * The outlet's reuse policy: anyone may quote up to `maxExcerptChars` characters of a story with
 * an active link to it; more needs written permission. Every public output obeys it.
 */
export const reprintPolicySchema = z.object({
  maxExcerptChars: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(50, 'must be at least 50')
    .max(5000, 'must be at most 5000'),
  /** Always true today; kept explicit because the notice and the quote tool state it. */
  requireLink: z.literal(true).default(true),
  license: z.string().trim().min(1, 'is required').max(500),
  permissionsContact: z.string().trim().max(254),
  /** TDMRep: text and data mining rights reserved (W3C TDM Reservation Protocol). */
  tdmReservation: z.boolean().default(true),
  // Sent as the tdm-policy header of every article: a newline or a non-Latin character there would break the page.
  tdmPolicyUrl: z
    .string()
    .trim()
    .max(500)
    .refine(
      (v) => v === '' || (/^https?:\/\/[\x21-\x7e]+$/.test(v) && URL.canParse(v)),
      'must be a web address starting with https:// (non-ASCII characters percent-encoded)',
    )
    .default(''),
  /** User agents robots.txt tells to stay out (AI training crawlers, by default). */
  aiCrawlers: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[\w.-]{1,60}$/, 'user-agent names are letters, digits, dots and hyphens'),
    )
    .max(100),
});
export type ReprintPolicy = z.infer<typeof reprintPolicySchema>;

export const DEFAULT_REPRINT_POLICY: ReprintPolicy = {
  maxExcerptChars: 500,
  requireLink: true,
  license: 'All rights reserved. You may quote up to 500 characters of any story, with a link to it; anything longer needs our written permission.',
  permissionsContact: '',
  tdmReservation: true,
  tdmPolicyUrl: '',
  aiCrawlers: [
    'GPTBot',
    'ChatGPT-User',
    'OAI-SearchBot',
    'CCBot',
    'ClaudeBot',
    'anthropic-ai',
    'Google-Extended',
    'PerplexityBot',
    'Bytespider',
    'Applebot-Extended',
    'meta-externalagent',
    'Amazonbot',
    'cohere-ai',
    'Diffbot',
  ],
};
