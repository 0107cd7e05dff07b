import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { csrfToken, loggedInClient, type AdminClient } from '../support/admin.js';
import { imageBytes } from '../support/factories.js';
import { createCampaign, multipart } from './support.js';

let app: TestApp;
afterEach(async () => app?.close());

/** Posts the multipart campaign form as a browser would, with the form page's CSRF token. */
async function postCampaign(client: AdminClient, url: string, fields: Record<string, string | string[]>, file?: Buffer) {
  const csrf = csrfToken((await client.get(url === '/admin/ads' ? '/admin/ads/new' : url)).body);
  const body = multipart({ ...fields, _csrf: csrf }, file ? { name: 'image', filename: 'fair.jpg', type: 'image/jpeg', data: file } : undefined);
  return app.http.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { 'content-type': body.contentType, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'user-agent': 'TestBrowser/1.0' },
  });
}

const fields = {
  name: 'Winter book fair',
  advertiser: 'Lantern Books',
  alt: 'Shelves of books',
  link: 'https://lantern-books.example/fair',
  slots: ['article-end', 'home'],
  weight: '3',
};

describe('/admin/ads', () => {
  it('an editor creates a campaign with an uploaded image, sees it listed with counts and CTR, and edits it', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const created = await postCampaign(client, '/admin/ads', fields, await imageBytes(1200, 400));
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/ads?done=created');
    const [c] = (await app.services.ads.listCampaignSummaries()).map((s) => s.campaign);
    expect(c).toMatchObject({ name: 'Winter book fair', slots: ['article-end', 'home'], weight: 3, creative: { kind: 'image', alt: 'Shelves of books' } });

    await app.services.ads.recordImpression(c!.id, app.clock());
    await app.services.ads.recordImpression(c!.id, app.clock());
    await app.services.ads.recordImpression(c!.id, app.clock());
    await app.services.ads.recordImpression(c!.id, app.clock());
    await app.services.ads.recordClick(c!.id, app.clock());
    const list = await client.get('/admin/ads');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Winter book fair');
    expect(list.body).toMatch(/<td>4<\/td><td>1<\/td><td>25%<\/td>/);
    expect(list.body).toContain('href="/admin/ads"');

    // Editing without a new file keeps the image.
    const edited = await postCampaign(client, `/admin/ads/${c!.id}`, { ...fields, name: 'Winter book fair, week two', ends: '2026-12-24' });
    expect(edited.statusCode).toBe(303);
    expect(await app.services.ads.findCampaign(c!.id)).toMatchObject({
      name: 'Winter book fair, week two',
      endsAt: '2026-12-25T00:00:00.000Z',
      creative: { kind: 'image' },
    });
    const form = await client.get(`/admin/ads/${c!.id}`);
    expect(form.body).toContain('value="2026-12-24"');
  });

  it('refuses bad campaigns with 422, re-showing what was typed and naming the field', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const withHtml = { ...fields, html: '<p>Book fair on Saturday</p>' };
    const cases: [Record<string, string | string[]>, string][] = [
      [{ ...fields, alt: '' }, 'image is missing'],
      [{ ...withHtml, link: 'javascript:alert(1)' }, 'link must start with http:// or https://'],
      [{ ...withHtml, starts: '2026-12-10', ends: '2026-12-01' }, 'ends must be after starts'],
      [{ ...withHtml, slots: ['article-end', 'interstitial'] }, '&quot;interstitial&quot; is not a slot'],
      [{ ...withHtml, weight: '500' }, 'weight must be a whole number from 1 to 100'],
    ];
    for (const [f, message] of cases) {
      const res = await postCampaign(client, '/admin/ads', f);
      expect(res.statusCode, message).toBe(422);
      expect(res.body).toContain(message);
      expect(res.body).toContain('value="Winter book fair"');
    }
    const notAnImage = await postCampaign(client, '/admin/ads', fields, Buffer.from('not an image at all'));
    expect(notAnImage.statusCode).toBe(422);
    expect(notAnImage.body).toContain('image was not accepted');
    expect(await app.services.ads.listCampaignSummaries()).toEqual([]);
  });

  it('exports the report as CSV, one row per campaign and day', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const c = await createCampaign(app, { name: 'Lantern, winter' });
    await app.services.ads.recordImpression(c.id, app.clock());
    await app.services.ads.recordClick(c.id, app.clock());
    app.fixedClock.advance(86_400_000);
    await app.services.ads.recordImpression(c.id, app.clock());
    const res = await client.get('/admin/ads/report.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ads-report-2026-11-28.csv"');
    expect(res.body).toBe(
      'campaign_id,campaign,advertiser,day,impressions,clicks,ctr_percent\r\n' +
        `${c.id},"Lantern, winter",Lantern Books,2026-11-27,1,1,100\r\n` +
        `${c.id},"Lantern, winter",Lantern Books,2026-11-28,1,0,0\r\n`,
    );
  });

  it('is for editors and above: writers and contributors get 403 on every ad page', async () => {
    app = await buildApp();
    const c = await createCampaign(app);
    for (const role of ['writer', 'contributor'] as const) {
      const { client } = await loggedInClient(app, role);
      for (const url of ['/admin/ads', '/admin/ads/new', `/admin/ads/${c.id}`, '/admin/ads/report.csv']) {
        expect((await client.get(url)).statusCode, `${role} ${url}`).toBe(403);
      }
      const res = await client.post('/admin/ads/settings', { inlineAfterParagraph: '2', noticeDismissDays: '5' }, { csrfFrom: '/admin' });
      expect(res.statusCode).toBe(403);
      expect((await client.get('/admin')).body, 'the nav hides what the role cannot open').not.toContain('href="/admin/ads"');
    }
    expect((await app.services.ads.getSettings()).inlineAfterParagraph).toBe(3);
    const anonymous = await app.http.inject({ method: 'GET', url: '/admin/ads' });
    expect(anonymous.statusCode).toBe(303);
  });

  it('saves the settings, and refuses an out-of-range paragraph naming the field', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'editor');
    const bad = await client.post(
      '/admin/ads/settings',
      { inlineAfterParagraph: '0', noticeDismissDays: '30', noticeEnabled: 'yes' },
      { csrfFrom: '/admin/ads' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('inlineAfterParagraph must be at least 1');
    const ok = await client.post('/admin/ads/settings', { inlineAfterParagraph: '2', noticeDismissDays: '7' }, { csrfFrom: '/admin/ads' });
    expect(ok.statusCode).toBe(303);
    expect(await app.services.ads.getSettings()).toEqual({ patronsAdFree: false, inlineAfterParagraph: 2, noticeEnabled: false, noticeDismissDays: 7 });
  });
});
