import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.js';
import { ExportError } from '../../src/exports/export-service.js';
import { RECORD_TABLES, SITE_FILE, type SiteExportFile } from '../../src/exports/site-records.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { loadEverything } from '../support/every-page.js';
import { createArticle } from '../support/factories.js';

const databases = await testDatabases();

/** Every file under a directory, by relative path, as its SHA-256. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

/** An article with the ids a database gave it taken out (they differ between sites); the translation group named by its first story's slug. */
function comparable(a: Article, slugOf: (id: number) => string | undefined) {
  const { id: _id, revision: _revision, ownerUserId: _owner, translationGroup, ...rest } = a;
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'id')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return { ...(strip(rest) as object), translationGroup: translationGroup === null ? null : slugOf(translationGroup) };
}

async function articlesOf(app: TestApp) {
  const list = await app.services.articles.listAllArticles();
  const full = (await Promise.all(list.map((l) => app.services.articles.findArticle(l.slug)))).filter((a): a is Article => a !== null);
  const slugById = new Map(full.map((a) => [a.id, a.slug]));
  return Object.fromEntries(full.map((a) => [a.slug, comparable(a, (id) => slugById.get(id))]));
}

const siteFile = (dir: string): SiteExportFile => JSON.parse(fs.readFileSync(path.join(dir, SITE_FILE), 'utf8')) as SiteExportFile;
const mdFiles = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );

/**
 * A site with every kind of record: the demo outlet, plus a draft, a scheduled story, a translation, an HTML body, a correction note, a partner, a
 * redirect, a subscriber, a pin.
 */
async function fillSite(app: TestApp): Promise<void> {
  await loadEverything(app);
  const now = app.clock();
  const user = await app.services.accounts.createUser({ email: 'desk@news.example.test', name: 'Desk', role: 'editor' }, { now, actor: null });
  if (!user.ok) throw new Error(user.message);
  const editor = { id: user.user.id, name: 'Desk', role: 'editor' as const };
  const mill = (await app.services.articles.findArticle('harlan-mill-closure'))!;
  await createArticle(app, { slug: 'unfinished-draft', headline: 'A draft nobody has read', status: 'draft', publishedAt: null, tags: ['Budget', 'Water'] });
  await createArticle(app, { slug: 'tomorrows-story', headline: 'Scheduled for tomorrow', publishedAt: '2026-11-28T07:00:00.000Z', section: 'Schools' });
  await createArticle(app, {
    slug: 'zakryttia-fabryky',
    headline: 'Паперова фабрика Гарлан закриється в лютому',
    language: 'uk',
    authors: [{ name: 'Olena Hrytsenko', bio: 'Translator for the Dispatch.', guest: true }],
    bodyMarkdown: `Фабрика закриється.\n\n![The mill](/media/${mill.hero!.mediaHash}/800.jpg)\n`,
  });
  await createArticle(app, {
    slug: 'written-in-the-editor',
    headline: 'Written in the browser editor',
    bodyHtml: '<p>Hello <strong>from HTML</strong> &amp; friends.</p><h2>Next</h2><p>More.</p>',
    bodyJson: '{"type":"doc","content":[]}',
    funding: { kind: 'sponsored', name: 'Valley Hardware', url: 'https://example.com/hardware', disclosure: 'They paid; we wrote it.' },
  });
  const linked = await app.uow.transaction((stores) =>
    app.services.articles.linkTranslationWith(stores, { originalSlug: 'harlan-mill-closure', translationSlug: 'zakryttia-fabryky' }),
  );
  if (!linked.ok) throw new Error(linked.message);
  const report = (await app.services.corrections.listReportsForCli(null))[0]!;
  const note = await app.services.corrections.publishNote(
    { articleId: report.articleId, kind: 'correction', body: 'An earlier version gave the wrong date.', reportId: report.id },
    editor,
    now,
  );
  if (!note.ok) throw new Error(note.message);
  const grant = await app.services.partners.grant(
    {
      partnerName: 'Valley Community Radio',
      scope: { kind: 'articles', slugs: ['harlan-mill-closure'] },
      fullText: true,
      expiresAt: '2027-06-30',
      notes: 'Reprint deal',
    },
    editor,
    now,
  );
  if (!grant.ok) throw new Error(grant.message);
  const redirect = await app.services.redirects.addRedirect('/2019/05/old-mill-story', '/articles/harlan-mill-closure', { now, actor: null });
  if (!redirect.ok) throw new Error('redirect');
  const sub = await app.services.newsletters.subscribe({ newsletter: 'morning', email: 'reader@example.org', name: 'A Reader', language: 'uk' }, now);
  if (!sub.ok) throw new Error(sub.message);
  const pinned = await app.services.frontPage.pin({ slot: 0, articleSlug: 'lyric-theatre-reopens' }, { now, actor: editor });
  if (!pinned.ok) throw new Error(pinned.message);
  await app.services.site.updateSettings({ tagline: 'Exported and back again' }, { now, actor: null });
}

