import { z } from 'zod';
import { translationsSchema, type Translations } from '../i18n/outlet-text.js';

/** A site-wide supporter, credited in every page's footer and on /support. See CONTEXT.md. */
export interface Funder {
  id: number;
  name: string;
  /** http(s), or empty. */
  url: string;
  /** The credit sentence with {outlet} and {funder}; empty means DEFAULT_FUNDER_LINE. */
  line: string;
  logo: { mediaId: number; hash: string; width: number; height: number; widths: number[] } | null;
  position: number;
  /** The credit line in the outlet's other languages. */
  translations: Translations<'line'>;
  createdAt: string;
  updatedAt: string;
}

export const DEFAULT_FUNDER_LINE = 'The work of {outlet} is supported by {funder}.';

const creditLine = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .refine((l) => l === '' || l.includes('{funder}'), 'must contain {funder} where the funder’s name goes (and may contain {outlet})');

/** What the admin form and the CLI send. The logo arrives separately, through the media pipeline. */
export const funderInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  url: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .refine((u) => u === '' || (/^https?:\/\/[^\s/]+/i.test(u) && URL.canParse(u)), 'must be an http(s) address such as https://example.org'),
  line: creditLine,
  position: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(10_000, 'must be at most 10000'),
  translations: translationsSchema({ line: creditLine }),
});
export type FunderInput = z.infer<typeof funderInputSchema>;

/** The credit sentence split around the funder's name, so a template can link the name. */
export function creditParts(f: Pick<Funder, 'line'>, outlet: string, defaultLine: string = DEFAULT_FUNDER_LINE): { before: string; after: string } {
  const line = (f.line || defaultLine).replaceAll('{outlet}', outlet);
  const i = line.indexOf('{funder}');
  return { before: line.slice(0, i), after: line.slice(i + '{funder}'.length).replaceAll('{funder}', '') };
}
