import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';
import { memberClient } from '../support/members.js';
import { startSmtpServer } from '../support/smtp.js';

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let app: TestApp | null = null;
let smtp: Smtp | null = null;

afterEach(async () => {
  await app?.close();
  await smtp?.close();
  app = null;
  smtp = null;
});

async function setup(rcptTo?: (address: string) => number | null) {
  smtp = await startSmtpServer(rcptTo ? { rcptTo } : {});
  app = await buildApp({ config: { smtpUrl: smtp.url, newsletters: { smtpUrl: null, rate: 500, connections: 3, leaseMs: 60_000, dkim: null } } });
  const created = await app.services.newsletters.saveNewsletter(
    null,
    {
      slug: 'morning',
      name: 'Morning briefing',
      description: 'The day’s news at seven.',
      senderName: 'The Test Desk',
      senderEmail: 'desk@news.example.test',
      audience: 'anyone',
    },
    app.clock(),
  );
  if (!created.ok) throw new Error(created.message);
  return { app, smtp, newsletter: created.newsletter };
}

const form = (a: TestApp, url: string, fields: Record<string, string>, ip = '203.0.113.7') =>
  a.http.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    payload: new URLSearchParams(fields).toString(),
  });

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const linkIn = (text: string, pattern: RegExp) => text.match(pattern)?.[0] ?? null;

async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

async function subscribeAndConfirm(a: TestApp, s: Smtp, email: string) {
  const before = s.messages.length;
  const res = await form(a, '/newsletters/subscribe', { newsletter: 'morning', email, website: '' });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('Check your inbox');
  await waitFor(() => s.messages.length > before, 'the confirmation mail');
  const mail = s.messages[s.messages.length - 1]!;
  expect(to(mail)).toBe(email);
  const link = linkIn(mail.text ?? '', /https:\/\/news\.example\.test\/newsletters\/confirm\/[\w-]+/)!;
  const path = new URL(link).pathname;
  // The link's page only asks; a mail scanner opening it confirms nothing.
  expect((await a.http.inject({ url: path })).body).toContain('Confirm my subscription');
  const confirmed = await form(a, path, {});
  expect(confirmed.statusCode).toBe(200);
  expect(confirmed.body).toContain('You are subscribed');
}

