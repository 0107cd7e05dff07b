import { fileURLToPath } from 'node:url';
import { bundleScript, type BuiltAsset } from '../../islands/island-bundle.js';

/**
 * The ad island under /ads/ (an ad-like path, on purpose: blockers treat it as an ad) and the
 * blocker check under /assets/ with a plain name (so they do not). Styles are in the site stylesheet.
 */
export async function buildAdScripts(): Promise<{ island: BuiltAsset; check: BuiltAsset }> {
  const [island, check] = await Promise.all([
    bundleScript({ entry: fileURLToPath(new URL('./ad-island.ts', import.meta.url)), name: 'ads', hrefBase: '/ads' }),
    bundleScript({ entry: fileURLToPath(new URL('./courtesy-check.ts', import.meta.url)), name: 'courtesy', hrefBase: '/assets' }),
  ]);
  return { island, check };
}
