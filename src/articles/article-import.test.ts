import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../../test/support/app.js';
import { testDatabases } from '../../test/support/databases.js';
import { imageBytes } from '../../test/support/factories.js';
import type { ImportProblem, ImportResult } from './article-import.js';

const databases = await testDatabases();

/** A Markdown file with front matter: `fm` is the YAML between the fences, as written by hand. */
const md = (fm: string, body = 'The first paragraph.\n\nThe second paragraph.\n') => `---\n${fm.trim()}\n---\n\n${body}`;

/** Front matter with just the required fields. */
const minimal = (title: string, extra = '') => `title: ${title}\nauthors: [Rosa Vance]\n${extra}`;

describe.each(databases)('importing Markdown on %s', (database) => {
  let app: TestApp;
  let dir: string;

  beforeEach(async () => {
    app = await buildApp({ database });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-import-'));
  });
  afterEach(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  const run = (paths: string[], opts: { publish?: boolean; update?: boolean } = {}): Promise<ImportResult> =>
    app.services.importer.importPaths(paths, { publish: opts.publish ?? true, update: opts.update ?? false, now: app.clock(), defaultLanguage: 'en' });
  const problemsOf = (r: ImportResult): ImportProblem[] => {
    if (r.ok) throw new Error(`expected the import to fail, but it imported ${r.articles.map((a) => a.slug).join(', ')}`);
    return r.problems;
  };
  const mediaDir = () => path.join(app.config.dataDir, 'media');
  const mediaEntries = () => (fs.existsSync(mediaDir()) ? fs.readdirSync(mediaDir()).sort() : []);

  /** Imports `files` expecting failure; checks nothing was written and returns the one problem. */
  async function refused(files: string[], opts: { publish?: boolean; update?: boolean } = {}): Promise<ImportProblem[]> {
    const before = await app.services.articles.countArticles();
    const problems = problemsOf(await run(files, opts));
    expect(await app.services.articles.countArticles()).toBe(before);
    return problems;
  }

  it('imports a file with every front-matter field and reads each one back', async () => {
    write('images/river.jpg', await imageBytes(1600, 1000));
    const other = write('levee.md', md(minimal('Levee maps are out of date', 'slug: levee-maps\npublished_at: 2026-11-20T08:00:00Z')));
    const full = write(
      'budget.md',
      md(
        `
title: "What's in the $612 million budget"
standfirst: Taxes stay flat; the flood study is not funded.
slug: city-budget-2027
image: images/river.jpg
image_alt: The river at dawn, seen from the Canal Street bridge
image_caption: The river rose two metres in March.
image_credit: "Photo: Ana Ruiz"
authors:
  - Marisol Venn
  - { name: Ife Adeyemi, bio: Freelance writer covering the river., guest: true }
section: City Hall
tags: [Budget, Flooding]
language: en-GB
sources:
  - { name: Proposed budget (PDF), url: "https://example.org/budget.pdf" }
  - { name: Council video, url: "https://example.org/council/video" }
related: [levee-maps]
published_at: 2026-11-26T09:30:00+01:00
`,
        '## The big picture\n\nSpending rises **3.8%** & taxes stay flat.\n',
      ),
    );
    const result = await run([full, other]);
    expect(result).toEqual({
      ok: true,
      articles: [
        { file: full, slug: 'city-budget-2027', created: true },
        { file: other, slug: 'levee-maps', created: true },
      ],
    });

    const a = await app.services.articles.getPublicArticle('city-budget-2027', app.clock());
    expect(a).not.toBeNull();
    expect(a!.headline).toBe("What's in the $612 million budget");
    expect(a!.standfirst).toBe('Taxes stay flat; the flood study is not funded.');
    expect(a!.status).toBe('published');
    expect(a!.publishedAt).toBe('2026-11-26T08:30:00.000Z');
    expect(a!.language).toBe('en-GB');
    expect(a!.section).toMatchObject({ slug: 'city-hall', name: 'City Hall' });
    expect(a!.tags.map((t) => [t.slug, t.name])).toEqual([
      ['budget', 'Budget'],
      ['flooding', 'Flooding'],
    ]);
    expect(a!.authors.map((x) => [x.slug, x.name, x.isGuest])).toEqual([
      ['marisol-venn', 'Marisol Venn', false],
      ['ife-adeyemi', 'Ife Adeyemi', true],
    ]);
    const guest = await app.services.articles.listAuthor('ife-adeyemi', 1, app.clock());
    expect(guest!.author).toMatchObject({ name: 'Ife Adeyemi', bio: 'Freelance writer covering the river.', isGuest: true });
    expect(a!.sources).toEqual([
      { name: 'Proposed budget (PDF)', url: 'https://example.org/budget.pdf' },
      { name: 'Council video', url: 'https://example.org/council/video' },
    ]);
    expect(a!.related.map((r) => [r.slug, r.headline])).toEqual([['levee-maps', 'Levee maps are out of date']]);
    expect(a!.hero).toMatchObject({
      width: 1600,
      height: 1000,
      widths: [480, 800, 1200, 1600],
      alt: 'The river at dawn, seen from the Canal Street bridge',
      caption: 'The river rose two metres in March.',
      credit: 'Photo: Ana Ruiz',
    });
    expect(a!.hero!.caption).not.toContain('Ana Ruiz');
    expect(fs.existsSync(path.join(mediaDir(), a!.hero!.mediaHash, '800.webp'))).toBe(true);
    expect(a!.bodyHtml).toContain('<h2>The big picture</h2>');
    expect(a!.bodyHtml).toContain('<strong>3.8%</strong>');
    expect(a!.bodyText).toBe('The big picture\n\nSpending rises 3.8% & taxes stay flat.');
    expect(a!.bodyFormat).toBe('markdown');
    expect(a!.revision).toBe(1);
  });

  it('derives the slug from the title when none is given, and takes `author: Name`', async () => {
    const file = write('a.md', md('title: Café owners say the detours cost them 40%\nauthor: Ana Ruiz'));
    const result = await run([file]);
    expect(result).toMatchObject({ ok: true, articles: [{ slug: 'cafe-owners-say-the-detours-cost-them-40' }] });
    const a = await app.services.articles.getPublicArticle('cafe-owners-say-the-detours-cost-them-40', app.clock());
    expect(a!.authors.map((x) => [x.name, x.isGuest])).toEqual([['Ana Ruiz', false]]);
    expect(a!.language).toBe('en');
    // No published_at: published at the time of the import.
    expect(a!.publishedAt).toBe(app.clock().toISOString());
  });

  it('saves drafts, not public articles, without publish', async () => {
    const file = write('draft.md', md(minimal('A story not ready yet', 'published_at: 2026-11-20T08:00:00Z')));
    expect(await run([file], { publish: false })).toMatchObject({ ok: true, articles: [{ slug: 'a-story-not-ready-yet', created: true }] });
    expect(await app.services.articles.getPublicArticle('a-story-not-ready-yet', app.clock())).toBeNull();
    const a = await app.services.articles.findArticle('a-story-not-ready-yet');
    expect(a).toMatchObject({ status: 'draft', publishedAt: null });
  });

  it('schedules an article whose published_at is in the future', async () => {
    const file = write('later.md', md(minimal('Tomorrow morning', 'published_at: 2026-11-28T06:00:00Z')));
    expect((await run([file])).ok).toBe(true);
    expect(await app.services.articles.getPublicArticle('tomorrow-morning', app.clock())).toBeNull();
    expect(await app.services.articles.findArticle('tomorrow-morning')).toMatchObject({ status: 'scheduled', scheduledFor: '2026-11-28T06:00:00.000Z' });
  });

  it("keeps a file's own status over --publish, and reads an HTML body when the file says format: html", async () => {
    const draft = write('kept-draft.md', md(minimal('Still a draft', 'status: draft\npublished_at: 2026-11-20T08:00:00Z')));
    const html = write('html.md', md(minimal('Written as HTML', 'format: html\nstatus: published'), '<p>One <em>two</em></p><script>alert(1)</script>\n'));
    expect((await run([draft, html], { publish: true })).ok).toBe(true);
    expect(await app.services.articles.findArticle('still-a-draft')).toMatchObject({ status: 'draft', publishedAt: null });
    const a = (await app.services.articles.findArticle('written-as-html'))!;
    expect(a).toMatchObject({ status: 'published', bodyFormat: 'html', bodyHtml: '<p>One <em>two</em></p>' });
  });

  it('imports every .md file of a directory, in name order, and nothing else', async () => {
    write('stories/b.md', md(minimal('Second story')));
    write('stories/a.md', md(minimal('First story')));
    write('stories/notes.txt', 'not an article');
    write('stories/image.jpg', await imageBytes(300, 200));
    const result = await run([path.join(dir, 'stories')]);
    expect(result).toMatchObject({ ok: true, articles: [{ slug: 'first-story' }, { slug: 'second-story' }] });
    expect(await app.services.articles.countArticles()).toBe(2);
  });

  it('stores an image once when two files of a batch use it', async () => {
    write('shared.jpg', await imageBytes(800, 600));
    const a = write('a.md', md(minimal('First with photo', 'image: shared.jpg\nimage_alt: The bridge')));
    const b = write('b.md', md(minimal('Second with photo', 'image: shared.jpg\nimage_alt: The same bridge')));
    expect((await run([a, b])).ok).toBe(true);
    const first = await app.services.articles.getPublicArticle('first-with-photo', app.clock());
    const second = await app.services.articles.getPublicArticle('second-with-photo', app.clock());
    expect(first!.hero!.mediaHash).toBe(second!.hero!.mediaHash);
    expect([first!.hero!.alt, second!.hero!.alt]).toEqual(['The bridge', 'The same bridge']);
    expect(mediaEntries()).toEqual([first!.hero!.mediaHash]);
  });

  it('imports two files of one batch that relate to each other', async () => {
    const a = write('a.md', md(minimal('Garage vote delayed', 'slug: garage-vote\nrelated: [levee-report]')));
    const b = write('b.md', md(minimal('Levee report', 'slug: levee-report\nrelated: [garage-vote]')));
    expect((await run([a, b])).ok).toBe(true);
    const garage = await app.services.articles.getPublicArticle('garage-vote', app.clock());
    const levee = await app.services.articles.getPublicArticle('levee-report', app.clock());
    expect(garage!.related.map((r) => r.slug)).toEqual(['levee-report']);
    expect(levee!.related.map((r) => r.slug)).toEqual(['garage-vote']);
  });

  it('relates to an article imported in an earlier batch', async () => {
    expect((await run([write('old.md', md(minimal('Old story', 'slug: old-story')))])).ok).toBe(true);
    expect((await run([write('new.md', md(minimal('New story', 'related: [old-story]')))])).ok).toBe(true);
    expect((await app.services.articles.getPublicArticle('new-story', app.clock()))!.related.map((r) => r.slug)).toEqual(['old-story']);
  });

  describe('refuses a bad file, naming the file and the field', () => {
    it('missing title', async () => {
      const file = write('no-title.md', md('authors: [Rosa Vance]'));
      const problems = await refused([file]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file, field: 'title' });
      expect(problems[0]!.message).toMatch(/required/i);
    });

    it('empty title', async () => {
      const file = write('empty-title.md', md('title: "  "\nauthors: [Rosa Vance]'));
      expect(await refused([file])).toEqual([{ file, field: 'title', message: 'is required' }]);
    });

    it('missing authors', async () => {
      const file = write('no-author.md', md('title: A story'));
      const problems = await refused([file]);
      expect(problems).toEqual([{ file, field: 'authors', message: expect.stringMatching(/required/) }]);
    });

    it('a status or format it does not know', async () => {
      const file = write('bad-status.md', md(minimal('A story', 'status: live\nformat: docx')));
      expect(await refused([file])).toEqual([
        { file, field: 'status', message: 'must be one of draft, scheduled, published' },
        { file, field: 'format', message: 'must be markdown or html' },
      ]);
    });

    it('an unknown key, usually a typo', async () => {
      const file = write('typo.md', md('titel: A story\ntitle: A story\nauthors: [Rosa Vance]'));
      const problems = await refused([file]);
      expect(problems).toEqual([{ file, field: 'titel', message: expect.stringContaining('unknown field') }]);
      expect(problems[0]!.message).toContain('title');
    });

    it('a source URL that is not http(s)', async () => {
      const file = write(
        'bad-url.md',
        md(minimal('A story', 'sources:\n  - { name: Ledger, url: "https://example.org/ok" }\n  - { name: Leak, url: "ftp://example.org/x" }')),
      );
      expect(await refused([file])).toEqual([{ file, field: 'sources.1.url', message: 'must be an http(s) URL' }]);
    });

    it('a published_at that is not a date-time', async () => {
      const file = write('bad-date.md', md(minimal('A story', 'published_at: next Tuesday')));
      const problems = await refused([file]);
      expect(problems).toEqual([{ file, field: 'published_at', message: expect.stringContaining('ISO 8601') }]);
    });

    it('front matter that is not valid YAML, with the line of the file where it goes wrong', async () => {
      // Line 1 is the opening "---"; the unclosed quote is on line 4 of the file.
      const file = write('bad-yaml.md', '---\ntitle: A story\nauthors: [Rosa Vance]\nslug: "unclosed\n---\n\nBody.\n');
      const problems = await refused([file]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file, field: null });
      expect(problems[0]!.message).toMatch(/not valid YAML/);
      expect(problems[0]!.message).toMatch(/line 4\b/);
      // One line number only: a second, different one would send the writer to the wrong line.
      expect(problems[0]!.message.match(/line \d+/g)).toEqual(['line 4']);
    });

    it('no front matter at all', async () => {
      const file = write('plain.md', '# Just a heading\n\nAnd a body.\n');
      expect(await refused([file])).toEqual([{ file, field: null, message: expect.stringContaining('missing YAML front matter') }]);
    });

    it('an image file that does not exist', async () => {
      const file = write('no-image.md', md(minimal('A story', 'image: images/missing.jpg\nimage_alt: Something')));
      expect(await refused([file])).toEqual([{ file, field: 'image', message: expect.stringContaining('images/missing.jpg') }]);
    });

    it('an image that is not an image, whatever its name says', async () => {
      write('fake.jpg', 'This is a text file with a .jpg name.\n');
      const file = write('fake-image.md', md(minimal('A story', 'image: fake.jpg\nimage_alt: Something')));
      const problems = await refused([file]);
      expect(problems).toEqual([{ file, field: 'image', message: expect.stringMatching(/not an? .*image/i) }]);
      expect(mediaEntries()).toEqual([]);
    });

    it('an image without image_alt', async () => {
      write('photo.jpg', await imageBytes(300, 200));
      const file = write('no-alt.md', md(minimal('A story', 'image: photo.jpg')));
      expect(await refused([file])).toEqual([{ file, field: 'image_alt', message: expect.stringContaining('is required') }]);
    });

    it('two files in one batch with the same slug', async () => {
      const a = write('a.md', md(minimal('One', 'slug: same-slug')));
      const b = write('b.md', md(minimal('Two', 'slug: same-slug')));
      expect(await refused([a, b])).toEqual([{ file: b, field: 'slug', message: expect.stringContaining(a) }]);
    });

    it('a related slug that exists nowhere', async () => {
      const file = write('rel.md', md(minimal('A story', 'related: [no-such-story]')));
      expect(await refused([file])).toEqual([{ file, field: 'related', message: expect.stringContaining('"no-such-story"') }]);
    });

    it('a slug that is not a slug', async () => {
      const file = write('bad-slug.md', md(minimal('A story', 'slug: Not A Slug')));
      expect(await refused([file])).toEqual([{ file, field: 'slug', message: expect.stringContaining('lower-case') }]);
    });

    it('a path that does not exist', async () => {
      const missing = path.join(dir, 'nowhere.md');
      expect(await refused([missing])).toEqual([{ file: missing, field: null, message: 'no such file or directory' }]);
    });

    it('reports the problems of every file together', async () => {
      const a = write('a.md', md('authors: [Rosa Vance]'));
      const b = write('b.md', md(minimal('B', 'published_at: soon')));
      const problems = await refused([a, b]);
      expect(problems.map((p) => [p.file, p.field])).toEqual([
        [a, 'title'],
        [b, 'published_at'],
      ]);
    });
  });

  it('imports nothing when one file of the batch is bad, even good files before it', async () => {
    const good = write('a-good.md', md(minimal('A good story')));
    const bad = write('b-bad.md', md('authors: [Rosa Vance]'));
    expect(await refused([good, bad])).toMatchObject([{ file: bad, field: 'title' }]);
    expect(await app.services.articles.findArticle('a-good-story')).toBeNull();
  });

  it('leaves no image behind when a later file fails after an earlier one stored its image', async () => {
    write('river.jpg', await imageBytes(1600, 1000));
    write('fake.jpg', 'not really a picture');
    const good = write('a-good.md', md(minimal('A good story', 'image: river.jpg\nimage_alt: The river')));
    const bad = write('b-bad.md', md(minimal('A bad story', 'image: fake.jpg\nimage_alt: Nothing')));
    const before = mediaEntries();
    expect(await refused([good, bad])).toMatchObject([{ file: bad, field: 'image' }]);
    expect(mediaEntries()).toEqual(before);
    expect(await app.services.articles.findArticle('a-good-story')).toBeNull();

    // And the good file alone still imports afterwards: nothing half-written is in its way.
    expect((await run([good])).ok).toBe(true);
    expect(mediaEntries()).toHaveLength(1);
  });

  it('leaves no image behind when a later file fails on a related slug', async () => {
    write('river.jpg', await imageBytes(800, 600));
    const good = write('a-good.md', md(minimal('A good story', 'image: river.jpg\nimage_alt: The river')));
    const bad = write('b-bad.md', md(minimal('A bad story', 'related: [nowhere]')));
    expect(await refused([good, bad])).toMatchObject([{ file: bad, field: 'related' }]);
    expect(mediaEntries()).toEqual([]);
  });

  it('refuses a slug that already exists, with a hint about --update', async () => {
    const file = write('story.md', md(minimal('A story', 'slug: the-story')));
    expect((await run([file])).ok).toBe(true);
    const problems = await refused([file]);
    expect(problems).toEqual([{ file, field: 'slug', message: expect.stringContaining('--update') }]);
    expect(problems[0]!.message).toContain('"the-story"');
  });

  it('replaces an existing article with update, keeping the earlier text as a revision', async () => {
    const file = write('story.md', md(minimal('First headline', 'slug: the-story'), 'First body.\n'));
    expect((await run([file])).ok).toBe(true);
    write('story.md', md(minimal('Second headline', 'slug: the-story\ntags: [Corrected]'), 'Second body.\n'));
    expect(await run([file], { update: true })).toEqual({ ok: true, articles: [{ file, slug: 'the-story', created: false }] });
    expect(await app.services.articles.countArticles()).toBe(1);
    const a = await app.services.articles.getPublicArticle('the-story', app.clock());
    expect(a).toMatchObject({ headline: 'Second headline', bodyText: 'Second body.', revision: 2 });
    expect(a!.tags.map((t) => t.slug)).toEqual(['corrected']);
    const revisions = await app.database.db
      .selectFrom('article_revisions')
      .select(['revision', 'headline', 'body_source', 'created_by'])
      .where('article_id', '=', a!.id)
      .orderBy('revision')
      .execute();
    expect(revisions).toEqual([
      { revision: 1, headline: 'First headline', body_source: '\nFirst body.\n', created_by: 'import' },
      { revision: 2, headline: 'Second headline', body_source: '\nSecond body.\n', created_by: 'import' },
    ]);
  });
});
