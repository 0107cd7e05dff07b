import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';
import { memberClient } from '../support/members.js';

let app: TestApp;
const databases = await testDatabases();
afterEach(async () => app?.close());

/** Through the real listener, where the page cache answers before Fastify. */
function request(url: string, headers: Record<string, string> = {}) {
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server not listening');
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: address.port, path: url, headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

async function withStory() {
  app = await buildApp();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  await createArticle(app, { slug: 'river-story', headline: 'The river rises' });
}

const appealIn = (html: string) =>
  /<aside class="support-appeal" id="support-appeal" hidden(?:="")? data-appeal-skip="(\d+)" data-appeal-dismiss-days="(\d+)"/.exec(html);

describe('the support appeal', () => {
  it('is in the shared page for anonymous readers, hidden until its island decides, and the page stays cached', async () => {
    await withStory();
    const first = await request('/articles/river-story');
    const second = await request('/articles/river-story');
    expect(second.headers['x-cache']).toBe('HIT');
    const appeal = appealIn(second.body);
    expect(appeal, 'appeal markup').not.toBeNull();
    expect(appeal!.slice(1)).toEqual(['2', '30']);
    expect(second.body).toContain('This story was paid for by readers');
    expect(second.body).toMatch(/<a class="appeal-join" href="\/support">Become a patron<\/a>/);
    expect(second.body).toMatch(/<script type="module" src="\/assets\/appeal\.[0-9a-f]{12}\.js">/);
    expect(first.body).toBe(second.body);
    const script = await request(/src="(\/assets\/appeal\.[0-9a-f]{12}\.js)"/.exec(second.body)![1]!);
    expect(script.status).toBe(200);
    expect(script.body).toContain('mh.appeal.dismissedUntil');
  });

  it('is shown to signed-in readers who are not patrons, and never to patrons', async () => {
    await withStory();
    const reader = await memberClient(app);
    const patron = await memberClient(app, { patron: true });
    const asReader = await request('/articles/river-story', { cookie: reader.cookie });
    const asPatron = await request('/articles/river-story', { cookie: patron.cookie });
    expect(asReader.headers['x-cache']).toBeUndefined();
    expect(asReader.headers['cache-control']).toBe('private, no-store');
    expect(appealIn(asReader.body)).not.toBeNull();
    expect(asPatron.headers['cache-control']).toBe('private, no-store');
    expect(asPatron.body).not.toContain('support-appeal');
    expect(asPatron.body).toContain('<h1>The river rises</h1>');
    // A patron's visit must not have put a page without the appeal into the shared cache.
    expect(appealIn((await request('/articles/river-story')).body)).not.toBeNull();
  });

  it('keeps the patron hint cookie in step with patronage, so a lapsed patron sees the appeal again', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'river-story', headline: 'The river rises' });
    const patron = await memberClient(app, { email: 'hint@example.org', patron: { tierId: null, until: '2026-12-10' } });
    const first = await app.http.inject({ method: 'GET', url: '/articles/river-story', headers: patron.headers });
    expect(String(first.headers['set-cookie'])).toMatch(/^mh_patron=1; Max-Age=\d+; Path=\/; Secure; SameSite=Lax$/);
    const withHint = { ...patron.headers, cookie: `${patron.cookie}; mh_patron=1` };
    expect((await app.http.inject({ method: 'GET', url: '/articles/river-story', headers: withHint })).headers['set-cookie']).toBeUndefined();
    app.fixedClock.advance(20 * 86_400_000);
    const lapsed = await app.http.inject({ method: 'GET', url: '/articles/river-story', headers: withHint });
    expect(String(lapsed.headers['set-cookie'])).toMatch(/^mh_patron=; Max-Age=0/);
    expect(appealIn(lapsed.body)).not.toBeNull();
  });

  it('takes its words and caps from the settings, which purge the cached pages', async () => {
    await withStory();
    await request('/articles/river-story');
    const owner = { id: 1, name: 'Owner', role: 'owner' as const };
    const saved = await app.services.patrons.updateSupportSettings(
      { appealHeading: 'Keep <the> river desk going', skipFirstArticles: 5, dismissDays: 7 },
      { now: app.clock(), actor: owner },
    );
    expect(saved.ok).toBe(true);
    const after = await request('/articles/river-story');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toMatch(/Keep &lt;the(&gt;|>) river desk going/);
    expect(appealIn(after.body)!.slice(1)).toEqual(['5', '7']);

    await app.services.patrons.updateSupportSettings({ appealEnabled: false }, { now: app.clock(), actor: owner });
    expect((await request('/articles/river-story')).body).not.toContain('support-appeal');
    const bad = await app.services.patrons.updateSupportSettings({ dismissDays: 0 }, { now: app.clock(), actor: owner });
    expect(bad).toMatchObject({ ok: false, field: 'dismissDays' });
  });
});

