import { baseLanguage, catalogLanguageFor, OutletLanguages, textDirection, type LanguageFilter } from './languages.js';
import type { Translate, Translator } from './translator.js';
import type { CatalogLanguage } from './languages.js';

/** The language one reader page is in: its words, its direction, what its lists show. */
export interface Locale {
  /** Base code of the page's language ("uk"). */
  language: string;
  dir: 'ltr' | 'rtl';
  translator: Translator;
  t: Translate;
  languages: OutletLanguages;
  /** The listing filter for this page's language (null for a one-language outlet). */
  listing: LanguageFilter | null;
}

/**
 * The locale of a page: the language its URL asked for when the outlet publishes in it, else the
 * outlet's default. Chrome falls back to the default's catalog for a language without one.
 */
export function localeFor(opts: {
  defaultLanguage: string;
  others: readonly string[];
  requested: string | null;
  translators: Record<CatalogLanguage, Translator>;
}): Locale {
  const languages = new OutletLanguages({ default: opts.defaultLanguage, others: opts.others });
  const language = opts.requested && languages.prefixFor(opts.requested) !== null ? baseLanguage(opts.requested) : languages.default;
  const translator = opts.translators[catalogLanguageFor(language, catalogLanguageFor(languages.default, 'en'))];
  return { language, dir: textDirection(language), translator, t: translator.t, languages, listing: languages.listingFilter(language) };
}
