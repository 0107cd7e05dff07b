import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
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
    expect((await listenerGet(app, '/tag/getting-started/')).headers.location).toBe('/tags/getting-started');
    expect((await listenerGet(app, '/author/ghost/')).headers.location).toBe('/authors/ghost');
    expect((await app.services.pages.listPages()).length).toBe(4);
    // A second run imports nothing.
    const again = await run(SHARED);
    expect(again.imported.articles + again.imported.pages).toBe(0);
    expect(again.alreadyImported).toBe(11);
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
