import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { build, transform } from 'esbuild';

/** A file served from memory under a content-hashed URL (safe to cache forever). */
export interface BuiltAsset {
  href: string;
  body: Buffer;
  contentType: string;
}

/** A content-hashed URL for built bytes. */
function assetFor(name: string, hrefBase: string, extension: 'js' | 'css', body: Buffer, contentType: string): BuiltAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { href: `${hrefBase}/${name}.${hash}.${extension}`, body, contentType };
}

/** Bundles one browser script (an island without a stylesheet of its own). */
export async function bundleScript(opts: { entry: string; name: string; hrefBase: '/assets' | '/admin/assets' | '/ads' }): Promise<BuiltAsset> {
  const script = await build({
    entryPoints: [opts.entry],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: ['es2020'],
    platform: 'browser',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = script.outputFiles[0];
  if (!js || script.outputFiles.length !== 1) throw new Error(`${opts.name} bundle: expected one output file, got ${script.outputFiles.length}`);
  return assetFor(opts.name, opts.hrefBase, 'js', Buffer.from(js.contents), 'text/javascript; charset=utf-8');
}

/**
 * Bundles a browser island (one TypeScript entry and its stylesheet) with esbuild, in memory, at
 * server start: no build step for operators, and the URLs change only when the bytes do.
 */
export async function bundleIsland(opts: { entry: string; stylesheet: string; name: string; hrefBase: '/assets' | '/admin/assets' }): Promise<{ js: BuiltAsset; css: BuiltAsset }> {
  const [js, stylesheet] = await Promise.all([
    bundleScript(opts),
    readFile(opts.stylesheet, 'utf8').then((css) => transform(css, { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] })),
  ]);
  return { js, css: assetFor(opts.name, opts.hrefBase, 'css', Buffer.from(stylesheet.code), 'text/css; charset=utf-8') };
}
