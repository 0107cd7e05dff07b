import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../../../test/support/browser.js';
import type { BuiltAsset } from '../../admin/editor/editor-bundle.js';
import { buildReaderAssets } from './reader-bundle.js';

const HEADLINE = 'Ferry fares <b>&"rise"';
const OUTLET = 'Harbour Times';
const URL_ = 'https://news.example/articles/ferry-fares';
const MAX = 120;
const SOURCE_LINE = `Source: ${HEADLINE}, ${OUTLET} — ${URL_}`;

const LONG_PARAGRAPH =
  'The harbour board met for four hours on Tuesday night, heard from forty-one residents and two ferry operators, ' +
  'and then voted six to one to raise fares by 40 cents from the first of March, the largest rise in a decade.';
const BODY_HTML = [
  '<p>The board voted on Tuesday.</p>',
  `<p>${LONG_PARAGRAPH}</p>`,
  '<p>Fares rise to <strong>$2.90</strong>. It needs two boats. The chair said so. Nobody objected.</p>',
].join('\n');

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The words a Ukrainian page hands the island (the article page writes them from its catalog). */
const UK_WORDS = {
  quote: 'Цитувати',
  'quote-label': 'Скопіювати цитату з посиланням',
  'quote-copied': 'Цитату скопійовано',
  'quote-trimmed': `Цитату скопійовано й скорочено до ${MAX} символів`,
  'quote-failed': 'Не вдалося скопіювати цитату.',
};

