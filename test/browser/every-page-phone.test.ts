import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { everyPage, loadEverything } from '../support/every-page.js';

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

/** Opens each page at 390 px; returns the pages that scroll sideways and every CSP violation seen. */
async function visit(urls: string[], cookies: { name: string; value: string }[]) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  if (cookies.length) await context.addCookies(cookies.map((c) => ({ ...c, url: origin })));
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  const overflow: string[] = [];
  const failed: string[] = [];
  for (const url of urls) {
    const res = await page.goto(origin + url, { waitUntil: 'load' });
    if (!res || res.status() >= 500) failed.push(`${url}: ${res?.status()}`);
    // An admin page that sent us to the login form was not checked at all.
    if (url.startsWith('/admin') && new URL(page.url()).pathname === '/admin/login') failed.push(`${url}: not signed in`);
    const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (w.scroll > w.inner) overflow.push(`${url}: ${w.scroll}px`);
  }
  await context.close();
  return { overflow, violations, failed };
}

describe.runIf(browserAvailable)('every page at phone width (390 px)', () => {
  it('no public page scrolls sideways or breaks the CSP', async () => {
    const pages = await everyPage(app);
    expect(pages.public.length).toBeGreaterThan(12);
    const seen = await visit(pages.public, []);
    expect(seen.failed).toEqual([]);
    expect(seen.overflow).toEqual([]);
    expect(seen.violations).toEqual([]);
  }, 240_000);

  it('no admin page, opened by the owner, scrolls sideways or breaks the CSP', async () => {
    const pages = await everyPage(app);
    // Every admin page with an id in its address got a real one; none was left out.
    expect(pages.unfilled.filter((u) => u.startsWith('/admin') && u !== '/admin/partners/requests/:id')).toEqual([]);
    expect(pages.admin.length).toBeGreaterThan(25);
    const { client } = await loggedInClient(app, 'owner');
    const seen = await visit(
      pages.admin,
      [...client.cookies].map(([name, value]) => ({ name, value })),
    );
    expect(seen.failed).toEqual([]);
    expect(seen.overflow).toEqual([]);
    expect(seen.violations).toEqual([]);
  }, 300_000);
});
