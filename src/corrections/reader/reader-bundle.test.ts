import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildReaderAssets } from './reader-bundle.js';

describe('buildReaderAssets', () => {
  it('bundles the report island into one small self-contained script and a stylesheet, under content-hashed hrefs', async () => {
    const { js, css } = await buildReaderAssets();
    expect(js.href).toMatch(/^\/assets\/report\.[0-9a-f]{12}\.js$/);
    expect(css.href).toMatch(/^\/assets\/report\.[0-9a-f]{12}\.css$/);
    expect(js.contentType).toBe('text/javascript; charset=utf-8');
    expect(css.contentType).toBe('text/css; charset=utf-8');
    // Everything is inlined: no imports left for the browser to resolve, and no HTML written from strings
    // into the page (the quote tool reads innerHTML back, to copy a piece of the body; it never assigns it).
    expect(js.body.toString()).not.toMatch(/\bimport\s*[({"']|\bfrom\s*["']/);
    expect(js.body.toString()).not.toMatch(/(inner|outer)HTML\s*\+?=(?!=)|insertAdjacentHTML|document\.write|\balert\(/);
    expect(css.body.toString()).toContain('.report-float');
    expect(css.body.toString()).toContain('prefers-color-scheme:dark');
    expect(css.body.toString()).not.toMatch(/@import|@font-face|url\(/);
    // A budget, so the island stays an island: readers download it with every article.
    expect(gzipSync(js.body).length).toBeLessThan(6 * 1024);

    const again = await buildReaderAssets();
    expect(again.js.href).toBe(js.href);
    expect(again.css.href).toBe(css.href);
  });
});
