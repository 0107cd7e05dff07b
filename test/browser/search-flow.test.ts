import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  await app?.close();
});

/** SCREENSHOT_DIR=… keeps the pictures (1280 and 390 px wide) to look at. */
const shots = process.env.SCREENSHOT_DIR ?? null;

describe.skipIf(!browserAvailable)('searching from the header, in Chromium', () => {
  it('finds stories without JavaScript, highlights the words, and fits a phone screen', async () => {
    app = await buildApp();
    await createArticle(app, {
      slug: 'levee',
      headline: 'The Millrace levee was built for a river that no longer exists',
      section: 'Environment',
      bodyMarkdown:
        'Engineers say the levee along the Millrace was designed for flows measured in 1961. Since then the river has changed course twice, and the flood maps have not followed.',
    });
    await createArticle(app, {
      slug: 'budget',
      headline: 'What is in the proposed budget for 2027',
      section: 'City Hall',
      bodyMarkdown: 'Levee repairs get $4 million, less than engineers asked for, while road resurfacing gets twice that.',
    });
    await createArticle(app, {
      slug: 'theatre',
      headline: 'The Lyric reopens with pay-what-you-can nights',
      section: 'Culture',
      bodyMarkdown: 'Tickets go on sale Friday.',
    });
    const { origin, browser } = await openInBrowser(app);
    close = () => browser.close();
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.fill('#header-search-q', 'levee');
      await page.press('#header-search-q', 'Enter');
      await page.waitForURL(/\/search\?q=levee/);
      expect(await page.locator('.search-result h2 a').allTextContents()).toEqual([
        'The Millrace levee was built for a river that no longer exists',
        'What is in the proposed budget for 2027',
      ]);
      expect(await page.locator('.search-snippet mark').first().textContent()).toMatch(/levee/i);
      expect(await page.locator('.search-summary').textContent()).toBe('2 stories found.');
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(sideways, `scrolls sideways at ${width}px`).toBe(false);
      if (shots) await page.screenshot({ path: path.join(shots, `search-${width}.png`), fullPage: true });
      await context.close();
    }
  }, 60_000);

  it('suggests headlines as a reader types, chosen with the keyboard', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'ferry', headline: 'Ferry timetable changes in January', publishedAt: '2026-11-20T09:00:00.000Z' });
    await createArticle(app, { slug: 'fares', headline: 'Ferry fares frozen for a year', publishedAt: '2026-10-01T09:00:00.000Z' });
    const { origin, browser } = await openInBrowser(app);
    close = () => browser.close();
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
      await page.goto(`${origin}/search`);
      await page.locator('#search-q').pressSequentially('ferr', { delay: 30 });
      const options = page.locator('#search-q-suggestions [role="option"]');
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual(['Ferry timetable changes in January', 'Ferry fares frozen for a year']);
      expect(await page.getAttribute('#search-q', 'aria-expanded')).toBe('true');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.getAttribute('#search-q', 'aria-activedescendant')).toBe('search-q-suggestions-1');
      if (shots) await page.screenshot({ path: path.join(shots, `search-suggest-${width}.png`) });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(sideways, `scrolls sideways at ${width}px`).toBe(false);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/articles\/fares$/);
      // Escape closes the list and leaves the typed words for a normal search.
      await page.goto(`${origin}/search`);
      await page.locator('#search-q').pressSequentially('ferry', { delay: 30 });
      await options.first().waitFor();
      await page.keyboard.press('Escape');
      expect(await page.locator('#search-q-suggestions').isHidden()).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\?q=ferry/);
      expect(violations).toEqual([]);
      await context.close();
    }
  }, 60_000);
});