describe('the support page', () => {
  it('is shared while nothing changes, and a new patron purges it', async () => {
    await withStory();
    await request('/support');
    expect((await request('/support')).headers['x-cache']).toBe('HIT');
    await memberClient(app, { patron: true });
    const after = await request('/support');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('One reader is a patron already.');
  });
});

describe('patronages that run out', () => {
  it('purge the board and /support on the timer’s next check, and only then', async () => {
    await withStory();
    const start = app.clock();
    await memberClient(app, { patron: { tierId: null, until: '2026-11-29' } });
    await request('/support');
    expect((await request('/support')).body).toContain('One reader is a patron already.');
    app.fixedClock.advance(86_400_000);
    expect(await app.services.patrons.purgeLapsed(start, app.clock())).toBe(false);
    expect((await request('/support')).headers['x-cache']).toBe('HIT');
    const checked = app.clock();
    app.fixedClock.advance(3 * 86_400_000);
    expect(await app.services.patrons.purgeLapsed(checked, app.clock())).toBe(true);
    const after = await request('/support');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).not.toContain('patron already');
  });
});

describe('a reader’s account', () => {
  it('shows patron status, saves a name, and refuses a form from elsewhere', async () => {
    app = await buildApp();
    const patron = await memberClient(app, { email: 'pat@example.org', patron: { tierId: null, until: '2027-03-31' } });
    const page = await app.http.inject({ method: 'GET', url: '/account', headers: patron.headers });
    expect(page.body).toContain('You are a patron (Patron), until 2027-03-31');
    expect((await patron.post('/account/name', { name: 'Pat <b>Reader</b>' })).statusCode).toBe(303);
    const after = await app.http.inject({ method: 'GET', url: '/account?saved=1', headers: patron.headers });
    expect(after.body).toContain('value="Pat &lt;b>Reader&lt;/b>"');
    const tooLong = await patron.post('/account/name', { name: 'x'.repeat(81) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('<p class="notice error" id="name-error" role="alert">This is too long: at most 80 characters.</p>');
    const forged = await app.http.inject({
      method: 'POST',
      url: '/account/name',
      payload: 'name=Mallory',
      headers: { ...patron.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.statusCode).toBe(403);
    const anonymous = await app.http.inject({
      method: 'POST',
      url: '/account/name',
      payload: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it.each(databases)('exports what we hold, as JSON to download (%s)', async (database) => {
    app = await buildApp({ database });
    const reader = await memberClient(app, { email: 'export@example.org', patron: true });
    const proposed = await app.services.topics.propose(
      { memberId: reader.member.id, title: 'Who owns the riverside lots?', description: 'Asking for a neighbour.' },
      app.clock(),
    );
    expect(proposed.ok).toBe(true);
    const res = await app.http.inject({ method: 'GET', url: '/account/export', headers: reader.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="my-reader-data.json"');
    const data = res.json();
    expect(data.member).toMatchObject({ email: 'export@example.org' });
    expect(data.sessions).toHaveLength(1);
    expect(data.patronages).toEqual([expect.objectContaining({ source: 'manual', status: 'active', note: 'test grant' })]);
    expect(data.topics.proposals).toEqual([expect.objectContaining({ title: 'Who owns the riverside lots?', description: 'Asking for a neighbour.' })]);
    expect(data.topics.votes).toHaveLength(1);
  });

  it.each(databases)('erases the account only when the reader types their address, and signs them out (%s)', async (database) => {
    app = await buildApp({ database });
    const reader = await memberClient(app, { email: 'gone@example.org', patron: true });
    const wrong = await reader.post('/account/delete', { confirm: 'someone@example.org' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Type the email address you sign in with');
    expect(await app.services.members.findMemberByEmail('gone@example.org')).not.toBeNull();

    const res = await reader.post('/account/delete', { confirm: ' Gone@Example.org ' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/mh_member=;/);
    expect(await app.services.members.findMemberByEmail('gone@example.org')).toBeNull();
    expect(await app.services.patrons.listPatronages(reader.member.id)).toEqual([]);
    const after = await app.http.inject({ method: 'GET', url: '/account', headers: reader.headers });
    expect(after.statusCode).toBe(303);
  });

  it('signs out this device, or every device', async () => {
    app = await buildApp();
    const one = await memberClient(app, { email: 'two-devices@example.org' });
    const two = await memberClient(app, { email: 'two-devices@example.org' });
    expect((await app.http.inject({ method: 'GET', url: '/account', headers: one.headers })).body).toContain('Sign out on all 2 devices');
    expect((await one.post('/account/sign-out')).statusCode).toBe(303);
    expect((await app.http.inject({ method: 'GET', url: '/account', headers: one.headers })).statusCode).toBe(303);
    expect((await app.http.inject({ method: 'GET', url: '/account', headers: two.headers })).statusCode).toBe(200);
    const three = await memberClient(app, { email: 'two-devices@example.org' });
    await three.post('/account/sign-out-everywhere');
    expect((await app.http.inject({ method: 'GET', url: '/account', headers: two.headers })).statusCode).toBe(303);
  });
});