function articlePage(assets: { js: BuiltAsset; css: BuiltAsset }, words: Record<string, string> = {}, lang = 'en'): string {
  const msgs = Object.entries(words)
    .map(([k, v]) => ` data-msg-${k}="${attr(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Ferry fares rise</title><link rel="stylesheet" href="${assets.css.href}"></head>
<body><main><article><h1>Ferry fares rise</h1>
<div class="story-body" data-report-article="ferry-fares" data-report-revision="3" data-quote-headline="${attr(HEADLINE)}"
  data-quote-url="${URL_}" data-quote-outlet="${OUTLET}" data-quote-max="${MAX}">${BODY_HTML}</div>
</article></main>
<template id="report-dialog-template"${msgs}><dialog class="report-dialog"><form method="dialog"><blockquote class="report-quote"></blockquote>
<textarea name="suggestion"></textarea><input name="email" type="email"><input name="website"><p class="report-status"></p>
<button type="submit">Send</button><button type="button" class="report-cancel">Cancel</button></form></dialog></template>
<script type="module" src="${assets.js.href}"></script>
</body></html>`;
}

describe.skipIf(!browserAvailable)('quoting an article, in Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let problems: string[] = [];

  beforeAll(async () => {
    const assets = await buildReaderAssets();
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'";
      if (path === '/articles/ferry-fares') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
        res.end(articlePage(assets));
      } else if (path === '/uk/articles/ferry-fares') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
        res.end(articlePage(assets, UK_WORDS, 'uk'));
      } else if (path === assets.js.href || path === assets.css.href) {
        const asset = path === assets.js.href ? assets.js : assets.css;
        res.writeHead(200, { 'content-type': asset.contentType });
        res.end(asset.body);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
    page.on('dialog', (d) => {
      problems.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(async () => {
    problems = [];
    await page.goto(`${origin}/articles/ferry-fares`);
    // A sentinel, so a copy that never happened cannot pass for one that did.
    await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
  });

  /** Selects from the start of `from` to the end of `to`, each found in one text node of the body. */
  const select = (from: string, to = from) =>
    page.evaluate(
      ([a, b]) => {
        const find = (needle: string) => {
          const walker = document.createTreeWalker(document.querySelector('.story-body')!, NodeFilter.SHOW_TEXT);
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
        return document.getSelection()!.toString();
      },
      [from, to],
    );
  const quoteButton = () => page.getByRole('button', { name: 'Copy a quotation with a link' });
  const status = () => page.locator('.quote-status');
  const clipboardText = () => page.evaluate(() => navigator.clipboard.readText());

  it('copies a selected sentence as a quotation with the headline, outlet and link', async () => {
    await select('The board voted on Tuesday.');
    await quoteButton().click();
    await expect.poll(() => status().textContent()).toBe('Quotation copied');
    await expect(clipboardText()).resolves.toBe(`“The board voted on Tuesday.”\n— ${HEADLINE}, ${OUTLET}: ${URL_}`);
    await expect(status().getAttribute('aria-live')).resolves.toBe('polite');
    expect(problems).toEqual([]);
  });

  it('trims a passage longer than the limit at a word, ending with an ellipsis, and says so', async () => {
    await select('The harbour board met', 'in a decade.');
    await quoteButton().click();
    await expect.poll(() => status().textContent()).toBe(`Quotation copied, trimmed to ${MAX} characters`);
    const text = await clipboardText();
    const quote = /^“(.*)”\n— /s.exec(text)?.[1] ?? '';
    expect(Array.from(quote).length).toBeLessThanOrEqual(MAX);
    expect(quote).toMatch(/\S…$/);
    // Whole words only: what is kept is the start of the paragraph, ending where a word ended.
    const kept = quote.slice(0, -1);
    expect(LONG_PARAGRAPH.startsWith(kept)).toBe(true);
    expect(LONG_PARAGRAPH[kept.length]).toMatch(/[\s,]/);
    expect(text.endsWith(`\n— ${HEADLINE}, ${OUTLET}: ${URL_}`)).toBe(true);
  });

  it('appends a source line to a long passage copied with Ctrl+C, leaving the passage as it was', async () => {
    const selected = await select('The harbour board met', 'Nobody objected.');
    await page.keyboard.press('Control+C');
    await expect.poll(clipboardText).not.toBe('(nothing copied yet)');
    const text = await clipboardText();
    expect(text.startsWith(selected)).toBe(true);
    expect(text.endsWith(`\n\n${SOURCE_LINE}`)).toBe(true);
    expect(text).toBe(`${selected}\n\n${SOURCE_LINE}`);
  });

  it('leaves a short passage copied with Ctrl+C alone', async () => {
    const selected = await select('voted on Tuesday');
    await page.keyboard.press('Control+C');
    await expect.poll(clipboardText).not.toBe('(nothing copied yet)');
    await expect(clipboardText()).resolves.toBe(selected);
  });

  it('escapes the headline in the HTML flavour, quoting from the keyboard', async () => {
    await select('The board voted on Tuesday.');
    await quoteButton().waitFor();
    await quoteButton().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent()).toBe('Quotation copied');
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const html = await (await item!.getType('text/html')).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const link = doc.querySelector('a');
      return {
        html,
        bold: doc.querySelectorAll('b').length,
        linkText: link?.textContent,
        href: link?.getAttribute('href'),
        quote: doc.querySelector('blockquote')?.textContent,
        cite: doc.querySelector('blockquote')?.getAttribute('cite'),
      };
    });
    expect(copied.html).not.toMatch(/<b[\s>]/);
    expect(copied).toMatchObject({ bold: 0, linkText: HEADLINE, href: URL_, quote: 'The board voted on Tuesday.', cite: URL_ });
    expect(problems).toEqual([]);
  });

  it('speaks the page’s language: the button, its label and its status come from the page', async () => {
    await page.goto(`${origin}/uk/articles/ferry-fares`);
    await select('The board voted on Tuesday.');
    const button = page.getByRole('button', { name: UK_WORDS['quote-label'] });
    await expect(button.textContent()).resolves.toBe(UK_WORDS.quote);
    await button.click();
    await expect.poll(() => status().textContent()).toBe(UK_WORDS['quote-copied']);
    await page.goto(`${origin}/uk/articles/ferry-fares`);
    await select('The harbour board met', 'in a decade.');
    await button.click();
    await expect.poll(() => status().textContent()).toBe(UK_WORDS['quote-trimmed']);
    expect(problems).toEqual([]);
  });
});
