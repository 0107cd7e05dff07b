import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';

// The masthead, the footer and the report dialog are rendered once per language and kept
// (views/partials/frame-part.tsx): every write that changes what they show must reach the next render.
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const databases = await testDatabases();
// The page cache is off: every request renders, so what is seen is what the kept parts hold.
const page = async (url: string) => {
  const res = await app!.http.inject({ method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};
const masthead = (html: string) => html.slice(html.indexOf('<header class="masthead"'), html.indexOf('</header>', html.indexOf('<header class="masthead"')));
const footer = (html: string) => html.slice(html.indexOf('<footer class="site-footer"'), html.indexOf('</footer>'));
const ctx = () => ({ now: app!.clock(), actor: null });

describe.each(databases)('the kept frame parts on %s', (database) => {
  it('a story renders the same page twice, and shows a settings, section, footer page or consent change on the next render', async () => {
    app = await buildApp({ database, config: { pageCacheBytes: 0 } });
    const a = await createArticle(app, { section: 'City Hall' });
    const b = await createArticle(app, { section: 'City Hall' });
    const first = await page(`/articles/${a.slug}`);
    expect(await page(`/articles/${a.slug}`)).toBe(first);
    expect(masthead(first)).toContain('<a href="/sections/city-hall">City Hall</a>');
    expect(masthead(await page(`/articles/${b.slug}`))).toBe(masthead(first));

    expect((await app.services.site.updateSettings({ name: 'The Harbour Ledger', tagline: 'News from the harbour' }, ctx())).ok).toBe(true);
    const renamed = masthead(await page(`/articles/${b.slug}`));
    expect(renamed).toContain('The Harbour Ledger');
    expect(renamed).toContain('<p class="tagline">News from the harbour</p>');
    expect(footer(await page(`/articles/${a.slug}`))).toContain('The Harbour Ledger.');

    // A first story in a new section puts the section in every page's navigation.
    await createArticle(app, { section: 'Schools' });
    expect(masthead(await page(`/articles/${a.slug}`))).toContain('<a href="/sections/schools">Schools</a>');

    const about = await app.services.pages.savePage(null, { title: 'About us', path: '/about', body: 'Who we are.', inFooter: true }, ctx());
    expect(about.ok).toBe(true);
    expect(footer(await page(`/articles/${a.slug}`))).toContain('<ul class="footer-pages"><li><a href="/about">About us</a></li></ul>');

    // The consent banner follows the footer, in the same kept part.
    expect(await page(`/articles/${b.slug}`)).not.toContain('consent-banner');
    expect((await app.services.privacy.updateSettings({ analyticsScriptUrl: 'https://stats.example.net/count.js' }, ctx())).ok).toBe(true);
    expect(await page(`/articles/${b.slug}`)).toContain('data-consent-src="https://stats.example.net/count.js"');
  });

  it('keeps one frame per language and per year', async () => {
    app = await buildApp({ database, config: { pageCacheBytes: 0 } });
    expect((await app.services.site.updateSettings({ languages: ['uk'] }, ctx())).ok).toBe(true);
    const en = await createArticle(app);
    const uk = await createArticle(app, { language: 'uk', section: 'Місто' });
    const english = await page(`/articles/${en.slug}`);
    const ukrainian = await page(`/uk/articles/${uk.slug}`);
    expect(masthead(ukrainian)).toContain('action="/uk/search"');
    expect(masthead(ukrainian)).not.toBe(masthead(english));
    // The English page after the Ukrainian one still has its own frame.
    expect(await page(`/articles/${en.slug}`)).toBe(english);
    expect(footer(english)).toContain('© 2026 ');

    app.fixedClock.advance(40 * 24 * 3600_000);
    expect(footer(await page(`/articles/${en.slug}`))).toContain('© 2027 ');
  });
});