let source: TestApp;
let work: string;
let exported: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-export-'));
  source = await buildApp();
  await fillSite(source);
  exported = path.join(work, 'site');
  await source.services.exporter.exportSite({ dir: exported, now: source.clock() });
}, 300_000);
afterAll(async () => {
  await source?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('masthead export DIR', () => {
  it('writes one Markdown file per story, the original images and the site file', async () => {
    const stories = await source.services.articles.listAllArticles();
    expect(Object.keys(mdFiles(exported)).sort()).toEqual(stories.map((s) => `${s.slug}.md`).sort());
    const site = siteFile(exported);
    expect(site.media.length).toBeGreaterThanOrEqual(10);
    for (const m of site.media) {
      expect(m.original).toBe(true);
      // The original's own SHA-256 is its media hash: a re-import finds the same image.
      const bytes = fs.readFileSync(path.join(exported, m.file));
      expect(crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32)).toBe(m.hash);
    }
    for (const t of ['members', 'patronages', 'topics', 'topic_votes', 'correction_reports', 'correction_notes', 'partner_grants', 'static_pages', 'redirects'])
      expect(site.records[t]!.length, t).toBeGreaterThan(0);
    const draft = fs.readFileSync(path.join(exported, 'unfinished-draft.md'), 'utf8');
    expect(draft).toMatch(/^---\ntitle: A draft nobody has read\n/);
    expect(draft).toContain('status: draft');
    expect(draft).not.toContain('published_at');
    expect(fs.readFileSync(path.join(exported, 'tomorrows-story.md'), 'utf8')).toContain('status: scheduled');
    expect(fs.readFileSync(path.join(exported, 'zakryttia-fabryky.md'), 'utf8')).toContain('translation_of: harlan-mill-closure');
    expect(fs.readdirSync(work)).toEqual(['site']);
  });

  it('refuses a directory that has files in it, and changes nothing there', async () => {
    const busy = path.join(work, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'keep.txt'), 'mine');
    await expect(source.services.exporter.exportSite({ dir: busy, now: source.clock() })).rejects.toThrow(/busy exists and is not empty/);
    expect(fs.readdirSync(busy)).toEqual(['keep.txt']);
    expect(fs.readdirSync(work).sort()).toEqual(['busy', 'site']);
  });

  it('refuses a place it cannot write, leaving nothing behind', async () => {
    // Root writes anywhere chmod allows; /sys refuses even root.
    let parent = '/sys';
    if (process.getuid?.() !== 0) {
      parent = path.join(work, 'locked');
      fs.mkdirSync(parent, { mode: 0o500 });
    }
    const before = fs.readdirSync(parent);
    const err = await source.services.exporter.exportSite({ dir: path.join(parent, 'export'), now: source.clock() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect((err as Error).message).toBe(`cannot write in ${parent}: permission denied`);
    expect(fs.readdirSync(parent)).toEqual(before);
  });
});

describe.each(databases)('importing the export into an empty site on %s', (database) => {
  let target: TestApp;
  let again: string;
  beforeAll(async () => {
    target = await buildApp({ database });
    const result = await target.services.importer.importPaths([exported], { publish: false, update: false, now: target.clock(), defaultLanguage: 'en' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    again = path.join(work, `again-${database}`);
    await target.services.exporter.exportSite({ dir: again, now: source.clock() });
  }, 300_000);
  afterAll(async () => {
    await target?.close();
  });

  it('gives the same stories, field by field', async () => {
    const [before, after] = [await articlesOf(source), await articlesOf(target)];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const slug of Object.keys(before)) expect(after[slug], slug).toEqual(before[slug]);
    expect((await target.services.articles.findArticle('tomorrows-story'))!.status).toBe('scheduled');
    expect((await target.services.articles.findArticle('unfinished-draft'))!.status).toBe('draft');
  });

  it('gives the same image files, byte for byte', () => {
    const [before, after] = [hashTree(path.join(source.config.dataDir, 'media')), hashTree(path.join(target.config.dataDir, 'media'))];
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(after).toEqual(before);
  });

  it('gives the same records, and exports to the same files again', () => {
    const [first, second] = [siteFile(exported), siteFile(again)];
    for (const t of RECORD_TABLES) expect(second.records[t.table], t.table).toEqual(first.records[t.table]);
    const bySlug = (f: SiteExportFile) => Object.fromEntries(f.articles.map((a) => [a.slug, a]));
    expect(bySlug(second)).toEqual(bySlug(first));
    expect(second.media).toEqual(first.media);
    expect(mdFiles(again)).toEqual(mdFiles(exported));
  });

  it('serves the old redirect, the pinned story and the patron as before', async () => {
    expect(await target.services.redirects.resolve('/2019/05/old-mill-story')).toBe('/articles/harlan-mill-closure');
    expect((await target.services.site.getSettings()).tagline).toBe('Exported and back again');
    const members = async (app: TestApp) =>
      (await app.services.patrons.listMembers({ now: app.clock(), query: '', page: 1, perPage: 500 })).map((m) => [m.member.email, m.patron]).sort();
    const before = await members(source);
    expect(before.filter(([, patron]) => patron).length).toBeGreaterThan(0);
    expect(await members(target)).toEqual(before);
  });

  it('imports nothing the second time: the stories are already there', async () => {
    const count = await target.services.articles.countArticles();
    const result = await target.services.importer.importPaths([exported], { publish: false, update: false, now: target.clock(), defaultLanguage: 'en' });
    expect(result.ok).toBe(false);
    expect(await target.services.articles.countArticles()).toBe(count);
  });
});

describe('masthead export --format wxr', () => {
  let file: string;
  let uploads: string;
  let target: TestApp;
  beforeAll(async () => {
    file = path.join(work, 'site.xml');
    uploads = path.join(work, 'wp-uploads');
    await source.services.wxrExporter.exportWxr({ file, mediaDir: uploads, now: source.clock() });
    target = await buildApp();
  }, 300_000);
  afterAll(async () => {
    await target?.close();
  });

  it('is well-formed WXR 1.2 with the WordPress namespaces, one item per story, page and hero image', async () => {
    const parser = new SaxesParser({ xmlns: true });
    const errors: string[] = [];
    let root: SaxesTagNS | null = null;
    const types: string[] = [];
    let inType = false;
    parser.on('error', (e) => void errors.push(e.message));
    parser.on('opentag', (t) => {
      root ??= t;
      inType = t.uri === 'http://wordpress.org/export/1.2/' && t.local === 'post_type';
    });
    parser.on('text', (s) => {
      if (inType) types.push(s);
    });
    parser.on('closetag', () => void (inType = false));
    parser.write(fs.readFileSync(file, 'utf8')).close();
    expect(errors).toEqual([]);
    expect(root!.local).toBe('rss');
    expect(root!.ns).toMatchObject({
      wp: 'http://wordpress.org/export/1.2/',
      excerpt: 'http://wordpress.org/export/1.2/excerpt/',
      content: 'http://purl.org/rss/1.0/modules/content/',
      dc: 'http://purl.org/dc/elements/1.1/',
    });
    const stories = await source.services.articles.listAllArticles();
    const heroes = (await Promise.all(stories.map((s) => source.services.articles.findArticle(s.slug)))).filter((a) => a?.hero).length;
    const count = (type: string) => types.filter((t) => t === type).length;
    expect([count('post'), count('page'), count('attachment')]).toEqual([stories.length, (await source.services.pages.listPages()).length, heroes]);
  });

  it('imports into a fresh site with our WordPress import: the same headlines, slugs, dates, states, sections, tags, bylines and hero images', async () => {
    const report = await target.services.wordpress.run({ file, mediaDir: uploads, dryRun: false, now: target.clock(), language: 'en' });
    expect(report.missingImages).toBe(0);
    const shape = (a: Article) => ({
      slug: a.slug,
      headline: a.headline,
      standfirst: a.standfirst,
      status: a.status,
      publishedAt: a.publishedAt,
      scheduledFor: a.scheduledFor,
      section: a.section?.name ?? null,
      tags: a.tags.map((t) => t.name).sort(),
      byline: a.authors[0]!.name,
      hero: a.hero && { hash: a.hero.mediaHash, alt: a.hero.alt, caption: a.hero.caption },
    });
    const all = async (app: TestApp) =>
      (await Promise.all((await app.services.articles.listAllArticles()).map((l) => app.services.articles.findArticle(l.slug))))
        .map((a) => shape(a!))
        .sort((x, y) => x.slug.localeCompare(y.slug));
    expect(await all(target)).toEqual(await all(source));
    // The picture inside a body went to the uploads folder and came back as the same image.
    const mill = (await source.services.articles.findArticle('harlan-mill-closure'))!;
    expect((await target.services.articles.findArticle('zakryttia-fabryky'))!.bodyHtml).toContain(`/media/${mill.hero!.mediaHash}/`);
    const pages = async (app: TestApp) => (await app.services.pages.listPages()).map((p) => [p.path, p.title]).sort();
    expect(await pages(target)).toEqual(await pages(source));
  });

  it('refuses a file that exists, leaving it as it was', async () => {
    await expect(source.services.wxrExporter.exportWxr({ file, mediaDir: null, now: source.clock() })).rejects.toThrow(/site.xml already exists/);
    expect(fs.readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
