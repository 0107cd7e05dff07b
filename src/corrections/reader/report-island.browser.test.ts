import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../../../test/support/browser.js';
import { bodyText } from '../../articles/article-body.js';
import type { BuiltAsset } from '../../admin/editor/editor-bundle.js';
import { buildReaderAssets } from './reader-bundle.js';

// Every element bodyText() treats as a block, inline markup, entities, NBSPs, source newlines, accents and emoji.
const BODY_HTML = [
  '<p>The harbour board voted on Tuesday to raise ferry fares by 40 cents.</p>',
  '<h2>What changes</h2>',
  '<p>Fares rise to <strong>$2.90</strong> from&nbsp;March&nbsp;1, the board said.\n   It needs <a href="/articles/boats">two new boats</a>.</p>',
  '<blockquote><p>We had no choice, said the chair.</p></blockquote>',
  '<ul><li>Adults: $2.90</li><li>Children: <em>free</em></li></ul>',
  '<figure><figcaption>The ferry at dawn.</figcaption></figure>',
  '<p>Pranksters chalked &lt;img src=x onerror=alert(1)&gt; on the terminal wall.</p>',
  '<pre>fare  =  2.90\n  total</pre>',
  '<p>Café owners 🎉 welcomed the news.<br>Others did not.</p><hr><h3>Next</h3><h4>Meeting</h4><ol><li>April</li></ol>',
].join('\n');
const TEXT = bodyText(BODY_HTML);

const DIALOG_TEMPLATE = `<template id="report-dialog-template">
  <dialog class="report-dialog" aria-labelledby="report-title">
    <form method="dialog" class="report-form">
      <h2 id="report-title">Suggest a correction</h2>
      <blockquote class="report-quote"></blockquote>
      <label for="report-suggestion">What is wrong, and what should it say?</label>
      <textarea id="report-suggestion" name="suggestion" required maxlength="2000"></textarea>
      <label for="report-email">Your email (optional, for a reply)</label>
      <input id="report-email" name="email" type="email" maxlength="254">
      <p class="report-honeypot" aria-hidden="true"><label>Leave empty <input name="website" tabindex="-1" autocomplete="off"></label></p>
      <p class="report-status" role="status" aria-live="polite"></p>
      <div class="report-actions"><button type="submit" value="send">Send</button> <button type="button" class="report-cancel">Cancel</button></div>
    </form>
  </dialog>
</template>`;

