import { describe, expect, it } from 'vitest';
import { cacheKeyOf, isTrackingParam } from './cache-url.js';

const READ = new Set(['page', 'per_page', 'tag', 'cursor']);

describe('cacheKeyOf', () => {
  it('answers a URL without a query string as it is (the same string, nothing built)', () => {
    const url = '/articles/levee-story';
    expect(cacheKeyOf(url, READ)).toBe(url);
  });

  it('drops tracking parameters, so newsletter and social variants share one entry', () => {
    for (const url of [
      '/articles/levee-story?utm_source=newsletter&utm_medium=email&utm_campaign=monday',
      '/articles/levee-story?fbclid=IwAR0abc',
      '/articles/levee-story?gclid=x&mc_cid=1&mc_eid=2',
      '/articles/levee-story?UTM_Source=x&ref=homepage',
      '/articles/levee-story?',
      '/articles/levee-story?&&',
    ]) {
      expect(cacheKeyOf(url, READ), url).toBe('/articles/levee-story');
    }
  });

  it('keeps the parameters routes read, sorted, and drops tracking ones around them', () => {
    expect(cacheKeyOf('/?page=2', READ)).toBe('/?page=2');
    expect(cacheKeyOf('/api/v1/articles?tag=flood&per_page=5&utm_source=x&page=2', READ)).toBe('/api/v1/articles?page=2&per_page=5&tag=flood');
    expect(cacheKeyOf('/api/v1/articles?per_page=5&page=2', READ)).toBe(cacheKeyOf('/api/v1/articles?page=2&per_page=5', READ));
    // Repeated names keep their order: a route may read them as a list.
    expect(cacheKeyOf('/x?tag=b&page=1&tag=a', READ)).toBe('/x?page=1&tag=b&tag=a');
    expect(cacheKeyOf('/?page=2', READ)).not.toBe(cacheKeyOf('/?page=3', READ));
  });

  it('refuses the cache for parameters no cached route reads, so made-up ones cannot fill it', () => {
    expect(cacheKeyOf('/articles/levee-story?x=1', READ)).toBeNull();
    expect(cacheKeyOf('/?page=2&cachebuster=123', READ)).toBeNull();
    expect(cacheKeyOf('/?%E0%A4%A=1', READ)).toBeNull();
  });
});

describe('isTrackingParam', () => {
  it('knows the common ones and nothing a route reads', () => {
    for (const name of ['utm_source', 'utm_content', 'fbclid', 'gclid', 'mc_cid', 'mc_eid', 'ref', 'msclkid']) expect(isTrackingParam(name), name).toBe(true);
    for (const name of ['page', 'tag', 'cursor', 'url', 'q']) expect(isTrackingParam(name), name).toBe(false);
  });
});
