import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, FixedClock, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Through the real listener, where the page cache answers. */
function request(url: string) {
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  return new Promise<{ cache: string | undefined; keys: string; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: address.port, path: url, headers: { 'accept-encoding': 'identity' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ cache: res.headers['x-cache'] as string | undefined, keys: String(res.headers['surrogate-key'] ?? ''), body }));
      })
      .on('error', reject);
  });
}

const desk = { id: 0, name: 'Desk', role: 'editor' as const };

/** A story and a correction published at 03:00 UTC on 27 November: still the 26th in Chicago. */
async function withCorrection() {
  app = await buildApp({ clock: new FixedClock(new Date('2026-11-27T03:00:00.000Z')) });
  expect((await app.services.site.updateSettings({ timeZone: 'America/Chicago' })).ok).toBe(true);
  const input = await createArticle(app, { slug: 'levee-story', headline: 'The levee question', publishedAt: '2026-11-26T20:00:00.000Z' });
  const article = (await app.services.articles.findArticle('levee-story'))!;
  const note = await app.services.corrections.publishNote(
    { articleId: article.id, kind: 'correction', body: 'We misstated the height of the levee.', reportId: null },
    desk,
    app.clock(),
  );
  expect(note.ok).toBe(true);
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  return input;
}

describe('the corrections log', () => {
  it('dates each entry in the outlet’s time zone, as story pages do', async () => {
    await withCorrection();
    const log = await request('/corrections');
    expect(log.body).toMatch(/<time datetime="2026-11-27T03:00:00.000Z">November 26, 2026<\/time>/);
    expect(log.body).not.toContain('>2026-11-27<');
    const story = await request('/articles/levee-story');
    expect(story.body).toContain('November 26, 2026');
  });

  it('carries the keys of the stories it names, so a headline edit purges the log and its feed', async () => {
    const input = await withCorrection();
    for (const url of ['/corrections', '/corrections/feed.xml']) {
      const first = await request(url);
      expect(first.keys.split(' ')).toContain('article:levee-story');
      expect((await request(url)).cache, url).toBe('HIT');
    }
    const saved = await app.services.articles.saveArticle({ ...input, headline: 'What the levee cost' }, { now: app.clock(), actor: 'editor', update: true });
    expect(saved.ok).toBe(true);
    for (const url of ['/corrections', '/corrections/feed.xml']) {
      const after = await request(url);
      expect(after.cache, url).toBe('MISS');
      expect(after.body, url).toContain('What the levee cost');
    }
  });
});
