import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGS, Translator, type MessageKey, type MessageValues } from './translator.js';

/** Every argument a message names, anywhere in it (plural and select branches too). */
function argumentNames(els: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of els) {
    if ('value' in el && el.type !== 0 && typeof el.value === 'string') into.add(el.value);
    if ('options' in el) for (const o of Object.values(el.options)) argumentNames(o.value, into);
    if ('children' in el) argumentNames(el.children, into);
  }
  return into;
}

describe('Translator', () => {
  it('formats every catalog message as IntlMessageFormat does, in both languages', () => {
    let checked = 0;
    for (const [language, messages] of Object.entries(CATALOGS) as [keyof typeof CATALOGS, Record<MessageKey, string>][]) {
      const t = new Translator(language);
      for (const [key, text] of Object.entries(messages) as [MessageKey, string][]) {
        const reference = new IntlMessageFormat(text, language);
        const values: MessageValues = {};
        let n = 3;
        for (const name of argumentNames(reference.getAst())) values[name] = n++ % 2 ? n : `«${name}»`;
        // Tags (rich text) are functions in IntlMessageFormat; the catalogs' tags are formatted by the views.
        if (/<\w/.test(text)) continue;
        expect(t.format(key, values), `${language} ${key}`).toBe(String(reference.format(values)));
        // Twice: the second call reads the compiled form.
        expect(t.format(key, values), `${language} ${key}`).toBe(String(reference.format(values)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('fills plain placeholders and throws, as before, when a value is missing', () => {
    const t = new Translator('en', { 'listing.tag.description': 'Stories tagged {tag} from {outlet}.' } as Record<MessageKey, string>);
    expect(t.format('listing.tag.description', { tag: 'Floods', outlet: 'The Dispatch' })).toBe('Stories tagged Floods from The Dispatch.');
    expect(t.format('listing.tag.description', { tag: 3, outlet: '' })).toBe('Stories tagged 3 from .');
    expect(() => t.format('listing.tag.description', { tag: 'Floods' })).toThrow(/outlet/);
  });
});
