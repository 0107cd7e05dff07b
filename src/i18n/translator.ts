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
  /**
   * Compiled messages. One with no placeholders is kept as its text; one of text and plain `{name}`
   * placeholders as its pieces, filled by concatenation (what IntlMessageFormat does for them, without
   * its parts arrays). Plurals, selects, number or date arguments and tags go through IntlMessageFormat.
   */
  private readonly compiled = new Map<MessageKey, Compiled>();
  private readonly dates = new Map<string, Intl.DateTimeFormat>();
  /**
   * Finished strings from the two costly paths (Intl date formatting, IntlMessageFormat), which every
   * page calls with the same few inputs: its stories' dates, its counts. Both are pure functions of
   * their inputs. Bounded: emptied when full (a page's inputs come back at once).
   */
  private readonly formattedDates = new Map<string, string>();
  private readonly formattedMessages = new Map<string, string>();
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
      m = compile(new IntlMessageFormat(this.messages[key] ?? en[key], this.language));
      this.compiled.set(key, m);
    }
    if (typeof m === 'string') return m;
    if (m instanceof IntlMessageFormat)
      return remember(this.formattedMessages, `${key}\0${values ? JSON.stringify(values) : ''}`, () => String(m.format(values)));
    return fill(m, values);
  }

  /** "12 жовтня 2024 р." for uk, "October 12, 2024" for en, in the outlet's time zone. */
  date(iso: string, timeZone: string, withTime = false): string {
    return remember(this.formattedDates, `${withTime ? 't' : 'd'}|${timeZone}|${iso}`, () => this.dateFormat(timeZone, withTime).format(new Date(iso)));
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

const REMEMBERED = 2000;

function remember(memo: Map<string, string>, key: string, make: () => string): string {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= REMEMBERED) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** Text, and the names of plain placeholders between it: ['Hello ', 'name', '!'] (even indexes are text). */
interface Template {
  pieces: string[];
  /** The message itself, for a call that leaves a placeholder without a value: it throws IntlMessageFormat's error. */
  message: IntlMessageFormat;
}
type Compiled = string | Template | IntlMessageFormat;

/** A message as its text, its template of text and plain placeholders, or itself when it needs formatting. */
function compile(message: IntlMessageFormat): Compiled {
  const pieces: string[] = [''];
  for (const el of message.getAst()) {
    if (el.type === 0) pieces[pieces.length - 1] += el.value;
    else if (el.type === 1) pieces.push(el.value, '');
    else return message;
  }
  return pieces.length === 1 ? pieces[0]! : { pieces, message };
}

function fill(t: Template, values: MessageValues | undefined): string {
  let out = t.pieces[0]!;
  for (let i = 1; i < t.pieces.length; i += 2) {
    const name = t.pieces[i]!;
    if (!values || !(name in values)) return String(t.message.format(values));
    out += String(values[name]) + t.pieces[i + 1]!;
  }
  return out;
}

/** Every catalog language's translator, made once in main.ts. */
export function makeTranslators(): Record<CatalogLanguage, Translator> {
  return Object.fromEntries(CATALOG_LANGUAGES.map((l) => [l, new Translator(l)])) as Record<CatalogLanguage, Translator>;
}
