import { describe, expect, it } from 'vitest';
import { FOREIGN_NEXT } from '../../test/support/redirect-corpus.js';
import { isUnder, safeLocalPath } from './safe-redirect.js';

describe('safeLocalPath', () => {
  it.each(FOREIGN_NEXT.map((v) => [JSON.stringify(v), v]))('refuses %s', (_label, value) => {
    expect(safeLocalPath(value, '/fallback')).toBe('/fallback');
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, ['/topics'], { toString: () => '/topics' }]) expect(safeLocalPath(value, '/f')).toBe('/f');
  });

  it('keeps a same-site path with its query and fragment, as the URL parser writes it', () => {
    expect(safeLocalPath('/topics', '/f')).toBe('/topics');
    expect(safeLocalPath('/search?q=river%20flood&page=2#results', '/f')).toBe('/search?q=river%20flood&page=2#results');
    expect(safeLocalPath('/admin/articles/12/edit', '/f')).toBe('/admin/articles/12/edit');
    expect(safeLocalPath('/a/../topics', '/f')).toBe('/topics');
    expect(safeLocalPath('/topics?q=%2F%2Fnot-a-host', '/f')).toBe('/topics?q=%2F%2Fnot-a-host');
  });

  it('whatever it answers resolves to this site', () => {
    const origin = 'https://news.example.test';
    for (const value of FOREIGN_NEXT) expect(new URL(safeLocalPath(value, '/'), origin).origin).toBe(origin);
  });
});

describe('isUnder', () => {
  it('matches an area and what is inside it, not a longer name', () => {
    expect(isUnder('/admin', '/admin')).toBe(true);
    expect(isUnder('/admin/x', '/admin')).toBe(true);
    expect(isUnder('/admin?x=1', '/admin')).toBe(true);
    expect(isUnder('/admin#top', '/admin')).toBe(true);
    expect(isUnder('/administer', '/admin')).toBe(false);
    expect(isUnder('/topics', '/admin')).toBe(false);
  });
});
