import { fileURLToPath } from 'node:url';
import { bundleScript, type BuiltAsset } from '../../islands/island-bundle.js';

/** Bundles the view beacon with esbuild, in memory, under a content-hashed URL. */
export function buildViewBeaconScript(): Promise<BuiltAsset> {
  return bundleScript({ entry: fileURLToPath(new URL('./view-beacon.ts', import.meta.url)), name: 'view', hrefBase: '/assets' });
}
