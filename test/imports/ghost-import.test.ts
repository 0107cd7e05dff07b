import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { articleInput } from '../support/factories.js';
import { listenerGet } from '../support/listener.js';

/** Ghost 4.1's own export fixture (see /work/shared/fixtures/README.md), read in place. */
const REAL_EXPORT = path.resolve(import.meta.dirname, '../../../../shared/fixtures/ghost-export.json');
const SHARED = fs.existsSync(REAL_EXPORT) ? REAL_EXPORT : '/work/shared/fixtures/ghost-export.json';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const run = (file: string, dryRun = false) => app!.services.ghost.run({ file, mediaDir: null, dryRun, now: app!.clock(), language: 'en' });

describe.skipIf(!fs.existsSync(SHARED))('the Ghost import of a real Ghost 4 export', () => {
  it('brings its 7 posts and 4 pages across with tags, authors and redirects, and reports the images it could not fetch', async () => {
    app = await buildApp();
    const report = await run(SHARED);
    expect(report.imported).toMatchObject({ articles: 7, pages: 4, members: 0 });
    const lines = report.summary().join('\n');
    expect(lines).toContain('hosted elsewhere');
    // Ghost's Privacy page meets Masthead's own /privacy: kept, at another address, and said so.
    expect(lines).toContain('"Privacy" (605ac141a2d5a6aa9e101ecf) [path]: /privacy belongs to another part of the site; imported at /privacy-page');
    expect((await app.services.pages.findPageAt('/privacy-page'))?.title).toBe('Privacy');
    const welcome = (await app.services.articles.listAllArticles()).map((a) => a.slug);
    expect(welcome).toHaveLength(7);
    const one = (await app.services.articles.findArticle('integrations'))!;
    expect(one.headline).toBe('Setting up apps and custom integrations');
    expect(one.authors.map((a) => a.name)).toEqual(['Ghost']);
    expect(one.section?.name).toBe('Getting Started');
    expect(one.status).toBe('published');
    expect(one.bodyHtml).not.toContain('__GHOST_URL__');
    expect(one.bodyHtml).not.toContain('static.ghost.org');
    expect(one.bodyHtml).not.toContain('<script');
    expect((await listenerGet(app, '/integrations/')).headers.location).toBe('/articles/integrations');
    // Its one tag came first on every post, so it is a section here.
    expect((await listenerGet(app, '/tag/getting-started/')).headers.location).toBe('/sections/getting-started');
    expect((await listenerGet(app, '/sections/getting-started')).statusCode).toBe(200);
    expect((await listenerGet(app, '/author/ghost/')).headers.location).toBe('/authors/ghost');
    expect((await app.services.pages.listPages()).length).toBe(4);
    // A second run imports nothing.
    const again = await run(SHARED);
    expect(again.imported.articles + again.imported.pages).toBe(0);
    expect(again.alreadyImported).toBe(11);
    // Two whole imports and four requests: on a loaded machine this takes longer than the default 30 s.
  }, 120_000);
});

