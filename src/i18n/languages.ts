/** Language tags, reading direction and URL prefixes. Plain functions, no I/O. See CONTEXT.md. */

/** Languages whose reader chrome ships in a catalog. An outlet may publish stories in any language. */
export const CATALOG_LANGUAGES = ['en', 'uk'] as const;
export type CatalogLanguage = (typeof CATALOG_LANGUAGES)[number];

/** Scripts written right to left, by base language (ISO 639-1 / -3). */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ps', 'sd', 'ur', 'yi']);

/** "uk" for "uk", "uk-UA" or "UK". */
export function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

export function isCatalogLanguage(tag: string): tag is CatalogLanguage {
  return (CATALOG_LANGUAGES as readonly string[]).includes(tag);
}

/** The catalog that speaks `tag`, or the fallback (the outlet's default) when none does. */
export function catalogLanguageFor(tag: string, fallback: CatalogLanguage): CatalogLanguage {
  const base = baseLanguage(tag);
  return isCatalogLanguage(base) ? base : fallback;
}

export function textDirection(tag: string): 'ltr' | 'rtl' {
  return RTL.has(baseLanguage(tag)) ? 'rtl' : 'ltr';
}

/** Whether two tags are the same language for listing purposes ("en-GB" and "en"). */
export function sameLanguage(a: string, b: string): boolean {
  return baseLanguage(a) === baseLanguage(b);
}

/**
 * Which stories a language's listings show. `only`: that base language ("uk" matches "uk" and "uk-UA").
 * `except`: the default language's pages list everything not filed under one of the other languages.
 */
export type LanguageFilter = { only: string } | { except: string[] };

/**
 * The outlet's languages: the default (served at the root) and the others (each under `/<code>/`).
 * Built from the site settings; a value, cheap to make per request.
 */
export class OutletLanguages {
  readonly default: string;
  readonly others: readonly string[];

  constructor(opts: { default: string; others: readonly string[] }) {
    this.default = baseLanguage(opts.default);
    this.others = [...new Set(opts.others.map(baseLanguage))].filter((l) => l !== this.default);
  }

  get all(): string[] {
    return [this.default, ...this.others];
  }

  /** '' for the default language, '/uk' for another, null for a language the outlet does not publish in. */
  prefixFor(tag: string): string | null {
    const base = baseLanguage(tag);
    if (base === this.default) return '';
    return this.others.includes(base) ? `/${base}` : null;
  }

  /** What `language`'s listings show; null (no filter) for an outlet in one language. */
  listingFilter(language: string): LanguageFilter | null {
    if (this.others.length === 0) return null;
    const base = baseLanguage(language);
    return base === this.default ? { except: [...this.others] } : { only: base };
  }

  /** The language a story is listed and linked under: its own when the outlet publishes in it, else the default. */
  homeOf(tag: string): string {
    return this.prefixFor(tag) === null ? this.default : baseLanguage(tag);
  }
}
