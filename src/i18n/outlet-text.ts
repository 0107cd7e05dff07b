import { z } from 'zod';

/**
 * What the outlet writes once (a tagline, the support pitch, a tier's name, a funder's line) in each of its
 * other languages: `{ uk: { tagline: '…' } }`. A missing or empty field means "show the default language's text".
 */
export type Translations<K extends string> = Record<string, Partial<Record<K, string>>>;

const LANGUAGE_KEY = z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as uk');

/**
 * The `translations` field of a settings or record schema: each text validated with the same limits as the
 * default language's, but optional (an empty field is dropped, so the default's text shows). Defaults to
 * `{}`, so settings saved before translations existed still parse.
 */
export function translationsSchema<S extends Record<string, z.ZodType<string>>>(fields: S) {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([k, field]) => [k, z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), field.optional())]),
  ) as unknown as { [K in keyof S]: z.ZodOptional<S[K]> };
  return z.record(LANGUAGE_KEY, z.object(shape)).default({});
}

/** A stored `translations` JSON column, read back; anything unreadable is no translations (the default's text shows). */
export function parseTranslations<K extends string>(json: string | null | undefined): Translations<K> {
  try {
    const v: unknown = JSON.parse(json ?? '{}');
    if (!isPlainObject(v)) return {};
    // Only texts are kept: a restored export file could hold anything in this column.
    const out: Translations<K> = {};
    for (const [language, texts] of Object.entries(v)) {
      if (!isPlainObject(texts)) continue;
      out[language] = Object.fromEntries(Object.entries(texts).filter(([, t]) => typeof t === 'string')) as Partial<Record<K, string>>;
    }
    return out;
  } catch {
    return {};
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The language of the page, and the outlet's default (whose text fills any gap). */
export interface TextLocale {
  language: string;
  languages: { default: string };
}

/** One outlet text as shown: the page language's version when written, else the default's, and `lang` when that is not the page's. */
export interface ShownText {
  text: string;
  lang: string | undefined;
}

export function outletText<K extends string>(base: Record<K, string>, translations: Translations<K> | undefined, field: K, locale: TextLocale): ShownText {
  if (locale.language !== locale.languages.default) {
    const own = translations?.[locale.language]?.[field];
    if (own) return { text: own, lang: undefined };
    return { text: base[field], lang: base[field] ? locale.languages.default : undefined };
  }
  return { text: base[field], lang: undefined };
}

/** Form field name of one translated text: `tr.uk.tagline`. */
export const translationField = (language: string, field: string) => `tr.${language}.${field}`;

/** The `tr.<lang>.<field>` entries of a flat form body, as `translations` (only the fields named). */
export function translationsFromForm(body: Record<string, unknown>, fields: readonly string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(body)) {
    const m = /^tr\.([a-z]{2,3})\.(\w+)$/.exec(name);
    if (!m || !fields.includes(m[2]!) || typeof value !== 'string') continue;
    (out[m[1]!] ??= {})[m[2]!] = value;
  }
  return out;
}

/** The `tr.<lang>.<field>` values a form sent, kept as typed (for a re-render after a failed save). */
export function translatedValues(body: unknown): Record<string, string> {
  const entries = Object.entries((body ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[0].startsWith('tr.') && typeof e[1] === 'string'));
}

/** `translations` flattened back into form values. */
export function translationFormValues(translations: Translations<string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [language, texts] of Object.entries(translations ?? {}))
    for (const [field, text] of Object.entries(texts)) out[translationField(language, field)] = text ?? '';
  return out;
}

/** The form field a zod issue belongs to: `tr.uk.tagline` for a translation, else the top-level name. */
export function formFieldOf(path: readonly PropertyKey[]): string {
  return path[0] === 'translations' && path.length >= 3 ? translationField(String(path[1]), String(path[2])) : String(path[0]);
}
