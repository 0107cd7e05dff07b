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

  it('gives every date and count its own text, past the bound on remembered results', () => {
    const t = new Translator('en');
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString();
    const reference = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Kyiv' });
    const plural = new IntlMessageFormat(CATALOGS.en['story.reprint'], 'en');
    // 2,500 of each runs past the 2,000 kept, so the memo empties once; then the first ones again.
    for (const i of [...Array(2500).keys(), 0, 1, 2]) {
      expect(t.date(day(i), 'Europe/Kyiv')).toBe(reference.format(new Date(day(i))));
      expect(t.format('story.reprint', { chars: i })).toBe(String(plural.format({ chars: i })));
    }
    expect(t.date(day(0), 'Europe/Kyiv')).toBe('January 1, 2020');
    expect(t.date(day(0), 'America/Los_Angeles')).toBe('December 31, 2019');
  });
});
