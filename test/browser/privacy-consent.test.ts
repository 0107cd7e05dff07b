import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStorageEntry, type StorageKind } from '../../src/privacy/cookie-registry.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';
import { startSmtpServer } from '../support/smtp.js';

describe.skipIf(!browserAvailable)('privacy in Chromium', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildApp({ config: { smtpUrl: smtp.url } });
    for (const n of [1, 2, 3]) {
      await createArticle(app, {
        slug: `ferry-${n}`,
        headline: `Ferry story ${n}`,
        section: 'Transport',
        bodyMarkdown: `Fares will rise by 40 cents in January.\n\nThe board voted on story ${n}.`,
      });
    }
    await app.services.patrons.grantPatronage({ email: 'patron@example.org', tierId: null, until: null, note: 'test' }, { now: app.clock(), actor: null });
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
  });

  /** Cookies and storage keys this context holds, as [kind, name]. */
  async function stored(context: BrowserContext, page: Page): Promise<[StorageKind, string][]> {
    const keys = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
    return [
      ...(await context.cookies()).map((c): [StorageKind, string] => ['cookie', c.name]),
      ...keys.local.map((k): [StorageKind, string] => ['localStorage', k]),
      ...keys.session.map((k): [StorageKind, string] => ['sessionStorage', k]),
    ];
  }
  const unregistered = (items: [StorageKind, string][]) =>
    items.filter(([kind, name]) => !findStorageEntry(name, kind)).map(([kind, name]) => `${kind} ${name}`);

  it('anonymous readers, members and staff end up with registered cookies and storage keys only; readers of stories with no cookie at all', async () => {
    const found: [StorageKind, string][] = [];

    // An anonymous reader: stories (the appeal counts them), the report dialog, listings and the policy pages.
    const reader = await browser.newContext();
    const page = await reader.newPage();
    for (const url of ['/', '/articles/ferry-1', '/sections/transport', '/articles/ferry-2', '/articles/ferry-3']) await page.goto(`${origin}${url}`);
    await page.waitForLoadState('networkidle');
    expect(await reader.cookies()).toEqual([]);
    await page.evaluate(() => {
      const p = document.querySelector('.story-body p')!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, 'Fares will rise'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await page.keyboard.press('Control+Enter');
    await page.locator('dialog.report-dialog').waitFor({ state: 'visible' });
    for (const url of ['/support', '/topics', '/privacy', '/cookies', '/corrections']) await page.goto(`${origin}${url}`);
    const anonymous = await stored(reader, page);
    expect(anonymous.map(([, n]) => n)).toContain('mh.appeal.stories');
    expect(anonymous.filter(([k]) => k === 'cookie')).toEqual([]);
    found.push(...anonymous);
    await reader.close();

    // A patron signs in with the emailed link and browses.
    const member = await browser.newContext();
    const mpage = await member.newPage();
    const before = smtp.messages.length;
    await mpage.goto(`${origin}/account/sign-in`);
    await mpage.getByLabel('Email').fill('patron@example.org');
    await mpage.getByRole('button', { name: 'Email me a link' }).click();
    await mpage.getByText('Check your email').waitFor();
    for (let i = 0; i < 100 && smtp.messages.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    const link = /https:\/\/news\.example\.test(\/account\/sign-in\/\S+)/.exec(smtp.messages[before]!.text!)![1]!;
    await mpage.goto(`${origin}${link}`);
    await mpage.getByRole('button', { name: 'Continue to your account' }).click();
    await mpage.waitForURL(`${origin}/account`);
    for (const url of ['/', '/articles/ferry-1', '/topics', '/support', '/cookies']) await mpage.goto(`${origin}${url}`);
    const memberItems = await stored(member, mpage);
    expect(memberItems.map(([, n]) => n)).toEqual(expect.arrayContaining(['mh_member', 'mh_patron']));
    found.push(...memberItems);
    await member.close();

    // Staff: the one-time login link, then the editor, whose draft lands in localStorage.
    const owner = await app.services.accounts.createUser({ email: 'owner@example.org', name: 'Owner', role: 'owner' }, { now: app.clock(), actor: null });
    if (!owner.ok) throw new Error(owner.message);
    const token = await app.services.accounts.issueLoginToken(owner.user.id, app.clock());
    const staff = await browser.newContext();
    const spage = await staff.newPage();
    await spage.goto(`${origin}/admin/login/link/${token}`);
    await spage.getByRole('button', { name: 'Log in' }).click();
    await spage.waitForURL(`${origin}/admin`);
    for (const url of ['/admin/funders', '/admin/privacy', '/admin/corrections']) await spage.goto(`${origin}${url}`);
    await spage.goto(`${origin}/admin/articles/new`);
    await spage.locator('.ProseMirror').click();
    await spage.keyboard.type('A draft the browser keeps.');
    await spage.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('masthead:draft:')));
    const staffItems = await stored(staff, spage);
    expect(staffItems.map(([, n]) => n)).toEqual(expect.arrayContaining(['mh_session', 'mh_csrf']));
    found.push(...staffItems);
    await staff.close();

    expect(unregistered(found)).toEqual([]);
  });

  it('makes no request to any other origin on the home, article, support and topics pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const url of ['/', '/articles/ferry-1', '/support', '/topics']) {
      await page.goto(`${origin}${url}`);
      await page.waitForLoadState('networkidle');
    }
    expect(requests.length).toBeGreaterThan(8);
    expect(requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin)).toEqual([]);
    await context.close();
  });

  it('with an analytics script configured: asks first, loads it only after "Allow", never after "Refuse", and the choice can be changed on /cookies', async () => {
    const saved = await app.services.privacy.updateSettings({ analyticsScriptUrl: 'https://stats.example.test/count.js' }, { now: app.clock(), actor: null });
    expect(saved.ok).toBe(true);
    const contextFor = async () => {
      const context = await browser.newContext();
      const asked: string[] = [];
      // The outside server, stood in for locally: the browser still has to decide to ask for it.
      await context.route('https://stats.example.test/**', (route) => {
        asked.push(route.request().url());
        return route.fulfill({ contentType: 'text/javascript', body: 'window.statsRuns = (window.statsRuns || 0) + 1;' });
      });
      return { context, page: await context.newPage(), asked };
    };
    const banner = (p: Page) => p.locator('#consent-banner');
    const runs = (p: Page) => p.evaluate(() => (window as unknown as { statsRuns?: number }).statsRuns ?? 0);

    // Allow.
    const yes = await contextFor();
    await yes.page.goto(`${origin}/articles/ferry-1`);
    await banner(yes.page).waitFor({ state: 'visible' });
    await yes.page.waitForLoadState('networkidle');
    expect(yes.asked).toEqual([]);
    await yes.page.getByRole('button', { name: 'Allow', exact: true }).click();
    await yes.page.waitForFunction(() => (window as unknown as { statsRuns?: number }).statsRuns === 1);
    expect(yes.asked).toEqual(['https://stats.example.test/count.js']);
    expect(await banner(yes.page).isHidden()).toBe(true);
    await yes.page.goto(`${origin}/`);
    await yes.page.waitForFunction(() => (window as unknown as { statsRuns?: number }).statsRuns === 1);
    expect(await banner(yes.page).isHidden()).toBe(true);
    // Changed on /cookies: refused from the next page on.
    await yes.page.goto(`${origin}/cookies`);
    await yes.page.getByRole('button', { name: 'Refuse them' }).click();
    await expect(yes.page.locator('[data-consent-status]').innerText()).resolves.toContain('You refused these scripts');
    const askedBefore = yes.asked.length;
    await yes.page.goto(`${origin}/articles/ferry-2`);
    await yes.page.waitForLoadState('networkidle');
    expect(yes.asked.length).toBe(askedBefore);
    expect(await runs(yes.page)).toBe(0);
    await yes.context.close();

    // Refuse: never requested, across pages; then allowed from /cookies.
    const no = await contextFor();
    await no.page.goto(`${origin}/`);
    await no.page.getByRole('button', { name: 'Refuse', exact: true }).click();
    expect(await banner(no.page).isHidden()).toBe(true);
    for (const url of ['/articles/ferry-1', '/support', '/topics']) {
      await no.page.goto(`${origin}${url}`);
      await no.page.waitForLoadState('networkidle');
      expect(await banner(no.page).isHidden(), url).toBe(true);
    }
    expect(no.asked).toEqual([]);
    expect(await runs(no.page)).toBe(0);
    await no.page.goto(`${origin}/cookies`);
    await expect(no.page.locator('[data-consent-status]').innerText()).resolves.toContain('You refused these scripts');
    await no.page.getByRole('button', { name: 'Allow these scripts' }).click();
    await no.page.waitForFunction(() => (window as unknown as { statsRuns?: number }).statsRuns === 1);
    expect(no.asked).toEqual(['https://stats.example.test/count.js']);
    await no.context.close();

    await app.services.privacy.updateSettings({ analyticsScriptUrl: '' }, { now: app.clock(), actor: null });
  });
});
