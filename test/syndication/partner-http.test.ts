import { afterEach, describe, expect, it } from 'vitest';
import { PIXEL_GIF } from '../../src/syndication/partner-routes.js';
import { loggedInClient } from '../support/admin.js';
import { createArticle } from '../support/factories.js';
import { buildPartnerApp, type PartnerTestApp } from './partner-app.js';

let t: PartnerTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const form = {
  organisation: 'The Valley Ledger',
  contactName: 'Ada Reyes',
  contactEmail: 'ada@ledger.example',
  website: 'https://ledger.example',
  articles: 'https://news.example.test/articles/bridge-story',
  purpose: 'Our weekly print edition.',
  wantsFullText: 'yes',
  nickname: '',
};

const post = (fields: Record<string, string>, ip = '203.0.113.7') =>
  t!.http.inject({
    method: 'POST',
    url: '/republish',
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
  });

describe('the public request form', () => {
  it('explains the policy and takes a request, then says thank you', async () => {
    t = await buildPartnerApp();
    const page = await t.http.inject({ url: '/republish' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('up to 500 characters');
    expect(page.body).toContain('written permission');
    for (const name of ['organisation', 'contactName', 'contactEmail', 'website', 'articles', 'purpose', 'wantsFullText', 'nickname'])
      expect(page.body).toContain(`name="${name}"`);
    expect(page.body).toContain('<form method="post" action="/republish"');

    expect(page.body).toContain('href="/reprint-policy"');
    await t.app.services.policy.updatePolicy({ maxExcerptChars: 300, permissionsContact: 'rights@news.example.test' }, { now: t.app.clock(), actor: null });
    const changed = await t.http.inject({ url: '/republish' });
    expect(changed.body).toContain('up to 300 characters');
    expect(changed.body).toContain('answers by email from rights@news.example.test');

    const sent = await post(form);
    expect(sent.statusCode).toBe(200);
    expect(sent.headers['cache-control']).toBe('private, no-store');
    expect(sent.body).toContain('We have your request');
    expect(sent.body).not.toContain('<form method="post" action="/republish"');

    const [stored] = await t.partners.listRequests('new');
    expect(stored).toMatchObject({ organisation: 'The Valley Ledger', contactEmail: 'ada@ledger.example', wantsFullText: true, articles: form.articles });
  });

  it('re-renders with the field that needs fixing (422), keeping what was typed, escaped', async () => {
    t = await buildPartnerApp();
    const res = await post({ ...form, contactEmail: 'ada-at-ledger', organisation: '<script>alert("x")</script>', wantsFullText: '' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain('Your email must be an email address');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('value="ada-at-ledger"');
    expect(res.body).toContain('value="&lt;script>alert(&quot;x&quot;)&lt;/script>"');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toMatch(/name="wantsFullText" value="yes" checked/);
    const missing = await post({ ...form, purpose: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('How you will use them is required');
    expect(await t.partners.listRequests(null)).toEqual([]);
  });

  it('drops a bot that fills the honeypot, as if it were accepted', async () => {
    t = await buildPartnerApp();
    const res = await post({ ...form, nickname: 'Cheap Watches' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('We have your request');
    expect(await t.partners.listRequests(null)).toEqual([]);
  });

  it('limits each IP to 5 requests an hour, with a clear 429', async () => {
    t = await buildPartnerApp();
    for (let i = 0; i < 5; i++) expect((await post({ ...form, purpose: `attempt ${i}` })).statusCode).toBe(200);
    const over = await post({ ...form, purpose: 'one too many' });
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body).toMatch(/try again in \d+ minute/);
    expect(over.body).toContain('one too many'); // what they typed is not lost
    expect((await post(form, '198.51.100.9')).statusCode).toBe(200);
    t.app.fixedClock.advance(3600_000);
    expect((await post(form)).statusCode).toBe(200);
    expect(await t.partners.listRequests(null)).toHaveLength(7);
  });
});

describe('the republish pixel', () => {
  it('answers a 43-byte GIF, never cached, and counts the view by article and referring host', async () => {
    t = await buildPartnerApp();
    await createArticle(t.app, { slug: 'bridge-story' });
    const { id } = (await t.app.services.articles.findArticle('bridge-story'))!;
    const pixel = (url: string, referer?: string) => t!.http.inject({ url, headers: referer ? { referer } : {} });

    const res = await pixel(`/republish/pixel/${id}.gif`, 'https://Ledger.Example/news/2026/bridge?utm_source=x');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.length).toBe(43);
    expect(res.rawPayload.equals(PIXEL_GIF)).toBe(true);
    await pixel(`/republish/pixel/${id}.gif`, 'https://ledger.example/other-page');
    await pixel(`/republish/pixel/${id}.gif`);

    // Bad ids and unknown articles still get the image, and count nothing.
    for (const url of [
      '/republish/pixel/abc.gif',
      '/republish/pixel/0.gif',
      '/republish/pixel/99999.gif',
      '/republish/pixel/.gif',
      `/republish/pixel/${id}.5.gif`,
      '/republish/pixel/1e3.gif',
      `/republish/pixel/${'9'.repeat(40)}.gif`,
      '/republish/pixel/%3Cscript%3E.gif',
    ]) {
      const r = await pixel(url, 'https://spam.example/');
      expect(r.statusCode, url).toBe(200);
      expect(r.rawPayload.equals(PIXEL_GIF), url).toBe(true);
    }
    const views = await t.partners.listRepublishViews();
    expect(views.map((v) => [v.articleSlug, v.referrerHost, v.views])).toEqual([
      ['bridge-story', 'ledger.example', 2],
      ['bridge-story', '', 1],
    ]);
  });
});

describe('reprint partners in the newsroom', () => {
  it('an editor grants a request and sees the key once; it works, is listed by prefix, and stops working when revoked', async () => {
    t = await buildPartnerApp();
    await createArticle(t.app, { slug: 'bridge-story', section: 'City Hall' });
    await post({ ...form, organisation: '<b>Ledger</b> & Co' });
    const [request] = await t.partners.listRequests('new');
    const { client } = await loggedInClient(t.client, 'editor');

    const list = await client.get('/admin/partners');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('private, no-store');
    expect(list.body).toContain('&lt;b>Ledger&lt;/b> &amp; Co');
    expect(list.body).toContain(`href="/admin/partners/requests/${request!.id}"`);

    const page = await client.get(`/admin/partners/requests/${request!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="&lt;b>Ledger&lt;/b> &amp; Co"'); // the grant form starts from the request
    expect(page.body).toMatch(/name="fullText" value="yes" checked/);

    const bad = await client.post(
      `/admin/partners/requests/${request!.id}/grant`,
      { partnerName: 'Ledger', scope: 'section', section: 'nowhere', expiresAt: '' },
      { csrfFrom: `/admin/partners/requests/${request!.id}` },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('there is no section &quot;nowhere&quot;');

    const granted = await client.post(
      `/admin/partners/requests/${request!.id}/grant`,
      { partnerName: 'Valley Ledger', scope: 'section', section: 'city-hall', fullText: 'yes', expiresAt: '2027-06-30', notes: 'Print edition' },
      { csrfFrom: `/admin/partners/requests/${request!.id}` },
    );
    expect(granted.statusCode).toBe(200);
    expect(granted.headers['cache-control']).toBe('private, no-store');
    const key = /<code class="once">(mhk_[A-Za-z0-9_-]{32})<\/code>/.exec(granted.body)?.[1];
    expect(key).toBeDefined();
    expect(granted.body).toContain('shown only this once');

    const auth = await t.partners.authenticate(key!, t.app.clock());
    expect(auth).toMatchObject({ ok: true, access: { partnerName: 'Valley Ledger', fullText: true } });
    expect((await t.partners.findRequest(request!.id))!.status).toBe('granted');

    const after = await client.get('/admin/partners');
    expect(after.body).not.toContain(key!);
    expect(after.body).toContain(`<code>${key!.slice(0, 8)}…</code>`);
    expect(after.body).toContain('section city-hall');
    expect(after.body).toContain('until the end of 2027-06-30');
    // The request page no longer offers to grant or refuse.
    const decided = await client.get(`/admin/partners/requests/${request!.id}`);
    expect(decided.body).not.toContain('/grant"');
    const again = await client.post(`/admin/partners/requests/${request!.id}/grant`, { partnerName: 'Again', scope: 'all' }, { csrfFrom: '/admin/partners' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This request was already granted.');

    const grantId = (auth.ok && auth.access.grantId) as number;
    const revoked = await client.post(`/admin/partners/grants/${grantId}/revoke`, {}, { csrfFrom: '/admin/partners' });
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/admin/partners?done=revoked');
    expect(await t.partners.authenticate(key!, t.app.clock())).toMatchObject({ ok: false, reason: 'revoked' });
    const listed = await client.get('/admin/partners?done=revoked');
    expect(listed.body).toContain('its key no longer works');
    expect(listed.body).toContain('status-revoked');
    expect(listed.body).not.toContain(`/admin/partners/grants/${grantId}/revoke`);
  });

  it('refuses a request with a note', async () => {
    t = await buildPartnerApp();
    await post(form);
    const [request] = await t.partners.listRequests('new');
    const { client } = await loggedInClient(t.client, 'admin');
    const res = await client.post(
      `/admin/partners/requests/${request!.id}/refuse`,
      { note: 'Not for whole stories.' },
      { csrfFrom: `/admin/partners/requests/${request!.id}` },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/partners?done=refused');
    expect(await t.partners.findRequest(request!.id)).toMatchObject({ status: 'refused', decisionNote: 'Not for whole stories.' });
    const twice = await client.post(`/admin/partners/requests/${request!.id}/refuse`, { note: '' }, { csrfFrom: '/admin/partners' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('This request was already refused.');
  });

  it('grants without a request from the new-grant form, naming what is wrong first', async () => {
    t = await buildPartnerApp();
    await createArticle(t.app, { slug: 'bridge-story' });
    const { client } = await loggedInClient(t.client, 'owner');
    const formPage = await client.get('/admin/partners/grants/new');
    expect(formPage.statusCode).toBe(200);
    expect(formPage.body).toContain('<option value="city-hall"');
    const wrong = await client.post(
      '/admin/partners/grants',
      { partnerName: 'Wire', scope: 'articles', articles: 'bridge-story\nno-such-story', expiresAt: '' },
      { csrfFrom: '/admin/partners/grants/new' },
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('no article with the slug no-such-story');
    expect(wrong.body).toContain('bridge-story\nno-such-story'); // kept in the form
    const ok = await client.post(
      '/admin/partners/grants',
      { partnerName: 'Wire', scope: 'articles', articles: 'bridge-story', expiresAt: '' },
      { csrfFrom: '/admin/partners/grants/new' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/<code class="once">mhk_/);
    expect((await t.partners.listGrants())[0]).toMatchObject({
      partnerName: 'Wire',
      scope: { kind: 'articles', slugs: ['bridge-story'] },
      fullText: false,
      requestId: null,
    });
  });

  it('is for editors and above, and every change needs the form token', async () => {
    t = await buildPartnerApp();
    for (const role of ['writer', 'contributor'] as const) {
      const { client } = await loggedInClient(t.client, role);
      expect((await client.get('/admin/partners')).statusCode, role).toBe(403);
      expect(
        (await client.post('/admin/partners/grants', { partnerName: 'X', scope: 'all' }, { csrfFrom: '/admin/login/link/used-up' })).statusCode,
        role,
      ).toBe(403);
    }
    const { client } = await loggedInClient(t.client, 'editor');
    const noToken = await client.post('/admin/partners/grants', { partnerName: 'X', scope: 'all' }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    expect(await t.partners.listGrants()).toEqual([]);
    const loggedOut = await t.http.inject({ url: '/admin/partners' });
    expect(loggedOut.statusCode).toBe(303);
    expect(loggedOut.headers.location).toBe('/admin/login?next=%2Fadmin%2Fpartners');
  });
});
