import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle, imageBytes } from '../support/factories.js';

describe.skipIf(!browserAvailable)('a reader opens an article in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await buildApp();
    const image = await app.services.media.storeImage(await imageBytes(1600, 1000), app.clock());
    if (!image.ok) throw new Error(image.message);
    await createArticle(app, { slug: 'earlier-report', headline: 'The earlier report' });
    await createArticle(app, {
      slug: 'ferry-fares',
      headline: 'Ferry fares rise for the first time in nine years',
      standfirst: 'Commuters will pay 40 cents more from January.',
      bodyMarkdown: 'The transit board voted 5–2 on Tuesday.\n\nRelated: [The earlier report](/articles/earlier-report)',
      hero: {
        mediaId: image.mediaId,
        alt: 'A ferry crossing the river at dusk',
        caption: 'The 6 p.m. crossing from Eastbank.',
        credit: 'Photo: Dispatch staff',
      },
      authors: [{ name: 'Rosa Vance' }, { name: 'Ife Adeyemi', bio: 'Freelance transport writer.', guest: true }],
      sources: [
        { name: 'Transit board agenda', url: 'https://example.org/agenda.pdf' },
        { name: 'The Valley Ledger reports', url: 'https://example.com/ledger/fares' },
      ],
      related: ['earlier-report'],
      tags: ['Transport'],
    });
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the figure with caption and credit, the bylines and the sources, with no third-party requests', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const response = await page.goto(`${origin}/articles/ferry-fares`);
    expect(response?.status()).toBe(200);

    await expect(page.locator('h1').innerText()).resolves.toBe('Ferry fares rise for the first time in nine years');
    const img = page.locator('figure.hero img');
    await expect(img.getAttribute('alt')).resolves.toBe('A ferry crossing the river at dusk');
    // The picture really loaded (a responsive variant served by our own media route).
    await expect(img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).resolves.toBeGreaterThan(0);
    await expect(page.locator('figure.hero figcaption .caption').innerText()).resolves.toBe('The 6 p.m. crossing from Eastbank.');
    await expect(page.locator('figure.hero figcaption .credit').innerText()).resolves.toMatch(/photo: dispatch staff/i);

    const bylines = page.locator('.byline a[rel=author]');
    await expect(bylines.allInnerTexts()).resolves.toEqual(['Rosa Vance', 'Ife Adeyemi']);
    const sources = page.locator('section.sources a');
    await expect(sources.allInnerTexts()).resolves.toEqual(['Transit board agenda', 'The Valley Ledger reports']);
    await expect(sources.first().getAttribute('href')).resolves.toBe('https://example.org/agenda.pdf');
    await expect(page.locator('.story-body .inline-related a').innerText()).resolves.toBe('The earlier report');

    // Every request the page made went to our own origin.
    expect(requested.length).toBeGreaterThan(2);
    expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);

    // The guest byline leads to the author's page, which lists the story.
    await bylines.nth(1).click();
    await page.waitForURL(`${origin}/authors/ife-adeyemi`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ife Adeyemi');
    await expect(page.locator('.card-headline a').allInnerTexts()).resolves.toContain('Ferry fares rise for the first time in nine years');
    await page.close();
  });
});
