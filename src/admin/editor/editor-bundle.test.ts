import { describe, expect, it } from 'vitest';
import { buildEditorAssets } from './editor-bundle.js';

describe('buildEditorAssets', () => {
  it('bundles the island into one self-contained script and a stylesheet, under content-hashed hrefs', async () => {
    const { js, css } = await buildEditorAssets();
    expect(js.href).toMatch(/^\/admin\/assets\/editor\.[0-9a-f]{12}\.js$/);
    expect(css.href).toMatch(/^\/admin\/assets\/editor\.[0-9a-f]{12}\.css$/);
    expect(js.contentType).toBe('text/javascript; charset=utf-8');
    expect(css.contentType).toBe('text/css; charset=utf-8');
    // Everything is inlined: no bare imports left for the browser to resolve.
    expect(js.body.toString()).not.toMatch(/\bfrom\s*["']@?tiptap|\bimport\s*\(/);
    expect(css.body.toString()).toContain('.mh-editor-toolbar');
    expect(css.body.toString()).not.toMatch(/@import|@font-face|url\(/);

    // Same sources, same bytes, same hrefs: caches stay warm across restarts and servers.
    const again = await buildEditorAssets();
    expect(again.js.href).toBe(js.href);
    expect(again.css.href).toBe(css.href);
  });
});
