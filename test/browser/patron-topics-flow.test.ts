import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMembersCli } from '../../src/membership/member-cli.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';
import { startSmtpServer } from '../support/smtp.js';

describe.skipIf(!browserAvailable)('patrons choose a topic, and the newsroom covers it, in Chromium', { timeout: 90_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildApp({ config: { smtpUrl: smtp.url } });
    await createArticle(app, {
      slug: 'ferry-timetable',
      headline: 'Why the night ferry stopped running',
      bodyMarkdown: 'The operator cut the last crossing in March.',
    });
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
  });

  /** Signs a reader up through the form and the link that arrives by SMTP, in their own browser. */
  async function signUp(email: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    const before = smtp.messages.length;
    await page.goto(`${origin}/topics`);
    await page.getByRole('link', { name: 'sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText('Check your email').waitFor();
    // Mail is a job: another message to this reader (the welcome of `members add`) may arrive first,
    // so look for the one that carries the sign-in link. The link goes to PUBLIC_URL; this test server stands in for it.
    const linkIn = (m: (typeof smtp.messages)[number]) =>
      (m.to as { text: string } | undefined)?.text === email ? /https:\/\/news\.example\.test(\/account\/sign-in\/\S+)/.exec(m.text ?? '')?.[1] : undefined;
    let link: string | undefined;
    for (let i = 0; i < 500 && !link; i++) {
      link = smtp.messages.slice(before).map(linkIn).find(Boolean);
      if (!link) await new Promise((r) => setTimeout(r, 20));
    }
    expect(link, `a sign-in link mailed to ${email}`).toBeDefined();
    await page.goto(`${origin}${link}`);
    await page.getByRole('button', { name: 'Continue to your account' }).click();
    await page.waitForURL(`${origin}/topics`);
    return page;
  }

  it('sign up by email → patron by hand → propose → a second patron votes → covered with an article → "Chosen by our patrons"', async () => {
    const requested: string[] = [];
    // 1. A reader signs up by email. Not a patron yet: the board tells them how to join.
    const ana = await signUp('ana@example.org');
    ana.on('request', (r) => requested.push(r.url()));
    await expect(ana.getByRole('link', { name: 'Become a patron' }).first().isVisible()).resolves.toBe(true);
    await expect(ana.locator('form.topic-propose').count()).resolves.toBe(0);

    // 2. An admin grants patronage by hand (a bank transfer) in the newsroom.
    const owner = await app.services.accounts.createUser({ email: 'owner@example.org', name: 'Owner', role: 'owner' }, { now: app.clock(), actor: null });
    if (!owner.ok) throw new Error(owner.message);
    const admin = await (await browser.newContext()).newPage();
    await admin.goto(`${origin}/admin/login/link/${await app.services.accounts.issueLoginToken(owner.user.id, app.clock())}`);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.waitForURL(`${origin}/admin`);
    await admin.getByRole('link', { name: 'Members' }).click();
    await admin.getByLabel('Email', { exact: true }).fill('ana@example.org');
    await admin.getByLabel(/^Note/).fill('Bank transfer, November');
    await admin.getByRole('button', { name: 'Grant' }).click();
    await admin.getByText('A patron now.').waitFor();

    // 3. Now a patron, Ana proposes a topic.
    await ana.reload();
    await ana.getByLabel(/What should we look into/).fill('Bring back the night ferry');
    await ana.getByLabel(/Why it matters/).fill('Shift workers on Eastbank have no way home after 11 p.m. <script>alert(1)</script>');
    await ana.getByRole('button', { name: 'Propose' }).click();
    // The new topic's own page; proposing counts as the proposer's vote.
    await ana.waitForURL(/\/topics\/\d+$/);
    await expect(ana.locator('h1').innerText()).resolves.toBe('Bring back the night ferry');
    await expect(ana.locator('.topic-tally').innerText()).resolves.toBe('1 vote');
    await expect(ana.locator('.topic-description').innerText()).resolves.toContain('<script>alert(1)</script>');

    // 4. A second patron (made from the command line) signs in and votes.
    const cli = await runMembersCli(['add', '--email', 'ben@example.org', '--tier', '1'], app.services, app.clock(), { log: () => {}, error: () => {} });
    expect(cli).toBe(1); // there is no tier yet: refused, nothing added
    const tier = await app.services.patrons.saveTier(
      null,
      { name: 'Coffee', description: '', monthlyPrice: 450, yearlyPrice: null, currency: 'EUR', voteWeight: 1, position: 0 },
      { now: app.clock(), actor: null },
    );
    if (!tier.ok) throw new Error(tier.message);
    expect(await runMembersCli(['add', '--email', 'ben@example.org', '--tier', 'Coffee'], app.services, app.clock(), { log: () => {}, error: () => {} })).toBe(
      0,
    );
    const ben = await signUp('ben@example.org');
    const bensView = ben.locator('li.topic', { hasText: 'Bring back the night ferry' });
    await bensView.getByRole('button', { name: 'Vote for this topic' }).click();
    await ben.locator('li.topic', { hasText: 'Bring back the night ferry' }).getByText('You voted for this.').waitFor();
    await expect(ben.locator('li.topic', { hasText: 'Bring back the night ferry' }).locator('.topic-tally').innerText()).resolves.toBe('2 votes');

    // 5. An editor marks it covered, with the story that covered it.
    await admin.goto(`${origin}/admin/topics`);
    await admin.getByRole('link', { name: 'Bring back the night ferry' }).click();
    await admin.getByLabel('Article slug').fill('ferry-timetable');
    await admin.getByRole('button', { name: 'Link article' }).click();
    await admin.getByLabel('Status').selectOption('covered');
    await admin.getByRole('button', { name: 'Set status' }).click();

    // 6. The story says patrons chose it, and links to the topic; the board lists it as covered.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${origin}/articles/ferry-timetable`);
    const chosen = reader.locator('.chosen-by');
    await expect(chosen.innerText()).resolves.toContain('Chosen by our patrons.');
    await chosen.getByRole('link', { name: 'Bring back the night ferry' }).click();
    await expect(reader.locator('h1').innerText()).resolves.toBe('Bring back the night ferry');
    await reader.goto(`${origin}/topics`);
    await expect(reader.locator('#covered').innerText()).resolves.toContain('Bring back the night ferry');
    expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);
  });
});
