import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { can } from '../../src/accounts/account-policy.js';
import { ImportFailure } from '../../src/imports/import-report.js';
import { WxrError } from '../../src/imports/wxr-reader.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { listenerGet } from '../support/listener.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'harbour.wxr.xml');
const UPLOADS = path.join(import.meta.dirname, 'fixtures', 'uploads');

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const databases = await testDatabases();
const run = (extra: Partial<Parameters<TestApp['services']['wordpress']['run']>[0]> = {}) =>
  app!.services.wordpress.run({ file: FIXTURE, mediaDir: UPLOADS, dryRun: false, now: app!.clock(), language: 'en', ...extra });

function tmpFile(name: string, data: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxr-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

describe.each(databases)('the WordPress import on %s', (database) => {
  it('brings posts, pages, authors, sections, tags and images across, with a report of what it left', async () => {
    app = await buildApp({ database });
    const report = await run({ publishAsImported: true });
    expect(report.imported).toMatchObject({ articles: 5, pages: 1, images: 2 });
    const lines = report.summary().join('\n');
    expect(lines).toContain('comments not imported: 2');
    expect(lines).toContain('custom fields not imported: 1');
    expect(lines).toContain('private posts imported as drafts: 1');
    expect(lines).toContain('images not found in the media folder: 1');
    expect(lines).toContain('skipped items of type "nav_menu_item": 1');
    expect(lines).toContain('[gallery] ×1');
    expect(lines).toContain('[title]: has no title; imported as "Untitled (WordPress post 103)" (a draft)');
    expect(lines).toContain('[slug]: "harbour-wall-repairs" is taken; imported as "harbour-wall-repairs-2"');

    const a = (await app.services.articles.findArticle('harbour-wall-repairs'))!;
    expect(a).toMatchObject({
      headline: 'Council approves harbour wall repairs',
      standfirst: 'Repairs start in June.',
      status: 'published',
      publishedAt: '2019-05-03T14:22:00.000Z',
    });
    expect(a.section?.name).toBe('Council & Politics');
    expect(a.tags.map((t) => t.name)).toEqual(['Budget']);
    expect(a.authors.map((x) => x.name)).toEqual(['Mara Quinn']);
    expect(a.hero).toMatchObject({ alt: 'Slipped stones in the harbour wall', caption: 'Photo: the harbour wall' });
    // Classic content: paragraphs, the caption as a figure with our own image, the video as a link,
    // the unknown shortcode kept as text, the missing image dropped (never loaded from the old host).
    expect(a.bodyHtml).toContain('<p>The council voted 7 to 2 on Tuesday to repair the harbour wall.</p>');
    expect(a.bodyHtml).toContain('Work starts in June &amp; should take “about a year”.<br />');
    expect(a.bodyHtml).toMatch(
      /<figure><img src="\/media\/[0-9a-f]{32}\/1200\.jpg" alt="The harbour wall at low tide"[^>]*\/>\s*<figcaption>The wall at low tide, where the stones have slipped.<\/figcaption>\s*<\/figure>/,
    );
    expect(a.bodyHtml).not.toContain('<p></p>');
    expect(a.bodyHtml).toContain('<a href="https://www.youtube.com/watch?v=abc123">https://www.youtube.com/watch?v=abc123</a>');
    expect(a.bodyHtml).toContain('[gallery ids="1,2,3"]');
    expect(a.bodyHtml).not.toContain('harbour.example');
    const g = (await app.services.articles.findArticle('harbour-wall-repairs-2'))!;
    expect(g.bodyHtml).toContain('<p>The ferry leaves at <strong>7:10</strong> from Monday.</p>');
    expect(g.bodyHtml).toContain('<a href="https://vimeo.com/12345">');
    expect(g.bodyHtml).not.toContain('wp:');
    expect((await app.services.articles.findArticle('staff-party'))!.status).toBe('draft');
    expect((await app.services.articles.findArticle('regatta-preview'))!.status).toBe('scheduled');
    expect((await app.services.articles.findArticle('untitled-wordpress-post-103'))!.status).toBe('draft');
    const page = await app.services.pages.findPageAt('/about-us');
    expect(page?.title).toBe('About the Bulletin');
    expect(page?.bodyHtml).toContain('<p>Write to us.</p>');
  });

  it('keeps old URLs working with 301s to the new story', async () => {
    app = await buildApp({ database });
    await run();
    const shapes = [
      '/?p=101',
      '/2019/05/03/harbour-wall-repairs/',
      '/2019/05/harbour-wall-repairs/',
      '/category/news/council/harbour-wall-repairs/',
      '/harbour-wall-repairs/',
    ];
    for (const url of shapes) {
      const res = await listenerGet(app, url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location, url).toBe('/articles/harbour-wall-repairs');
    }
    // The export's own <link> of the second post, whose slug had to change.
    expect((await listenerGet(app, '/2019/06/ferry-timetable/')).headers.location).toBe('/articles/harbour-wall-repairs-2');
    expect((await listenerGet(app, '/?page_id=2')).headers.location).toBe('/about-us');
    expect((await listenerGet(app, '/about-us/')).headers.location).toBe('/about-us');
    expect((await listenerGet(app, '/about-us')).statusCode).toBe(200);
  });

  it('imports nothing new on a second run, and a run stopped after a batch carries on', async () => {
    app = await buildApp({ database });
    await expect(
      run({
        batchSize: 1,
        afterBatch: (n) => {
          if (n === 2) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const partial = (await app.services.articles.listAllArticles()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(5);
    const resumed = await run();
    expect(resumed.alreadyImported).toBe(partial);
    expect(resumed.imported.articles + partial).toBe(5);
    const again = await run();
    expect(again.imported).toMatchObject({ articles: 0, pages: 0, redirects: 0 });
    expect(again.alreadyImported).toBe(6);
    expect((await app.services.articles.listAllArticles()).length).toBe(5);
  });

  it('without --publish-as-imported, holds a public post whose text did not convert cleanly as a draft, and says so', async () => {
    app = await buildApp({ database });
    const report = await run();
    expect(report.heldForReview).toBe(1);
    const lines = report.summary().join('\n');
    expect(lines).toContain('public on the old site, held as drafts to look at: 1');
    expect(lines).toContain(
      '"Council approves harbour wall repairs" (https://harbour.example/?p=101): published on WordPress (2019-05-03 14:22:00 GMT), held as a draft to look at: shortcodes kept as text: [gallery]',
    );
    expect((await app.services.articles.findArticle('harbour-wall-repairs'))!.status).toBe('draft');
    // Clean ones keep their status either way.
    expect((await app.services.articles.findArticle('harbour-wall-repairs-2'))!.status).toBe('published');
    expect((await app.services.articles.findArticle('regatta-preview'))!.status).toBe('scheduled');
  });

  it('computes related stories after the import, in a background pass', async () => {
    app = await buildApp({ database });
    const report = await run({ publishAsImported: true });
    expect(report.relatedQueued).toBe(true);
    const a = (await app.services.articles.findArticle('harbour-wall-repairs'))!;
    const b = (await app.services.articles.findArticle('harbour-wall-repairs-2'))!;
    await app.jobs.drain();
    expect(await app.uow.stores.search.listRelatedIds(a.id)).toContain(b.id);
    expect(await app.uow.stores.search.listRelatedIds(b.id)).toContain(a.id);
  });

  it('with --staff-accounts, makes each author with an email a contributor without a password, tied to the byline', async () => {
    app = await buildApp({ database });
    const file = tmpFile(
      'authors.wxr.xml',
      fs
        .readFileSync(FIXTURE, 'utf8')
        .replace(
          '<wp:category>',
          '<wp:author><wp:author_login><![CDATA[old]]></wp:author_login><wp:author_email><![CDATA[]]></wp:author_email><wp:author_display_name><![CDATA[Old Hand]]></wp:author_display_name></wp:author>\n<wp:category>',
        ),
    );
    const report = await run({ file, staffAccounts: true });
    expect(report.imported.staff).toBe(1);
    expect(report.summary().join('\n')).toContain('author "Old Hand" (old) [email]: no usable email address');
    const user = (await app.uow.stores.accounts.findUserByEmail('mara@harbour.example'))!;
    expect(user).toMatchObject({ name: 'Mara Quinn', role: 'contributor', hasPassword: false });
    expect(can({ id: user.id, name: user.name, role: user.role }, 'article.publish')).toBe(false);
    const byline = (await app.services.articles.findArticle('harbour-wall-repairs-2'))!.authors[0]!;
    expect(user.authorId).toBe(byline.id);
    expect(report.staffAccounts).toEqual([{ userId: user.id, email: 'mara@harbour.example', name: 'Mara Quinn' }]);
    // A second run makes no second account.
    const again = await run({ file, staffAccounts: true });
    expect(again.imported.staff).toBe(0);
    expect((await app.services.accounts.listUsers()).filter((u) => u.email === 'mara@harbour.example')).toHaveLength(1);
  });

  it('a batch that fails names the item and the field, and leaves nothing of itself behind', async () => {
    app = await buildApp({ database });
    const huge =
      `<item><title>Too long</title><guid>https://harbour.example/?p=900</guid><content:encoded><![CDATA[` +
      `${'word '.repeat(81_000)}]]></content:encoded><wp:post_id>900</wp:post_id>` +
      `<wp:post_name>too-long</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` +
      `</item>\n</channel>`;
    const file = tmpFile('huge.wxr.xml', fs.readFileSync(FIXTURE, 'utf8').replace('</channel>', huge));
    const err = await run({ file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as Error).message).toMatch(/^"Too long" \(https:\/\/harbour\.example\/\?p=900\) \[bodyHtml\]: must be at most 400000 characters/);
    expect(await app.services.articles.countArticles()).toBe(0);
    expect((await app.services.redirects.listRedirects('', 1)).total).toBe(0);
    expect((await app.services.pages.listPages()).length).toBe(0);
  });

  it('writes nothing in a dry run', async () => {
    app = await buildApp({ database });
    const report = await run({ dryRun: true });
    expect(report.imported.articles).toBe(5);
    expect(report.summary()[0]).toContain('Dry run, nothing was written.');
    expect(await app.services.articles.countArticles()).toBe(0);
    expect((await app.services.pages.listPages()).length).toBe(0);
  });
});

describe('broken WordPress exports', () => {
  const source = fs.readFileSync(FIXTURE);
  const cases: [string, Buffer, RegExp][] = [
    ['truncated XML', source.subarray(0, Math.floor(source.length * 0.6)), /truncated|unclosed|end/i],
    [
      'a wrong namespace',
      Buffer.from(source.toString('utf8').replaceAll('http://wordpress.org/export/1.2/', 'http://example.org/not-wordpress/')),
      /namespace/,
    ],
    ['not an RSS file', Buffer.from('<?xml version="1.0"?><feed xmlns:wp="http://wordpress.org/export/1.2/"></feed>'), /not <rss>/],
    ['invalid UTF-8', Buffer.concat([source.subarray(0, 2000), Buffer.from([0xff, 0xfe]), source.subarray(2000)]), /not valid UTF-8/],
  ];
  it.each(cases)('refuses %s with a line naming the problem, and changes nothing', async (_name, bytes, message) => {
    app = await buildApp();
    const file = tmpFile('broken.xml', bytes);
    const err = await app.services.wordpress.run({ file, mediaDir: UPLOADS, dryRun: false, now: app.clock(), language: 'en' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WxrError);
    expect((err as Error).message).toMatch(message);
    expect(await app.services.articles.countArticles()).toBe(0);
    expect((await app.services.redirects.listRedirects('', 1)).total).toBe(0);
  });

  it('the CLI says so and exits 1; a good file prints the report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxr-cli-'));
    const env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'site.db')}`, LOG_LEVEL: 'silent' };
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(`ERR ${s}`) };
    expect(await main(['import', 'wordpress', tmpFile('t.xml', source.subarray(0, 3000))], env, out)).toBe(1);
    expect(lines.join('\n')).toMatch(/ERR Nothing was imported: .*t\.xml line \d+/);
    lines.length = 0;
    expect(await main(['import', 'wordpress', FIXTURE, '--media-dir', UPLOADS, '--staff-accounts', '--publish-as-imported'], env, out)).toBe(0);
    expect(lines[0]).toContain('imported: 5 articles, 1 pages, 2 images');
    expect(lines.join('\n')).not.toContain('held as drafts');
    expect(lines.join('\n')).toMatch(/Mara Quinn <mara@harbour\.example>: http\S*\/admin\/login\/link\/\S+/);
    lines.length = 0;
    expect(await main(['import', 'wordpress', FIXTURE, '--bogus'], env, out)).toBe(2);
    expect(lines.join('\n')).toMatch(/ERR .*--bogus[\s\S]*Usage: masthead import wordpress/);
  });
});
