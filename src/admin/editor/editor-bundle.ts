import { fileURLToPath } from 'node:url';
import { bundleIsland, type BuiltAsset } from '../../islands/island-bundle.js';

export type { BuiltAsset };

/** Bundles the editor island with esbuild, in memory. Called once at server start. */
export function buildEditorAssets(): Promise<{ js: BuiltAsset; css: BuiltAsset }> {
  return bundleIsland({
    entry: fileURLToPath(new URL('./editor.ts', import.meta.url)),
    stylesheet: fileURLToPath(new URL('./editor.css', import.meta.url)),
    name: 'editor',
    hrefBase: '/admin/assets',
  });
}
