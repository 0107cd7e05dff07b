import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import type { BuiltAsset } from '../../admin/editor/editor-bundle.js';

const ENTRY = fileURLToPath(new URL('./report-island.ts', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('./report.css', import.meta.url));

/** Bundles the readers' "Report an error" island with esbuild, in memory. Called once at server start. */
export async function buildReaderAssets(): Promise<{ js: BuiltAsset; css: BuiltAsset }> {
  const [script, stylesheet] = await Promise.all([
    build({
      entryPoints: [ENTRY],
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
    readFile(STYLESHEET, 'utf8').then((css) => transform(css, { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] })),
  ]);
  const js = script.outputFiles[0];
  if (!js || script.outputFiles.length !== 1) throw new Error(`report bundle: expected one output file, got ${script.outputFiles.length}`);
  return {
    js: asset('js', Buffer.from(js.contents), 'text/javascript; charset=utf-8'),
    css: asset('css', Buffer.from(stylesheet.code), 'text/css; charset=utf-8'),
  };
}

function asset(extension: 'js' | 'css', body: Buffer, contentType: string): BuiltAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { href: `/assets/report.${hash}.${extension}`, body, contentType };
}
