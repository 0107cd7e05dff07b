import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { articleInput, createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Through the real listener: the page cache answers before Fastify, so only this shows a purge. */
async function request(url: string) {
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  return new Promise<{ status: number; cache: string | null; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: address.port, path: url, headers: { 'accept-encoding': 'identity' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: (res.headers['x-cache'] as string | undefined) ?? null, body }));
      })
      .on('error', reject);
  });
}

/** Headline links of the lead and the secondary stories, in order. */
function topStories(html: string): { lead: string[]; secondary: string[] } {
  const block = (cls: string) => {
    const m = new RegExp(`<div class="${cls}">([\\s\\S]*?)</div>\\s*(?:<div class="front-secondary">|</section>)`).exec(html);
    return [...(m?.[1] ?? '').matchAll(/class="card-headline"><a href="\/articles\/([^"]+)"/g)].map((x) => x[1]!);
  };
  return { lead: block('front-lead'), secondary: block('front-secondary') };
}

async function sixStories() {
  for (let i = 0; i < 6; i++)
    await createArticle(app, { slug: `story-${i}`, publishedAt: new Date(Date.parse('2026-11-20T08:00:00.000Z') + i * 3600_000).toISOString() });
}

describe('the front page editors control', () => {
  it('falls back to the newest stories, and a pin puts an older story in the lead at once, purging the cached home page', async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    await sixStories();
    expect(topStories((await request('/')).body)).toEqual({ lead: ['story-5'], secondary: ['story-4', 'story-3', 'story-2', 'story-1'] });
    expect((await request('/')).cache).toBe('HIT');

    const { client } = await loggedInClient(app, 'editor');
    const pinned = await client.post('/admin/front-page/pin', { story: 'story-0', slot: '0' }, { csrfFrom: '/admin/front-page' });
    expect(pinned.statusCode).toBe(303);
    expect(pinned.headers.location).toBe('/admin/front-page?done=pinned');

    const after = await request('/');
    expect(after.cache).toBe('MISS');
    // The pinned story leads; the newest fill the other slots; nothing appears twice.
    expect(topStories(after.body)).toEqual({ lead: ['story-0'], secondary: ['story-5', 'story-4', 'story-3', 'story-2'] });
    expect(after.body.match(/href="\/articles\/story-0"/g)?.length).toBe(1);
  });

  it('moves stories with the up and down buttons, pinning what the editor saw, and unpins back to the newest', async () => {
    app = await buildApp();
    await sixStories();
    const { client } = await loggedInClient(app, 'editor');
    const page = await client.get('/admin/front-page');
    expect(page.statusCode).toBe(200);
    // Keyboard controls: every filled slot but the first has an Up button, every one but the last a Down button.
    expect(page.body.match(/>\s*↑ Up\s*</g)?.length).toBe(4);
    expect(page.body.match(/>\s*↓ Down\s*</g)?.length).toBe(4);

    // Secondary 1 (story-4) moves up into the lead; the lead's story-5 goes down. Both are now pinned.
    expect((await client.post('/admin/front-page/move', { from: '1', to: '0' }, { csrfFrom: '/admin/front-page' })).statusCode).toBe(303);
    const home = (await app.http.inject({ method: 'GET', url: '/' })).body;
    expect(topStories(home)).toEqual({ lead: ['story-4'], secondary: ['story-5', 'story-3', 'story-2', 'story-1'] });
    const admin = (await client.get('/admin/front-page')).body;
    expect(admin.match(/class="front-slot pinned"/g)?.length).toBe(2);

    expect((await client.post('/admin/front-page/unpin', { slot: '0' }, { csrfFrom: '/admin/front-page' })).statusCode).toBe(303);
    expect((await client.post('/admin/front-page/unpin', { slot: '1' }, { csrfFrom: '/admin/front-page' })).statusCode).toBe(303);
    expect(topStories((await app.http.inject({ method: 'GET', url: '/' })).body)).toEqual({
      lead: ['story-5'],
      secondary: ['story-4', 'story-3', 'story-2', 'story-1'],
    });
  });

  it('refuses bad pins with a page that says why, and changes nothing', async () => {
    app = await buildApp();
    await sixStories();
    await createArticle(app, { slug: 'a-draft', status: 'draft', publishedAt: null });
    const { client } = await loggedInClient(app, 'editor');
    const draft = await client.post('/admin/front-page/pin', { story: 'a-draft', slot: '0' }, { csrfFrom: '/admin/front-page' });
    expect(draft.statusCode).toBe(422);
    expect(draft.body).toContain('Only a published story can be pinned');
    const slot = await client.post('/admin/front-page/pin', { story: 'story-1', slot: '9' }, { csrfFrom: '/admin/front-page' });
    expect(slot.statusCode).toBe(422);
    expect(slot.body).toContain('Choose one of the slots listed');
    const move = await client.post('/admin/front-page/move', { from: '0', to: 'x' }, { csrfFrom: '/admin/front-page' });
    expect(move.statusCode).toBe(422);
    const unpin = await client.post('/admin/front-page/unpin', { slot: '2' }, { csrfFrom: '/admin/front-page' });
    expect(unpin.statusCode).toBe(422);
    expect(unpin.body).toContain('has no pinned story');
    expect(topStories((await app.http.inject({ method: 'GET', url: '/' })).body).lead).toEqual(['story-5']);
  });

  it('drops an unpublished story from its slot, which falls back to the newest', async () => {
    app = await buildApp();
    await sixStories();
    const { client } = await loggedInClient(app, 'editor');
    await client.post('/admin/front-page/pin', { story: 'story-0', slot: '0' }, { csrfFrom: '/admin/front-page' });
    const saved = await app.services.articles.saveArticle(articleInput({ slug: 'story-0', status: 'draft', publishedAt: null }), {
      now: app.clock(),
      actor: 'test',
      update: true,
    });
    expect(saved.ok).toBe(true);
    expect(topStories((await app.http.inject({ method: 'GET', url: '/' })).body).lead).toEqual(['story-5']);
  });

  it('is open to editors only', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'writer');
    expect((await client.get('/admin/front-page')).statusCode).toBe(403);
  });
});
