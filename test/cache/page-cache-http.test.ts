import http from 'node:http';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers });

/** The cache answers hits before Fastify routes, so in-process tests go through the real listener. */
async function request(url: string, headers: Record<string, string> = {}) {
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  // node:http, not fetch: fetch would decode brotli/gzip and hide what was sent.
  return new Promise<{ status: number; headers: Headers; body: Buffer }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: address.port, path: url, headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : String(v));
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
  });
}

async function startApp() {
  app = await buildApp();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
}

describe('the page cache over HTTP', () => {
  it('serves the second anonymous request from the cache, with the same body', async () => {
    await startApp();
    await createArticle(app, { slug: 'cached-story' });
    const first = await request('/articles/cached-story');
    const second = await request('/articles/cached-story');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(second.headers.get('cache-control')).toMatch(/public, .*s-maxage=\d+, stale-while-revalidate=\d+/);
    expect(second.headers.get('surrogate-key')).toContain('article:cached-story');
    expect(second.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('a publish purges exactly the pages it affects, and the next request shows the new story', async () => {
    await startApp();
    await createArticle(app, { slug: 'budget-story', section: 'City Hall', tags: ['Budget'], authors: [{ name: 'Rosa Vance' }] });
    await createArticle(app, { slug: 'arts-story', section: 'Schools', tags: ['Arts'], authors: [{ name: 'Ben Okafor' }] });
    const pages = [
      '/',
      '/articles/budget-story',
      '/articles/arts-story',
      '/sections/city-hall',
      '/sections/schools',
      '/tags/budget',
      '/tags/arts',
      '/authors/rosa-vance',
      '/authors/ben-okafor',
      '/feed.xml',
      '/sitemap.xml',
    ];
    for (const p of pages) await request(p);
    for (const p of pages) expect((await request(p)).headers.get('x-cache'), p).toBe('HIT');

    await createArticle(app, {
      slug: 'new-arts-story',
      headline: 'A brand new arts story',
      section: 'Schools',
      tags: ['Arts'],
      authors: [{ name: 'Ben Okafor' }],
    });
    // Related lists of the new story's neighbours are recomputed after the publish (src/search/).
    await app.jobs.drain();

    // budget-story shares words and a cited source with the new story: its related list now shows it.
    const purged = [
      '/',
      '/articles/arts-story',
      '/articles/budget-story',
      '/sections/schools',
      '/tags/arts',
      '/authors/ben-okafor',
      '/feed.xml',
      '/sitemap.xml',
    ];
    const kept = ['/sections/city-hall', '/tags/budget', '/authors/rosa-vance'];
    for (const p of purged) {
      const res = await request(p);
      expect(res.headers.get('x-cache'), p).toBe('MISS');
    }
    for (const p of kept) expect((await request(p)).headers.get('x-cache'), p).toBe('HIT');
    for (const p of ['/', '/sections/schools', '/tags/arts', '/authors/ben-okafor', '/feed.xml']) {
      expect((await request(p)).body.toString(), p).toContain('A brand new arts story');
    }
    // The story that shares its tag now lists it among related stories.
    expect((await request('/articles/arts-story')).body.toString()).toContain('/articles/new-arts-story');
  });

  it('an edit to a headline purges the pages that link to it by that headline', async () => {
    await startApp();
    const target = await createArticle(app, { slug: 'target', headline: 'Old headline', tags: ['Water'] });
    await createArticle(app, { slug: 'pinner', related: ['target'], tags: ['Parks'] });
    await request('/articles/pinner');
    expect((await request('/articles/pinner')).headers.get('x-cache')).toBe('HIT');
    const saved = await app.services.articles.saveArticle({ ...target, headline: 'New headline' }, { now: app.clock(), actor: 'editor', update: true });
    expect(saved.ok).toBe(true);
    const after = await request('/articles/pinner');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.toString()).toContain('New headline');
  });

  it('scheduled publishing purges the home page when the story goes live', async () => {
    await startApp();
    await createArticle(app, { slug: 'at-noon-tomorrow', headline: 'Embargoed story', publishedAt: '2026-11-28T12:00:00.000Z' });
    expect((await request('/')).body.toString()).not.toContain('Embargoed story');
    expect((await request('/')).headers.get('x-cache')).toBe('HIT');
    app.fixedClock.advance(24 * 3600_000);
    await app.services.articles.publishDueArticles(app.clock());
    const home = await request('/');
    expect(home.headers.get('x-cache')).toBe('MISS');
    expect(home.body.toString()).toContain('Embargoed story');
  });

  it('never serves a cached page to a request with a session, and never caches one', async () => {
    await startApp();
    await createArticle(app, { slug: 'members-see-this' });
    const personal = await request('/articles/members-see-this', { cookie: 'theme=dark; mh_session=abc123' });
    expect(personal.status).toBe(200);
    expect(personal.headers.get('x-cache')).toBeNull();
    expect(personal.headers.get('cache-control')).toBe('private, no-store');
    // The personal request filled nothing: the first anonymous request is still a miss.
    expect((await request('/articles/members-see-this')).headers.get('x-cache')).toBe('MISS');
    expect((await request('/articles/members-see-this')).headers.get('x-cache')).toBe('HIT');
    // Now the page is cached; the personal request still goes past it.
    const again = await request('/articles/members-see-this', { cookie: 'mh_member=xyz' });
    expect(again.headers.get('x-cache')).toBeNull();
    expect(again.headers.get('cache-control')).toBe('private, no-store');
    // Other cookies (a dismissed appeal, a theme) do not make a request personal.
    expect((await request('/articles/members-see-this', { cookie: 'appeal_dismissed=1' })).headers.get('x-cache')).toBe('HIT');
    const withAuth = await request('/articles/members-see-this', { authorization: 'Bearer partner-key' });
    expect(withAuth.headers.get('x-cache')).toBeNull();
  });

  it('answers If-None-Match with 304, on a miss and on a hit', async () => {
    await startApp();
    await createArticle(app, { slug: 'etag-story' });
    const miss = await get('/articles/etag-story');
    const etag = miss.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const notModifiedMiss = await get('/articles/etag-story', { 'if-none-match': etag });
    expect(notModifiedMiss.statusCode).toBe(304);
    expect(notModifiedMiss.body).toBe('');
    await request('/articles/etag-story');
    const hit = await request('/articles/etag-story', { 'if-none-match': `W/${etag}, "other"` });
    expect(hit.status).toBe(304);
    expect(hit.body.length).toBe(0);
    const changed = await request('/articles/etag-story', { 'if-none-match': '"something-else"' });
    expect(changed.status).toBe(200);
  });

  it('negotiates brotli, gzip or identity, each decoding to the same page', async () => {
    await startApp();
    await createArticle(app, { slug: 'compressed-story', bodyMarkdown: 'A paragraph that repeats. '.repeat(200) });
    const identity = await request('/articles/compressed-story');
    // Compression happens off the request path: wait (bounded) until the entry has its variants.
    let br = await request('/articles/compressed-story', { 'accept-encoding': 'gzip, deflate, br' });
    for (let i = 0; i < 50 && !br.headers.get('content-encoding'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      br = await request('/articles/compressed-story', { 'accept-encoding': 'gzip, deflate, br' });
    }
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    expect(br.body.length).toBeLessThan(identity.body.length / 2);
    const gz = await request('/articles/compressed-story', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(identity.body)).toBe(true);
    const plain = await request('/articles/compressed-story', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.body.equals(identity.body)).toBe(true);
    // Each representation has its own strong ETag, and any of them revalidates.
    expect(new Set([identity.headers.get('etag'), br.headers.get('etag'), gz.headers.get('etag')]).size).toBe(3);
    expect((await request('/articles/compressed-story', { 'if-none-match': br.headers.get('etag')! })).status).toBe(304);
  });

  it('does not cache errors, drafts or pages without surrogate keys', async () => {
    await startApp();
    await createArticle(app, { slug: 'a-draft', status: 'draft' });
    expect((await request('/articles/a-draft')).status).toBe(404);
    expect((await request('/articles/a-draft')).headers.get('x-cache')).toBeNull();
    expect((await request('/?page=abc')).status).toBe(400);
    expect((await request('/?page=abc')).headers.get('x-cache')).toBeNull();
    expect(app.pageCache.stats().entries).toBe(0);
  });

  it('a settings change purges every page showing the outlet name', async () => {
    await startApp();
    await createArticle(app, { slug: 'any-story' });
    for (const p of ['/', '/articles/any-story', '/feed.xml']) await request(p);
    await app.services.site.updateSettings({ name: 'The Harbour Gazette' });
    for (const p of ['/', '/articles/any-story', '/feed.xml']) {
      const res = await request(p);
      expect(res.headers.get('x-cache'), p).toBe('MISS');
      expect(res.body.toString(), p).toContain('The Harbour Gazette');
    }
  });
});
