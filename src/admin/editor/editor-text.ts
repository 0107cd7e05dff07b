/// <reference lib="dom" />
/**
 * The editor island's words. The edit page hands them over as written in the admin catalog
 * (catalogs/admin/editor-island.ts), in <script type="application/json" id="editor-text">, so the
 * island ships no copy of its own and a second admin language needs no second bundle.
 *
 * They are filled here by a small reader of the ICU subset those messages use: `{name}`,
 * `{n, plural, =0 {…} one {# …} other {# …}}` and `{x, select, a {…} other {…}}`, nested. Not
 * intl-messageformat itself, whose parser would add more to the bundle than the whole island's text;
 * editor-text.test.ts checks that this reader and intl-messageformat agree on every island message.
 */
import type { adminEditorIsland } from '../../i18n/catalogs/admin/editor-island.js';

export type IslandKey = keyof typeof adminEditorIsland;
type Value = string | number | Node;
type Piece = string | Node;

type Part = string | { arg: string; kind?: 'plural' | 'select'; cases?: Map<string, Part[]> };

/** Parses one message into text, arguments and their cases. */
export function parseMessage(message: string): Part[] {
  let i = 0;
  const parse = (inCase: boolean): Part[] => {
    const parts: Part[] = [];
    let text = '';
    while (i < message.length) {
      const c = message[i]!;
      if (c === '}' && inCase) break;
      if (c !== '{') {
        text += c;
        i++;
        continue;
      }
      if (text) parts.push(text);
      text = '';
      const close = message.indexOf('}', i);
      const comma = message.indexOf(',', i);
      if (comma === -1 || comma > close) {
        parts.push({ arg: message.slice(i + 1, close).trim() });
        i = close + 1;
        continue;
      }
      const arg = message.slice(i + 1, comma).trim();
      const second = message.indexOf(',', comma + 1);
      const kind = message.slice(comma + 1, second).trim() as 'plural' | 'select';
      i = second + 1;
      const cases = new Map<string, Part[]>();
      for (;;) {
        while (message[i] === ' ') i++;
        if (message[i] === '}') break;
        const open = message.indexOf('{', i);
        const selector = message.slice(i, open).trim();
        i = open + 1;
        cases.set(selector, parse(true));
        i++; // the case's closing brace
      }
      i++; // the argument's closing brace
      parts.push({ arg, kind, cases });
    }
    if (text) parts.push(text);
    return parts;
  };
  return parse(false);
}

interface Rules {
  plurals: Intl.PluralRules;
  numbers: Intl.NumberFormat;
}

function fill(parts: Part[], values: Record<string, Value>, count: number | null, rules: Rules, out: Piece[]): void {
  for (const part of parts) {
    if (typeof part === 'string') {
      out.push(count === null ? part : part.replaceAll('#', rules.numbers.format(count)));
      continue;
    }
    const value = values[part.arg] ?? '';
    if (!part.cases) {
      out.push(typeof value === 'number' ? String(value) : value);
      continue;
    }
    if (part.kind === 'plural') {
      const n = Number(value);
      const chosen = part.cases.get(`=${n}`) ?? part.cases.get(rules.plurals.select(n)) ?? part.cases.get('other') ?? [];
      fill(chosen, values, n, rules, out);
    } else {
      fill(part.cases.get(String(value)) ?? part.cases.get('other') ?? [], values, count, rules, out);
    }
  }
}

/** Fills one message in a language: the text and values in order (a value may be a DOM node, such as a <time>). */
export function formatParts(message: string, values: Record<string, Value> = {}, locale = 'en'): Piece[] {
  const out: Piece[] = [];
  fill(parseMessage(message), values, null, { plurals: new Intl.PluralRules(locale), numbers: new Intl.NumberFormat(locale) }, out);
  return out;
}

let messages: Partial<Record<IslandKey, string>> | null = null;

function catalog(): Partial<Record<IslandKey, string>> {
  if (messages) return messages;
  try {
    messages = JSON.parse(document.getElementById('editor-text')?.textContent ?? '{}') as Partial<Record<IslandKey, string>>;
  } catch {
    messages = {};
  }
  return messages;
}

/**
 * One of the island's messages, filled: a string, or with a DOM node among the values the
 * sentence's pieces in order, to append. A key the page did not hand over shows as the key.
 */
export function adminText(key: IslandKey, values?: Record<string, string | number>): string;
export function adminText(key: IslandKey, values: Record<string, Value>): Piece[];
export function adminText(key: IslandKey, values: Record<string, Value> = {}): string | Piece[] {
  const parts = formatParts(catalog()[key] ?? key, values, document.documentElement.lang || 'en');
  return parts.every((p) => typeof p === 'string') ? parts.join('') : parts;
}