describe('the Ghost import of each thing a Ghost export holds', () => {
  it('brings html, lexical and mobiledoc bodies, statuses, feature images, hidden #tags and authors across; reports what it could not', async () => {
    app = await buildApp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ghost-'));
    const images = path.join(dir, 'images');
    fs.mkdirSync(path.join(images, '2021', '03'), { recursive: true });
    fs.copyFileSync(path.join(import.meta.dirname, 'fixtures/uploads/2019/05/wall.png'), path.join(images, '2021/03/wall.png'));
    const lexical = JSON.stringify({ root: { children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Lexical words & more.' }] }] } });
    const mobiledoc = JSON.stringify({ version: '0.3.1', sections: [[1, 'p', [[0, [], 0, 'Mobiledoc words.']]]] });
    const file = path.join(dir, 'export.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        db: [
          {
            meta: { version: '5.80.0' },
            data: {
              posts: [
                {
                  id: 'g1',
                  title: 'Harbour fees rise',
                  slug: 'harbour-fees',
                  type: 'post',
                  status: 'published',
                  published_at: '2022-04-05T10:00:00.000Z',
                  custom_excerpt: 'Moorings cost more.',
                  html: '<p>See <a href="__GHOST_URL__/tide-tables/">the tides</a>.</p><img src="__GHOST_URL__/content/images/2021/03/gone.jpg" alt="x">',
                  feature_image: '__GHOST_URL__/content/images/2021/03/wall.png',
                  feature_image_alt: 'The wall',
                  feature_image_caption: '<span>Photo: Mara</span>',
                },
                { id: 'g2', title: 'From lexical', slug: 'from-lexical', type: 'post', status: 'draft', lexical },
                {
                  id: 'g3',
                  title: 'From mobiledoc',
                  slug: 'from-mobiledoc',
                  type: 'post',
                  status: 'scheduled',
                  published_at: '2031-01-01T00:00:00.000Z',
                  mobiledoc,
                },
                { id: 'g4', title: '', slug: 'no-title', type: 'post', status: 'published', published_at: '2022-01-01T00:00:00.000Z', html: '<p>x</p>' },
                { id: 'g5', title: 'Taken slug', slug: 'taken', type: 'post', status: 'published', published_at: '2022-01-02T00:00:00.000Z', html: '<p>y</p>' },
                { id: 'g6', title: 'A thing', slug: 'a-thing', type: 'newsletter-only', status: 'published', html: '' },
                { id: 'g7', title: 'Contact', slug: 'contact', type: 'page', status: 'published', html: '<p>Write to us.</p>' },
              ],
              tags: [
                { id: 't1', name: 'Harbour', slug: 'harbour', visibility: 'public' },
                { id: 't2', name: '#newsletter', slug: 'hash-newsletter', visibility: 'internal' },
              ],
              posts_tags: [
                { post_id: 'g1', tag_id: 't1', sort_order: 0 },
                { post_id: 'g1', tag_id: 't2', sort_order: 1 },
              ],
              users: [{ id: 'u1', name: 'Mara Quinn', slug: 'mara', bio: 'Covers the harbour.' }],
              posts_authors: [{ post_id: 'g1', author_id: 'u1', sort_order: 0 }],
            },
          },
        ],
      }),
    );
    await app.services.articles.saveArticle(articleInput({ slug: 'taken' }), { now: app.clock(), actor: 'test' });
    const report = await app.services.ghost.run({ file, mediaDir: images, dryRun: false, now: app.clock(), language: 'en' });
    expect(report.imported).toMatchObject({ articles: 5, pages: 1, images: 1 });
    const lines = report.summary().join('\n');
    expect(lines).toContain('"Harbour fees rise" (g1): internal tags kept off the site: #newsletter');
    expect(lines).toContain('"Harbour fees rise" (g1): image not imported (not in the media folder): /content/images/2021/03/gone.jpg');
    expect(lines).toContain('skipped items of type "newsletter-only": 1');
    expect(lines).toContain('"no-title" (g4) [title]: has no title; imported as "Untitled (Ghost post g4)"');
    expect(lines).toContain('"Taken slug" (g5) [slug]: "taken" is taken; imported as "taken-2"');

    const fees = (await app.services.articles.findArticle('harbour-fees'))!;
    expect(fees).toMatchObject({ status: 'published', publishedAt: '2022-04-05T10:00:00.000Z', standfirst: 'Moorings cost more.' });
    expect(fees.hero).toMatchObject({ alt: 'The wall', caption: 'Photo: Mara' });
    expect(fees.section?.name).toBe('Harbour');
    expect(fees.tags).toEqual([]);
    expect(fees.authors.map((a) => a.name)).toEqual(['Mara Quinn']);
    expect((await app.uow.stores.articles.findAuthorBySlug('mara-quinn'))?.bio).toBe('Covers the harbour.');
    expect(fees.bodyHtml).toContain('<a href="/tide-tables/">the tides</a>');
    expect(fees.bodyHtml).not.toContain('gone.jpg');
    expect((await app.services.articles.findArticle('from-lexical'))!).toMatchObject({ status: 'draft' });
    expect((await app.services.articles.findArticle('from-lexical'))!.bodyHtml).toContain('Lexical words &amp; more.');
    const scheduled = (await app.services.articles.findArticle('from-mobiledoc'))!;
    expect(scheduled).toMatchObject({ status: 'scheduled' });
    expect(scheduled.bodyHtml).toContain('Mobiledoc words.');
    expect((await app.services.articles.findArticle('taken-2'))!.headline).toBe('Taken slug');
    expect((await listenerGet(app, '/taken/')).headers.location).toBe('/articles/taken-2');
    expect((await app.services.pages.findPageAt('/contact'))?.bodyHtml).toContain('Write to us.');
    expect((await listenerGet(app, '/tag/harbour/')).headers.location).toBe('/sections/harbour');
  });
});

