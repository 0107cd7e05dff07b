import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';
import { focused, tabTo } from '../support/keyboard.js';
import { memberClient } from '../support/members.js';
import { startSmtpServer } from '../support/smtp.js';
import { startFakeStripeApi, STRIPE_TEST_CONFIG } from '../support/stripe.js';

/**
 * The reader's and the newsroom's main tasks with the keyboard alone: Tab, Shift+Tab, Enter, Space,
 * arrows, Escape and typing. No clicks, no fills, no focus() from the test; page.goto only to open
 * a page, as a reader types an address.
 */
describe.skipIf(!browserAvailable)('keyboard only, in Chromium', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let stripe: Awaited<ReturnType<typeof startFakeStripeApi>>;
  /** Every focus stop, across all flows, that drew no focus indicator. */
  const noRing: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    stripe = await startFakeStripeApi();
    app = await buildApp({ config: { smtpUrl: smtp.url, stripe: { ...STRIPE_TEST_CONFIG, apiUrl: stripe.url } } });
    await createArticle(app, {
      slug: 'ferry-fares',
      headline: 'Ferry fares to rise',
      section: 'City Hall',
      bodyMarkdown: 'The ferry board met on Tuesday evening.\n\nFares will rise by 40 cents in January.',
    });
    const tier = await app.services.patrons.saveTier(
      null,
      { name: 'Coffee', description: 'A coffee a month.', monthlyPrice: 450, yearlyPrice: 4500, currency: 'EUR', voteWeight: 1, position: 0 },
      { now: app.clock(), actor: null },
    );
    if (!tier.ok) throw new Error(tier.message);
    ({ origin, browser } = await openInBrowser(app));
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await smtp?.close();
    await stripe?.close();
  });

  async function newPage(cookie?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    if (cookie) {
      const [name, value] = cookie.split(/=(.*)/s);
      await context.addCookies([{ name: name!, value: value!, url: origin }]);
    }
    return context.newPage();
  }

  const activeIs = (page: Page, selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

  it('the first Tab shows a skip link, and Enter on it moves focus to the main column', async () => {
    for (const url of ['/articles/ferry-fares', '/admin/login']) {
      const page = await newPage();
      await page.goto(origin + url);
      await page.keyboard.press('Tab');
      const skip = page.locator('a.skip');
      await expect(activeIs(page, 'a.skip')).resolves.toBe(true);
      await expect(focused(page)).resolves.toMatchObject({ ring: true });
      // On screen while focused, not parked off the left edge.
      const box = (await skip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      await expect(activeIs(page, 'main#main')).resolves.toBe(true);
      // The next Tab continues inside main, not back at the top of the page.
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).resolves.toBe(true);
    }
  });

  it('reports an error: select with the keyboard, Ctrl+Enter, Escape closes and gives focus back, then fill in and send', async () => {
    const page = await newPage();
    await page.goto(`${origin}/articles/ferry-fares`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the skip link: focus is in main
    await page.keyboard.press('Control+A'); // select all: the report takes the part inside the story
    await page.keyboard.press('Control+Enter');
    const dialog = page.locator('dialog.report-dialog');
    await dialog.waitFor();
    await expect(dialog.locator('.report-quote').innerText()).resolves.toContain('Fares will rise by 40 cents in January.');
    await expect(activeIs(page, 'dialog textarea')).resolves.toBe(true);
    // Escape closes the dialog: no trap.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.evaluate(() => document.activeElement?.closest('dialog') ?? null)).resolves.toBeNull();

    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor();
    await page.keyboard.type('The board approved 45 cents, not 40.');
    // Tab walks the form's fields and buttons; the honeypot is never a stop.
    await tabTo(page, dialog.getByRole('button', { name: 'Send' }), { max: 6, noRing });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.report-status')?.textContent?.includes('Thank you'));
    const queue = await app.services.corrections.listQueue('new', 1);
    expect(queue.items.map((r) => r.report.suggestion)).toEqual(['The board approved 45 cents, not 40.']);
  });

  it('signs in: asks for a link, opens the mail, continues to the account', async () => {
    const page = await newPage();
    await page.goto(`${origin}/account/sign-in`);
    await tabTo(page, page.getByLabel('Email'), { noRing });
    await page.keyboard.type('keys@example.org');
    const before = smtp.messages.length;
    await tabTo(page, page.getByRole('button', { name: 'Email me a link' }), { max: 5, noRing });
    await page.keyboard.press('Enter');
    await page.getByText('Check your email').waitFor();
    await app.jobs.drain();
    for (let i = 0; i < 200 && smtp.messages.length === before; i++) await new Promise((r) => setTimeout(r, 25));
    const link = /https:\/\/news\.example\.test(\/account\/sign-in\/\S+)/.exec(smtp.messages[before]!.text!)![1]!;
    await page.goto(origin + link);
    await tabTo(page, page.getByRole('button', { name: 'Continue to your account' }), { noRing });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/account');
    await expect(page.getByText('keys@example.org').first().isVisible()).resolves.toBe(true);
  });

  it('votes on a topic as a patron, with Space on the button', async () => {
    const proposer = await memberClient(app, { patron: true });
    const proposed = await app.services.topics.propose(
      { memberId: proposer.member.id, title: 'Bring back the night ferry', description: 'No way home.' },
      app.clock(),
    );
    if (!proposed.ok) throw new Error(proposed.message);
    const voter = await memberClient(app, { patron: true });
    const page = await newPage(voter.cookie);
    await page.goto(`${origin}/topics`);
    const topic = page.locator('li.topic', { hasText: 'Bring back the night ferry' });
    await tabTo(page, topic.getByRole('button', { name: 'Vote for this topic' }), { noRing });
    await page.keyboard.press('Space');
    await page.locator('li.topic', { hasText: 'Bring back the night ferry' }).getByText('You voted for this.').waitFor();
    await expect(page.locator('li.topic', { hasText: 'Bring back the night ferry' }).locator('.topic-tally').innerText()).resolves.toBe('2 votes');
  });

  it('becomes a patron: picks a monthly tier and reaches Checkout', async () => {
    const reader = await memberClient(app, { email: 'supporter@example.org' });
    const page = await newPage(reader.cookie);
    await page.goto(`${origin}/support`);
    await tabTo(page, page.getByRole('button', { name: '€4.50 a month' }), { noRing });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stripe.url}/c/pay/cs_test_1`);
    expect(stripe.requests.some((r) => r.path === '/v1/checkout/sessions')).toBe(true);
  });

  it('writes and publishes a story in the editor: headline, body with a heading from the toolbar, section, Publish', async () => {
    const created = await app.services.accounts.createUser({ email: 'keys-desk@example.org', name: 'Desk', role: 'editor' }, { now: app.clock(), actor: null });
    if (!created.ok) throw new Error(created.message);
    const page = await newPage();
    await page.goto(`${origin}/admin/login/link/${await app.services.accounts.issueLoginToken(created.user.id, app.clock())}`);
    await tabTo(page, page.getByRole('button', { name: 'Log in' }), { noRing });
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/admin`);

    await page.goto(`${origin}/admin/articles/new`);
    await tabTo(page, page.getByLabel('Headline', { exact: true }), { noRing });
    await page.keyboard.type('Ferry board delays the fare rise');
    await tabTo(page, page.locator('#body-editor'), { max: 20, noRing });
    await page.keyboard.type('What the board said');
    // Into the toolbar (one Tab stop), along it with the arrows, and press "H2 heading" with Enter.
    await page.keyboard.press('Shift+Tab');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await expect(toolbar.evaluate((t) => t.contains(document.activeElement))).resolves.toBe(true);
    await page.keyboard.press('Home');
    for (let i = 0; i < 10 && !(await activeIs(page, '[aria-label="H2 heading"]')); i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page.locator('.ProseMirror h2').innerText()).resolves.toBe('What the board said');
    // The button gives focus back to the text, where the writer goes on typing. The editor focuses in
    // the next animation frame, so on a loaded machine it can land a moment after the heading does.
    await expect.poll(() => activeIs(page, '#body-editor')).toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The rise moves to March.');

    const section = page.getByLabel('Section', { exact: true });
    await tabTo(page, section, { noRing });
    await page.keyboard.press('ArrowDown'); // from "No section" to the first section
    await expect(section.inputValue()).resolves.toBe('City Hall');
    await tabTo(page, page.locator('#primary-action'), { noRing });
    await expect(page.locator('#primary-action').innerText()).resolves.toBe('Publish');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/articles\/\d+\?saved=published/);

    const story = await newPage();
    const res = await story.goto(`${origin}/articles/ferry-board-delays-the-fare-rise`);
    expect(res?.status()).toBe(200);
    await expect(story.locator('.story-body h2').innerText()).resolves.toBe('What the board said');
    await expect(story.locator('.story-body').innerText()).resolves.toContain('The rise moves to March.');
  });

  it('drew a focus indicator at every stop the flows above tabbed through', () => {
    expect(noRing).toEqual([]);
  });
});
