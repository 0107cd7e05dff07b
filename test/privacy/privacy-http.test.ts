import { afterEach, describe, expect, it } from 'vitest';
import { STORAGE_REGISTRY } from '../../src/privacy/cookie-registry.js';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { listenerGet } from '../support/listener.js';
import { createArticle } from '../support/factories.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const get = (url: string) => listenerGet(app!, url);
const settingsForm = async (client: Awaited<ReturnType<typeof loggedInClient>>['client'], patch: Record<string, string>) => {
  const current = await app!.services.privacy.getSettings();
  return client.post(
    '/admin/privacy',
    {
      privacyText: current.privacyText,
      cookiesText: current.cookiesText,
      analyticsScriptUrl: current.analyticsScriptUrl,
      embedScriptUrls: current.embedScriptUrls.join('\n'),
      ...patch,
    },
    { csrfFrom: '/admin/privacy' },
  );
};

describe('/privacy and /cookies', () => {
  it('serve written defaults, cached and shared, linked from every page’s footer', async () => {
    app = await buildApp();
    await app.services.site.updateSettings({ name: 'The Harbour Bulletin', contactEmail: 'privacy@harbour.example' }, { now: app.clock(), actor: null });
    const a = await createArticle(app);
    for (const url of ['/', `/articles/${a.slug}`, '/support', '/topics', '/privacy']) {
      const body = (await get(url)).body;
      expect(body, url).toContain('<a href="/privacy">Privacy</a>');
      expect(body, url).toContain('<a href="/cookies">Cookies</a>');
    }
    const privacy = await get('/privacy');
    expect(privacy.statusCode).toBe(200);
    expect(privacy.headers['cache-control']).toMatch(/^public/);
    expect(String(privacy.headers['surrogate-key']).split(' ')).toEqual(expect.arrayContaining(['site', 'privacy']));
    expect(privacy.body).toContain('<h2>Your rights</h2>');
    expect(privacy.body).toContain('The Harbour Bulletin is an independent newsroom');
    expect(privacy.body).toContain('write to us at privacy@harbour.example.');
    expect(privacy.body).not.toContain('{outlet}');
    expect((await get('/privacy')).headers['x-cache']).toBe('HIT');

    const cookies = await get('/cookies');
    expect(cookies.statusCode).toBe(200);
    for (const e of STORAGE_REGISTRY) expect(cookies.body, e.name).toContain(`<code>${e.prefix ? `${e.name}…` : e.name}</code>`);
    expect(cookies.body).toContain('None. Our pages load nothing from other companies’ servers.');
    // Nothing needs consent by default: no banner, no island, no outside origin in the CSP.
    expect(cookies.body).not.toContain('consent-banner');
    expect(cookies.headers['content-security-policy']).toContain("script-src 'self';");
  });

  it('lets an admin edit the texts; the cached pages are purged and show the new words', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'admin');
    expect((await get('/privacy')).headers['x-cache']).toBe('MISS');
    expect((await get('/privacy')).headers['x-cache']).toBe('HIT');
    const saved = await settingsForm(client, { privacyText: '## Who we are\n\nWe keep **nothing** we do not need. <script>alert(1)</script>' });
    expect(saved.statusCode).toBe(200);
    const after = await get('/privacy');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('<h2>Who we are</h2>');
    expect(after.body).toContain('<strong>nothing</strong>');
    // The Markdown path has raw HTML off: the tag is shown as text, never run.
    expect(after.body).not.toContain('<script>alert(1)</script>');
    expect((await app.services.audit.list(1))[0]).toMatchObject({ action: 'privacy.change', detail: 'privacyText' });
  });

  it('refuses bad values with the field named, and editors altogether', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'owner');
    const bad = await settingsForm(client, {
      analyticsScriptUrl: 'http://stats.example.net/s.js',
      embedScriptUrls: 'https://video.example.net/e.js\njavascript:alert(1)',
      privacyText: '  ',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must be an https:// address of a script');
    expect(bad.body).toContain('line 2: must be an https:// address of a script');
    expect(bad.body).toContain('is required: readers must be able to read how you handle their data');
    expect((await app.services.privacy.getSettings()).analyticsScriptUrl).toBe('');
    const { client: editor } = await loggedInClient(app, 'editor');
    expect((await editor.get('/admin/privacy')).statusCode).toBe(403);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await editor.get('/admin')).body)![1]!;
    expect((await editor.post('/admin/privacy', { privacyText: 'x', cookiesText: 'y' }, { csrf })).statusCode).toBe(403);
  });

  it('with an outside script configured: every page carries the hidden banner and inert script, and the CSP lets that origin in', async () => {
    app = await buildApp();
    const a = await createArticle(app);
    expect((await get('/')).headers['x-cache']).toBe('MISS');
    expect((await get('/')).headers['x-cache']).toBe('HIT');
    const { client } = await loggedInClient(app, 'owner');
    expect(
      (await settingsForm(client, { analyticsScriptUrl: 'https://stats.example.net/count.js', embedScriptUrls: 'https://video.example.org/embed.js' }))
        .statusCode,
    ).toBe(200);
    for (const url of ['/', `/articles/${a.slug}`, '/cookies']) {
      const res = await get(url);
      // The script list is in every page's frame: the change purged them all.
      expect(res.headers['x-cache'], url).toBe('MISS');
      expect(res.body).toMatch(/<section id="consent-banner" class="consent-banner" aria-label="Outside scripts" data-consent-version="[0-9a-f]{12}" hidden>/);
      expect(res.body).toContain('<script type="text/plain" data-consent-src="https://stats.example.net/count.js" data-consent-kind="analytics"></script>');
      expect(res.body).not.toContain('<script src="https://stats.example.net');
      expect(res.body).toMatch(/<script type="module" src="\/assets\/consent\.[0-9a-f]{12}\.js"><\/script>/);
      expect(res.headers['content-security-policy']).toContain("script-src 'self' https://stats.example.net https://video.example.org;");
    }
    expect((await get('/cookies')).body).toContain('<section id="consent-choice" class="consent-choice" aria-label="Your choice" hidden>');
    // Cleared again: the origins leave the CSP and the banner leaves the pages.
    await settingsForm(client, { analyticsScriptUrl: '', embedScriptUrls: '' });
    const home = await get('/');
    expect(home.body).not.toContain('consent-banner');
    expect(home.headers['content-security-policy']).not.toContain('stats.example.net');
  });
});