describe('Ghost members', () => {
  it('become reader accounts; paid ones hand-granted patrons until their period ends; newsletter choice kept', async () => {
    app = await buildApp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ghost-'));
    const file = path.join(dir, 'members.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        db: [
          {
            meta: { version: '5.0.0' },
            data: {
              posts: [{ id: 'p1', title: 'Tide tables', slug: 'tide-tables', html: '<p>High water at 6.</p>', status: 'draft', type: 'post' }],
              members: [
                { id: 'm1', email: 'Ana@Example.org', name: 'Ana', status: 'paid', created_at: '2023-01-02T00:00:00.000Z' },
                { id: 'm2', email: 'ben@example.org', name: 'Ben', status: 'free', created_at: '2023-02-02T00:00:00.000Z' },
                { id: 'm3', email: 'not-an-address', name: 'X', status: 'free' },
              ],
              members_stripe_customers: [{ member_id: 'm1', customer_id: 'cus_1' }],
              members_stripe_customers_subscriptions: [{ customer_id: 'cus_1', status: 'active', current_period_end: '2031-03-01T00:00:00.000Z' }],
              newsletters: [{ id: 'n1', name: 'Weekly' }],
              members_newsletters: [{ member_id: 'm2', newsletter_id: 'n1' }],
            },
          },
        ],
      }),
    );
    const report = await run(file);
    expect(report.imported).toMatchObject({ articles: 1, members: 2, patrons: 1 });
    expect(report.summary().join('\n')).toContain('"not-an-address" is not an email address');
    const ana = await app.uow.stores.members.findMemberByEmail('ana@example.org');
    const ben = await app.uow.stores.members.findMemberByEmail('ben@example.org');
    expect(ana?.name).toBe('Ana');
    expect(await app.services.patrons.patronOf(ana!.id, app.clock())).not.toBeNull();
    expect(await app.services.patrons.patronOf(ben!.id, app.clock())).toBeNull();
    const [patronage] = await app.uow.stores.members.listPatronagesOf(ana!.id);
    expect(patronage).toMatchObject({ source: 'manual', expiresAt: '2031-03-01T00:00:00.000Z', stripeSubscriptionId: null });
    expect(await app.uow.stores.imports.findImportedMember(ben!.id)).toEqual({ source: 'ghost', newsletterOptIn: true, newsletters: ['Weekly'] });
    expect((await app.uow.stores.imports.findImportedMember(ana!.id))?.newsletterOptIn).toBe(false);
    expect((await app.services.articles.findArticle('tide-tables'))?.status).toBe('draft');
  });

  it('refuses a file that is not a Ghost export and changes nothing', async () => {
    app = await buildApp();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ghost-')), 'x.json');
    fs.writeFileSync(file, '{"posts": []}');
    await expect(run(file)).rejects.toThrow(/not a Ghost export/);
    fs.writeFileSync(file, '{"db": [');
    await expect(run(file)).rejects.toThrow(/not valid JSON/);
    expect(await app.services.articles.countArticles()).toBe(0);
  });
});
