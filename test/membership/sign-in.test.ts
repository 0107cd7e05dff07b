import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { startSmtpServer } from '../support/smtp.js';
import { memberClient } from '../support/members.js';

let app: TestApp;
const databases = await testDatabases();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await app?.close();
  while (cleanups.length) await cleanups.pop()!();
});

async function withMail(database: 'sqlite' | 'postgres' = 'sqlite') {
  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  app = await buildApp({ database, config: { smtpUrl: smtp.url } });
  return smtp;
}

const ask = (email: string, ip = '198.51.100.4', next?: string) =>
  app.http.inject({
    method: 'POST',
    url: '/account/sign-in',
    payload: new URLSearchParams({ email, ...(next ? { next } : {}) }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
  });

const linkIn = (text: string) => {
  const m = /https:\/\/news\.example\.test(\/account\/sign-in\/[\w-]+(?:\?next=[^\s]+)?)/.exec(text);
  if (!m) throw new Error(`no sign-in link in: ${text}`);
  return m[1]!;
};

/** Opens a link's page as a browser does: its pre-session cookie and the button's form token. */
async function openLink(path: string) {
  const page = await app.http.inject({ method: 'GET', url: path });
  const cookie =
    [page.headers['set-cookie'] ?? []]
      .flat()
      .find((c) => c.startsWith('mh_signin='))
      ?.split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
  return { page, cookie, csrf };
}

/** Presses the page's button: posts its form token with the cookie the page set. */
const pressButton = (path: string, form: { cookie: string; csrf: string }, headers: Record<string, string> = {}) =>
  app.http.inject({
    method: 'POST',
    url: path,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ _csrf: form.csrf }).toString(),
  });

