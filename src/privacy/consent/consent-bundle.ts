import { fileURLToPath } from 'node:url';
import { bundleScript, type BuiltAsset } from '../../islands/island-bundle.js';

/** Bundles the consent island with esbuild, in memory (its styles are in the site stylesheet). */
export function buildConsentScript(): Promise<BuiltAsset> {
  return bundleScript({ entry: fileURLToPath(new URL('./consent-island.ts', import.meta.url)), name: 'consent', hrefBase: '/assets' });
}
