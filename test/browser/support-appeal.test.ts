import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

describe.skipIf(!browserAvailable)('the support appeal in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await buildApp();
    for (const n of [1, 2, 3, 4]) await createArticle(app, { slug: `story-${n}`, headline: `Story number ${n}` });
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const appeal = (page: Page) => page.locator('#support-appeal');

  it('waits for the third story, stays away once dismissed, and comes back when the dismissal runs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    // The default cap: not on a reader's first two stories. Re-reading a story does not count.
    for (const slug of ['story-1', 'story-2', 'story-1']) {
      await page.goto(`${origin}/articles/${slug}`);
      await page.waitForLoadState('networkidle');
      await expect(appeal(page).isHidden()).resolves.toBe(true);
    }
    await page.goto(`${origin}/articles/story-3`);
    await appeal(page).waitFor({ state: 'visible' });
    await expect(page.getByRole('link', { name: 'Become a patron' }).getAttribute('href')).resolves.toBe('/support');

    await page.getByRole('button', { name: 'Not now' }).click();
    await expect(appeal(page).isHidden()).resolves.toBe(true);
    await page.goto(`${origin}/articles/story-4`);
    await page.waitForLoadState('networkidle');
    await expect(appeal(page).isHidden()).resolves.toBe(true);
    const until = Number(await page.evaluate(() => localStorage.getItem('mh.appeal.dismissedUntil')));
    // Thirty days, by the default setting.
    expect(Math.round((until - Date.now()) / 86_400_000)).toBe(30);

    await page.evaluate(() => localStorage.setItem('mh.appeal.dismissedUntil', String(Date.now() - 1000)));
    await page.reload();
    await appeal(page).waitFor({ state: 'visible' });
    expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);
    await context.close();
  });

  it('never shows for a browser with the patron cookie, and works when storage is blocked', async () => {
    const patron = await browser.newContext();
    await patron.addCookies([{ name: 'mh_patron', value: '1', url: origin }]);
    const page = await patron.newPage();
    for (const n of [1, 2, 3, 4]) await page.goto(`${origin}/articles/story-${n}`);
    await page.waitForLoadState('networkidle');
    await expect(appeal(page).isHidden()).resolves.toBe(true);
    await patron.close();

    // With storage refused, the island cannot count stories, so it keeps to the cap on every page.
    const blocked = await browser.newContext();
    await blocked.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    const page2 = await blocked.newPage();
    const errors: string[] = [];
    page2.on('pageerror', (e) => errors.push(e.message));
    await page2.goto(`${origin}/articles/story-1`);
    await page2.waitForLoadState('networkidle');
    await expect(appeal(page2).isHidden()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await blocked.close();
  });
});
