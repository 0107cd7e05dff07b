// The mail readers get besides newsletters (sign-in links, a patron's welcome, the answer to a correction report)
// is written in the reader's language, and its links stay in it: sign-in from a Ukrainian page gets Ukrainian words
// and a /uk link; a report on a Ukrainian story is answered in Ukrainian with the story's /uk address.
import { afterEach, describe, expect, it } from 'vitest';
import { bilingualOutlet } from '../support/bilingual.js';
import { buildApp, type TestApp } from '../support/app.js';
import { startSmtpServer } from '../support/smtp.js';

type SmtpSink = Awaited<ReturnType<typeof startSmtpServer>>;

let app: TestApp;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await app?.close();
  while (cleanups.length) await cleanups.pop()!();
});

async function smtpSink(): Promise<SmtpSink> {
  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  return smtp;
}

async function mailCount(smtp: SmtpSink, n: number) {
  for (let i = 0; i < 150 && smtp.messages.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  expect(smtp.messages).toHaveLength(n);
}

const askForLink = (url: string, email: string, ip: string) =>
  app.http.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ email }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
  });

const DESK = { id: 0, name: 'Desk', role: 'editor' as const };

describe('mail to readers in their language', () => {
  it('mails a sign-in link in the language of the page it was asked from, with a link that stays in it', async () => {
    const smtp = await smtpSink();
    app = await bilingualOutlet({ config: { smtpUrl: smtp.url } });
    await app.services.members.ensureMember('known@example.org', app.clock());
    expect((await askForLink('/uk/account/sign-in', 'new@example.org', '198.51.100.20')).statusCode).toBe(200);
    expect((await askForLink('/uk/account/sign-in', 'known@example.org', '198.51.100.21')).statusCode).toBe(200);
    expect((await askForLink('/account/sign-in', 'other@example.org', '198.51.100.22')).statusCode).toBe(200);
    await mailCount(smtp, 3);
    const to = (address: string) => smtp.messages.find((m) => (m.to as { text: string }).text === address)!;

    const fresh = to('new@example.org');
    expect(fresh.subject).toBe('Підтвердьте свою адресу для Masthead');
    expect(fresh.text).toContain('Посилання працює один раз, протягом 30 хвилин.');
    expect(fresh.text).toContain('Щоб підтвердити її та увійти, відкрийте:');
    expect(fresh.text).not.toContain('link works once');
    const link = /https:\/\/news\.example\.test(\/uk\/account\/sign-in\/[\w-]+)/.exec(fresh.text!)?.[1];
    expect(link).toBeDefined();
    const page = await app.http.inject({ method: 'GET', url: link! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lang="uk"');

    expect(to('known@example.org').subject).toBe('Ваше посилання для входу на Masthead');
    const english = to('other@example.org');
    expect(english.subject).toBe('Confirm your email for Masthead');
    expect(english.text).toContain('The link works once, for 30 minutes.');
    expect(english.text).toMatch(/https:\/\/news\.example\.test\/account\/sign-in\/[\w-]+/);
  });

  it("answers a correction report in the story's language, linking the story under its own prefix", async () => {
    const smtp = await smtpSink();
    app = await bilingualOutlet({ config: { smtpUrl: smtp.url } });
    const report = async (article: string, exact: string) => {
      const res = await app.services.corrections.submitReport(
        { article, quote: { exact }, suggestion: 'The span count is wrong.', email: 'reader@example.org' },
        app.clock(),
      );
      expect(res).toMatchObject({ ok: true });
      return (res as { id: number }).id;
    };
    const uk = await report('mosty-pereviriaiut-pislia-poveni', 'обійшли кожен проліт');
    const en = await report('ferry-timetable', 'runs hourly');
    expect(await app.services.corrections.setStatus(uk, 'accepted', DESK, app.clock())).toEqual({ ok: true, notified: 1 });
    expect(await app.services.corrections.setStatus(en, 'rejected', DESK, app.clock())).toEqual({ ok: true, notified: 1 });
    await mailCount(smtp, 2);
    // Mail goes out through the job queue: in no promised order.
    const first = smtp.messages.find((m) => m.text?.includes('Мости'));
    const second = smtp.messages.find((m) => m.text?.includes('Ferry'));
    expect(first!.subject).toBe('Ваше повідомлення для Masthead');
    expect(first!.text).toContain('Дякуємо за ваше повідомлення щодо «Мости перевіряють після повені». Наші редактори погодилися й виправили текст.');
    expect(first!.text).toContain('https://news.example.test/uk/articles/mosty-pereviriaiut-pislia-poveni');
    expect(second!.subject).toBe('Your report to Masthead');
    expect(second!.text).toContain(
      'Thank you for your report about “Ferry timetable changes”. Our editors checked the passage and decided to leave it as it is.',
    );
  });

  it("welcomes a patron added by hand in the outlet's own language", async () => {
    const smtp = await smtpSink();
    app = await buildApp({ config: { smtpUrl: smtp.url } });
    expect((await app.services.site.updateSettings({ language: 'uk' })).ok).toBe(true);
    const granted = await app.services.patrons.grantPatronage(
      { email: 'patron@example.org', tierId: null, until: '2027-06-30', note: 'bank transfer' },
      { now: app.clock(), actor: null },
    );
    expect(granted.ok).toBe(true);
    await mailCount(smtp, 1);
    const mail = smtp.messages[0]!;
    expect(mail.subject).toBe('Ви — патрон Masthead');
    expect(mail.text).toContain('Дякуємо. Редакція Masthead оформила вам патронат до 2027-06-30 включно.');
    // The default language has no prefix: the sign-in page is at the root.
    expect(mail.text).toContain('https://news.example.test/account/sign-in?next=/topics');
  });
});
