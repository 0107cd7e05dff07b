import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { bilingualOutlet } from '../support/bilingual.js';

let app: TestApp;
let origin: string;

beforeAll(async () => {
  app = await bilingualOutlet();
  // The page cache answers before Fastify routes, so this goes through the real listener.
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  origin = `http://127.0.0.1:${address.port}`;
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(origin + path, { headers: { 'user-agent': 'TestBrowser/1.0', ...headers } });
  return { cache: res.headers.get('x-cache'), lang: /<html lang="([^"]+)"/.exec(await res.text())?.[1] };
};

describe('the page cache and languages', () => {
  it('keeps a /uk/ page and its root twin apart, and no page varies by Accept-Language', async () => {
    for (const [uk, root] of [
      ['/uk/', '/'],
      ['/uk/search?q=bridges', '/search?q=bridges'],
      ['/uk/support', '/support'],
    ] as const) {
      expect(await get(uk)).toEqual({ cache: 'MISS', lang: 'uk' });
      expect(await get(uk)).toEqual({ cache: 'HIT', lang: 'uk' });
      // Cached Ukrainian, then the root: its own entry, in English, whatever the reader's browser prefers.
      expect(await get(root, { 'accept-language': 'uk' })).toEqual({ cache: 'MISS', lang: 'en' });
      expect(await get(root, { 'accept-language': 'en' })).toEqual({ cache: 'HIT', lang: 'en' });
      expect(await get(uk, { 'accept-language': 'en' })).toEqual({ cache: 'HIT', lang: 'uk' });
    }
  });
});
