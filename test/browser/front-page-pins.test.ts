import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

/** The slugs of the lead and secondary stories on the live home page, in order. */
async function topSlugs(page: Page, origin: string): Promise<string[]> {
  await page.goto(`${origin}/`);
  return page
    .locator('.front-lead .card-headline a, .front-secondary .card-headline a')
    .evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace('/articles/', '')));
}

/** The slug each admin slot shows, read from its edit link's headline. */
async function adminSlots(page: Page): Promise<string[]> {
  return page.locator('.front-slot .front-slot-story a').allTextContents();
}

describe.skipIf(!browserAvailable)('the front page in Chromium: editors drag, or use the keyboard, to choose what leads', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    app = await buildApp();
    // story-5 is the newest, so it leads until an editor says otherwise.
    for (let i = 0; i < 6; i++) {
      await createArticle(app, {
        slug: `story-${i}`,
        headline: `Story number ${i} for the front page`,
        publishedAt: new Date(Date.parse('2026-11-20T08:00:00.000Z') + i * 3600_000).toISOString(),
      });
    }
    ({ origin, browser } = await openInBrowser(app));
    const created = await app.services.accounts.createUser(
      { email: 'desk@example.org', name: 'Night desk', role: 'editor' },
      { now: app.clock(), actor: null },
    );
    if (!created.ok) throw new Error(created.message);
    const token = await app.services.accounts.issueLoginToken(created.user.id, app.clock());
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/admin/login/link/${token}`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${origin}/admin`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('dragging a secondary story onto the lead swaps them and pins both, and the home page shows the new order', async () => {
    expect((await topSlugs(page, origin))[0]).toBe('story-5');
    await page.goto(`${origin}/admin/front-page`);
    const before = await adminSlots(page);
    expect(before[0]).toBe('Story number 5 for the front page');
    expect(before[2]).toBe('Story number 3 for the front page');

    await page.locator('.front-slot[data-slot="2"]').dragTo(page.locator('.front-slot[data-slot="0"]'));
    await page.waitForURL(/\/admin\/front-page\?done=moved$/);
    await expect.poll(() => adminSlots(page)).toEqual([before[2], before[1], before[0], ...before.slice(3)]);
    expect(await page.locator('.front-slot[data-slot="0"]').getAttribute('class')).toMatch(/\bpinned\b/);

    const live = await topSlugs(page, origin);
    expect(live.slice(0, 3)).toEqual(['story-3', 'story-4', 'story-5']);
  });

  it('with the keyboard alone: Tab to a slot’s “down” button and press Enter', async () => {
    await page.goto(`${origin}/admin/front-page`);
    const before = await adminSlots(page);
    const target = `Move “${before[0]}” down`;
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((label) => document.activeElement?.getAttribute('aria-label') === label, target);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/front-page\?done=moved$/);
    expect(await adminSlots(page)).toEqual([before[1], before[0], ...before.slice(2)]);
    expect((await topSlugs(page, origin)).slice(0, 2)).toEqual(['story-4', 'story-3']);
  });
});
