import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { everyPage, inLanguage, loadEverything } from '../support/every-page.js';
import { memberClient } from '../support/members.js';
import { englishLeftIn, outletPhrases, type OutletText } from '../support/chrome-words.js';

/**
 * The issue's test: a Ukrainian page's chrome is Ukrainian. Every public reader page the router serves,
 * under /uk/ (so a new page is walked too), plus the states one URL can be in (search with and without
 * results and with filters, signed in, error pages), has no run of Latin letters left outside the story's
 * own text and what the outlet wrote once (see chrome-words.ts for what is skipped and allowed).
 */

let app: TestApp;
let outlet: OutletText;
let story: { slug: string; section: string; tag: string; author: string };

beforeAll(async () => {
  app = await buildApp();
  await loadEverything(app);
  const saved = await app.services.site.updateSettings({ languages: ['uk'] as never, timeZone: 'Europe/Kyiv' });
  if (!saved.ok) throw new Error('could not add Ukrainian');
  const db = app.database.db;
  // A Ukrainian story and the section, tag and author its pages list under /uk/ (English ones redirect or are empty there).
  const uk = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'section_id'])
    .where('language', '=', 'uk')
    .where('status', '=', 'published')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const section = await db.selectFrom('sections').select('slug').where('id', '=', uk.section_id!).executeTakeFirstOrThrow();
  const tag = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.slug')
    .where('article_id', '=', uk.id)
    .executeTakeFirst();
  const author = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select('authors.slug')
    .where('article_id', '=', uk.id)
    .executeTakeFirstOrThrow();
  story = { slug: uk.slug, section: section.slug, tag: tag?.slug ?? '', author: author.slug };
  outlet = await outletPhrases(app);
}, 300_000);
afterAll(async () => {
  await app?.close();
});

/** A listed page, pointed at the Ukrainian story's own slugs. */
function ukrainianUrl(url: string): string | null {
  const u = inLanguage(url, 'uk');
  if (!u) return null;
  return u
    .replace(/^\/uk\/articles\/[^/?]+/, `/uk/articles/${story.slug}`)
    .replace(/^\/uk\/sections\/[^/?]+/, `/uk/sections/${story.section}`)
    .replace(/^\/uk\/tags\/[^/?]+/, `/uk/tags/${story.tag}`)
    .replace(/^\/uk\/authors\/[^/?]+/, `/uk/authors/${story.author}`);
}

async function walk(url: string, headers: Record<string, string> = {}) {
  const res = await app.http.inject({ method: 'GET', url, headers: { 'user-agent': 'TestBrowser/1.0', ...headers } });
  const doc = parseDocument(res.body);
  const html = String(res.headers['content-type']).startsWith('text/html');
  // The page itself must say it is Ukrainian: one marked lang="en" would hide all its English from the walk.
  const lang = html ? (DomUtils.findOne((e) => e.name === 'html', doc.children)?.attribs.lang ?? '(none)') : 'uk';
  return { status: res.statusCode, location: res.headers.location, lang, english: englishLeftIn(doc, outlet), leaving: linksLeavingUkrainian(doc) };
}

type Element = ReturnType<typeof DomUtils.findAll>[number];

/** Reader pages that exist under every language's prefix: a link to one of them from a /uk/ page must stay under /uk/. */
const LOCALIZED = /^\/(support|topics|search|corrections|account|newsletters|sections|tags|authors|articles|reprint|republish|privacy|cookies)(\/|\?|$)/;

/** Inside text marked as another language (a translation link, or what the outlet wrote once, such as its privacy policy). */
function inAnotherLanguage(e: Element): boolean {
  for (let n: Element | null = e; n; n = n.parent as Element | null) {
    const lang = n.attribs?.lang;
    if (lang !== undefined) return lang.split('-')[0]!.toLowerCase() !== 'uk';
  }
  return false;
}

/** Links and form targets that send a Ukrainian reader to the English twin of a page (a translation link says so with hreflang or lang). */
function linksLeavingUkrainian(doc: ReturnType<typeof parseDocument>): string[] {
  return DomUtils.findAll((e) => (e.name === 'a' && 'href' in e.attribs) || (e.name === 'form' && 'action' in e.attribs), doc.children)
    .filter((e) => !('hreflang' in e.attribs) && !inAnotherLanguage(e))
    .map((e) => e.attribs.href ?? e.attribs.action!)
    .filter((target) => LOCALIZED.test(target));
}

describe('a Ukrainian page speaks Ukrainian outside the story', () => {
  it('the detector finds English chrome and lets the story, names and brands through', () => {
    const doc = parseDocument(
      `<html lang="uk"><head><title>Пошук — ${outlet.name}</title></head><body>
        <p>Знайдено 3 матеріали</p><p>Showing 3 results</p>
        <input type="search" placeholder="Search stories"><button type="submit">Шукати</button><input type="submit" value="Go">
        <a href="https://example.org/x" aria-label="RSS">RSS</a><img src="/x.png" alt="">
        <div class="story-body"><p>Engineers walked every span.</p></div><p lang="en">English</p></body></html>`,
    );
    expect(englishLeftIn(doc, outlet).map((f) => f.text)).toEqual(['Showing 3 results', 'placeholder: Search stories', 'value: Go']);
  });

  it('every listed public page and each of its states, signed out and signed in', async () => {
    const pages = await everyPage(app);
    const listed = pages.public.map(ukrainianUrl).filter((u): u is string => u !== null);
    expect(listed.length).toBeGreaterThan(15);
    const q = encodeURIComponent('міст');
    const states = [
      `/uk/search?q=${q}`,
      `/uk/search?q=${encodeURIComponent('жодногозбігу')}`,
      `/uk/search?q=${q}&section=${story.section}&sort=newest&from=2020-01-01&to=2030-01-01`,
      `/uk/search?q=${q}&page=2`,
      '/uk/no-such-page',
      `/uk/articles/no-such-story`,
      `/uk/sections/no-such-section`,
      '/uk/search?page=-3',
    ];
    const found: string[] = [];
    const statuses: string[] = [];
    for (const url of [...new Set([...listed, ...states])]) {
      const page = await walk(url);
      statuses.push(`${url} ${page.status}${page.location ? ` → ${page.location}` : ''}`);
      if (page.lang !== 'uk') found.push(`${url}: <html lang="${page.lang}">`);
      for (const f of page.english) found.push(`${url}: ${f.where} “${f.text}”`);
      for (const target of page.leaving) found.push(`${url}: links to ${target}, not /uk${target}`);
    }
    const member = await memberClient(app, { patron: true });
    for (const url of listed.filter((u) => u.startsWith('/uk/account')).concat('/uk/support', '/uk/topics')) {
      const page = await walk(url, member.headers);
      statuses.push(`${url} (member) ${page.status}${page.location ? ` → ${page.location}` : ''}`);
      if (page.lang !== 'uk') found.push(`${url} (member): <html lang="${page.lang}">`);
      for (const f of page.english) found.push(`${url} (member): ${f.where} “${f.text}”`);
      for (const target of page.leaving) found.push(`${url} (member): links to ${target}, not /uk${target}`);
    }
    // No page of the list is a server error, and a redirect keeps the reader under /uk/.
    expect.soft(statuses.filter((s) => / 5\d\d/.test(s) || (/→/.test(s) && !/→ \/uk\//.test(s)))).toEqual([]);
    expect(found).toEqual([]);
  }, 300_000);
});
