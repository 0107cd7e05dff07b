import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, FixedClock, type TestApp } from '../support/app.js';
import { loggedInClient, submitArticleForm } from '../support/admin.js';
import { createArticle } from '../support/factories.js';
import { memberClient } from '../support/members.js';

let app: TestApp;
afterEach(async () => app?.close());

/** 12:00 UTC on 27 November 2026 is 6:00 AM in Chicago (CST, UTC-6). */
const CHICAGO_TITLE = 'title="November 27, 2026 at 6:00 AM CST"';

/** An owner of a site whose settings put it in Chicago. */
async function chicagoOwner() {
  const { client: owner } = await loggedInClient(app, 'owner');
  const saved = await owner.post(
    '/admin/settings',
    {
      name: 'The Prairie Dispatch',
      tagline: '',
      description: '',
      language: 'en',
      timeZone: 'America/Chicago',
      contactEmail: '',
      correctionsEmail: '',
      logoUrl: '',
    },
    { csrfFrom: '/admin/settings' },
  );
  expect(saved.statusCode).toBe(200);
  return owner;
}

describe("admin pages show times in the outlet's zone", () => {
  it('revisions, corrections, the audit log, users and sessions say Chicago time, relative to now', async () => {
    const clock = new FixedClock();
    app = await buildApp({ clock });
    const owner = await chicagoOwner();
    const created = await submitArticleForm(app, owner, '/admin/articles', {
      headline: 'The grain elevator reopens',
      standfirst: 'After two years, the co-op runs it again.',
      body_html: '<p>The elevator holds 40,000 bushels, the co-op says.</p>',
      authors: 'Rosa Vance',
      section: 'Business',
      language: 'en',
      action: 'publish',
    });
    expect(created.statusCode).toBe(303);
    const articleUrl = created.headers.location!.split('?')[0]!;
    const slug = /\/articles\/([^"?]+)/.exec((await app.http.inject({ url: '/' })).body)?.[1];
    const report = await app.http.inject({
      method: 'POST',
      url: '/api/v1/corrections',
      payload: { article: slug, quote: { exact: 'holds 40,000 bushels' }, suggestion: 'It holds 45,000.' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(report.statusCode).toBe(201);

    const { member } = await memberClient(app, { email: 'patron@example.org', patron: { tierId: null, until: '2026-12-31' } });

    clock.advance(3 * 3600_000);
    for (const url of [
      `${articleUrl}/revisions`,
      '/admin/corrections',
      '/admin/audit',
      '/admin/users',
      '/admin/sessions',
      '/admin/members',
      `/admin/members/${member.id}`,
    ]) {
      const page = await owner.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(CHICAGO_TITLE);
      expect(page.body, url).toMatch(/<time datetime="2026-11-27T12:00:00.000Z" title="[^"]+">3 hr\. ago<\/time>/);
      expect(page.body, url).not.toMatch(/\bUTC\b/);
      expect(page.body, url).not.toContain('2026-11-27 12:00');
    }
    // A manual grant's last day is the one the editor typed, in the outlet's zone.
    expect((await owner.get(`/admin/members/${member.id}`)).body).toContain('the end of December 31, 2026');

    const editor = await owner.get(articleUrl);
    expect(editor.body).toContain(CHICAGO_TITLE);
    expect(editor.body).not.toContain('12:00 UTC');
  });

  it('a newsletter send time is a Chicago wall-clock time, and the sends list says so', async () => {
    const clock = new FixedClock();
    app = await buildApp({ clock });
    const owner = await chicagoOwner();
    await createArticle(app, { slug: 'elevator', headline: 'The grain elevator reopens' });
    const saved = await app.services.newsletters.saveNewsletter(
      null,
      { slug: 'morning', name: 'Morning briefing', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'anyone' },
      app.clock(),
    );
    if (!saved.ok) throw new Error('newsletter not saved');
    const url = `/admin/newsletters/${saved.newsletter.id}`;
    expect((await owner.get(url)).body).toContain('time in America/Chicago');
    const sent = await owner.post(
      `${url}/issues`,
      { articles: 'elevator', subject: 'Morning', intro: '', sendAt: '2026-11-28T07:00', intent: 'send' },
      { csrfFrom: url },
    );
    expect(sent.statusCode).toBe(303);
    const [issue] = await app.services.newsletters.listIssues(saved.newsletter.id, { sentOnly: false, limit: 5 });
    expect(issue!.sendAt).toBe('2026-11-28T13:00:00.000Z');
    const page = (await owner.get(url)).body;
    expect(page).toMatch(/scheduled for <time datetime="2026-11-28T13:00:00.000Z" title="November 28, 2026 at 7:00 AM CST">tomorrow<\/time>/);
    expect(page).not.toMatch(/\bUTC\b/);
  });

  it('an ad campaign and a partner grant typed as days run for those whole days in Chicago, and read back as typed', async () => {
    app = await buildApp({ clock: new FixedClock() });
    const owner = await chicagoOwner();
    const ctx = { now: app.clock(), actor: null };
    const made = await app.services.ads.createCampaign(
      {
        name: 'Winter fair',
        advertiser: 'Lantern Books',
        html: '<p>Books</p>',
        link: 'https://lantern.example/',
        slots: ['home'],
        starts: '2026-12-01',
        ends: '2026-12-31',
      },
      null,
      ctx,
    );
    if (!made.ok) throw new Error(made.message);
    // Midnight in Chicago (CST) is 06:00 UTC.
    expect([made.campaign.startsAt, made.campaign.endsAt]).toEqual(['2026-12-01T06:00:00.000Z', '2027-01-01T06:00:00.000Z']);
    expect((await owner.get('/admin/ads')).body).toContain('2026-12-01 to 2026-12-31');
    const form = (await owner.get(`/admin/ads/${made.campaign.id}`)).body;
    expect(form).toMatch(/name="starts"[^>]*value="2026-12-01"|value="2026-12-01"[^>]*name="starts"/);
    expect(form).toMatch(/name="ends"[^>]*value="2026-12-31"|value="2026-12-31"[^>]*name="ends"/);

    const granted = await app.services.partners.grant(
      { partnerName: 'Valley Wire', scope: { kind: 'all' }, fullText: false, expiresAt: '2027-06-30', notes: '' },
      null,
      app.clock(),
    );
    if (!granted.ok) throw new Error(granted.message);
    const grant = await app.services.partners.findGrant(granted.grantId);
    expect(grant!.expiresAt).toBe('2027-07-01T04:59:59.999Z');
    expect((await owner.get('/admin/partners')).body).toContain('until the end of 2027-06-30');
  });
});
