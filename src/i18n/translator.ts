import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './catalogs/en.js';
import { uk } from './catalogs/uk.js';
import { CATALOG_LANGUAGES, type CatalogLanguage } from './languages.js';

export type { MessageKey };
export type MessageValues = Record<string, string | number>;
/** Looks up one message and fills its ICU placeholders and plurals. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const CATALOGS: Record<CatalogLanguage, Record<MessageKey, string>> = { en, uk };

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/**
 * One language's messages, dates and numbers. Built once per language at startup (wiring), never
 * per request: each message is compiled the first time it is used and kept in this instance, and
 * each Intl formatter is kept per time zone.
 */
export class Translator {
  /** Compiled messages; a message with no placeholders is kept as its text, so using it formats nothing. */
  private readonly compiled = new Map<MessageKey, IntlMessageFormat | string>();
  private readonly dates = new Map<string, Intl.DateTimeFormat>();
  private numbers: Intl.NumberFormat | null = null;
  private readonly names = new Map<string, string>();
  readonly t: Translate;

  constructor(
    readonly language: CatalogLanguage,
    private readonly messages: Record<MessageKey, string> = CATALOGS[language],
  ) {
    this.t = (key, values) => this.format(key, values);
  }

  format(key: MessageKey, values?: MessageValues): string {
    let m = this.compiled.get(key);
    if (m === undefined) {
      // A key missing here is caught by the catalog test; the English text beats a blank.
      const message = new IntlMessageFormat(this.messages[key] ?? en[key], this.language);
      m = plainText(message) ?? message;
      this.compiled.set(key, m);
    }
    return typeof m === 'string' ? m : String(m.format(values));
  }

  /** "12 жовтня 2024 р." for uk, "October 12, 2024" for en, in the outlet's time zone. */
  date(iso: string, timeZone: string, withTime = false): string {
    return this.dateFormat(timeZone, withTime).format(new Date(iso));
  }

  /** A language's own name ("Українська", "English", "العربية"), for language switchers. */
  languageName(tag: string): string {
    let name = this.names.get(tag);
    if (name === undefined) {
      try {
        name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
      } catch {
        name = tag;
      }
      name = name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
      this.names.set(tag, name);
    }
    return name;
  }

  number(n: number): string {
    // Made on first use: a language no page has asked for yet loads no locale data at start.
    return (this.numbers ??= new Intl.NumberFormat(this.language)).format(n);
  }

  private dateFormat(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
    const key = `${withTime ? 't' : 'd'}|${timeZone}`;
    let f = this.dates.get(key);
    if (!f) {
      try {
        f = new Intl.DateTimeFormat(this.language, { ...(withTime ? DATE_TIME : DATE), timeZone });
      } catch {
        f = new Intl.DateTimeFormat(this.language, { ...(withTime ? DATE_TIME : DATE), timeZone: 'UTC' });
      }
      this.dates.set(key, f);
    }
    return f;
  }
}

/** The text of a message that is one literal (no placeholders, plurals or tags), as the parser read it; else null. */
function plainText(message: IntlMessageFormat): string | null {
  const ast = message.getAst();
  if (ast.length === 0) return '';
  const [only] = ast;
  return ast.length === 1 && only && only.type === 0 && 'value' in only ? only.value : null;
}

/** Every catalog language's translator, made once in main.ts. */
export function makeTranslators(): Record<CatalogLanguage, Translator> {
  return Object.fromEntries(CATALOG_LANGUAGES.map((l) => [l, new Translator(l)])) as Record<CatalogLanguage, Translator>;
}
