import { catalogLanguageFor, OutletLanguages, type CatalogLanguage } from './languages.js';
import { makeTranslators, type Translate } from './translator.js';

/**
 * The words and links of one mail: the catalog language its text is in, and the reader-page prefix its
 * links go under ('' or '/uk'). One prefix always comes with the same words.
 */
export interface MailLanguage {
  lang: CatalogLanguage;
  prefix: string;
  t: Translate;
}

/** A reader language ('uk', 'en-GB'; '' for the outlet's default) to the words and links of a mail in it. */
export type MailLanguageOf = (language: string) => Promise<MailLanguage>;

/**
 * Every mail readers get (sign-in links, newsletters, patron welcomes, replies to correction reports) picks its
 * language here. Read at send time: a language the outlet has stopped publishing in gets the default's words
 * and links to the root, not to a 404. Every prefix is a catalog language (CATALOG_LANGUAGES), so its words exist.
 */
export function mailLanguages(settings: () => Promise<{ language: string; languages: readonly string[] }>): MailLanguageOf {
  const translators = makeTranslators();
  return async (language) => {
    const s = await settings();
    const languages = new OutletLanguages({ default: s.language, others: s.languages });
    const prefix = language ? (languages.prefixFor(language) ?? '') : '';
    const lang = catalogLanguageFor(prefix ? prefix.slice(1) : languages.default, 'en');
    return { lang, prefix, t: translators[lang].t };
  };
}
