import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { imageBytes } from '../support/factories.js';

describe.skipIf(!browserAvailable)('an editor writes and publishes in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let link: string;

  beforeAll(async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    // The link comes from the real CLI, run against the same database.
    const lines: string[] = [];
    const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
    const file = (app.config.database as { file: string }).file;
    const code = await main(
      ['user', 'add', '--email', 'maria@example.org', '--role', 'editor', '--name', 'Maria Kovač'],
      { DATABASE_URL: `sqlite:${file}`, PUBLIC_URL: origin, SECRET_KEY: app.config.secretKey!, LOG_LEVEL: 'silent' },
      out,
    );
    expect(code).toBe(0);
    link = lines.find((l) => l.startsWith(origin))!;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('log in with the printed link → write with a hero image and a source → publish → live on the site and in the feed', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(link);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${origin}/admin`);

    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByLabel('Headline', { exact: true }).fill('Library extends weekend hours from January');
    await page.getByLabel(/^Standfirst/).fill('Branches will open on Sundays for the first time since 2019.');
    // The rich-text editor replaces the textarea.
    const editor = page.locator('.ProseMirror');
    await editor.click();
    await page.keyboard.type('The library board voted unanimously on Monday. ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Sunday hours start 4 January.');
    const dir = fs.mkdtempSync(path.join(app.config.dataDir, 'upload-'));
    const photo = path.join(dir, 'branch.jpg');
    fs.writeFileSync(photo, await imageBytes(1600, 1000));
    await page.getByLabel(/^Image/).setInputFiles(photo);
    await page.getByLabel(/^Alt text/).fill('The central library’s reading room');
    await page.getByLabel(/^Caption/).fill('The reading room on a Saturday afternoon.');
    await page.getByLabel(/^Credit/).fill('Photo: Maria Kovač');
    // Sources are rows of name and address; the section is chosen from a list, or a new one typed in.
    await page.getByLabel('Source 1 name').fill('Library board minutes');
    await page.getByLabel('Source 1 address').fill('https://example.org/library/minutes');
    await page.getByLabel('Section', { exact: true }).selectOption('+new');
    await page.getByLabel('New section').fill('Culture');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL(/\/admin\/articles\/\d+\?saved=published/);
    await expect(page.getByText(/^Saved \(published\)\./).isVisible()).resolves.toBe(true);

    // Readers see it.
    await page.goto(`${origin}/articles/library-extends-weekend-hours-from-january`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Library extends weekend hours from January');
    await expect(page.locator('.story-body strong').innerText()).resolves.toBe('Sunday hours start 4 January.');
    await expect(page.locator('figure.hero figcaption .credit').innerText()).resolves.toMatch(/photo: maria kovač/i);
    await expect(page.locator('figure.hero img').evaluate((el) => (el as HTMLImageElement).naturalWidth)).resolves.toBeGreaterThan(0);
    await expect(page.locator('section.sources a').getAttribute('href')).resolves.toBe('https://example.org/library/minutes');
    await expect(page.locator('.byline a').innerText()).resolves.toBe('Maria Kovač');

    const feed = await page.request.get(`${origin}/feed.xml`);
    expect(await feed.text()).toContain('Library extends weekend hours from January');
    expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);
    await page.close();
  });
});
