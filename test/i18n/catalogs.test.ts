import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/catalogs/en.js';
import { CATALOGS, Translator } from '../../src/i18n/translator.js';

/** The ICU argument names a message uses, so a translation cannot drop or rename one. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([a-zA-Z]+)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

describe('reader catalogs', () => {
  for (const [language, catalog] of Object.entries(CATALOGS)) {
    it(`${language} has every key of the English catalog and no others`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    });

    it(`${language} messages parse as ICU and keep the English placeholders`, () => {
      for (const [key, message] of Object.entries(catalog)) {
        expect(() => new IntlMessageFormat(message, language), key).not.toThrow();
        expect(argumentsOf(message), key).toEqual(argumentsOf(en[key as keyof typeof en]));
        expect(message.trim(), `${key} is not empty`).not.toBe('');
      }
    });
  }

  it('uses Ukrainian plural rules and dates', () => {
    const uk = new Translator('uk');
    expect(uk.t('story.reprint', { chars: 1 })).toContain('1 символу');
    expect(uk.t('story.reprint', { chars: 3 })).toContain('3 символів');
    expect(uk.t('story.reprint', { chars: 21 })).toContain('21 символу');
    expect(uk.date('2024-10-12T09:00:00Z', 'Europe/Kyiv')).toMatch(/^12 жовтня 2024/);
    expect(new Translator('en').date('2024-10-12T09:00:00Z', 'UTC')).toBe('October 12, 2024');
    expect(uk.languageName('uk')).toBe('Українська');
  });
});
