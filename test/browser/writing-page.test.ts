import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { createArticle, imageBytes } from '../support/factories.js';

/** Set SHOTS_DIR to keep screenshots of the writing page, blank and filled, at each width. */
const SHOTS = process.env.SHOTS_DIR ?? null;

const sizes = [
  { name: 'laptop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.skipIf(!browserAvailable)('the writing page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    env = {
      DATABASE_URL: `sqlite:${(app.config.database as { file: string }).file}`,
      PUBLIC_URL: origin,
      SECRET_KEY: app.config.secretKey!,
      LOG_LEVEL: 'silent',
    };
    // The story the writer will find by searching for part of its headline.
    await createArticle(app, { slug: 'ferry-timetable-changes', headline: 'Ferry timetable changes for the winter', tags: ['Budget'] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Logs in a new editor through the CLI's printed link, as a newsroom would. */
  async function logIn(page: Page, email: string, name: string) {
    const lines: string[] = [];
    const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
    expect(await main(['user', 'add', '--email', email, '--role', 'editor', '--name', name], env, out)).toBe(0);
    await page.goto(lines.find((l) => l.startsWith(origin))!);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${origin}/admin`);
  }

  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  for (const size of sizes) {
    it(`at ${size.width} px: a story from a blank page with a hero, a new tag, a guest byline, two sources and a related story; published and on the site`, async () => {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      const requested: string[] = [];
      const cspErrors: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      page.on('console', (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      await logIn(page, `writer-${size.name}@example.org`, size.name === 'phone' ? 'Tomás Reyes' : 'Maria Kovač');
      await page.goto(`${origin}/admin/articles/new`);
      await expect(page.locator('#writing-state-text').innerText()).resolves.toMatch(/^Draft · not saved yet/);
      await expect(page.locator('#primary-action').innerText()).resolves.toBe('Publish');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `editor-blank-${size.width}.png`), fullPage: true });

      // The hero, at the top: chosen, uploaded at once, shown, then described.
      const dir = fs.mkdtempSync(path.join(app.config.dataDir, 'upload-'));
      const photo = path.join(dir, 'night-bus.jpg');
      fs.writeFileSync(photo, await imageBytes(1600, 1000));
      await page.getByLabel(/^Image/).setInputFiles(photo);
      await page.locator('#hero-preview[src^="/media/"]').waitFor();
      // Alt text is empty, so the page moves the writer there.
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-heroAlt');
      await page.keyboard.type('A night bus at the Harbour Street stop');
      await page.getByLabel(/^Caption/).fill('The N4 at Harbour Street shortly after midnight.');
      await page.getByLabel(/^Credit/).fill('Photo: Dispatch staff');

      const headline = `Night buses return to the harbour line (${size.name})`;
      await page.getByLabel('Headline', { exact: true }).fill(headline);
      await page.getByLabel(/^Standfirst/).fill('Three routes run again after midnight from January.');
      await page.locator('.ProseMirror').click();
      await page.keyboard.type('The transit board restored the late routes on Tuesday.');

      // The settings start folded on a phone.
      const meta = page.locator('#writing-meta');
      if (size.name === 'phone') {
        await expect(meta.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
        await page.getByText('Story settings').click();
      }
      await page.getByLabel('Section', { exact: true }).selectOption('+new');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-newSection');
      await page.keyboard.type('Transit');

      // Tags: an existing one through completion, a new one by typing it.
      const tags = page.getByRole('combobox', { name: /^Tags/ });
      await tags.click();
      await page.keyboard.type('Budg');
      await page.getByRole('option', { name: 'Budget' }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Night buses');
      await page.keyboard.press('Enter');
      await expect(page.locator('#tags-field .chip-text').allInnerTexts()).resolves.toEqual(['Budget', 'Night buses']);

      // A guest byline next to the writer's own.
      await page.getByRole('button', { name: 'Add a guest contributor' }).click();
      await page.keyboard.type('Dana Whitfield');
      await page.keyboard.press('Enter');
      await expect(page.locator('#bylines-field .chip').last().innerText()).resolves.toMatch(/Dana Whitfield\s*guest/i);

      // Two sources, as rows.
      await page.getByLabel('Source 1 name').fill('Transit board minutes');
      await page.getByLabel('Source 1 address').fill('https://example.org/transit/minutes');
      await page.getByRole('button', { name: 'Add a source' }).click();
      await page.keyboard.type('Route N4 timetable');
      await page.getByLabel('Source 2 address').fill('https://example.org/transit/n4');

      // A related story found by part of its headline, chosen with the keyboard.
      await page.getByRole('combobox', { name: /^Related stories/ }).click();
      await page.keyboard.type('timetable');
      await page.getByRole('option', { name: /Ferry timetable changes/ }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(page.locator('#related-cards .related-headline').allInnerTexts()).resolves.toEqual(['Ferry timetable changes for the winter']);

      await expect(page.locator('#writing-state-text').innerText()).resolves.toMatch(/^Draft · /);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `editor-filled-${size.width}.png`), fullPage: true });

      await page.locator('#primary-action').click();
      await page.waitForURL(/\/admin\/articles\/\d+\?saved=published/);
      await expect(page.locator('#primary-action').innerText()).resolves.toBe('Update');
      await expect(page.locator('#writing-state-text').innerText()).resolves.toMatch(/^Published · saved/);

      const slug = `night-buses-return-to-the-harbour-line-${size.name}`;
      await page.goto(`${origin}/articles/${slug}`);
      await expect(page.locator('h1').innerText()).resolves.toBe(headline);
      await expect(page.locator('figure.hero img').evaluate((el) => (el as HTMLImageElement).naturalWidth)).resolves.toBeGreaterThan(0);
      await expect(page.locator('figure.hero img').getAttribute('alt')).resolves.toBe('A night bus at the Harbour Street stop');
      await expect(page.locator('.byline').innerText()).resolves.toContain('Dana Whitfield');
      await expect(page.locator('section.sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual([
        'https://example.org/transit/minutes',
        'https://example.org/transit/n4',
      ]);
      await expect(page.locator('nav.tags').innerText()).resolves.toMatch(/Night buses/);
      await expect(page.locator('aside.related a', { hasText: 'Ferry timetable changes for the winter' }).count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('.story-body').innerText()).resolves.toContain('restored the late routes');

      expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);
      expect(cspErrors).toEqual([]);
      await context.close();
    });
  }

  it('autosaves: a new story is saved as a draft once its headline is written, then its text is autosaved without a new revision', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, 'autosave@example.org', 'Ife Adeyemi');
    await page.goto(`${origin}/admin/articles/new`);
    await page.getByLabel('Headline', { exact: true }).fill('School board delays the vote on start times');
    await page.keyboard.press('Tab');
    // The first save makes the story; the page's address follows it.
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await expect(page.locator('#writing-state-text').innerText()).resolves.toMatch(/^Draft · saved/);
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(page.url())![1]);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('The board will vote in February instead.');
    await page.locator('#writing-state-text', { hasText: 'text autosaved' }).waitFor();
    const revisions = await app.services.drafting.listRevisionsWithAutosaves(id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.autosaves.at(-1)!.bodyHtml).toContain('vote in February');
    // Saving the draft afterwards is not refused as stale: the autosave took no revision number.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/saved=draft/);
    expect((await app.services.editing.findArticle(id))!.revision).toBe(2);
    await context.close();
  });
});
