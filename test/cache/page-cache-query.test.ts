import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Through the real listener, where the page cache answers; the x-cache header. */
function cacheOf(url: string) {
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  return new Promise<string | undefined>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: address.port, path: url }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers['x-cache'] as string | undefined));
      })
      .on('error', reject);
  });
}

describe('the page cache and query strings, as main.ts wires it', () => {
  it('serves tracking-parameter variants from one entry, keeps page numbers apart, and stores nothing for made-up parameters', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    await createArticle(app, { slug: 'shared-story' });
    expect(await cacheOf('/articles/shared-story?utm_source=newsletter&utm_medium=email')).toBe('MISS');
    expect(await cacheOf('/articles/shared-story')).toBe('HIT');
    expect(await cacheOf('/articles/shared-story?fbclid=IwAR0&mc_cid=9')).toBe('HIT');
    expect(await cacheOf('/articles/shared-story?made_up=1')).toBe('MISS');
    expect(await cacheOf('/articles/shared-story?made_up=1')).toBe('MISS');
    const entries = app.pageCache.stats().entries;
    for (let i = 0; i < 20; i++) await cacheOf(`/articles/shared-story?buster=${i}`);
    expect(app.pageCache.stats().entries).toBe(entries);
    expect(await cacheOf('/api/v1/articles?per_page=1&utm_source=x')).toBe('MISS');
    expect(await cacheOf('/api/v1/articles?per_page=1')).toBe('HIT');
    expect(await cacheOf('/api/v1/articles?per_page=2')).toBe('MISS');
  });
});
