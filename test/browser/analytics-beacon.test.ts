import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

// Headless Chromium says "HeadlessChrome" in its user agent, which isbot rightly calls a bot; a reader's browser does not.
const READER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe.skipIf(!browserAvailable)('the view beacon in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await buildApp();
    // The support appeal keeps its own (registered) storage keys; turn it off so this page runs analytics alone.
    await app.services.patrons.updateSupportSettings({ appealEnabled: false }, { now: app.clock(), actor: { id: 1, name: 'Desk', role: 'owner' } });
    await createArticle(app, { slug: 'flood-defences', headline: 'Flood defences hold on the east bank' });
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sends one beacon per article load, to our own origin, and sets no cookie or storage key', async () => {
    const context = await browser.newContext({ userAgent: READER_UA });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const beaconSent = page.waitForRequest((r) => r.url() === `${origin}/api/v1/view`);
    await page.goto(`${origin}/articles/flood-defences`, { referer: 'https://search.example/results?q=flood' });
    const sent = await beaconSent;
    const answer = await sent.response();
    expect(answer?.status()).toBe(204);
    await page.waitForLoadState('networkidle');

    const beacons = requests.filter((r) => r.url().endsWith('/api/v1/view'));
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.method()).toBe('POST');
    const article = (await app.services.articles.getPublicArticle('flood-defences', app.clock()))!;
    expect(new URLSearchParams(beacons[0]!.postData() ?? '').get('a')).toBe(String(article.id));
    // Every request stayed on our origin.
    expect(requests.map((r) => new URL(r.url()).origin).filter((o) => o !== origin)).toEqual([]);

    expect(await context.cookies()).toEqual([]);
    const storage = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
    expect(storage).toEqual({ local: [], session: [] });

    const r = await app.services.analytics.report({ days: 1 }, app.clock());
    expect(r.articles).toEqual([expect.objectContaining({ slug: 'flood-defences', views: 1, visitors: 1 })]);
    expect(r.referrers).toEqual([{ host: 'search.example', views: 1 }]);

    // Reloading is a second view by the same visitor.
    const second = page.waitForRequest((q) => q.url() === `${origin}/api/v1/view`);
    await page.reload();
    await (await second).response();
    expect((await app.services.analytics.report({ days: 1 }, app.clock())).articles[0]).toMatchObject({ views: 2, visitors: 1 });
    await context.close();
  });

  it('sends nothing that counts from headless Chromium’s own user agent (a bot)', async () => {
    const before = (await app.services.analytics.report({ days: 1 }, app.clock())).totals.views;
    const context = await browser.newContext();
    const page = await context.newPage();
    const sent = page.waitForRequest((r) => r.url() === `${origin}/api/v1/view`);
    await page.goto(`${origin}/articles/flood-defences`);
    expect((await (await sent).response())?.status()).toBe(204);
    expect((await app.services.analytics.report({ days: 1 }, app.clock())).totals.views).toBe(before);
    await context.close();
  });
});
