import { afterEach, describe, expect, it } from 'vitest';
import { RESERVED_SEGMENTS } from '../../src/pages/page-service.js';
import { redirectKey } from '../../src/redirects/redirect.js';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';
import { listenerGet } from '../support/listener.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
const databases = await testDatabases();
const get = (url: string) => listenerGet(app!, url);
const ctx = () => ({ now: app!.clock(), actor: null });

describe.each(databases)('static pages on %s', (database) => {
  it('serve at their path with sanitized text, link from the footer, and purge on edit', async () => {
    app = await buildApp({ database });
    const saved = await app.services.pages.savePage(
      null,
      { title: 'About us', path: 'About/', body: 'We report on **Riverbend**.\n\n<script>alert(1)</script>', inFooter: true },
      ctx(),
    );
    expect(saved).toMatchObject({ ok: true, path: '/about' });
    const page = await get('/about');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>About us</h1>');
    expect(page.body).toContain('<strong>Riverbend</strong>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.headers['surrogate-key']).toContain('page:');
    expect((await get('/about')).headers['x-cache']).toBe('HIT');
    // One address per page.
    const slash = await get('/about/');
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe('/about');
    // The footer of every page links to it.
    const home = await get('/');
    expect(home.body).toMatch(/<ul class="footer-pages"><li><a href="\/about">About us<\/a><\/li><\/ul>/);
    expect((await get('/')).headers['x-cache']).toBe('HIT');
    if (!saved.ok) throw new Error('save failed');
    await app.services.pages.savePage(saved.id, { title: 'About the newsroom', path: '/about', body: 'New text.', inFooter: true }, ctx());
    const after = await get('/about');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('New text.');
    expect((await get('/')).body).toContain('>About the newsroom</a>');
    // Out of the footer, then deleted: the page is gone and so is the link.
    await app.services.pages.savePage(saved.id, { title: 'About the newsroom', path: '/about', body: 'New text.', inFooter: false }, ctx());
    expect((await get('/')).body).not.toContain('footer-pages');
    expect(await app.services.pages.deletePage(saved.id, ctx())).toBe(true);
    expect((await get('/about')).statusCode).toBe(404);
  });

  it('refuse bad paths, reserved paths and a second page at the same address', async () => {
    app = await buildApp({ database });
    const p = app.services.pages;
    expect(await p.savePage(null, { title: 'x', path: '/Über uns' }, ctx())).toMatchObject({
      ok: false,
      status: 422,
      fields: { path: expect.stringContaining('lower-case') },
    });
    expect(await p.savePage(null, { title: 'x', path: '/articles/about' }, ctx())).toMatchObject({
      ok: false,
      status: 422,
      fields: { path: expect.stringContaining('another part') },
    });
    expect(await p.savePage(null, { title: '', path: '/contact' }, ctx())).toMatchObject({ ok: false, fields: { title: 'is required' } });
    expect((await p.savePage(null, { title: 'Contact', path: '/contact' }, ctx())).ok).toBe(true);
    expect(await p.savePage(null, { title: 'Contact 2', path: 'contact' }, ctx())).toMatchObject({ ok: false, status: 409 });
  });
});

describe('the reserved page paths', () => {
  it('cover the first segment of every route, so no page hides behind one', async () => {
    app = await buildApp();
    // A segment with a dot (feed.xml, robots.txt) can never be a page's: page paths have none.
    const segments = new Set(app.http.routeList.map((r) => r.url.split('/')[1]!).filter((s) => s && !s.startsWith(':') && !s.includes('.')));
    const missing = [...segments].filter((s) => !RESERVED_SEGMENTS.has(s));
    expect(missing).toEqual([]);
  });
});

describe('the pages admin', () => {
  it('lets an editor add, edit and delete a page, and re-renders a bad form with 422', async () => {
    app = await buildApp();
    const { client: editor } = await loggedInClient(app, 'editor');
    const nav = await editor.get('/admin/pages');
    expect(nav.statusCode).toBe(200);
    expect(nav.body).toContain('<a href="/admin/pages">Pages</a>');
    const bad = await editor.post('/admin/pages', { title: 'Contact', path: '/admin/x', body: 'x', footerPosition: 'first' }, { csrfFrom: '/admin/pages' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must be a whole number');
    const ok = await editor.post(
      '/admin/pages',
      { title: 'Contact', path: '/contact', body: 'Write to **news@example.org**.', inFooter: '1', footerPosition: '2' },
      { csrfFrom: '/admin/pages' },
    );
    expect(ok.statusCode).toBe(303);
    const [page] = await app.services.pages.listPages();
    expect(page).toMatchObject({ path: '/contact', inFooter: true, footerPosition: 2 });
    const edit = await editor.post(`/admin/pages/${page!.id}`, { title: 'Contact us', path: '/contact', body: 'x' }, { csrfFrom: `/admin/pages/${page!.id}` });
    expect(edit.statusCode).toBe(303);
    expect(await app.services.pages.findPage(page!.id)).toMatchObject({ title: 'Contact us', inFooter: false });
    expect((await editor.post(`/admin/pages/${page!.id}/delete`, {}, { csrfFrom: '/admin/pages' })).statusCode).toBe(303);
    expect((await editor.get(`/admin/pages/${page!.id}`)).statusCode).toBe(404);
    const { client: writer } = await loggedInClient(app, 'writer');
    expect((await writer.get('/admin/pages')).statusCode).toBe(403);
  });
});

describe('redirect keys', () => {
  it('normalise the old URL shapes', () => {
    expect(redirectKey('/2019/05/03/council-vote/')).toBe('/2019/05/03/council-vote');
    expect(redirectKey('https://old.example.org/2019/05/council-vote/?utm_source=x')).toBe('/2019/05/council-vote');
    expect(redirectKey('/?p=123')).toBe('/?p=123');
    expect(redirectKey('/index.php?p=123&foo=1')).toBe('/?p=123');
    expect(redirectKey('/?page_id=7')).toBe('/?page_id=7');
    expect(redirectKey('/Category/News/Local/Council-Vote/')).toBe('/category/news/local/council-vote');
    expect(redirectKey('/tag/x/')).toBe('/tag/x');
    expect(redirectKey('/caf%C3%A9/')).toBe('/café');
    expect(redirectKey('//evil.example')).toBeNull();
    expect(redirectKey('/%E0%A4%A')).toBeNull();
  });
});

describe.each(databases)('redirects on %s', (database) => {
  it('answer 301 for every old shape, and /?p= even when the front page is cached', async () => {
    app = await buildApp({ database });
    const a = await createArticle(app, { slug: 'council-vote' });
    const target = `/articles/${a.slug}`;
    const r = app.services.redirects;
    for (const from of [
      '/?p=123',
      '/2019/05/03/council-vote/',
      '/2019/05/council-vote/',
      '/category/news/local/council-vote/',
      '/council-vote/',
      '/tag/council/',
      '/author/jo/',
    ]) {
      expect((await r.addRedirect(from, target, ctx())).ok, from).toBe(true);
    }
    expect((await get('/')).statusCode).toBe(200);
    expect((await get('/')).headers['x-cache']).toBe('HIT');
    for (const url of [
      '/?p=123',
      '/index.php?p=123',
      '/2019/05/03/council-vote/',
      '/2019/05/03/council-vote',
      '/2019/05/council-vote/',
      '/category/news/local/council-vote/',
      '/council-vote/',
      '/tag/council/',
      '/author/jo/',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location, url).toBe(target);
    }
    // Not an old address: the ordinary pages and the 404.
    expect((await get('/?p=999')).statusCode).toBe(200);
    expect((await get('/2019/05/03/other/')).statusCode).toBe(404);
    expect((await get('/?page=1')).statusCode).toBe(200);
  });

  it('are listed, searched, added and deleted in the admin; loops and duplicates are refused', async () => {
    app = await buildApp({ database });
    const { client: editor } = await loggedInClient(app, 'editor');
    const add = (from: string, to: string) => editor.post('/admin/redirects', { from, to }, { csrfFrom: '/admin/redirects' });
    expect((await add('/2018/01/old-story/', '/articles/new-story')).statusCode).toBe(303);
    expect((await add('/about-us/', '/about')).statusCode).toBe(303);
    const loop = await add('/about', '/about/');
    expect(loop.statusCode).toBe(422);
    expect(loop.body).toContain('would loop');
    const dup = await add('/about-us', '/contact');
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('already redirects');
    const bad = await add('', 'javascript:alert(1)');
    expect(bad.statusCode).toBe(422);
    const found = await editor.get('/admin/redirects?q=old-story');
    expect(found.body).toContain('<code>/2018/01/old-story</code>');
    expect(found.body).not.toContain('<code>/about-us</code>');
    const id = /action="\/admin\/redirects\/(\d+)\/delete"/.exec(found.body)![1]!;
    expect((await get('/2018/01/old-story/')).statusCode).toBe(301);
    expect((await editor.post(`/admin/redirects/${id}/delete`, {}, { csrfFrom: '/admin/redirects' })).statusCode).toBe(303);
    expect((await get('/2018/01/old-story/')).statusCode).toBe(404);
    expect((await editor.get('/admin/redirects?page=abc')).statusCode).toBe(400);
  });
});

describe('the demo outlet', () => {
  it('gets an About and a Contact page in the footer, once', async () => {
    const { loadDemoPages } = await import('../../src/demo/demo-pages.js');
    app = await buildApp();
    expect(await loadDemoPages(app.services.pages, app.clock())).toBe(2);
    expect(await loadDemoPages(app.services.pages, app.clock())).toBe(0);
    const home = await get('/');
    expect(home.body).toContain('<a href="/about">About the Dispatch</a>');
    expect(home.body).toContain('<a href="/contact">Contact us</a>');
    expect((await get('/contact')).body).toContain('news@riverbend-dispatch.example');
  });
});
