import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { browserAvailable, openInBrowser } from '../support/browser.js';
import { createArticle } from '../support/factories.js';

const BODY = [
  'The ferry board met on Tuesday evening.',
  'Fares will rise by 40 cents in January, the first increase in nine years.',
  'Riders can comment until 15 December.',
].join('\n\n');

describe.skipIf(!browserAvailable)('reader corrections in Chromium', { timeout: 60_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'ferry-fares', headline: 'Ferry fares to rise', bodyMarkdown: BODY, section: 'City Hall' });
    await createArticle(app, {
      slug: 'library-hours',
      headline: 'Library hours change',
      bodyMarkdown: 'The library will close at 8 p.m. on weekdays.\n\nIt opens at 9 a.m.',
    });
    ({ origin, browser } = await openInBrowser(app));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** An editor's browser, logged in with a one-time link. */
  async function editorPage(): Promise<Page> {
    const created = await app.services.accounts.createUser(
      { email: `desk-${Date.now()}@example.org`, name: 'Desk Editor', role: 'editor' },
      { now: app.clock(), actor: null },
    );
    if (!created.ok) throw new Error(created.message);
    const token = await app.services.accounts.issueLoginToken(created.user.id, app.clock());
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/admin/login/link/${token}`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${origin}/admin`);
    return page;
  }

  it('select → Ctrl+Enter → send → the desk sees it → the text is fixed → the correction is published', async () => {
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`${origin}/articles/ferry-fares`);
    // Select the second sentence, as a reader would with the mouse.
    await reader.evaluate(() => {
      const p = Array.from(document.querySelectorAll('.story-body p')).find((el) => el.textContent!.startsWith('Fares will rise'))!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, 'Fares will rise by 40 cents in January'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await reader.keyboard.press('Control+Enter');
    const dialog = reader.locator('dialog.report-dialog');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(dialog.locator('.report-quote').innerText()).resolves.toBe('Fares will rise by 40 cents in January');
    await dialog.getByLabel('What is wrong, and what should it say?').fill('The board approved 45 cents, not 40.');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await reader.waitForFunction(() => document.querySelector('.report-status')?.textContent?.includes('Thank you'));

    const desk = await editorPage();
    await desk.getByRole('link', { name: 'Corrections' }).click();
    await expect(desk.locator('mark').first().innerText()).resolves.toBe('Fares will rise by 40 cents in January');
    await expect(desk.getByText('The board approved 45 cents, not 40.').isVisible()).resolves.toBe(true);
    await desk.getByRole('link', { name: 'Open' }).first().click();
    const reportUrl = desk.url();

    // Fix the text in the editor: select "40 cents" in the body and type over it.
    await desk.getByRole('link', { name: 'Fix the text' }).click();
    await desk.locator('.ProseMirror').waitFor();
    await desk.locator('.ProseMirror').evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf('40 cents');
        if (i >= 0) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + '40 cents'.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          return;
        }
      }
      throw new Error('passage not found in the editor');
    });
    await desk.keyboard.type('45 cents');
    await desk.getByRole('button', { name: 'Update' }).click();
    await desk.waitForURL(/saved=published/);

    await desk.goto(reportUrl);
    await desk.getByRole('button', { name: 'Accept' }).click();
    await desk.getByLabel('Note readers will see').fill('An earlier version of this story gave the wrong fare increase.');
    await desk.getByRole('button', { name: 'Publish note' }).click();
    await desk.waitForURL(/published=1/);

    // A new visitor (browsers may keep the page they saw for max-age=60 seconds).
    const later = await (await browser.newContext()).newPage();
    await later.goto(`${origin}/articles/ferry-fares`);
    await expect(later.locator('.note-correction').innerText()).resolves.toContain('An earlier version of this story gave the wrong fare increase.');
    await expect(later.locator('.story-body').innerText()).resolves.toContain('Fares will rise by 45 cents in January');
    await later.goto(`${origin}/corrections`);
    await expect(later.locator('.corrections-log').innerText()).resolves.toContain('Ferry fares to rise');
  });

  it('the same flow without JavaScript: the report form, then a clarification', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const reader = await context.newPage();
    await reader.goto(`${origin}/articles/library-hours`);
    await reader.getByRole('link', { name: 'suggest a correction or clarification' }).click();
    await reader.getByLabel('The passage (copy the words from the story)').fill('The library will close at 8 p.m. on weekdays.');
    await reader.getByLabel('What is wrong, and what should it say?').fill('Only Monday to Thursday; Fridays it closes at 6.');
    await reader.getByRole('button', { name: 'Send' }).click();
    await expect(reader.getByText('Thank you. An editor will look at your report.').isVisible()).resolves.toBe(true);

    const desk = await editorPage();
    await desk.goto(`${origin}/admin/corrections`);
    await expect(desk.getByText('Only Monday to Thursday; Fridays it closes at 6.').isVisible()).resolves.toBe(true);
    await desk.getByRole('link', { name: 'Open' }).first().click();
    await desk.getByLabel('Kind').selectOption('clarification');
    await desk.getByLabel('Note readers will see').fill('The 8 p.m. closing applies Monday to Thursday.');
    await desk.getByRole('button', { name: 'Publish note' }).click();
    await desk.waitForURL(/published=1/);

    const later = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await later.goto(`${origin}/articles/library-hours`);
    await expect(later.locator('.note-clarification').innerText()).resolves.toContain('The 8 p.m. closing applies Monday to Thursday.');
    await later.goto(`${origin}/corrections`);
    await expect(later.locator('.corrections-log').innerText()).resolves.toContain('Library hours change');
  });
});
