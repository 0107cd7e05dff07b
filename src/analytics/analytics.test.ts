import { describe, expect, it } from 'vitest';
import { addDays, addToBatch, dayOf, daysBetween, emptyBatch, referrerHost, visitorHash } from './analytics.js';
import { normaliseCountry } from './country-lookup.js';

describe('days', () => {
  it('are UTC calendar days, and step across month and year ends', () => {
    expect(dayOf(new Date('2026-11-27T23:59:59.999Z'))).toBe('2026-11-27');
    expect(dayOf(new Date('2026-11-28T00:00:00.000Z'))).toBe('2026-11-28');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
  });
});

describe('visitorHash', () => {
  const base = { salt: 'salt-a', day: '2026-11-27', site: 'news.example.test', ip: '203.0.113.7', userAgent: 'Browser/1' };
  it('is the same for the same reader on the same day and salt, and changes with any part', () => {
    expect(visitorHash(base)).toBe(visitorHash({ ...base }));
    expect(visitorHash(base)).toMatch(/^[\w-]{22}$/);
    const changes = [{ salt: 'salt-b' }, { day: '2026-11-28' }, { site: 'other.example' }, { ip: '203.0.113.8' }, { userAgent: 'Browser/2' }];
    const others = changes.map((o) => visitorHash({ ...base, ...o }));
    expect(new Set([visitorHash(base), ...others]).size).toBe(6);
  });
  it('does not contain the address or user agent it was made from', () => {
    const h = visitorHash(base);
    expect(h).not.toContain('203');
    expect(h).not.toContain('Browser');
  });
});

describe('referrerHost', () => {
  it.each([
    ['https://www.Search.Example/results?q=flood#top', 'search.example'],
    ['http://social.example:8080/@desk/1', 'social.example'],
    ['https://forum.example./t/1', 'forum.example'],
    ['https://news.example.test/articles/x', null],
    ['https://www.news.example.test/', null],
    ['android-app://com.example.reader/', null],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['//no-scheme.example/', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (input, host) => {
    expect(referrerHost(input, 'news.example.test')).toBe(host);
  });
});

describe('addToBatch', () => {
  it('counts views per day and scope, and each visitor once per scope', () => {
    const b = emptyBatch();
    const v = { day: '2026-11-27', articleId: 4, sectionId: 2, host: 'search.example', country: null, visitor: 'h1' };
    addToBatch(b, v);
    addToBatch(b, v);
    addToBatch(b, { ...v, articleId: null, sectionId: null, host: null, visitor: 'h2' });
    expect(b.views).toBe(3);
    expect(b.site.get('2026-11-27')).toBe(3);
    expect(b.articles.get('2026-11-27|4')).toBe(2);
    expect(b.sections.get('2026-11-27|2')).toBe(2);
    expect(b.referrers.get('2026-11-27|search.example')).toBe(2);
    expect(b.visitors.get('2026-11-27|site')).toEqual(new Set(['h1', 'h2']));
    expect(b.visitors.get('2026-11-27|a:4')).toEqual(new Set(['h1']));
    expect(b.countries.size).toBe(0);
  });
});

describe('normaliseCountry', () => {
  it('keeps two-letter codes in capitals and drops anything else', () => {
    expect(normaliseCountry('ua')).toBe('UA');
    expect(normaliseCountry('DE')).toBe('DE');
    expect(normaliseCountry('Ukraine')).toBeNull();
    expect(normaliseCountry('')).toBeNull();
    expect(normaliseCountry(null)).toBeNull();
  });
});
