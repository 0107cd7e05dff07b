import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { everyPage, inLanguage, loadEverything, openListedPage, walkerContext } from '../support/every-page.js';

/** WCAG 2.2 A and AA, every version's rules. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let app: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  app = await buildApp();
  await loadEverything(app);
  const saved = await app.services.site.updateSettings({ languages: ['uk'] as never });
  if (!saved.ok) throw new Error('could not add Ukrainian');
  ({ origin, browser } = await openInBrowser(app));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

type Found = { url: string; where: string; rule: string; nodes: string[] };
type Result = { violations: { id: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] };

const found = (url: string, where: string, result: Result): Found[] =>
  result.violations.map((v) => ({
    url,
    where,
    rule: v.id,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
  }));

/** axe again on a page it was injected into, with only the rules a new width or colour scheme can change. */
async function recheck(page: Page, url: string, where: string, rules: string[]): Promise<Found[]> {
  const result = await page.evaluate(
    (r) =>
      (window as unknown as { axe: { run(c: Document, o: unknown): Promise<Result> } }).axe.run(document, {
        runOnly: { type: 'rule', values: r },
        resultTypes: ['violations'],
      }),
    rules,
  );
  return found(url, where, result);
}

/**
 * Each page once at 1280 px in the light scheme with every WCAG rule, then (without reloading, axe already
 * in the page) in the dark scheme for contrast and at 390 px for target size, so the suite stays short.
 */
async function audit(urls: string[], signedIn: boolean) {
  const context = await walkerContext(browser, origin, { width: 1280, height: 900, ...(signedIn ? { ownerOf: app } : {}) });
  const page = await context.newPage();
  const all: Found[] = [];
  const failed: string[] = [];
  const checked: string[] = [];
  for (const url of urls) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    const { problem, html } = await openListedPage(page, origin, url);
    if (problem) failed.push(problem);
    // Health checks and the editor's lookups answer JSON or text; the browser's viewer for those is not our page.
    if (!html) continue;
    checked.push(url);
    all.push(...found(url, 'light 1280', await new AxeBuilder({ page }).withTags(WCAG).analyze()));
    await page.emulateMedia({ colorScheme: 'dark' });
    all.push(...(await recheck(page, url, 'dark 1280', ['color-contrast'])));
    await page.setViewportSize({ width: 390, height: 844 });
    all.push(...(await recheck(page, url, 'dark 390', ['target-size'])));
  }
  await context.close();
  return { found: all, failed, checked };
}

describe.runIf(browserAvailable)('axe (WCAG 2.2 A and AA) on every page, light and dark, 1280 and 390 px', () => {
  it('reports what it should: a picture without alt text, dark-only low contrast, a small target at 390 px', async () => {
    // A control page, so a check that silently reports nothing cannot pass the tests below.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>control</title><style>
      @media (prefers-color-scheme: dark) { p { color: #333; background: #222; } }
      a { display: inline-block; padding: 12px; }
      @media (max-width: 500px) { a { padding: 0; font-size: 8px; line-height: 8px; } }
      </style></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p>Fares rise.</p><p><a href="/a">a</a> <a href="/b">b</a></p></main></body></html>`);
    const light = found('control', 'light 1280', await new AxeBuilder({ page }).withTags(WCAG).analyze());
    expect(light.map((f) => f.rule)).toEqual(['image-alt']);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect((await recheck(page, 'control', 'dark', ['color-contrast'])).map((f) => f.rule)).toEqual(['color-contrast']);
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await recheck(page, 'control', '390', ['target-size'])).map((f) => f.rule)).toEqual(['target-size']);
    await context.close();
  });

  it('no public page, in English or Ukrainian, has a violation', async () => {
    const pages = await everyPage(app);
    const uk = pages.public.map((u) => inLanguage(u, 'uk')).filter((u): u is string => u !== null);
    expect(pages.public.length).toBeGreaterThan(12);
    expect(uk.length).toBeGreaterThan(10);
    const seen = await audit([...pages.public, ...uk, '/no-such-page'], false);
    expect(seen.failed).toEqual([]);
    expect(seen.checked.length).toBeGreaterThan(30);
    expect(seen.found.map((f) => `${f.where} ${f.url} ${f.rule}: ${f.nodes.join(' | ')}`)).toEqual([]);
  }, 600_000);

  it('no admin page, opened by the owner, has a violation', async () => {
    const pages = await everyPage(app);
    expect(pages.admin.length).toBeGreaterThan(25);
    const seen = await audit(pages.admin, true);
    expect(seen.failed).toEqual([]);
    expect(seen.checked.length).toBeGreaterThan(25);
    expect(seen.found.map((f) => `${f.where} ${f.url} ${f.rule}: ${f.nodes.join(' | ')}`)).toEqual([]);
  }, 600_000);
});
