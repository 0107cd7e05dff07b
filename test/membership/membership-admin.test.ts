import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient } from '../support/admin.js';
import { memberClient } from '../support/members.js';
import { startSmtpServer } from '../support/smtp.js';

let app: TestApp;
afterEach(async () => app?.close());

describe('reader revenue in the admin', () => {
  it('an admin makes a tier, grants patronage by hand (the reader gets a mail), and ends it', async () => {
    const smtp = await startSmtpServer();
    app = await buildApp({ config: { smtpUrl: smtp.url } });
    const { client } = await loggedInClient(app, 'admin');
    const made = await client.post(
      '/admin/tiers',
      { name: 'Coffee', description: 'A coffee a month', monthlyPrice: '4.50', yearlyPrice: '', currency: 'EUR', voteWeight: '1', position: '0' },
      { csrfFrom: '/admin/tiers' },
    );
    expect(made.statusCode).toBe(200);
    expect(made.body).toContain('Saved Coffee.');
    const [tier] = await app.services.patrons.listTiers();
    expect(tier).toMatchObject({ name: 'Coffee', monthlyPrice: 450, yearlyPrice: null, currency: 'EUR' });

    const granted = await client.post(
      '/admin/members/grant',
      { email: 'Transfer@Example.org', tierId: String(tier!.id), until: '2027-11-30', note: 'Paid by bank transfer, ref 2211' },
      { csrfFrom: '/admin/members' },
    );
    expect(granted.statusCode).toBe(303);
    const memberPage = await client.get(granted.headers.location as string);
    expect(memberPage.body).toContain('transfer@example.org');
    expect(memberPage.body).toContain('A patron now.');
    expect(memberPage.body).toContain('Paid by bank transfer, ref 2211');
    const member = (await app.services.members.findMemberByEmail('transfer@example.org'))!;
    expect(await app.services.patrons.patronOf(member.id, app.clock())).toMatchObject({ tierName: 'Coffee', expiresAt: '2027-12-01T00:00:00.000Z' });

    for (let i = 0; i < 100 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await smtp.close();
    expect(smtp.messages.map((m) => m.subject)).toEqual(['You are a patron of Masthead']);
    expect(smtp.messages[0]!.text).toContain('has set up your patronage (Coffee), until the end of 2027-11-30.');
    expect(smtp.messages[0]!.text).toContain('https://news.example.test/account/sign-in?next=/topics');

    const endAction = /action="(\/admin\/members\/patronages\/\d+\/end)"/.exec(memberPage.body)![1]!;
    expect((await client.post(endAction, {}, { csrfFrom: granted.headers.location as string })).statusCode).toBe(303);
    expect(await app.services.patrons.patronOf(member.id, app.clock())).toBeNull();
  });

  it('names what is wrong with a tier or a grant, and keeps what was typed', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'owner');
    const badPrice = await client.post(
      '/admin/tiers',
      { name: 'Odd', description: '', monthlyPrice: 'four', yearlyPrice: '', currency: 'EUR', voteWeight: '1', position: '0' },
      { csrfFrom: '/admin/tiers' },
    );
    expect(badPrice.statusCode).toBe(422);
    expect(badPrice.body).toContain('monthlyPrice must be an amount such as 4.50');
    expect(badPrice.body).toContain('value="four"');
    const noPrice = await client.post(
      '/admin/tiers',
      { name: 'Free', description: '', monthlyPrice: '', yearlyPrice: '', currency: 'EUR', voteWeight: '1', position: '0' },
      { csrfFrom: '/admin/tiers' },
    );
    expect(noPrice.body).toContain('monthlyPrice or a yearly price is needed');
    const weight = await client.post(
      '/admin/tiers',
      { name: 'Heavy', description: '', monthlyPrice: '10', yearlyPrice: '', currency: 'EUR', voteWeight: '1000', position: '0' },
      { csrfFrom: '/admin/tiers' },
    );
    expect(weight.body).toContain('voteWeight must be at most 100');

    const past = await client.post(
      '/admin/members/grant',
      { email: 'late@example.org', tierId: '', until: '2020-01-01', note: '' },
      { csrfFrom: '/admin/members' },
    );
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('until must be today or later');
    const badEmail = await client.post('/admin/members/grant', { email: 'nope', tierId: '', until: '', note: '' }, { csrfFrom: '/admin/members' });
    expect(badEmail.statusCode).toBe(422);
    expect(badEmail.body).toContain('email must be an email address');
  });

  it('escapes what readers typed, and keeps editors and writers out', async () => {
    app = await buildApp();
    const reader = await memberClient(app, { email: 'odd@example.org' });
    await reader.post('/account/name', { name: '<img src=x onerror=alert(1)>' });
    const { client } = await loggedInClient(app, 'admin');
    const list = await client.get('/admin/members');
    expect(list.body).toContain('&lt;img src=x onerror=alert(1)>');
    expect(list.body).not.toContain('<img src=x');

    for (const role of ['editor', 'writer'] as const) {
      const { client: other } = await loggedInClient(app, role);
      expect((await other.get('/admin/members')).statusCode).toBe(403);
      expect((await other.get('/admin/tiers')).statusCode).toBe(403);
      expect((await other.get('/admin/support')).statusCode).toBe(403);
    }
  });

  it('saves the support page and appeal words, and says which number is wrong', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'admin');
    const page = await client.get('/admin/support');
    expect(page.body).toContain('Stripe is not configured');
    const fields = {
      pitch: 'Readers pay for this.',
      otherWays: 'IBAN on request.\n\nOr send us documents.',
      appealEnabled: '1',
      appealHeading: 'Help',
      appealText: 'Please help.',
      appealButton: 'Join',
      skipFirstArticles: '0',
      dismissDays: '14',
    };
    const saved = await client.post('/admin/support', fields, { csrfFrom: '/admin/support' });
    expect(saved.statusCode).toBe(200);
    expect((await app.services.patrons.getSupportSettings()).dismissDays).toBe(14);
    const support = await app.http.inject({ method: 'GET', url: '/support' });
    expect(support.body).toContain('<p>IBAN on request.</p><p>Or send us documents.</p>');
    const bad = await client.post('/admin/support', { ...fields, dismissDays: 'soon' }, { csrfFrom: '/admin/support' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('dismissDays must be a whole number');
  });
});
