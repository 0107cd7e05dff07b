import { describe, expect, it } from 'vitest';
import { isPublic, SLUG_PATTERN, slugify, visibleUpdate } from './article.js';

describe('slugify', () => {
  it('makes lower-case ASCII words joined by hyphens', () => {
    expect(slugify('Council Funds The River Path')).toBe('council-funds-the-river-path');
    expect(slugify('Budget 2027')).toBe('budget-2027');
  });

  it('drops accents instead of the letters that carry them', () => {
    expect(slugify('Café à la crème brûlée')).toBe('cafe-a-la-creme-brulee');
    expect(slugify('São Paulo, Zürich and Kraków')).toBe('sao-paulo-zurich-and-krakow');
  });

  it('joins words across apostrophes, straight and curly, instead of splitting them', () => {
    expect(slugify("Riverbend's budget")).toBe('riverbends-budget');
    expect(slugify('What’s in it, and what isn’t')).toBe('whats-in-it-and-what-isnt');
  });

  it('turns runs of punctuation and spaces into one hyphen, with none at either end', () => {
    expect(slugify('  "Hello, world!" -- 2027?  ')).toBe('hello-world-2027');
    expect(slugify('$612 million / 18 jobs & (no) flood study')).toBe('612-million-18-jobs-no-flood-study');
  });

  it('gives an empty slug when nothing usable is left', () => {
    expect(slugify('')).toBe('');
    expect(slugify('   ')).toBe('');
    expect(slugify('?!… — ‘’')).toBe('');
  });

  it('cuts long titles to at most 80 characters at a hyphen, never mid-word', () => {
    const title = 'The city council voted on Tuesday to delay the riverfront garage by another six months while engineers study the levee';
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
    // A whole-word prefix of the full slug: the next character of the full slug is the hyphen it was cut at.
    const full = 'the-city-council-voted-on-tuesday-to-delay-the-riverfront-garage-by-another-six-months-while-engineers-study-the-levee';
    expect(full.startsWith(slug)).toBe(true);
    expect(full[slug.length]).toBe('-');
    expect(slug).toBe('the-city-council-voted-on-tuesday-to-delay-the-riverfront-garage-by-another-six');
  });

  it('keeps the last word when it ends exactly at the 80th character', () => {
    // 40 + 1 + 39 = 80 characters of whole words, then "-c": the 80-character prefix is already whole words.
    const slug = slugify(`${'a'.repeat(40)} ${'b'.repeat(39)} c`);
    expect(slug).toBe(`${'a'.repeat(40)}-${'b'.repeat(39)}`);
  });

  it('cuts a single word longer than 80 characters at 80', () => {
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
  });

  it('leaves a slug of exactly 80 characters whole', () => {
    const eighty = `${'a'.repeat(39)}-${'b'.repeat(40)}`;
    expect(eighty).toHaveLength(80);
    expect(slugify(eighty)).toBe(eighty);
  });
});

describe('isPublic', () => {
  const now = new Date('2026-11-27T12:00:00.000Z');

  it('is true for a published article whose time has come', () => {
    expect(isPublic({ status: 'published', publishedAt: '2026-11-26T09:00:00.000Z' }, now)).toBe(true);
  });

  it('is true at the exact moment of publication', () => {
    expect(isPublic({ status: 'published', publishedAt: now.toISOString() }, now)).toBe(true);
  });

  it('is false for a published article dated in the future', () => {
    expect(isPublic({ status: 'published', publishedAt: '2026-11-27T12:00:00.001Z' }, now)).toBe(false);
  });

  it('is false for drafts and scheduled articles, whatever their date', () => {
    expect(isPublic({ status: 'draft', publishedAt: null }, now)).toBe(false);
    expect(isPublic({ status: 'draft', publishedAt: '2026-11-01T00:00:00.000Z' }, now)).toBe(false);
    expect(isPublic({ status: 'scheduled', publishedAt: '2026-11-01T00:00:00.000Z' }, now)).toBe(false);
  });

  it('is false for a published article with no publication time', () => {
    expect(isPublic({ status: 'published', publishedAt: null }, now)).toBe(false);
  });
});

describe('visibleUpdate', () => {
  const publishedAt = '2026-11-27T09:00:00.000Z';

  it('shows the update time when the article changed more than a minute after publication', () => {
    expect(visibleUpdate({ publishedAt, updatedAt: '2026-11-27T09:01:00.001Z' })).toBe('2026-11-27T09:01:00.001Z');
    expect(visibleUpdate({ publishedAt, updatedAt: '2026-11-28T15:30:00.000Z' })).toBe('2026-11-28T15:30:00.000Z');
  });

  it('hides edits made within a minute of publication', () => {
    expect(visibleUpdate({ publishedAt, updatedAt: publishedAt })).toBeNull();
    expect(visibleUpdate({ publishedAt, updatedAt: '2026-11-27T09:00:59.000Z' })).toBeNull();
    expect(visibleUpdate({ publishedAt, updatedAt: '2026-11-27T09:01:00.000Z' })).toBeNull();
  });

  it('shows nothing for an unpublished article', () => {
    expect(visibleUpdate({ publishedAt: null, updatedAt: '2026-11-28T15:30:00.000Z' })).toBeNull();
  });

  it('shows nothing when the stored update time is before publication (imported back-dated stories)', () => {
    expect(visibleUpdate({ publishedAt, updatedAt: '2026-11-20T09:00:00.000Z' })).toBeNull();
  });
});
