import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
let browser: Browser;
let origin: string;
let staffCookies: { name: string; value: string; url: string }[];

beforeAll(async () => {
  app = await buildApp();
  await createArticle(app, { slug: 'ferry-fares', headline: 'Ferry fares to rise', section: 'City Hall', bodyMarkdown: 'The board met on Tuesday.' });
  ({ origin, browser } = await openInBrowser(app));
  const { client } = await loggedInClient(app, 'owner');
  staffCookies = [...client.cookies].map(([name, value]) => ({ name, value, url: origin }));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A reader page (site.css, report.css) and newsroom pages (admin.css, the editor's css). */
const PAGES = ['/articles/ferry-fares', '/topics', '/admin', '/admin/articles/new'];

async function open(url: string, media: { reducedMotion?: 'reduce' | 'no-preference'; colorScheme?: 'light' | 'dark' }, bypassCSP = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...media, bypassCSP });
  if (url.startsWith('/admin')) await context.addCookies(staffCookies);
  const page = await context.newPage();
  await page.goto(origin + url);
  if (url.startsWith('/admin')) expect(new URL(page.url()).pathname).not.toBe('/admin/login');
  return page;
}

/**
 * Every element (and ::before/::after) that would move: a transition or animation longer than 0.1 ms (the reduced-motion rule leaves 0.01 ms, so end
 * events still fire), or smooth scrolling.
 */
const moving = (page: Page) =>
  page.evaluate(() => {
    const ms = (v: string) => Math.max(...v.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) : parseFloat(d) * 1000)));
    const found: string[] = [];
    for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        const what = `${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}`;
        if (s.transitionProperty !== 'none' && ms(s.transitionDuration) > 0.1) found.push(`${what}: transition ${s.transitionDuration}`);
        if (s.animationName !== 'none' && ms(s.animationDuration) > 0.1) found.push(`${what}: animation ${s.animationDuration}`);
        if (s.scrollBehavior === 'smooth') found.push(`${what}: smooth scroll`);
      }
    }
    return found;
  });

/** Relative luminance (WCAG) of a computed rgb()/rgba() colour. */
function luminance(rgb: string): number {
  const [r, g, b] = rgb
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe.runIf(browserAvailable)('emulated media: reduced motion and the dark theme', () => {
  it('with prefers-reduced-motion: reduce, nothing on any page transitions, animates or scrolls smoothly', async () => {
    for (const url of PAGES) {
      const page = await open(url, { reducedMotion: 'reduce' });
      await expect(moving(page), url).resolves.toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it('the stylesheets stop motion a later rule adds, only when the reader asks for less', async () => {
    // A stand-in for a future transition and animation (added with the CSP bypassed, as no page may carry inline style).
    for (const url of ['/articles/ferry-fares', '/admin']) {
      const page = await open(url, { reducedMotion: 'no-preference' }, true);
      await page.addStyleTag({ content: '.probe { transition: opacity 2s; animation: 3s probe infinite; } @keyframes probe { to { opacity: 0.5; } }' });
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { className: 'probe', textContent: 'probe' })));
      await expect(moving(page), url).resolves.toEqual(
        expect.arrayContaining([expect.stringContaining('transition 2s'), expect.stringContaining('animation 3s')]),
      );
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await expect(moving(page), url).resolves.toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it('prefers-color-scheme: dark gives dark paper and light text, and light gives the reverse, on reader and newsroom pages', async () => {
    for (const url of PAGES) {
      const seen: Record<string, { paper: number; ink: number; scheme: string }> = {};
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await open(url, { colorScheme });
        const s = await page.evaluate(() => {
          const body = getComputedStyle(document.body);
          return { paper: body.backgroundColor, ink: body.color, scheme: getComputedStyle(document.documentElement).colorScheme };
        });
        seen[colorScheme] = { paper: luminance(s.paper), ink: luminance(s.ink), scheme: s.scheme };
        await page.context().close();
      }
      expect(seen.light!.paper, url).toBeGreaterThan(0.8);
      expect(seen.light!.ink, url).toBeLessThan(0.05);
      expect(seen.dark!.paper, url).toBeLessThan(0.05);
      expect(seen.dark!.ink, url).toBeGreaterThan(0.6);
      // Form controls, scrollbars and dialogs follow the theme too.
      expect(seen.dark!.scheme, url).toBe('light dark');
    }
  }, 120_000);
});
