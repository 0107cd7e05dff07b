import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { everyPage, loadEverything, openListedPage, walkerContext } from '../support/every-page.js';

let app: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  app = await buildApp();
  await loadEverything(app);
  ({ origin, browser } = await openInBrowser(app));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The smallest phone we design for (WCAG reflow: 320 CSS px) and a common one. */
const WIDTHS = [320, 390];

/** Opens each page at each width; returns the pages that scroll sideways and every CSP violation seen. */
async function visit(urls: string[], signedIn: boolean) {
  const context = await walkerContext(browser, origin, { width: WIDTHS[0]!, height: 844, ...(signedIn ? { ownerOf: app } : {}) });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  const overflow: string[] = [];
  const failed: string[] = [];
  for (const url of urls) {
    const { problem } = await openListedPage(page, origin, url);
    if (problem) failed.push(problem);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 844 });
      const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      if (w.scroll > w.inner) overflow.push(`${url} at ${width}: ${w.scroll}px`);
    }
  }
  await context.close();
  return { overflow, violations, failed };
}

describe.runIf(browserAvailable)('every page at phone widths (320 and 390 px)', () => {
  it('no public page scrolls sideways or breaks the CSP', async () => {
    const pages = await everyPage(app);
    expect(pages.public.length).toBeGreaterThan(12);
    const seen = await visit(pages.public, false);
    expect(seen.failed).toEqual([]);
    expect(seen.overflow).toEqual([]);
    expect(seen.violations).toEqual([]);
  }, 240_000);

  it('no admin page, opened by the owner, scrolls sideways or breaks the CSP', async () => {
    const pages = await everyPage(app);
    // Every admin page with an id in its address got a real one; none was left out.
    expect(pages.unfilled.filter((u) => u.startsWith('/admin') && u !== '/admin/partners/requests/:id')).toEqual([]);
    expect(pages.admin.length).toBeGreaterThan(25);
    const seen = await visit(pages.admin, true);
    expect(seen.failed).toEqual([]);
    expect(seen.overflow).toEqual([]);
    expect(seen.violations).toEqual([]);
  }, 300_000);
});
