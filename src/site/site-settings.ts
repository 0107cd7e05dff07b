import { z } from 'zod';
import { CATALOG_LANGUAGES } from '../i18n/languages.js';
import { translationsSchema } from '../i18n/outlet-text.js';

const tagline = z.string().trim().max(200, 'must be at most 200 characters');
const description = z.string().trim().max(500, 'must be at most 500 characters');
/** The texts an outlet can write in each of its other languages. */
export const SITE_TRANSLATED = ['tagline', 'description'] as const;

/** Values the public pages use for the outlet itself. Editable by owners (see the editing issue). */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  tagline,
  description,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or en-GB'),
  /**
   * The outlet's other languages (catalog languages only: their pages' chrome must speak them), each
   * served under `/<code>/`. The form sends them as one comma- or space-separated field.
   */
  languages: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
      z.array(z.enum(CATALOG_LANGUAGES, { error: `must be language codes this site has a catalog for: ${CATALOG_LANGUAGES.join(', ')}` })).max(10),
    )
    .default([]),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London or America/Chicago'),
  contactEmail: z.email('must be an email address').or(z.literal('')),
  correctionsEmail: z.email('must be an email address').or(z.literal('')),
  /** A path on this site (an uploaded image), or empty for the text masthead. */
  logoUrl: z
    .string()
    .trim()
    .max(300)
    .regex(/^(\/[^/\s][^\s]*)?$/, 'must be a path on this site starting with /, e.g. /media/…/480.jpg')
    .default(''),
  /** The tagline and description in the other languages; an empty one shows the default language's. */
  translations: translationsSchema({ tagline, description }),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  name: 'Masthead',
  tagline: 'Independent reporting, paid for by its readers',
  description: 'An independent newsroom that shows its sources.',
  language: 'en',
  languages: [],
  timeZone: 'UTC',
  contactEmail: '',
  correctionsEmail: '',
  logoUrl: '',
  translations: {},
};

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
