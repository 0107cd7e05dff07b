import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Slugs in the story page's Related box: pinned links first, then the computed cards, as rendered. */
async function relatedOnPage(slug: string): Promise<{ pinned: string[]; more: string[] }> {
  const html = (await app.http.inject({ url: `/articles/${slug}` })).body;
  const aside = /<aside class="related"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
  const links = (part: string) => [...part.matchAll(/<a href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
  const pinned = /<ul class="pinned">[\s\S]*?<\/ul>/.exec(aside)?.[0] ?? '';
  const cards = /<div class="cards compact">[\s\S]*?<\/div>\s*<\/aside>/.exec(aside)?.[0] ?? '';
  return { pinned: links(pinned), more: links(cards) };
}

const HARBOUR =
  'The harbour dredging contract was awarded without a tender. Dredging barges arrive in March and the harbour master expects silt removal to take a year.';

const databases = await testDatabases();
describe.each(databases)('related stories on %s', (database) => {
  it('puts pinned links first and never lists the story itself, a draft or a scheduled story', async () => {
    app = await buildApp({ database });
    await createArticle(app, {
      slug: 'pinned-one',
      headline: 'Weather for the weekend',
      section: 'Weather',
      tags: ['Forecast'],
      bodyMarkdown: 'Sun, then rain.',
    });
    await createArticle(app, {
      slug: 'close-draft',
      headline: 'Harbour dredging contract questioned',
      status: 'draft',
      publishedAt: null,
      tags: ['Harbour'],
      bodyMarkdown: HARBOUR,
    });
    await createArticle(app, {
      slug: 'close-scheduled',
      headline: 'Dredging contract: the harbour audit',
      status: 'published',
      publishedAt: '2026-12-24T09:00:00.000Z',
      tags: ['Harbour'],
      bodyMarkdown: HARBOUR,
    });
    await createArticle(app, { slug: 'close-public', headline: 'Harbour dredging begins', tags: ['Harbour'], bodyMarkdown: HARBOUR });
    await createArticle(app, {
      slug: 'story',
      headline: 'Who won the harbour dredging contract',
      tags: ['Harbour'],
      bodyMarkdown: HARBOUR,
      related: ['pinned-one'],
    });
    await app.jobs.drain();
    const r = await relatedOnPage('story');
    expect(r.pinned).toEqual(['pinned-one']);
    expect(r.more[0]).toBe('close-public');
    expect(r.more).not.toContain('story');
    expect(r.more).not.toContain('close-draft');
    expect(r.more).not.toContain('close-scheduled');
    expect(r.more).not.toContain('pinned-one');
    // Pinned plus computed: at most four in all.
    expect(r.pinned.length + r.more.length).toBeLessThanOrEqual(4);
  });

  it('fills the box from further down the stored list when its first stories are pinned or in another language', async () => {
    app = await buildApp({ database });
    const slugs = ['pinned-close', 'in-ukrainian', 'next-1', 'next-2', 'next-3', 'next-4'];
    for (const slug of slugs)
      await createArticle(app, { slug, headline: `Harbour story ${slug}`, tags: ['Harbour'], language: slug === 'in-ukrainian' ? 'uk' : 'en' });
    await createArticle(app, { slug: 'story', headline: 'The harbour', tags: ['Harbour'], related: ['pinned-close'] });
    await createArticle(app, { slug: 'all-pinned', headline: 'Four links', related: ['next-1', 'next-2', 'next-3', 'next-4'] });
    await app.jobs.drain();
    const id = async (slug: string) => (await app.services.articles.findArticle(slug))!.id;
    // The stored list as a computation could leave it, written straight to its table: the pinned story and a Ukrainian one first.
    const ids = await Promise.all(slugs.map(id));
    for (const owner of [await id('story'), await id('all-pinned')]) {
      await app.database.db.deleteFrom('related_stories').where('article_id', '=', owner).execute();
      await app.database.db
        .insertInto('related_stories')
        .values(ids.map((related_id, rank) => ({ article_id: owner, related_id, rank })))
        .execute();
    }
    expect(await relatedOnPage('story')).toEqual({ pinned: ['pinned-close'], more: ['next-1', 'next-2', 'next-3'] });
    expect(await relatedOnPage('all-pinned')).toEqual({ pinned: ['next-1', 'next-2', 'next-3', 'next-4'], more: [] });
  });

  it('changes a story\u2019s list when a closer story is published, and purges its page', async () => {
    app = await buildApp({ database });
    await createArticle(app, { slug: 'harbour', headline: 'Harbour dredging contract awarded', section: 'Port', tags: ['Harbour'], bodyMarkdown: HARBOUR });
    await createArticle(app, {
      slug: 'loose',
      headline: 'Port opens a new ferry office',
      section: 'Port',
      tags: ['Ferries'],
      bodyMarkdown: 'Tickets can be bought at the quay from Monday.',
    });
    await app.jobs.drain();
    expect((await relatedOnPage('harbour')).more).toEqual(['loose']);
    const purged: string[] = [];
    app.invalidation.subscribe((keys) => void purged.push(...keys));
    await createArticle(app, {
      slug: 'closer',
      headline: 'Dredging contract: harbour master answers questions',
      section: 'Port',
      tags: ['Harbour'],
      bodyMarkdown: `${HARBOUR} Silt from the dredging will be taken out to sea.`,
      publishedAt: '2026-11-27T09:00:00.000Z',
    });
    await app.jobs.drain();
    expect((await relatedOnPage('harbour')).more).toEqual(['closer', 'loose']);
    expect(purged).toContain('article:harbour');
    // Unpublished again: it leaves every list at once.
    const input = (await import('../support/factories.js')).articleInput({ slug: 'closer', headline: 'Dredging contract', status: 'draft', publishedAt: null });
    expect((await app.services.articles.saveArticle(input, { now: app.clock(), actor: 'test', update: true })).ok).toBe(true);
    expect((await relatedOnPage('harbour')).more).toEqual(['loose']);
  });
});
