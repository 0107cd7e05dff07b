import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import type { TestApp } from '../support/app.js';
import { bilingualOutlet } from '../support/bilingual.js';
import { memberClient } from '../support/members.js';
import { startSmtpServer } from '../support/smtp.js';

/**
 * A subscriber's language is the page they signed up on: a signup from /uk/ gets its confirmation mail and
 * every issue in Ukrainian, with /uk/ links (unsubscribe, the web version), and those pages answer in
 * Ukrainian; a root signup keeps English mail and unprefixed links. Story links are each story's own
 * address in both. Over a real SMTP server.
 */

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;
let app: TestApp | null = null;
let smtp: Smtp | null = null;

afterEach(async () => {
  await app?.close();
  await smtp?.close();
  app = null;
  smtp = null;
});

async function setup() {
  smtp = await startSmtpServer({});
  app = await bilingualOutlet({
    config: { smtpUrl: smtp.url, newsletters: { smtpUrl: null, rate: 500, connections: 2, leaseMs: 60_000, dkim: null } },
  });
  const created = await app.services.newsletters.saveNewsletter(
    null,
    { slug: 'morning', name: 'Morning briefing', description: '', senderName: 'Desk', senderEmail: 'desk@news.example.test', audience: 'anyone' },
    app.clock(),
  );
  if (!created.ok) throw new Error(created.message);
  return { a: app, s: smtp, newsletterId: created.newsletter.id };
}

const form = (a: TestApp, url: string, fields: Record<string, string>) =>
  a.http.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.7' },
    payload: new URLSearchParams(fields).toString(),
  });

async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const mailTo = (s: Smtp, address: string) => s.messages.filter((m) => to(m) === address);
const unsubscribeHeader = (m: ParsedMail) =>
  m.headerLines
    .find((l) => l.key === 'list-unsubscribe')
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ')
    .match(/<(https:\/\/[^>]+)>/)?.[1];

/** Sends one published story to the list now, through the job queue. */
async function sendStory(a: TestApp, newsletterId: number, slug: string) {
  const issue = await a.services.newsletters.createIssue({ newsletterId, articleSlugs: [slug], sendAt: null, createdBy: 'editor@example.org' }, a.clock());
  if (!issue.ok) throw new Error(issue.message);
  await a.jobs.drain();
}

/** Signs up from `page`'s language and confirms by the mailed link; returns the link. */
async function signUp(a: TestApp, s: Smtp, prefix: '' | '/uk', email: string): Promise<string> {
  const res = await form(a, `${prefix}/newsletters/subscribe`, { newsletter: 'morning', email });
  expect(res.statusCode).toBe(200);
  await waitFor(() => mailTo(s, email).length === 1, 'the confirmation mail');
  const link = /https:\/\/news\.example\.test\/\S+/.exec(mailTo(s, email)[0]!.text ?? '')?.[0];
  expect(link).toBeDefined();
  return link!;
}

