import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { build, transform } from 'esbuild';

/** A file served from memory under a content-hashed URL (safe to cache forever). */
export interface BuiltAsset {
  href: string;
  body: Buffer;
  contentType: string;
}

/**
 * Bundles a browser island (one TypeScript entry and its stylesheet) with esbuild, in memory, at
 * server start: no build step for operators, and the URLs change only when the bytes do.
 */
export async function bundleIsland(opts: { entry: string; stylesheet: string; name: string; hrefBase: '/assets' | '/admin/assets' }): Promise<{ js: BuiltAsset; css: BuiltAsset }> {
  const [script, stylesheet] = await Promise.all([
    build({
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
    }),
    readFile(opts.stylesheet, 'utf8').then((css) => transform(css, { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] })),
  ]);
  const js = script.outputFiles[0];
  if (!js || script.outputFiles.length !== 1) throw new Error(`${opts.name} bundle: expected one output file, got ${script.outputFiles.length}`);
  const asset = (extension: 'js' | 'css', body: Buffer, contentType: string): BuiltAsset => {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    return { href: `${opts.hrefBase}/${opts.name}.${hash}.${extension}`, body, contentType };
  };
  return {
    js: asset('js', Buffer.from(js.contents), 'text/javascript; charset=utf-8'),
    css: asset('css', Buffer.from(stylesheet.code), 'text/css; charset=utf-8'),
  };
}
