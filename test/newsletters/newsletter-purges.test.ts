import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

/**
 * Pages that list newsletters (every page's footer signup, /newsletters with each list's past issues)
 * are kept in the page cache; a newsletter saved or an issue going out must reach them at once.
 */
let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const newsletter = (name: string) => ({
  slug: 'morning',
  name,
  description: '',
  senderName: 'Desk',
  senderEmail: 'desk@news.example.test',
  audience: 'anyone',
});

/** Through the real listener, where the page cache answers hits (inject goes past it). */
async function get(a: TestApp, url: string) {
  const address = a.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  const res = await fetch(`http://127.0.0.1:${address.port}${url}`);
  expect(res.status, url).toBe(200);
  return { body: await res.text(), cache: res.headers.get('x-cache') };
}

describe('newsletter writes purge the pages that list them', () => {
  it('a new or renamed newsletter, and an issue sent, show on the next request', async () => {
    const a = (app = await buildApp());
    await a.http.listen({ port: 0, host: '127.0.0.1' });
    const saved = await a.services.newsletters.saveNewsletter(null, newsletter('Morning briefing'), a.clock());
    if (!saved.ok) throw new Error(saved.message);

    // Both pages are cached: the second request is a hit, so only a purge can change what they show.
    for (const url of ['/', '/newsletters']) {
      expect((await get(a, url)).body).toContain('Morning briefing');
      expect((await get(a, url)).cache).toBe('HIT');
    }

    const renamed = await a.services.newsletters.saveNewsletter(saved.newsletter.id, newsletter('Evening briefing'), a.clock());
    if (!renamed.ok) throw new Error(renamed.message);
    for (const url of ['/', '/newsletters']) {
      const page = await get(a, url);
      expect(page.body, url).toContain('Evening briefing');
      expect(page.body, url).not.toContain('Morning briefing');
    }

    const story = await createArticle(a, { headline: 'The ferry timetable changes in May' });
    await get(a, '/newsletters');
    expect((await get(a, '/newsletters')).cache).toBe('HIT');
    const issue = await a.services.newsletters.createIssue(
      { newsletterId: saved.newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'editor@example.org' },
      a.clock(),
    );
    if (!issue.ok) throw new Error(issue.message);
    await a.jobs.drain();
    expect((await get(a, '/newsletters')).body).toContain('The ferry timetable changes in May');
  });
});
