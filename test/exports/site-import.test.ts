import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../src/articles/article-import.js';
import { main } from '../../src/cli/main.js';
import { SITE_FILE, type SiteExportFile } from '../../src/exports/site-records.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle, imageBytes } from '../support/factories.js';

/** A small site: one story with a picture, a patron, a redirect. Exported once; each test breaks a copy. */
let source: TestApp;
let work: string;
let exported: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-site-import-'));
  source = await buildApp();
  const now = source.clock();
  const image = await source.services.media.storeImage(await imageBytes(900, 600), now);
  if (!image.ok) throw new Error(image.message);
  await createArticle(source, { slug: 'with-a-picture', hero: { mediaId: image.mediaId, alt: 'A river', caption: 'The river.', credit: 'Staff' } });
  const tier = await source.services.patrons.saveTier(
    null,
    { name: 'Friend', description: 'A friend of the paper.', position: 0, monthlyPrice: 500, yearlyPrice: null, currency: 'USD', voteWeight: 1 },
    { now, actor: null },
  );
  if (!tier.ok) throw new Error(tier.message);
  const granted = await source.services.patrons.grantPatronage(
    { email: 'patron@example.org', tierId: tier.tier.id, until: null, note: 'by hand' },
    { now, actor: null, notify: false },
  );
  if (!granted.ok) throw new Error(granted.message);
  exported = path.join(work, 'site');
  await source.services.exporter.exportSite({ dir: exported, now });
}, 300_000);
afterAll(async () => {
  await source?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('importing a broken site export changes nothing', () => {
  let target: TestApp;
  let copy: string;
  beforeEach(async () => {
    target = await buildApp();
    copy = fs.mkdtempSync(path.join(work, 'copy-'));
    fs.cpSync(exported, copy, { recursive: true });
  });
  afterEach(async () => {
    await target.close();
    fs.rmSync(copy, { recursive: true, force: true });
  });

  const edit = (change: (f: SiteExportFile) => void) => {
    const file = path.join(copy, SITE_FILE);
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as SiteExportFile;
    change(data);
    fs.writeFileSync(file, JSON.stringify(data));
  };
  /** Imports the copy expecting refusal; checks the site is still empty (no story, no member, no image) and returns the problems. */
  async function refused(): Promise<ImportProblem[]> {
    const r = await target.services.importer.importPaths([copy], { publish: false, update: false, now: target.clock(), defaultLanguage: 'en' });
    if (r.ok) throw new Error('expected the import to be refused');
    expect(await target.services.articles.countArticles()).toBe(0);
    expect((await target.services.patrons.listMembers({ now: target.clock(), query: '', page: 1, perPage: 10 })).length).toBe(0);
    const media = path.join(target.config.dataDir, 'media');
    expect(fs.existsSync(media) ? fs.readdirSync(media) : []).toEqual([]);
    return r.problems;
  }

  it('refuses a site file that is not JSON', async () => {
    fs.writeFileSync(path.join(copy, SITE_FILE), '{"format": "masthead-site-export",');
    const [p] = await refused();
    expect(p).toMatchObject({ file: path.join(copy, SITE_FILE), field: null });
    expect(p!.message).toMatch(/^is not valid JSON/);
  });

  it('refuses a file from something else, naming the field', async () => {
    edit((f) => void ((f as { format: string }).format = 'ghost'));
    expect(await refused()).toContainEqual(expect.objectContaining({ field: 'format', message: expect.stringMatching(/not a Masthead site export/) }));
  });

  it('refuses a column the site does not have', async () => {
    edit((f) => void (f.records.members![0]!.password_hash = 'x'));
    expect(await refused()).toContainEqual(expect.objectContaining({ field: 'records.members[0]', message: 'unknown column password_hash' }));
  });

  it('refuses an image listed but missing', async () => {
    edit((f) => fs.rmSync(path.join(copy, f.media[0]!.file)));
    const problems = await refused();
    expect(problems).toContainEqual({
      file: path.join(copy, SITE_FILE),
      field: 'media',
      message: expect.stringMatching(/^file not found: media\/[a-f0-9]{32}\.jpg$/),
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: path.join(copy, 'with-a-picture.md'), field: 'image' }));
  });

  it('rolls everything back, images too, when a record points at a row that is not in the file', async () => {
    edit((f) => void (f.records.patronages![0]!.member_id = 999));
    const [p] = await refused();
    expect(p).toMatchObject({ field: 'records.patronages[0].member_id', message: 'members 999 is not in this export' });
  });
});

describe('masthead export (the command)', () => {
  let dir: string;
  beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-export-cli-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]) {
    const log: string[] = [];
    const error: string[] = [];
    const code = await main(
      argv,
      { DATABASE_URL: `sqlite:${dir}/db.sqlite`, DATA_DIR: dir, LOG_LEVEL: 'silent' },
      { log: (s) => log.push(s), error: (s) => error.push(s) },
    );
    return { code, log: log.join('\n'), error: error.join('\n') };
  }

  it('exports, refuses to write over it, writes WXR, and refuses an unknown format', async () => {
    fs.mkdirSync(path.join(dir, 'in'));
    fs.writeFileSync(
      path.join(dir, 'in', 'one.md'),
      '---\ntitle: One story\nauthors: [Rosa Vance]\nstatus: published\npublished_at: 2026-11-20T09:30:00Z\n---\n\nText.\n',
    );
    expect((await run(['import', path.join(dir, 'in')])).code).toBe(0);
    const out = path.join(dir, 'out');
    const first = await run(['export', out]);
    expect(first).toMatchObject({ code: 0, error: '' });
    expect(first.log).toContain(`Wrote ${out}: 1 articles, 0 images`);
    expect(fs.readdirSync(out).sort()).toEqual(['masthead-site.json', 'media', 'one-story.md']);
    const second = await run(['export', out]);
    expect(second.code).toBe(1);
    expect(second.error).toBe(`Nothing was exported: ${out} exists and is not empty; give a new or empty directory`);
    const wxr = await run(['export', '--format', 'wxr', path.join(dir, 'site.xml')]);
    expect(wxr.log).toContain('1 posts, 0 pages, 0 image attachments');
    expect((await run(['export', '--format', 'csv', path.join(dir, 'x')])).code).toBe(2);
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