async function waitForMail(smtp: { messages: unknown[] }, n: number) {
  for (let i = 0; i < 100 && smtp.messages.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  expect(smtp.messages).toHaveLength(n);
}

describe('signing up and in with an emailed link', () => {
  it.each(databases)('mails a link through SMTP; the link creates the account, signs in once, and then stops working (%s)', async (database) => {
    const smtp = await withMail(database);
    const res = await ask('New.Reader@Example.org', undefined, '/topics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your email');
    expect(res.headers['cache-control']).toBe('private, no-store');
    await waitForMail(smtp, 1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toMatchObject({ text: 'new.reader@example.org' });
    expect(mail.subject).toBe('Confirm your email for Masthead');
    const path = linkIn(mail.text!);
    expect(path).toContain('?next=%2Ftopics');
    // No account until the link is used.
    expect(await app.services.members.findMemberByEmail('new.reader@example.org')).toBeNull();

    // Opening the link shows a button; a mail scanner fetching it does not use it up.
    const form = await openLink(path);
    expect(form.page.statusCode).toBe(200);
    expect(form.page.body).toContain('Continue to your account');
    const signIn = await pressButton(path, form, { 'user-agent': 'TestBrowser/1.0' });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/topics');
    const cookie = [signIn.headers['set-cookie']].flat().find((c) => c!.startsWith('mh_member='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);

    const account = await app.http.inject({ method: 'GET', url: '/account', headers: { cookie: cookie.split(';')[0]! } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('new.reader@example.org');
    expect(account.body).toContain('You are not a patron yet');
    expect(account.headers['cache-control']).toBe('private, no-store');

    const again = await pressButton(path, form);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('expired or was already used');
  });

  it('answers the same for a known and an unknown address, and tells the known one it is a sign-in', async () => {
    const smtp = await withMail();
    await app.services.members.ensureMember('known@example.org', app.clock());
    const known = await ask('known@example.org', '198.51.100.5');
    const unknown = await ask('stranger@example.org', '198.51.100.6');
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body.replace('known@example.org', 'X')).toBe(unknown.body.replace('stranger@example.org', 'X'));
    await waitForMail(smtp, 2);
    const subjects = smtp.messages.map((m) => `${(m.to as { text: string }).text}: ${m.subject}`).sort();
    expect(subjects).toEqual(['known@example.org: Your sign-in link for Masthead', 'stranger@example.org: Confirm your email for Masthead']);
  });

  it('expires links after 30 minutes', async () => {
    const smtp = await withMail();
    await ask('late@example.org');
    await waitForMail(smtp, 1);
    const path = linkIn(smtp.messages[0]!.text!);
    const form = await openLink(path);
    app.fixedClock.advance(31 * 60_000);
    expect((await app.http.inject({ method: 'GET', url: path })).statusCode).toBe(410);
    expect((await pressButton(path, form)).statusCode).toBe(410);
  });

  it('names a bad address, and limits links per address and per network', async () => {
    await withMail();
    const bad = await ask('not-an-email');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter an email address, such as name@example.org.');
    expect(bad.body).toContain('value="not-an-email"');

    for (let i = 0; i < 3; i++) expect((await ask('flood@example.org', `198.51.100.${10 + i}`)).statusCode).toBe(200);
    const fourth = await ask('flood@example.org', '198.51.100.20');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.body).toContain('already sent several links');

    const ip = '203.0.113.99';
    for (let i = 0; i < 10; i++) await ask(`reader${i}@example.org`, ip);
    const limited = await ask('one-more@example.org', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('never sends a reader elsewhere after signing in', async () => {
    const smtp = await withMail();
    await ask('safe@example.org', undefined, 'https://evil.example/steal');
    await ask('safe2@example.org', undefined, '//evil.example/');
    await ask('safe3@example.org', undefined, '/admin/users');
    await waitForMail(smtp, 3);
    for (const m of smtp.messages) expect(linkIn(m.text!)).not.toContain('next=');
  });

  it('a member cookie does not open the newsroom, and a forged cookie is dropped', async () => {
    app = await buildApp();
    const reader = await memberClient(app);
    const admin = await app.http.inject({ method: 'GET', url: '/admin', headers: { cookie: reader.cookie.replace('mh_member', 'mh_session') } });
    expect(admin.statusCode).toBe(303);
    expect(admin.headers.location).toMatch(/^\/admin\/login/);

    const forged = await app.http.inject({ method: 'GET', url: '/account', headers: { cookie: 'mh_member=made-up-token.signature' } });
    expect(forged.statusCode).toBe(303);
    expect(forged.headers.location).toBe('/account/sign-in?next=/account');
    expect(String(forged.headers['set-cookie'])).toMatch(/mh_member=;/);
    // Fingerprinted files never look the reader up (nor clear their cookie).
    const page = await app.http.inject({ method: 'GET', url: '/articles/none' });
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(page.body)![1]!;
    const asset = await app.http.inject({ method: 'GET', url: css, headers: { cookie: 'mh_member=made-up-token.signature' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['set-cookie']).toBeUndefined();
  });
});

describe('login CSRF on the sign-in button', () => {
  /** An attacker asks for a link to their own address and reads it from their own mailbox. */
  /** An attacker's link to their own account, and the victim's own link (mailed to the victim). */
  async function links() {
    const smtp = await withMail();
    await ask('attacker@example.org', '198.51.100.66');
    await waitForMail(smtp, 1);
    await ask('victim@example.org', '198.51.100.67');
    await waitForMail(smtp, 2);
    return { attacker: linkIn(smtp.messages[0]!.text!), victim: linkIn(smtp.messages[1]!.text!) };
  }
  const noSession = (res: { headers: Record<string, unknown> }) => expect(String(res.headers['set-cookie'] ?? '')).not.toContain('mh_member=');

  it('refuses a cross-site post of the bare form with our own 403 page, and the link still works afterwards', async () => {
    const { attacker: path } = await links();
    const forged = await app.http.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toMatch(/text\/html/);
    expect(forged.body).toContain('did not come from the page your link opened');
    noSession(forged);
    // Refused before the link is used: its owner can still press the real button.
    const form = await openLink(path);
    expect((await pressButton(path, form)).statusCode).toBe(303);
  });

  it("refuses the attacker's own form token in a browser that never opened the page", async () => {
    const { attacker: path, victim } = await links();
    const attackers = await openLink(path);
    expect(attackers.csrf).not.toBe('');
    // The victim's browser has no pre-session cookie (or its own, for another page): the token alone is not enough.
    const withoutCookie = await pressButton(path, { cookie: '', csrf: attackers.csrf });
    expect(withoutCookie.statusCode).toBe(403);
    noSession(withoutCookie);
    const victims = await openLink(victim);
    expect(victims.cookie).toMatch(/^mh_signin=/);
    const otherCookie = await pressButton(path, { cookie: victims.cookie, csrf: attackers.csrf });
    expect(otherCookie.statusCode).toBe(403);
    const forgedCookie = await pressButton(path, { cookie: 'mh_signin=chosen-by-attacker', csrf: attackers.csrf });
    expect(forgedCookie.statusCode).toBe(403);
  });

  it('refuses a form the browser says came from another site, even with a good token', async () => {
    const { attacker: path } = await links();
    const form = await openLink(path);
    const res = await pressButton(path, form, { 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    noSession(res);
    expect((await pressButton(path, form, { 'sec-fetch-site': 'same-origin' })).statusCode).toBe(303);
  });

  it('sets the pre-session cookie HttpOnly, SameSite=Strict and only for the sign-in pages', async () => {
    const { attacker: path } = await links();
    const page = await app.http.inject({ method: 'GET', url: path });
    const cookie = [page.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('mh_signin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/account\/sign-in/);
  });
});
