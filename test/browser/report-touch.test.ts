import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

/**
 * The report button on a touch screen, on the real story page at the smallest phone width (320 px).
 * The stand-in page in src/corrections/reader covers the island's placement rules at 390 px; this one
 * checks the product's own CSS and the whole way to a stored report.
 */
describe.skipIf(!browserAvailable)('reporting an error on a 320 px touch screen', { timeout: 90_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await buildApp();
    await createArticle(app, {
      slug: 'ferry-fares',
      headline: 'Ferry fares to rise',
      section: 'City Hall',
      bodyMarkdown: 'The ferry board met on Tuesday evening.\n\nFares will rise by 40 cents in January, the first increase in nine years.',
    });
    ({ origin, browser } = await openInBrowser(app));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a long-press selection offers a button of at least 24 × 24 px on screen; tapping it opens a dialog that fits; the report is stored', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${origin}/articles/ferry-fares`);
    const button = page.getByRole('button', { name: 'Report an error in the selected text' });
    await expect(button.isVisible()).resolves.toBe(false);
    // A long press selects a word and the reader drags the handles; the browser ends with this selection.
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('.story-body p')].find((el) => el.textContent!.startsWith('Fares will rise'))!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, 'Fares will rise by 40 cents'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await button.waitFor();
    const box = (await button.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);

    await button.tap();
    const dialog = page.locator('dialog.report-dialog');
    await dialog.waitFor();
    await expect(dialog.locator('.report-quote').innerText()).resolves.toBe('Fares will rise by 40 cents');
    const frame = (await dialog.boundingBox())!;
    expect(frame.x).toBeGreaterThanOrEqual(0);
    expect(frame.x + frame.width).toBeLessThanOrEqual(320);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    for (const name of ['Send', 'Cancel']) {
      const b = (await dialog.getByRole('button', { name }).boundingBox())!;
      expect(Math.min(b.width, b.height), name).toBeGreaterThanOrEqual(24);
    }

    await dialog.getByRole('textbox', { name: 'What is wrong, and what should it say?' }).tap();
    await page.keyboard.type('It is 45 cents.');
    await dialog.getByRole('button', { name: 'Send' }).tap();
    await page.waitForFunction(() => document.querySelector('.report-status')?.textContent?.includes('Thank you'));
    const queue = await app.services.corrections.listQueue('new', 1);
    expect(queue.items.map((r) => [r.report.quote.exact, r.report.suggestion])).toEqual([['Fares will rise by 40 cents', 'It is 45 cents.']]);
    await context.close();
  });
});
