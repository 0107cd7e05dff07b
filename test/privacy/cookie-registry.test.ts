import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from 'light-my-request';
import { findStorageEntry, STORAGE_REGISTRY } from '../../src/privacy/cookie-registry.js';
import { AdminClient, csrfToken } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';
import { startSmtpServer } from '../support/smtp.js';

let app: TestApp | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  while (cleanups.length) await cleanups.pop()!();
});

/** Every cookie name a response sets (or clears: clearing is setting, too). */
const cookieNames = (res: Response) => [res.headers['set-cookie'] ?? []].flat().map((c) => c.slice(0, c.indexOf('=')));

/** Every GET route, with path parameters filled from `params`; routes with unknown parameters are skipped. */
function getRoutes(t: TestApp, params: Record<string, string>, filter: (url: string) => boolean): string[] {
  const urls = new Set<string>();
  for (const r of t.http.routeList) {
    if (r.method !== 'GET' || !filter(r.url) || r.url.includes('*')) continue;
    let missing = false;
    const url = r.url.replace(/:(\w+)(\.gif)?/g, (_m, name: string, ext: string | undefined) => {
      const v = params[name];
      if (v === undefined) missing = true;
      return (v ?? '') + (ext ?? '');
    });
    if (!missing) urls.add(url);
  }
  return [...urls];
}

describe('the storage registry', () => {
  it('matches exact names and prefixes, of the right kind only', () => {
    expect(findStorageEntry('mh_session', 'cookie')?.essential).toBe(true);
    expect(findStorageEntry('masthead:draft:article:4:rev2', 'localStorage')?.name).toBe('masthead:draft:');
    expect(findStorageEntry('mh_ads_cap_12', 'localStorage')?.prefix).toBe(true);
    expect(findStorageEntry('mh_session', 'localStorage')).toBeNull();
    expect(findStorageEntry('mh_sessions', 'cookie')).toBeNull();
    expect(findStorageEntry('_ga', 'cookie')).toBeNull();
    for (const e of STORAGE_REGISTRY) expect(e.purpose.length, e.name).toBeGreaterThan(20);
  });
});

describe('cookies set by real responses', () => {
  it('sets no cookie at all for an anonymous reader of the home, article, section, tag and author pages', async () => {
    app = await buildApp();
    const a = await createArticle(app, { slug: 'ferry-fares', section: 'Transport', tags: ['Ferries'], authors: [{ name: 'Ana Ruiz' }] });
    for (const url of ['/', `/articles/${a.slug}`, '/sections/transport', '/tags/ferries', '/authors/ana-ruiz']) {
      for (const round of [1, 2]) {
        const res = await app.http.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        // The second round is answered from the page cache: it must not add one either.
        expect(res.headers['set-cookie'], `${url} (round ${round})`).toBeUndefined();
      }
    }
  });

  it('sets only registered cookies across anonymous, member, patron and staff flows', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    app = await buildApp({ config: { smtpUrl: smtp.url } });
    const t = app;
    const a = await createArticle(t, { slug: 'ferry-fares', section: 'Transport', tags: ['Ferries'], authors: [{ name: 'Ana Ruiz' }] });
    const article = (await t.services.articles.findArticle(a.slug))!;
    const seen = new Map<string, string>();
    const record = (res: Response, what: string) => {
      for (const name of cookieNames(res)) seen.set(name, what);
      return res;
    };
    const params = { slug: a.slug, id: '1', token: 'no-such-token', articleId: String(article.id), n: '0' };

    // Anonymous: every public GET route, then the actions a reader can take without an account.
    for (const url of getRoutes(t, params, (u) => !u.startsWith('/admin'))) record(await t.http.inject({ method: 'GET', url }), `anonymous GET ${url}`);
    const form = (url: string, fields: Record<string, string>, cookie = '') =>
      t.http.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      });
    record(await form(`/articles/${a.slug}/report`, { quote: 'The first paragraph', suggestion: 'It was the second.', revision: '1' }), 'anonymous report');
    record(await form('/republish', { name: 'Valley Ledger', email: 'desk@example.org', articles: a.slug, message: 'May we?' }), 'republish request');

    // A reader signs up with the emailed link, then a patron signs in the same way.
    await t.services.patrons.grantPatronage({ email: 'patron@example.org', tierId: null, until: null, note: 'test' }, { now: t.clock(), actor: null });
    for (const email of ['reader@example.org', 'patron@example.org']) {
      const before = smtp.messages.length;
      record(await form('/account/sign-in', { email }), `${email} asks for a link`);
      // Mail goes out as jobs: the patron's welcome may arrive in between, so look for the mail with the link.
      const linkRe = /https:\/\/news\.example\.test(\/account\/sign-in\/[\w-]+)/;
      const linkMail = () => smtp.messages.slice(before).find((m) => m.to && JSON.stringify(m.to).includes(email) && linkRe.test(String(m.text)));
      for (let i = 0; i < 100 && !linkMail(); i++) await new Promise((r) => setTimeout(r, 20));
      const link = linkRe.exec(String(linkMail()?.text))![1]!;
      // Pressing the button: the link's page sets its pre-session cookie and carries the form token.
      const page = record(await t.http.inject({ method: 'GET', url: link }), `${email} opens the link`);
      const nonce = [page.headers['set-cookie'] ?? []]
        .flat()
        .map((c) => c.split(';')[0])
        .join('; ');
      const signedIn = record(await form(link, { _csrf: csrfToken(page.body) }, nonce), `${email} signs in`);
      expect(signedIn.statusCode).toBe(303);
      const cookie = [signedIn.headers['set-cookie'] ?? []]
        .flat()
        .map((c) => c.split(';')[0])
        .join('; ');
      for (const url of getRoutes(t, params, (u) => !u.startsWith('/admin')))
        record(await t.http.inject({ method: 'GET', url, headers: { cookie } }), `${email} GET ${url}`);
      const account = await t.http.inject({ method: 'GET', url: '/account', headers: { cookie } });
      record(await form('/account/sign-out', { _csrf: csrfToken(account.body) }, cookie), `${email} signs out`);
    }

    // Staff: log in with a one-time link, open every admin page, save an article, log out.
    const owner = await t.services.accounts.createUser({ email: 'owner@example.org', name: 'Owner', role: 'owner' }, { now: t.clock(), actor: null });
    if (!owner.ok) throw new Error(owner.message);
    const token = await t.services.accounts.issueLoginToken(owner.user.id, t.clock());
    const staff = new AdminClient(t);
    record(await staff.get(`/admin/login/link/${token}`), 'staff opens login link');
    record(await staff.post(`/admin/login/link/${token}`, {}, { csrfFrom: `/admin/login/link/${token}` }), 'staff logs in');
    expect(staff.cookies.has('mh_session')).toBe(true);
    for (const url of getRoutes(t, { ...params, id: String(article.id) }, (u) => u.startsWith('/admin'))) record(await staff.get(url), `staff GET ${url}`);
    record(await staff.post('/admin/logout', {}, { csrfFrom: '/admin' }), 'staff logs out');

    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining(['mh_csrf', 'mh_member', 'mh_patron', 'mh_session']));
    const unregistered = [...seen].filter(([name]) => !findStorageEntry(name, 'cookie')).map(([name, where]) => `${name} (first seen: ${where})`);
    expect(unregistered).toEqual([]);
  });
});
