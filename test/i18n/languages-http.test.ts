import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { bilingualOutlet, STORY } from '../support/bilingual.js';

const ORIGIN = 'https://news.example.test';
type Doc = ReturnType<typeof parseDocument>;
type El = ReturnType<typeof DomUtils.findAll>[number];
const all = (root: Doc | El, test: (e: El) => boolean) => DomUtils.findAll(test, root);

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function page(a: TestApp, url: string) {
  const res = await a.http.inject({ method: 'GET', url });
  return { res, doc: parseDocument(res.body) };
}

const alternates = (doc: Doc) =>
  Object.fromEntries(
    all(doc, (e) => e.name === 'link' && e.attribs.rel === 'alternate' && Boolean(e.attribs.hreflang)).map((l) => [l.attribs.hreflang, l.attribs.href]),
  );

describe('one outlet in English and Ukrainian', () => {
  it('gives a Cyrillic headline an ASCII slug and links the two stories both ways with hreflang and x-default', async () => {
    app = await bilingualOutlet();
    const uk = await page(app, '/uk/articles/mosty-pereviriaiut-pislia-poveni');
    expect(uk.res.statusCode).toBe(200);
    expect(all(uk.doc, (e) => e.name === 'html')[0]!.attribs.lang).toBe('uk');
    expect(alternates(uk.doc)).toEqual({
      uk: `${ORIGIN}/uk/articles/mosty-pereviriaiut-pislia-poveni`,
      en: `${ORIGIN}/articles/bridges-checked`,
      'x-default': `${ORIGIN}/articles/bridges-checked`,
    });
    const en = await page(app, '/articles/bridges-checked');
    expect(alternates(en.doc)).toEqual({
      en: `${ORIGIN}/articles/bridges-checked`,
      uk: `${ORIGIN}/uk/articles/mosty-pereviriaiut-pislia-poveni`,
      'x-default': `${ORIGIN}/articles/bridges-checked`,
    });
    // The visible switcher, each language named in itself.
    const switcher = all(en.doc, (e) => e.name === 'nav' && e.attribs.class === 'language-switcher')[0]!;
    const link = all(switcher, (e) => e.name === 'a')[0]!;
    expect(link.attribs.href).toBe('/uk/articles/mosty-pereviriaiut-pislia-poveni');
    expect(DomUtils.textContent(link)).toBe('Українська');
    // JSON-LD: the original lists its translation, the translation names its original.
    const ld = (doc: Doc) =>
      JSON.parse(DomUtils.textContent(all(doc, (e) => e.name === 'script' && e.attribs.type === 'application/ld+json')[0]!)) as {
        workTranslation: { url: string }[];
        translationOfWork: { url: string };
        inLanguage: string;
      };
    expect(ld(en.doc).workTranslation[0]?.url).toBe(`${ORIGIN}/uk/articles/mosty-pereviriaiut-pislia-poveni`);
    expect(ld(uk.doc).translationOfWork.url).toBe(`${ORIGIN}/articles/bridges-checked`);
    expect(ld(uk.doc).inLanguage).toBe('uk');
    // A story without translations carries no hreflang and no switcher.
    const ferry = await page(app, '/articles/ferry-timetable');
    expect(alternates(ferry.doc)).toEqual({});
  });

  it('serves each story at one address: the wrong language prefix redirects, an unpublished language is a 404', async () => {
    app = await bilingualOutlet();
    expect((await app.http.inject({ method: 'GET', url: '/articles/mosty-pereviriaiut-pislia-poveni' })).headers.location).toBe(
      '/uk/articles/mosty-pereviriaiut-pislia-poveni',
    );
    expect((await app.http.inject({ method: 'GET', url: '/uk/articles/bridges-checked' })).headers.location).toBe('/articles/bridges-checked');
    const en = await app.http.inject({ method: 'GET', url: '/en/articles/bridges-checked' });
    expect(en.statusCode).toBe(301);
    expect(en.headers.location).toBe('/articles/bridges-checked');
    await app.services.site.updateSettings({ languages: [] as never });
    expect((await app.http.inject({ method: 'GET', url: '/uk/' })).statusCode).toBe(404);
    // /uk/admin is not a reader page: never rewritten.
    expect((await app.http.inject({ method: 'GET', url: '/uk/admin' })).statusCode).toBe(404);
  });

  it('lists each language on its own home and section pages', async () => {
    app = await bilingualOutlet();
    const heads = (doc: Doc) =>
      all(doc, (e) => e.name === 'a' && /\/articles\//.test(e.attribs.href ?? '') && /^h[23]$/.test((e.parent as El | null)?.name ?? '')).map(
        (a) => a.attribs.href,
      );
    const home = await page(app, '/');
    expect(heads(home.doc)).toContain('/articles/bridges-checked');
    expect(heads(home.doc)).not.toContain('/uk/articles/mosty-pereviriaiut-pislia-poveni');
    const ukHome = await page(app, '/uk/');
    expect(ukHome.res.statusCode).toBe(200);
    expect(heads(ukHome.doc)).toEqual(expect.arrayContaining(['/uk/articles/mosty-pereviriaiut-pislia-poveni']));
    expect(heads(ukHome.doc).some((h) => !h!.startsWith('/uk/'))).toBe(false);
    expect(alternates(ukHome.doc)).toEqual({ en: `${ORIGIN}/`, uk: `${ORIGIN}/uk/`, 'x-default': `${ORIGIN}/` });
    const section = await page(app, '/uk/sections/city');
    expect(section.res.statusCode).toBe(200);
    expect(heads(section.doc)).toEqual(['/uk/articles/mosty-pereviriaiut-pislia-poveni']);
  });

  it('speaks Ukrainian around a Ukrainian story: no English words left in the frame', async () => {
    app = await bilingualOutlet();
    // The tagline and the appeal's words are the outlet's own settings, written once (not per language yet).
    await app.services.site.updateSettings({ tagline: '' });
    const { doc } = await page(app, '/uk/articles/mosty-pereviriaiut-pislia-poveni');
    const frame = all(doc, (e) => e.name === 'body')[0]!;
    const words: string[] = [];
    const walk = (n: El | Doc) => {
      for (const c of (n as El).children ?? []) {
        if (c.type === 'text') words.push(...(c as unknown as { data: string }).data.split(/\s+/));
        else if ('name' in c && !['script', 'template', 'style'].includes((c as El).name)) {
          const el = c as El;
          // Text marked as another language (the switcher's "English") and the outlet-written appeal are not chrome.
          if ((el.attribs.lang && el.attribs.lang !== 'uk') || el.attribs.id === 'support-appeal') continue;
          walk(el);
        }
      }
    };
    walk(frame);
    // Latin words allowed: the outlet's name, "RSS", "Ctrl+Enter", "Mac", "cookie" (the Ukrainian term), the author's transliterated name.
    const allowed = new Set(['Masthead', 'Masthead.', 'RSS-стрічка', 'Ctrl+Enter', '(⌘+Enter', 'Mac)', 'cookie', 'Olena', 'Marchuk', 'City', 'GMT+2']);
    const english = words.filter((w) => /[A-Za-z]{2,}/.test(w) && !allowed.has(w));
    expect(english).toEqual([]);
  });

  it('gives a right-to-left story dir="rtl" while the frame keeps its own language', async () => {
    app = await buildApp();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtl-'));
    await fs.writeFile(
      path.join(dir, 'ar.md'),
      STORY('title: "افتتاح جسر المشاة الجديد"\nslug: footbridge-opens-ar\nlanguage: ar', 'افتتحت البلدية صباح اليوم جسر المشاة فوق القناة.'),
    );
    expect(await app.services.importer.importPaths([dir], { publish: true, update: false, now: app.clock(), defaultLanguage: 'en' })).toMatchObject({
      ok: true,
    });
    const { res, doc } = await page(app, '/articles/footbridge-opens-ar');
    expect(res.statusCode).toBe(200);
    const html = all(doc, (e) => e.name === 'html')[0]!;
    expect(html.attribs).toMatchObject({ lang: 'ar', dir: 'rtl' });
    const header = all(doc, (e) => e.name === 'header' && e.attribs.class === 'masthead')[0]!;
    expect(header.attribs).toMatchObject({ lang: 'en', dir: 'ltr' });
  });

  it('refuses a translation_of that names no story, or a language its group already has, and imports nothing', async () => {
    app = await bilingualOutlet();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bad-'));
    await fs.writeFile(path.join(dir, 'x.md'), STORY('title: Ще один переклад\nlanguage: uk\ntranslation_of: bridges-checked', 'Текст.'));
    const twice = await app.services.importer.importPaths([dir], { publish: true, update: false, now: app.clock(), defaultLanguage: 'en' });
    expect(twice).toMatchObject({ ok: false, problems: [{ field: 'translation_of' }] });
    expect(await app.services.articles.findArticle('shche-odyn-pereklad')).toBeNull();
    await fs.writeFile(path.join(dir, 'x.md'), STORY('title: Переклад\nlanguage: uk\ntranslation_of: no-such-story', 'Текст.'));
    expect(await app.services.importer.importPaths([dir], { publish: true, update: false, now: app.clock(), defaultLanguage: 'en' })).toMatchObject({
      ok: false,
      problems: [{ field: 'translation_of' }],
    });
  });
});
