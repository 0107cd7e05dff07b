import { describe, expect, it } from 'vitest';
import { parseTranslations } from './outlet-text.js';

describe('parseTranslations (a stored translations column)', () => {
  it('reads the texts of each language', () => {
    expect(parseTranslations('{"uk":{"tagline":"Новини","pitch":"Підтримайте"}}')).toEqual({ uk: { tagline: 'Новини', pitch: 'Підтримайте' } });
  });

  it('keeps only texts: a restored file cannot put an object or a number where a text is shown', () => {
    expect(parseTranslations('{"uk":{"tagline":{"x":1},"pitch":7,"name":"Ім\'я"},"de":[1],"fr":"x"}')).toEqual({ uk: { name: "Ім'я" } });
  });

  it('reads anything unreadable as no translations', () => {
    for (const json of ['', 'not json', '[1,2]', 'null', '"text"', null, undefined]) expect(parseTranslations(json)).toEqual({});
  });
});