describe('newsletters over a real SMTP server', () => {
  it('subscribe, confirm, receive a story with one-click unsubscribe headers, unsubscribe by POST, then get nothing', async () => {
    const { app: a, smtp: s, newsletter } = await setup();
    const story = await createArticle(a, { headline: 'The bridge reopens on Monday' });
    // An address that signs up and never confirms gets no issue.
    await form(a, '/newsletters/subscribe', { newsletter: 'morning', email: 'never.confirms@example.org' });
    // Confirmation mail is a queued job: let the first one arrive before the next sign-up counts mail.
    await waitFor(() => s.messages.length === 1, 'the first confirmation mail');
    await subscribeAndConfirm(a, s, 'reader@example.org');
    await waitFor(() => s.messages.length === 2, 'both confirmation mails');

    const issue = await a.services.newsletters.createIssue(
      { newsletterId: newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'editor@example.org' },
      a.clock(),
    );
    expect(issue.ok).toBe(true);
    await a.jobs.drain();
    await waitFor(() => s.messages.length === 3, 'the issue');
    const mail = s.messages[2]!;
    expect(to(mail)).toBe('reader@example.org');
    expect(mail.subject).toBe('The bridge reopens on Monday');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.messageId).toMatch(/^<issue-\d+\.sub-\d+@news\.example\.test>$/);
    const header = (key: string) =>
      mail.headerLines
        .find((l) => l.key === key)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = header('list-unsubscribe')!;
    const httpsUrl = listUnsubscribe.match(/<(https:\/\/[^>]+)>/)?.[1];
    expect(listUnsubscribe).toMatch(/<mailto:[^>]+>/);
    expect(httpsUrl).toMatch(/^https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[\w-]+$/);
    // HTML with inlined styles and absolute links; the full story; a text part; the web version.
    expect(mail.html).toContain('The first paragraph of story');
    expect(mail.html).toMatch(/<td[^>]+style="[^"]*padding/);
    expect(mail.html).not.toContain('<style');
    expect(mail.html).toContain(`https://news.example.test/articles/${story.slug}`);
    expect(mail.text).toContain('The second paragraph.');
    expect(mail.text).toContain('https://news.example.test/newsletters/morning/1');
    expect(mail.html).toContain(httpsUrl);

    // The archive shows it; a repeat run of the job sends nothing more.
    expect((await a.http.inject({ url: '/newsletters/morning/1' })).body).toContain('The bridge reopens on Monday');
    expect(await a.services.newsletterSender.runIssue(issue.ok ? issue.issue.id : 0)).toEqual({ state: 'not-sending' });

    // RFC 8058: the mail client POSTs the header's URL with that body and no cookies.
    const one = await a.http.inject({
      method: 'POST',
      url: new URL(httpsUrl!).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('You have unsubscribed');
    expect((await a.http.inject({ method: 'POST', url: new URL(httpsUrl!).pathname, payload: '' })).statusCode).toBe(200);

    const second = await createArticle(a, { headline: 'Council passes the budget' });
    await a.services.newsletters.createIssue(
      { newsletterId: newsletter.id, articleSlugs: [second.slug], sendAt: null, createdBy: 'editor@example.org' },
      a.clock(),
    );
    await a.jobs.drain();
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages.length).toBe(3);
  });

  it('retries a 4xx reply with backoff and marks a 5xx reply as a bounce that stops mail after repeats', async () => {
    let busy = 1;
    const {
      app: a,
      smtp: s,
      newsletter,
    } = await setup((address) => {
      if (address === 'busy@example.org' && busy > 0) {
        busy--;
        return 451;
      }
      return address === 'gone@example.org' ? 550 : null;
    });
    const report = await a.services.newsletters.importCsv('email,name\nbusy@example.org,Busy\ngone@example.org,Gone\nfine@example.org,Fine\n', {
      newsletterId: newsletter.id,
      confirmed: true,
      now: a.clock(),
    });
    expect(report).toEqual({ ok: true, added: 3, alreadyThere: 0 });
    const story = await createArticle(a);
    const created = await a.services.newsletters.createIssue(
      { newsletterId: newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'e' },
      a.clock(),
    );
    if (!created.ok) throw new Error(created.message);
    await a.jobs.drain();
    expect(await a.services.newsletters.countDeliveries(created.issue.id)).toEqual({ queued: 1, sending: 0, sent: 1, failed: 0, bounced: 1 });
    expect(s.messages.map(to)).toEqual(['fine@example.org']);
    // The retry is due 30 s later (domain time): the follow-up job delivers it then.
    a.fixedClock.advance(31_000);
    await a.jobs.drain();
    expect(await a.services.newsletters.countDeliveries(created.issue.id)).toEqual({ queued: 0, sending: 0, sent: 2, failed: 0, bounced: 1 });
    expect(s.messages.map(to).sort()).toEqual(['busy@example.org', 'fine@example.org']);
    expect((await a.services.newsletters.findIssue(created.issue.id))!.status).toBe('sent');

    // Two more bounces (three in all) and the address gets nothing more.
    for (let i = 0; i < 2; i++) {
      const again = await a.services.newsletters.createIssue(
        { newsletterId: newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'e' },
        a.clock(),
      );
      if (!again.ok) throw new Error(again.message);
      await a.jobs.drain();
    }
    expect(await a.services.newsletters.countSubscribers(newsletter.id)).toMatchObject({ confirmed: 2, bouncing: 1 });
    const last = await a.services.newsletters.createIssue({ newsletterId: newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'e' }, a.clock());
    if (!last.ok) throw new Error(last.message);
    await a.jobs.drain();
    const counts = await a.services.newsletters.countDeliveries(last.issue.id);
    expect(counts.sent + counts.bounced + counts.queued).toBe(2);
    expect(counts.bounced).toBe(0);
  });

  it('sends a patron-only newsletter to patrons only, and keeps its issues out of the public archive', async () => {
    const { app: a, smtp: s } = await setup();
    const saved = await a.services.newsletters.saveNewsletter(
      null,
      { slug: 'insiders', name: 'Insiders', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'patrons' },
      a.clock(),
    );
    if (!saved.ok) throw new Error(saved.message);
    await memberClient(a, { email: 'patron@example.org', patron: true });
    await memberClient(a, { email: 'member@example.org' });
    await a.services.newsletters.importCsv('email\npatron@example.org\nmember@example.org\nstranger@example.org\n', {
      newsletterId: saved.newsletter.id,
      confirmed: true,
      now: a.clock(),
    });
    const story = await createArticle(a);
    const created = await a.services.newsletters.createIssue(
      { newsletterId: saved.newsletter.id, articleSlugs: [story.slug], sendAt: null, createdBy: 'e' },
      a.clock(),
    );
    if (!created.ok) throw new Error(created.message);
    await a.jobs.drain();
    // (The patron's welcome mail from the grant arrives too; only issues carry our Message-ID.)
    const issues = s.messages.filter((m) => m.messageId?.startsWith('<issue-'));
    expect(issues.map(to)).toEqual(['patron@example.org']);
    expect(issues[0]!.text).not.toContain('/newsletters/insiders/1');
    expect((await a.http.inject({ url: '/newsletters/insiders/1' })).statusCode).toBe(404);
  });

  it('a scheduled send waits for its time', async () => {
    const { app: a, smtp: s, newsletter } = await setup();
    await a.services.newsletters.importCsv('email\nlater@example.org\n', { newsletterId: newsletter.id, confirmed: true, now: a.clock() });
    const story = await createArticle(a);
    const created = await a.services.newsletters.createIssue(
      { newsletterId: newsletter.id, articleSlugs: [story.slug], sendAt: new Date(a.clock().getTime() + 3600_000), createdBy: 'e' },
      a.clock(),
    );
    expect(created.ok).toBe(true);
    await a.jobs.drain();
    expect(s.messages.length).toBe(0);
    a.fixedClock.advance(3600_000 + 1000);
    await a.jobs.drain();
    expect(s.messages.map(to)).toEqual(['later@example.org']);
  });

  it('refuses bad input: an invalid address, an unknown newsletter, a filled trap field, a CSV with broken rows', async () => {
    const { app: a, smtp: s, newsletter } = await setup();
    const bad = await form(a, '/newsletters/subscribe', { newsletter: 'morning', email: 'not an address<script>' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter an email address, such as name@example.org.');
    expect(bad.body).not.toContain('<script>');
    const unknown = await form(a, '/newsletters/subscribe', { newsletter: 'no-such-list', email: 'a@example.org' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('no such newsletter');
    const bot = await form(a, '/newsletters/subscribe', { newsletter: 'morning', email: 'bot@example.org', website: 'http://spam.example' });
    expect(bot.statusCode).toBe(200);
    expect((await a.services.newsletters.countSubscribers(newsletter.id)).pending).toBe(0);
    expect((await a.http.inject({ url: '/newsletters/confirm/not-a-real-token-at-all-xx' })).statusCode).toBe(404);
    expect((await form(a, '/newsletters/unsubscribe/not-a-real-token-at-all-xx', {})).statusCode).toBe(404);

    const report = await a.services.newsletters.importCsv(
      'email,name,subscribed_at\ngood@example.org,Good,2025-01-02\nbroken,Nobody,\nother@example.org,Other,yesterday\ngood@example.org,Again,\n"unclosed@example.org,x\n',
      { newsletterId: newsletter.id, confirmed: true, now: a.clock() },
    );
    expect(report.ok).toBe(false);
    const none = await a.services.newsletters.importCsv('email\nfine@example.org\nbroken\n', { newsletterId: newsletter.id, confirmed: false, now: a.clock() });
    expect(none).toEqual({ ok: false, problems: [{ line: 3, message: '"broken" is not an email address' }] });
    const rows = await a.services.newsletters.importCsv(
      'email,name,subscribed_at\ngood@example.org,Good,2025-01-02\nbroken,Nobody,\nother@example.org,Other,yesterday\ngood@example.org,Again,\n',
      { newsletterId: newsletter.id, confirmed: true, now: a.clock() },
    );
    expect(rows).toEqual({
      ok: false,
      problems: [
        { line: 3, message: '"broken" is not an email address' },
        { line: 4, message: '"yesterday" is not a date (use 2026-11-27 or 2026-11-27T09:30:00Z)' },
        { line: 5, message: 'good@example.org is already on line 2' },
      ],
    });
    // Nothing half-imported.
    expect(await a.services.newsletters.countSubscribers(newsletter.id)).toEqual({ pending: 0, confirmed: 0, unsubscribed: 0, bouncing: 0 });
    expect((await a.services.newsletters.importCsv('email\nx@example.org\n', { newsletterId: 999, confirmed: false, now: a.clock() })).ok).toBe(false);
    expect(s.messages.length).toBe(0);
  });

  it('limits confirmation mails per address, and deletes unconfirmed addresses after 7 days', async () => {
    const { app: a, smtp: s, newsletter } = await setup();
    for (let i = 0; i < 3; i++)
      expect((await form(a, '/newsletters/subscribe', { newsletter: 'morning', email: 'target@example.org' }, `198.51.100.${i + 1}`)).statusCode).toBe(200);
    expect((await form(a, '/newsletters/subscribe', { newsletter: 'morning', email: 'Target@EXAMPLE.org' }, '198.51.100.9')).statusCode).toBe(429);
    await waitFor(() => s.messages.length === 3, 'three confirmation mails');
    expect((await a.services.newsletters.countSubscribers(newsletter.id)).pending).toBe(1);
    a.fixedClock.advance(7 * 24 * 3600_000 + 1000);
    expect(await a.services.newsletters.pruneUnconfirmed(a.clock())).toBe(1);
    expect((await a.services.newsletters.countSubscribers(newsletter.id)).pending).toBe(0);
  });

  it('lets a signed-in reader choose newsletters on /account/newsletters', async () => {
    const { app: a, newsletter } = await setup();
    const reader = await memberClient(a, { email: 'acct@example.org' });
    const page = await a.http.inject({ url: '/account/newsletters', headers: reader.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Morning briefing');
    expect((await reader.post('/account/newsletters', { newsletters: 'morning' })).statusCode).toBe(303);
    expect((await a.services.newsletters.countSubscribers(newsletter.id)).confirmed).toBe(1);
    expect((await reader.post('/account/newsletters', {})).statusCode).toBe(303);
    expect(await a.services.newsletters.countSubscribers(newsletter.id)).toMatchObject({ confirmed: 0, unsubscribed: 1 });
    expect(
      (
        await a.http.inject({
          method: 'POST',
          url: '/account/newsletters',
          headers: { ...reader.headers, 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'newsletters=morning',
        })
      ).statusCode,
    ).toBe(403);
  });
});