describe('newsletter mail links in the subscriber’s language', () => {
  it('a signup from /uk/ gets /uk/ links and Ukrainian pages; a root signup stays unprefixed', async () => {
    const { a, s, newsletterId } = await setup();
    const ukLink = await signUp(a, s, '/uk', 'oksana@example.org');
    expect(ukLink).toMatch(/^https:\/\/news\.example\.test\/uk\/newsletters\/confirm\/[\w-]+$/);
    const ask = await a.http.inject({ url: new URL(ukLink).pathname });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('<html lang="uk"');
    expect(ask.body).toContain('Підтвердити підписку');
    // The button posts back under /uk/, so the answer is Ukrainian too.
    expect(ask.body).toContain(`action="${new URL(ukLink).pathname}"`);
    const confirmed = await form(a, new URL(ukLink).pathname, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Ви підписалися');
    expect(confirmed.body).not.toContain('You are subscribed');

    const rootLink = await signUp(a, s, '', 'ada@example.org');
    expect(rootLink).toMatch(/^https:\/\/news\.example\.test\/newsletters\/confirm\/[\w-]+$/);
    const rootAsk = await a.http.inject({ url: new URL(rootLink).pathname });
    expect(rootAsk.body).toContain('Confirm my subscription');
    expect(rootAsk.body).toContain(`action="${new URL(rootLink).pathname}"`);
    expect((await form(a, new URL(rootLink).pathname, {})).body).toContain('You are subscribed');

    await sendStory(a, newsletterId, 'bridges-checked');
    await waitFor(() => mailTo(s, 'oksana@example.org').length === 2 && mailTo(s, 'ada@example.org').length === 2, 'the issue to both');

    const ukIssue = mailTo(s, 'oksana@example.org')[1]!;
    const ukUnsubscribe = unsubscribeHeader(ukIssue);
    expect(ukUnsubscribe).toMatch(/^https:\/\/news\.example\.test\/uk\/newsletters\/unsubscribe\/[\w-]+$/);
    expect(ukIssue.html).toContain(`href="${ukUnsubscribe}"`);
    expect(ukIssue.text).toContain(`Відписатися можна одним кліком: ${ukUnsubscribe}`);
    expect(ukIssue.text).toContain('https://news.example.test/uk/newsletters/morning/1');
    const rootIssue = mailTo(s, 'ada@example.org')[1]!;
    expect(unsubscribeHeader(rootIssue)).toMatch(/^https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[\w-]+$/);
    expect(rootIssue.text).toContain('https://news.example.test/newsletters/morning/1');
    expect(rootIssue.text).not.toContain('/uk/');

    // The web version and the unsubscribe pages a Ukrainian subscriber opens are Ukrainian.
    const web = await a.http.inject({ url: '/uk/newsletters/morning/1' });
    expect(web.statusCode).toBe(200);
    expect(web.body).toContain('<html lang="uk"');
    expect(web.body).toContain('href="/uk/newsletters"');
    const leave = await a.http.inject({ url: new URL(ukUnsubscribe!).pathname });
    expect(leave.body).toContain('Більше не надсилати цю розсилку на oksana@example.org?');
    expect(leave.body).toContain(`action="${new URL(ukUnsubscribe!).pathname}"`);
    // RFC 8058 one-click: the mail client posts the header's URL.
    const oneClick = await a.http.inject({
      method: 'POST',
      url: new URL(ukUnsubscribe!).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('На oksana@example.org більше не надходитиме розсилка «Morning briefing».');
    expect(await a.services.newsletters.countSubscribers(newsletterId)).toMatchObject({ confirmed: 1, unsubscribed: 1 });
  });

  it('a list chosen on /uk/account/newsletters gets /uk/ links too', async () => {
    const { a, s, newsletterId } = await setup();
    const reader = await memberClient(a, { email: 'maria@example.org' });
    const chose = await reader.post('/uk/account/newsletters', { newsletters: 'morning' });
    expect(chose.statusCode).toBe(303);
    expect(chose.headers.location).toBe('/uk/account/newsletters?saved=1');
    await sendStory(a, newsletterId, 'bridges-checked');
    await waitFor(() => mailTo(s, 'maria@example.org').length === 1, 'the issue');
    expect(unsubscribeHeader(mailTo(s, 'maria@example.org')[0]!)).toMatch(/^https:\/\/news\.example\.test\/uk\/newsletters\/unsubscribe\/[\w-]+$/);
  });

  it('a counted issue: each language’s copy has its own counted web link, which leads to that language’s page', async () => {
    const { a, s, newsletterId } = await setup();
    expect((await a.services.privacy.updateSettings({ newsletterCounting: true }, { now: a.clock(), actor: null })).ok).toBe(true);
    const link = await signUp(a, s, '/uk', 'oksana@example.org');
    expect((await form(a, new URL(link).pathname, {})).statusCode).toBe(200);
    await a.services.newsletters.importCsv('email\nada@example.org\n', { newsletterId, confirmed: true, now: a.clock() });
    await sendStory(a, newsletterId, 'bridges-checked');
    await waitFor(() => mailTo(s, 'oksana@example.org').length === 2 && mailTo(s, 'ada@example.org').length === 1, 'the issue to both');
    /** Where each counted link of a mail leads. */
    const destinations = async (m: ParsedMail) => {
      const clicks = [...(m.html as string).matchAll(/href="https:\/\/news\.example\.test(\/newsletters\/click\/[^"]+)"/g)].map((x) => x[1]!);
      expect(clicks.length).toBeGreaterThan(0);
      return Promise.all(clicks.map(async (url) => (await a.http.inject({ url })).headers.location));
    };
    const uk = await destinations(mailTo(s, 'oksana@example.org')[1]!);
    const root = await destinations(mailTo(s, 'ada@example.org')[0]!);
    expect(uk).toContain('https://news.example.test/uk/newsletters/morning/1');
    expect(uk).not.toContain('https://news.example.test/newsletters/morning/1');
    expect(root).toContain('https://news.example.test/newsletters/morning/1');
    expect(root).not.toContain('https://news.example.test/uk/newsletters/morning/1');
    // The unsubscribe link stays direct (never counted), under the subscriber's prefix.
    expect(mailTo(s, 'oksana@example.org')[1]!.html).toMatch(/href="https:\/\/news\.example\.test\/uk\/newsletters\/unsubscribe\/[\w-]+"/);
  });

  it('links to the root once the outlet no longer publishes in the subscriber’s language', async () => {
    const { a, s, newsletterId } = await setup();
    const link = await signUp(a, s, '/uk', 'oksana@example.org');
    expect((await form(a, new URL(link).pathname, {})).statusCode).toBe(200);
    const saved = await a.services.site.updateSettings({ languages: [] as never });
    expect(saved.ok).toBe(true);
    await sendStory(a, newsletterId, 'ferry-timetable');
    await waitFor(() => mailTo(s, 'oksana@example.org').length === 2, 'the issue');
    const mail = mailTo(s, 'oksana@example.org')[1]!;
    expect(unsubscribeHeader(mail)).toMatch(/^https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[\w-]+$/);
    expect(mail.text).not.toContain('/uk/');
    // The words follow the links: the root pages are English, so is the mail.
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.text).toContain('Unsubscribe in one click: https://news.example.test/newsletters/unsubscribe/');
    expect(mail.text).not.toContain('Відписатися');
  });
});

/** The mail's own words (not the editors' subject, intro or the stories), as a reader sees them: the text part. */
const EN_CONFIRM = (outlet: string, link: string) =>
  `Someone, probably you, asked to receive Morning briefing from ${outlet} at this address.\n\n` +
  `To confirm, open this link:\n${link}\n\n` +
  'If it was not you, ignore this message: without the confirmation you will get nothing more, and the address is deleted in 7 days.';

describe('newsletter mail in the subscriber’s language', () => {
  it('the confirmation mail: Ukrainian from /uk/, English from the root, word for word as before', async () => {
    const { a, s } = await setup();
    const outlet = (await a.services.site.getSettings()).name;
    const ukLink = await signUp(a, s, '/uk', 'oksana@example.org');
    const uk = mailTo(s, 'oksana@example.org')[0]!;
    expect(uk.subject).toBe('Підтвердьте підписку на «Morning briefing»');
    expect(uk.text?.trim()).toBe(
      `Хтось, імовірно ви, попросив надсилати «Morning briefing» від ${outlet} на цю адресу.\n\n` +
        `Щоб підтвердити, відкрийте це посилання:\n${ukLink}\n\n` +
        'Якщо це були не ви, не зважайте на цей лист: без підтвердження ви більше нічого не отримаєте, а адресу буде видалено за 7 днів.',
    );

    const rootLink = await signUp(a, s, '', 'ada@example.org');
    const en = mailTo(s, 'ada@example.org')[0]!;
    expect(en.subject).toBe('Confirm your subscription to Morning briefing');
    expect(en.text?.trim()).toBe(EN_CONFIRM(outlet, rootLink));
  });

  it('an issue: Ukrainian words and lang for a /uk/ subscriber, English for a root one; every story links to its own address', async () => {
    const { a, s, newsletterId } = await setup();
    await a.services.newsletters.importCsv('email\nada@example.org\n', { newsletterId, confirmed: true, now: a.clock() });
    const link = await signUp(a, s, '/uk', 'oksana@example.org');
    expect((await form(a, new URL(link).pathname, {})).statusCode).toBe(200);
    // A digest of the Ukrainian story and an English one.
    const issue = await a.services.newsletters.createIssue(
      { newsletterId, articleSlugs: ['mosty-pereviriaiut-pislia-poveni', 'ferry-timetable'], sendAt: null, createdBy: 'editor@example.org' },
      a.clock(),
    );
    if (!issue.ok) throw new Error(issue.message);
    await a.jobs.drain();
    await waitFor(() => mailTo(s, 'oksana@example.org').length === 2 && mailTo(s, 'ada@example.org').length === 1, 'the issue to both');
    const uk = mailTo(s, 'oksana@example.org')[1]!;
    const en = mailTo(s, 'ada@example.org')[0]!;
    const outlet = (await a.services.site.getSettings()).name;

    expect(uk.html).toContain('<html lang="uk"');
    expect(uk.text).toContain('Читати цей випуск на сайті: https://news.example.test/uk/newsletters/morning/1');
    expect(uk.text).toContain(`Ви отримуєте «Morning briefing» від ${outlet}, бо підписалися на цю розсилку.`);
    expect(uk.html).toMatch(/<a href="https:\/\/news\.example\.test\/uk\/newsletters\/unsubscribe\/[\w-]+"[^>]*>Відписатися<\/a> можна одним кліком\./);
    expect(uk.text).toContain('Автор: Olena Marchuk');
    for (const english of ['Read this issue', 'You receive', 'Unsubscribe', 'By Olena']) {
      expect(uk.text, english).not.toContain(english);
      expect(uk.html, english).not.toContain(english);
    }

    expect(en.html).toContain('<html lang="en"');
    expect(en.text).toContain('Read this issue on the web: https://news.example.test/newsletters/morning/1');
    expect(en.text).toContain(`You receive Morning briefing from ${outlet} because you signed up for it.`);
    expect(en.html).toMatch(/<a href="https:\/\/news\.example\.test\/newsletters\/unsubscribe\/[\w-]+"[^>]*>Unsubscribe<\/a> in one click\./);
    expect(en.text).toContain('By Olena Marchuk');
    expect(en.text).not.toContain('Автор');

    // The Ukrainian story is linked under /uk/ (its root address only redirects there), the English one at the root, in both copies.
    expect(await a.http.inject({ url: '/articles/mosty-pereviriaiut-pislia-poveni' })).toMatchObject({ statusCode: 301 });
    for (const mail of [uk, en]) {
      const stories = [...(mail.html as string).matchAll(/<h2[^>]*><a href="([^"]+)"/g)].map((m) => m[1]!);
      expect(stories).toEqual(['https://news.example.test/uk/articles/mosty-pereviriaiut-pislia-poveni', 'https://news.example.test/articles/ferry-timetable']);
      for (const url of stories) expect((await a.http.inject({ url: new URL(url).pathname })).statusCode, url).toBe(200);
      expect(mail.text).toContain('https://news.example.test/uk/articles/mosty-pereviriaiut-pislia-poveni\n');
    }
  });
});