/** The article page as the contract describes it. */
function articlePage(assets: { js: BuiltAsset; css: BuiltAsset }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ferry fares rise</title><link rel="stylesheet" href="${assets.css.href}"></head>
<body><main><article><h1>Ferry fares rise</h1>
<div class="story-body" data-report-article="ferry-fares" data-report-revision="3">${BODY_HTML}</div>
<section class="corrections-invite"><p>Spotted a mistake? <a href="/articles/ferry-fares/report">Suggest a correction or clarification</a></p></section>
</article></main>
${DIALOG_TEMPLATE}
<script type="module" src="${assets.js.href}"></script>
</body></html>`;
}

interface Report {
  article: string;
  revision: number;
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
  suggestion: string;
  email?: string;
  website?: string;
}

const RATE_LIMITED = 'Too many reports from your connection. Please try again in an hour.';

describe.skipIf(!browserAvailable)('reporting an error in an article, in Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let origin: string;
  const reports: Report[] = [];
  const headers: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    const assets = await buildReaderAssets();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        // As strict as the real site: no inline script or style, nothing from elsewhere.
        const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'";
        if (req.method === 'GET' && url.pathname === '/articles/ferry-fares') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
          res.end(articlePage(assets));
        } else if (req.method === 'GET' && (url.pathname === assets.js.href || url.pathname === assets.css.href)) {
          const asset = url.pathname === assets.js.href ? assets.js : assets.css;
          res.writeHead(200, { 'content-type': asset.contentType });
          res.end(asset.body);
        } else if (req.method === 'POST' && url.pathname === '/api/v1/corrections') {
          // A stand-in for the real endpoint: records what the island sent.
          const report = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Report;
          reports.push(report);
          headers.push(req.headers);
          const limited = report.suggestion.includes('rate-limit-me');
          res.writeHead(limited ? 429 : 201, { 'content-type': 'application/json' });
          res.end(JSON.stringify(limited ? { error: RATE_LIMITED } : { id: reports.length }));
        } else if (url.pathname === '/favicon.ico') {
          res.writeHead(204).end();
        } else {
          res.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  // One desktop page for most tests (a fresh renderer costs most of a second here).
  let context: BrowserContext;
  let page: Page;
  let pageDialogs: string[] = [];
  let consoleErrors: string[] = [];
  const watch = (p: Page) => {
    p.on('dialog', (d) => {
      pageDialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    p.on('pageerror', (e) => consoleErrors.push(e.message));
  };
  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    watch(page);
  });

  beforeEach(async () => {
    reports.length = 0;
    headers.length = 0;
    pageDialogs = [];
    consoleErrors = [];
    await page.goto(`${origin}/articles/ferry-fares`);
  });

  /** Selects from the start of `from` to the end of `to`, each found in one text node of the body. */
  const select = (p: Page, from: string, to = from) =>
    p.evaluate(
      ([a, b]) => {
        const root = document.querySelector('.story-body')!;
        const find = (needle: string) => {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = (n as Text).data.indexOf(needle);
            if (i >= 0) return { node: n, i };
          }
          throw new Error(`not in the body: ${needle}`);
        };
        const start = find(a!);
        const end = find(b!);
        const range = document.createRange();
        range.setStart(start.node, start.i);
        range.setEnd(end.node, end.i + b!.length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
      },
      [from, to],
    );
  const dialog = (p: Page) => p.locator('dialog.report-dialog');
  const status = (p: Page) => p.locator('.report-status');
  const expectedAnchor = (exact: string, from = 0) => {
    const start = TEXT.indexOf(exact, from);
    const end = start + exact.length;
    return { quote: { exact, prefix: TEXT.slice(Math.max(0, start - 32), start), suffix: TEXT.slice(end, end + 32) }, position: { start, end } };
  };

  it('sends a selected sentence with Ctrl+Enter, anchored to the server-side text', async () => {
    await select(page, 'voted on Tuesday');
    await page.keyboard.press('Control+Enter');
    await dialog(page).waitFor();
    await expect(page.locator('.report-quote').textContent()).resolves.toBe('voted on Tuesday');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('report-suggestion');

    await page.keyboard.type('It was Wednesday.');
    await page.locator('#report-email').fill('reader@example.org');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => status(page).textContent()).toBe('Thank you. An editor will look at it.');
    await dialog(page).waitFor({ state: 'hidden' });

    expect(reports).toEqual([
      { article: 'ferry-fares', revision: 3, ...expectedAnchor('voted on Tuesday'), suggestion: 'It was Wednesday.', email: 'reader@example.org' },
    ]);
    const { position, quote } = reports[0]!;
    expect(TEXT.slice(position.start, position.end)).toBe(quote.exact);
    expect(headers[0]?.['content-type']).toBe('application/json');
    expect(headers[0]?.accept).toBe('application/json');
    expect(consoleErrors).toEqual([]);
  });

  it('quotes a selection across paragraphs with the blank line bodyText() puts between them, and sends with Ctrl+Enter in the dialog', async () => {
    await select(page, 'by 40 cents.', 'Fares rise');
    await page.keyboard.press('Control+Enter');
    await dialog(page).waitFor();
    const exact = 'by 40 cents.\n\nWhat changes\n\nFares rise';
    await expect(page.locator('.report-quote').textContent()).resolves.toBe(exact);
    await page.locator('#report-suggestion').fill('The heading is wrong.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => reports.length).toBe(1);
    expect(reports[0]).toMatchObject(expectedAnchor(exact));
  });

  it('maps the whole body to exactly the server-side text; Escape closes and gives the selection back', async () => {
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('.story-body')!);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await page.keyboard.press('Control+Enter');
    await dialog(page).waitFor();
    await expect(page.locator('.report-quote').textContent()).resolves.toBe(TEXT);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    // The selection comes back on the dialog's 'close' event, a task after it is hidden: poll for it.
    await expect.poll(() => page.evaluate(() => document.getSelection()!.toString().includes('voted on Tuesday'))).toBe(true);
  });

  it('shows the server message on 429, with accented text, emoji and NBSPs anchored by code units', async () => {
    await select(page, 'from\u00a0March', 'board said.');
    await page.keyboard.press('Control+Enter');
    await dialog(page).waitFor();
    await page.locator('#report-suggestion').fill('It is February.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect(reports[0]).toMatchObject(expectedAnchor('from March 1, the board said.'));

    await select(page, 'Café owners 🎉 welcomed');
    await page.keyboard.press('Control+Enter');
    await page.locator('#report-suggestion').fill('rate-limit-me');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => status(page).textContent()).toBe(RATE_LIMITED);
    await expect(dialog(page).isVisible()).resolves.toBe(true);
    expect(reports[1]).toMatchObject(expectedAnchor('Café owners 🎉 welcomed'));
    expect(pageDialogs).toEqual([]);
  });

  it('shows hostile body text as text in the quote, and runs none of it', async () => {
    await select(page, 'chalked <img', 'alert(1)> on');
    await page.keyboard.press('Control+Enter');
    await dialog(page).waitFor();
    await expect(page.locator('.report-quote').textContent()).resolves.toBe('chalked <img src=x onerror=alert(1)> on');
    await expect(page.locator('dialog img, .report-quote *').count()).resolves.toBe(0);
    await page.locator('#report-suggestion').fill('<script>alert(2)</script>');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect(reports[0]).toMatchObject({ ...expectedAnchor('chalked <img src=x onerror=alert(1)> on'), suggestion: '<script>alert(2)</script>' });
    expect(pageDialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('on a phone, offers a "Report an error" button by the selection that opens the dialog and takes focus back', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    try {
      const p = await phone.newPage();
      watch(p);
      await p.goto(`${origin}/articles/ferry-fares`);
      const button = p.getByRole('button', { name: 'Report an error in the selected text' });
      await expect(button.isVisible()).resolves.toBe(false);

      await select(p, 'We had no choice');
      await button.waitFor();
      // Both boxes are relative to the viewport: the button sits just below the selection, on screen.
      const selectionBottom = await p.evaluate(() => document.getSelection()!.getRangeAt(0).getBoundingClientRect().bottom);
      const buttonBox = (await button.boundingBox())!;
      expect(buttonBox.y).toBeGreaterThanOrEqual(selectionBottom);
      expect(buttonBox.y).toBeLessThan(selectionBottom + 40);
      expect(buttonBox.x).toBeGreaterThanOrEqual(0);
      expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(390);

      await button.tap();
      await dialog(p).waitFor();
      await expect(p.locator('.report-quote').textContent()).resolves.toBe('We had no choice');
      await p.locator('.report-cancel').tap();
      await dialog(p).waitFor({ state: 'hidden' });
      await expect.poll(() => p.evaluate(() => document.activeElement?.className)).toBe('report-float');

      await p.evaluate(() => document.getSelection()!.collapseToEnd());
      await button.waitFor({ state: 'hidden' });
      expect(pageDialogs).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
