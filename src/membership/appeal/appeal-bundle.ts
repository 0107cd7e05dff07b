import { fileURLToPath } from 'node:url';
import { bundleScript, type BuiltAsset } from '../../islands/island-bundle.js';

/** Bundles the support appeal's island with esbuild, in memory (its styles are in the site stylesheet). */
export function buildAppealScript(): Promise<BuiltAsset> {
  return bundleScript({ entry: fileURLToPath(new URL('./appeal-island.ts', import.meta.url)), name: 'appeal', hrefBase: '/assets' });
}
