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
    const page = await app.http.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Continue to your account');
    const signIn = await app.http.inject({ method: 'POST', url: path, headers: { 'user-agent': 'TestBrowser/1.0' } });
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

    const again = await app.http.inject({ method: 'POST', url: path });
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
    app.fixedClock.advance(31 * 60_000);
    expect((await app.http.inject({ method: 'GET', url: path })).statusCode).toBe(410);
    expect((await app.http.inject({ method: 'POST', url: path })).statusCode).toBe(410);
  });

  it('names a bad address, and limits links per address and per network', async () => {
    await withMail();
    const bad = await ask('not-an-email');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Email must be an email address');
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
