import { z } from 'zod';

/** Values the public pages use for the outlet itself. Editable by owners (see the editing issue). */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  tagline: z.string().trim().max(200),
  description: z.string().trim().max(500),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or en-GB'),
  timeZone: z.string().min(1),
  contactEmail: z.email().or(z.literal('')),
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  name: 'Masthead',
  tagline: 'Independent reporting, paid for by its readers',
  description: 'An independent newsroom that shows its sources.',
  language: 'en',
  timeZone: 'UTC',
  contactEmail: '',
};
