import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../../../test/support/browser.js';
import { adminMessages } from '../../i18n/admin-text.js';
import { adminEditorIsland } from '../../i18n/catalogs/admin/editor-island.js';
import { jsonForScript } from '../../views/render.js';
import { buildEditorAssets, type BuiltAsset } from './editor-bundle.js';

const CSRF = 'test-csrf-token';
const SERVER_HTML =
  '<p>The transit board voted on Tuesday.</p><p class="inline-related">Related: <a href="/articles/earlier-report">The earlier report</a></p>';
const SERVER_JSON = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Loaded from JSON.' }] }] });

interface Upload {
  csrfHeader: string | undefined;
  body: string;
}

/** The island's words, handed over as the real edit page does. */
const EDITOR_TEXT = jsonForScript(adminMessages(Object.keys(adminEditorIsland) as (keyof typeof adminEditorIsland)[]));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The edit page as the contract describes it; `?json` also sends a stored Tiptap document, `?list` a body ending in a list. */
function editPage(assets: { js: BuiltAsset; css: BuiltAsset }, query: URLSearchParams): string {
  const withJson = query.has('json');
  const html = query.has('list') ? `${SERVER_HTML}<ul><li><p>Fares rise to $2.90.</p></li></ul>` : SERVER_HTML;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Edit article</title></head>
<body><main><h1>Edit: Ferry fares rise</h1>
<form id="article-form" method="post" action="/admin/articles/42">
<label for="body-html">Body</label>
<textarea id="body-html" name="body_html" rows="20">${escapeHtml(html)}</textarea>
<input type="hidden" id="body-json" name="body_json" value="${withJson ? escapeHtml(SERVER_JSON) : ''}">
<input type="hidden" name="_csrf" value="${CSRF}">
<div id="editor-config" data-upload-url="/admin/media" data-draft-key="article:42:rev7" hidden></div>
<script type="application/json" id="editor-text">${EDITOR_TEXT}</script>
<button type="submit">Save</button>
</form></main>
<script type="module" src="${assets.js.href}"></script>
<link rel="stylesheet" href="${assets.css.href}">
</body></html>`;
}

describe.skipIf(!browserAvailable)('the article body editor in Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let origin: string;
  let png: Buffer;
  const posts: URLSearchParams[] = [];
  const uploads: Upload[] = [];

  beforeAll(async () => {
    const assets = await buildEditorAssets();
    png = await sharp({ create: { width: 40, height: 25, channels: 3, background: { r: 30, g: 110, b: 160 } } })
      .png()
      .toBuffer();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const url = new URL(req.url ?? '/', 'http://localhost');
        // A strict policy, as the real admin will have: the island needs no inline script or style and no other origin.
        const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'";
        if (req.method === 'GET' && url.pathname === '/admin/articles/42/edit') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
          res.end(editPage(assets, url.searchParams));
        } else if (req.method === 'GET' && (url.pathname === assets.js.href || url.pathname === assets.css.href)) {
          const asset = url.pathname === assets.js.href ? assets.js : assets.css;
          res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable' });
          res.end(asset.body);
        } else if (req.method === 'POST' && url.pathname === '/admin/articles/42') {
          posts.push(new URLSearchParams(body.toString('utf8')));
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
          res.end('<!doctype html><title>Saved</title><p>Saved.</p>');
        } else if (req.method === 'POST' && url.pathname === '/admin/media') {
          const text = body.toString('latin1');
          uploads.push({ csrfHeader: req.headers['x-csrf-token'] as string | undefined, body: text });
          const tooBig = text.includes('filename="huge.png"');
          res.writeHead(tooBig ? 413 : 201, { 'content-type': 'application/json' });
          res.end(JSON.stringify(tooBig ? { error: 'Images must be under 20 MB.' } : { src: '/media/abc123/800.jpg', width: 800, height: 500 }));
        } else if (req.method === 'GET' && url.pathname === '/media/abc123/800.jpg') {
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(png);
        } else if (req.method === 'GET' && url.pathname === '/blank') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><title>Blank</title>');
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

  // One page for all tests (a fresh renderer costs most of a second here); beforeEach clears what a test leaves behind.
  let context: BrowserContext;
  let page: Page;
  let answers: string[] = [];
  let dialogs: { type: string; message: string }[] = [];
  let requested: string[] = [];
  let consoleErrors: string[] = [];
  beforeAll(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message() });
      if (dialog.type() === 'beforeunload') return void dialog.accept();
      const answer = answers.shift();
      return void (answer === undefined ? dialog.dismiss() : dialog.accept(answer));
    });
  });

  beforeEach(async () => {
    // Leave the last test's page (accepting any "leave site?" prompt), then forget its drafts.
    await page.goto(`${origin}/blank`);
    await page.evaluate(() => localStorage.clear());
    posts.length = 0;
    uploads.length = 0;
    answers = [];
    dialogs = [];
    requested = [];
    consoleErrors = [];
  });

  const open = async (query = '') => {
    await page.goto(`${origin}/admin/articles/42/edit${query}`);
    await page.locator('.mh-editor-content').waitFor();
  };
  const editor = () => page.locator('.mh-editor-content');
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const textareaValue = () => page.locator('#body-html').inputValue();
  const typeNewParagraph = async (text: string) => {
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text);
  };

  it('mounts over the textarea, keeps the body (relative links, related class) and loads nothing from elsewhere', async () => {
    await open();
    await expect(page.locator('#body-html').isHidden()).resolves.toBe(true);
    await expect(page.locator('#body-html').getAttribute('name')).resolves.toBe('body_html');
    await expect(editor().innerText()).resolves.toContain('The transit board voted on Tuesday.');
    await expect(editor().getAttribute('aria-labelledby')).resolves.toBe('body-html-label');
    await expect(editor().locator('p.inline-related a').getAttribute('href')).resolves.toBe('/articles/earlier-report');

    // The toolbar: real buttons, named, toggles report aria-pressed, one Tab stop with arrow keys inside.
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    for (const name of [
      'Paragraph',
      'H2 heading',
      'H3 heading',
      'Bold',
      'Italic',
      'Link',
      'Unlink',
      'Bulleted list',
      'Numbered list',
      'Quote',
      'Insert image',
      'Undo',
      'Redo',
    ]) {
      await expect(toolbar.getByRole('button', { name, exact: true }).getAttribute('type')).resolves.toBe('button');
    }
    await expect(button('Paragraph').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(button('Bold').getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(button('Undo').getAttribute('aria-disabled')).resolves.toBe('true');
    await button('Bold').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Italic');
    await expect(toolbar.locator('button[tabindex="0"]').count()).resolves.toBe(1);

    expect(requested.filter((u) => !u.startsWith(origin))).toEqual([]);
    // CSP violations (an inline <style>, say) are reported as console errors.
    expect(consoleErrors).toEqual([]);
  });

  it('starts from the stored Tiptap JSON when the page sends one', async () => {
    await open('?json');
    await expect(editor().innerText()).resolves.toBe('Loaded from JSON.');
  });

  it('writes bold text into the textarea and JSON field as it is typed', async () => {
    await open();
    await typeNewParagraph('Fares rise ');
    await button('Bold').click();
    await page.keyboard.type('40 cents');
    await expect(button('Bold').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(textareaValue()).resolves.toContain('<p>Fares rise <strong>40 cents</strong></p>');
    const json = JSON.parse(await page.locator('#body-json').inputValue()) as { type: string };
    expect(json.type).toBe('doc');
    expect(JSON.stringify(json)).toContain('"type":"bold"');
  });

  it('refuses a javascript: link and accepts an https one', async () => {
    await open();
    await typeNewParagraph('Read the agenda');
    await page.keyboard.press('Shift+Home');

    answers.push('javascript:alert(document.cookie)');
    await button('Link').click();
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/only http, https and mailto links are allowed/);
    expect(await textareaValue()).not.toContain('javascript:');
    expect(dialogs.at(-1)?.type).toBe('prompt');

    answers.push('example.org/agenda.pdf');
    await button('Link').click();
    await expect(textareaValue()).resolves.toContain('<a href="https://example.org/agenda.pdf">Read the agenda</a>');
    await expect(button('Link').getAttribute('aria-pressed')).resolves.toBe('true');

    await button('Unlink').click();
    await expect(textareaValue()).resolves.not.toContain('agenda.pdf');
  });

  it('posts body_html and body_json with the form, and then forgets the local draft', async () => {
    await open();
    await typeNewParagraph('Commuters will pay more.');
    // The debounced save has written a draft by now: submitting must remove it.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('masthead:draft:article:42:rev7')), { timeout: 5000 })
      .toContain('Commuters will pay more.');
    await Promise.all([page.waitForURL(`${origin}/admin/articles/42`), button('Save').click()]);

    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.get('body_html')).toContain('<p>Commuters will pay more.</p>');
    expect(post.get('body_html')).toContain('<a href="/articles/earlier-report">');
    const doc = JSON.parse(post.get('body_json') ?? '') as { type: string };
    expect(doc.type).toBe('doc');
    expect(JSON.stringify(doc)).toContain('Commuters will pay more.');
    expect(post.get('_csrf')).toBe(CSRF);
    // Submitting is not leaving with unsaved work: no "leave site?" prompt.
    expect(dialogs.filter((d) => d.type === 'beforeunload')).toEqual([]);

    await open();
    await expect(page.locator('.mh-editor-draft').count()).resolves.toBe(0);
    await expect(page.evaluate(() => localStorage.getItem('masthead:draft:article:42:rev7'))).resolves.toBeNull();
  });

  it('offers typing back after a reload without submitting, and restores it', async () => {
    await open();
    await typeNewParagraph('Not yet saved anywhere.');
    // Reload at once: the pending draft save is flushed on the way out, and the writer is warned first.
    await page.reload();
    await page.locator('.mh-editor-content').waitFor();
    expect(dialogs.map((d) => d.type)).toContain('beforeunload');
    expect(posts).toHaveLength(0);

    const notice = page.getByRole('region', { name: 'Unsaved changes' });
    await expect(notice.innerText()).resolves.toMatch(/You have unsaved changes from .+\./);
    await expect(editor().innerText()).resolves.not.toContain('Not yet saved anywhere.');
    await notice.getByRole('button', { name: 'Restore' }).click();
    await expect(editor().innerText()).resolves.toContain('Not yet saved anywhere.');
    await expect(textareaValue()).resolves.toContain('<p>Not yet saved anywhere.</p>');
    await expect(notice.count()).resolves.toBe(0);
  });

  it('discards a draft when asked, and offers none when it matches what the server sent', async () => {
    await open();
    await typeNewParagraph('Second thoughts.');
    await page.reload();
    await page.getByRole('button', { name: 'Discard' }).click();
    await expect(editor().innerText()).resolves.not.toContain('Second thoughts.');
    await expect(page.evaluate(() => localStorage.getItem('masthead:draft:article:42:rev7'))).resolves.toBeNull();

    // Typing then undoing leaves a draft equal to the server's body: nothing to offer.
    await typeNewParagraph('x');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(editor().innerText()).resolves.not.toContain('x\n');
    dialogs.length = 0;
    await page.reload();
    await page.locator('.mh-editor-content').waitFor();
    await expect(page.locator('.mh-editor-draft').count()).resolves.toBe(0);
    // Nothing differs from the server's body, so leaving did not ask either.
    expect(dialogs).toEqual([]);
  });

  it('treats a body the writer only clicked around in as unchanged', async () => {
    await open('?list');
    await editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowUp');
    await page.reload();
    await page.locator('.mh-editor-content').waitFor();
    await expect(page.locator('.mh-editor-draft').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    await expect(textareaValue()).resolves.toMatch(/<\/ul>$/);
  });

  it('uploads an image, insists on alt text, and inserts it', async () => {
    await open();
    await editor().click();
    await page.keyboard.press('Control+End');
    answers.push('', 'A ferry crossing the river at dusk');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button('Insert image').click()]);
    await chooser.setFiles({ name: 'ferry.png', mimeType: 'image/png', buffer: png });

    const img = editor().locator('img');
    await img.waitFor();
    await expect(img.getAttribute('alt')).resolves.toBe('A ferry crossing the river at dusk');
    await expect(img.getAttribute('src')).resolves.toBe('/media/abc123/800.jpg');
    await expect(textareaValue()).resolves.toMatch(/<img src="\/media\/abc123\/800\.jpg" alt="A ferry crossing the river at dusk" width="800" height="500">/);
    // The empty answer was refused with a second, firmer prompt.
    expect(dialogs.filter((d) => d.type === 'prompt').map((d) => d.message)).toEqual([
      expect.stringMatching(/alt text/),
      expect.stringMatching(/Alt text is required/),
    ]);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.body).toContain('name="file"; filename="ferry.png"');
    expect(uploads[0]!.body).toMatch(new RegExp(`name="_csrf"\\r\\n\\r\\n${CSRF}\\r\\n`));
    expect(uploads[0]!.csrfHeader).toBe(CSRF);
  });

  it('uploads nothing when the alt text prompt is cancelled, and shows upload errors in the status region', async () => {
    await open();
    await editor().click();
    // No answer queued: the prompt is dismissed (cancelled).
    let [chooser] = await Promise.all([page.waitForEvent('filechooser'), button('Insert image').click()]);
    await chooser.setFiles({ name: 'ferry.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 5000 }).toBe('Image not added.');
    expect(uploads).toHaveLength(0);

    answers.push('A very large photograph');
    [chooser] = await Promise.all([page.waitForEvent('filechooser'), button('Insert image').click()]);
    await chooser.setFiles({ name: 'huge.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 5000 }).toBe('Image upload failed: Images must be under 20 MB.');
    await expect(editor().locator('img').count()).resolves.toBe(0);
    expect(dialogs.filter((d) => d.type === 'alert')).toEqual([]);
  });
});
