import { fileURLToPath } from 'node:url';
import { bundleIsland, type BuiltAsset } from '../../islands/island-bundle.js';

/** Bundles the readers' island ("Report an error", "Quote") with esbuild, in memory. Called once at server start. */
export function buildReaderAssets(): Promise<{ js: BuiltAsset; css: BuiltAsset }> {
  return bundleIsland({
    entry: fileURLToPath(new URL('./report-island.ts', import.meta.url)),
    stylesheet: fileURLToPath(new URL('./report.css', import.meta.url)),
    name: 'report',
    hrefBase: '/assets',
  });
}
