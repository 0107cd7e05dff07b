import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';
import { createCampaign } from '../ads/support.js';

/** What a cosmetic filter list does: a user stylesheet hiding ad-like class names (EasyList-style generic rules). */
const COSMETIC_RULES = '.ad-slot, .advertisement, [class^="ad-"], [class*=" ad-"] { display: none !important; }';
/** What network rules do: refuse ad-like paths (EasyList-style /ads/*, /adserver, ads.js, /banner/). */
const NETWORK_RULES = /\/ads\/|\/adserver|\/ads\.js|\/banner\//;

describe.skipIf(!browserAvailable)('ads and the ad-block notice in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let campaignId: number;
  const longBody = Array.from(
    { length: 30 },
    (_, i) => `Paragraph ${i + 1} of the council's budget story, with enough words to fill a line or two on a phone.`,
  ).join('\n\n');

  beforeAll(async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'budget-story', headline: 'The budget, line by line', section: 'City Hall', bodyMarkdown: longBody });
    await createArticle(app, { slug: 'match-report', headline: 'Rovers win at home', section: 'Sports', bodyMarkdown: 'One.\n\nTwo.' });
    ({ origin, browser } = await openInBrowser(app));
    // Only City Hall stories carry the campaign: the Sports story is a page of a site "with no campaign" for its reader.
    campaignId = (await createCampaign(app, { section: 'City Hall', link: `${origin}/support` })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(context: BrowserContext, path: string): Promise<{ page: Page; requests: string[] }> {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}${path}`);
    await page.waitForLoadState('networkidle');
    return { page, requests };
  }

  const notice = (page: Page) => page.locator('[data-adblock-notice]');
  const slot = (page: Page) => page.locator('[data-ad-slot="article-end"]');
  const counts = () => app.services.ads.listDailyCounts(campaignId);
  const total = async (k: 'impressions' | 'clicks') => (await counts()).reduce((n, d) => n + d[k], 0);

  it('counts an impression only once the ad has been half in view for a second, and a click through the redirect', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.clock.install();
    await page.goto(`${origin}/articles/budget-story`);
    await page.waitForLoadState('networkidle');
    await expect(slot(page).getAttribute('data-ad-state')).resolves.toBe('shown');
    await expect(page.getByRole('complementary', { name: 'Advertisement' }).getByText('Advertisement')).toBeTruthy();
    await expect(notice(page).isHidden()).resolves.toBe(true);

    // Rendered but below the fold: minutes pass, nothing is counted.
    await page.clock.runFor(120_000);
    expect(requests.filter((u) => u.endsWith('/ads/impression'))).toEqual([]);

    // In view, but for less than a second, then scrolled away: still nothing.
    await slot(page).scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.clock.runFor(600);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.clock.runFor(5_000);
    expect(requests.filter((u) => u.endsWith('/ads/impression'))).toEqual([]);
    expect(await total('impressions')).toBe(0);

    // In view for a full second: one beacon, one impression.
    await slot(page).scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const beacon = page.waitForRequest((r) => r.url().endsWith('/ads/impression'));
    await page.clock.runFor(1_100);
    expect((await beacon).postData()).toBe(`id=${campaignId}`);
    await expect.poll(() => total('impressions')).toBe(1);
    await page.clock.runFor(10_000);
    expect(await total('impressions')).toBe(1);

    // A click goes through /ads/click/:id, is counted, and lands on the target.
    const link = slot(page).locator('a.ad-link');
    await expect(link.getAttribute('rel')).resolves.toBe('sponsored noopener');
    await link.click();
    await page.waitForURL(`${origin}/support`);
    expect(requests).toContain(`${origin}/ads/click/${campaignId}`);
    expect(await total('clicks')).toBe(1);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    // The frequency cap's record is the only ad key in storage; nothing else about the reader is kept.
    expect(Object.keys(await page.evaluate(() => ({ ...localStorage }))).filter((k) => k.startsWith('mh_ad'))).toEqual(['mh_ads_seen']);
    await context.close();
  });

  it('no blocker: the ad shows and the notice does not', async () => {
    const context = await browser.newContext();
    const { page, requests } = await open(context, '/articles/budget-story');
    await expect(slot(page).isVisible()).resolves.toBe(true);
    await page.waitForTimeout(600);
    await expect(notice(page).isHidden()).resolves.toBe(true);
    expect(requests.some((u) => u.includes('/assets/courtesy.'))).toBe(true);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    await context.close();
  });

  it('network blocking of ad-like paths: the notice appears in the flow, links to /support, and stays away once dismissed', async () => {
    const context = await browser.newContext();
    const blocked: string[] = [];
    await context.route(NETWORK_RULES, (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const { page } = await open(context, '/articles/budget-story');
    await notice(page).waitFor({ state: 'visible' });
    expect(blocked.some((u) => /\/ads\/ads\.[a-f0-9]+\.js$/.test(u))).toBe(true);
    await expect(page.locator('[data-adblock-notice] a').getAttribute('href')).resolves.toBe('/support');
    // Inline, inside the story, after the body: nothing is covered.
    await expect(notice(page).evaluate((el) => [getComputedStyle(el).position, el.closest('article') !== null])).resolves.toEqual(['static', true]);

    await page.getByRole('button', { name: 'Not now' }).click();
    await expect(notice(page).isHidden()).resolves.toBe(true);
    const until = Number(await page.evaluate(() => localStorage.getItem('mh_adblock_dismissed_until')));
    expect(Math.round((until - Date.now()) / 86_400_000)).toBe(30);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600);
    await expect(notice(page).isHidden()).resolves.toBe(true);
    await context.close();
  });

  it('cosmetic hiding of ad-like class names: the notice appears', async () => {
    const context = await browser.newContext();
    await context.addInitScript((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, COSMETIC_RULES);
    const { page } = await open(context, '/articles/budget-story');
    await notice(page).waitFor({ state: 'visible' });
    // The island ran and chose an ad; the filter is what hid it.
    await expect(slot(page).getAttribute('data-ad-state')).resolves.toBe('shown');
    await expect(slot(page).evaluate((el) => getComputedStyle(el).display)).resolves.toBe('none');
    await context.close();
  });

  it('never for patrons (the hint cookie on a shared page), nor on a page with no campaign', async () => {
    const patron = await browser.newContext();
    await patron.addCookies([{ name: 'mh_patron', value: '1', url: origin }]);
    await patron.route(NETWORK_RULES, (route) => route.abort('blockedbyclient'));
    const p = await open(patron, '/articles/budget-story');
    await p.page.waitForTimeout(600);
    await expect(notice(p.page).isHidden()).resolves.toBe(true);
    await patron.close();

    const patronUnblocked = await browser.newContext();
    await patronUnblocked.addCookies([{ name: 'mh_patron', value: '1', url: origin }]);
    const q = await open(patronUnblocked, '/articles/budget-story');
    await expect(slot(q.page).isHidden()).resolves.toBe(true);
    await expect(slot(q.page).getAttribute('data-ad-state')).resolves.toBe('patron');
    await patronUnblocked.close();

    const reader = await browser.newContext();
    await reader.route(NETWORK_RULES, (route) => route.abort('blockedbyclient'));
    const { page, requests } = await open(reader, '/articles/match-report');
    await expect(page.locator('[data-ad-slot]').count()).resolves.toBe(0);
    await expect(notice(page).count()).resolves.toBe(0);
    expect(requests.some((u) => u.includes('courtesy') || u.includes('/ads/'))).toBe(false);
    await reader.close();
  });

  it('keeps to the daily cap: once seen, a capped campaign leaves its slot empty, and that is not taken for a blocker', async () => {
    const capped = await createCampaign(app, { name: 'Capped', section: 'Sports', dailyCap: '1', slots: ['article-end'] });
    const context = await browser.newContext();
    const first = await open(context, '/articles/match-report');
    await expect(slot(first.page).getAttribute('data-ad-id')).resolves.toBe(String(capped.id));
    const second = await open(context, '/articles/match-report');
    await expect(slot(second.page).getAttribute('data-ad-state')).resolves.toBe('empty');
    await expect(slot(second.page).isHidden()).resolves.toBe(true);
    await second.page.waitForTimeout(600);
    await expect(notice(second.page).isHidden()).resolves.toBe(true);
    await context.close();
  });
});
