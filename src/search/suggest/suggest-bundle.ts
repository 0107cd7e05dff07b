import { fileURLToPath } from 'node:url';
import { bundleScript, type BuiltAsset } from '../../islands/island-bundle.js';

/** Bundles the search page's suggest island with esbuild, in memory, under a content-hashed URL. */
export function buildSuggestScript(): Promise<BuiltAsset> {
  return bundleScript({ entry: fileURLToPath(new URL('./suggest-island.ts', import.meta.url)), name: 'suggest', hrefBase: '/assets' });
}
