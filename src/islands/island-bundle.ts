import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

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

/** Where `npm run build` writes an entry's bundle (x.ts -> x.bundle.js) or a stylesheet's minified copy (x.css -> x.bundle.css). */
function prebuiltPath(file: string): string {
  return file.replace(/\.ts$/, '.bundle.js').replace(/\.css$/, '.bundle.css');
}

/** The built file when `npm run build` made one (compiled runs from dist/), else null (sources, tests). */
async function readPrebuilt(file: string): Promise<Buffer | null> {
  return readFile(prebuiltPath(file)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
}

/** The browser bytes for one entry. esbuild is loaded only here, so a compiled server never loads it. */
async function bundleBytes(entry: string, name: string): Promise<Buffer> {
  const { build } = await import('esbuild');
  const script = await build({
    entryPoints: [entry],
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
  if (!js || script.outputFiles.length !== 1) throw new Error(`${name} bundle: expected one output file, got ${script.outputFiles.length}`);
  return Buffer.from(js.contents);
}

async function minifiedCss(file: string): Promise<Buffer> {
  const { transform } = await import('esbuild');
  const css = await transform(await readFile(file, 'utf8'), { loader: 'css', minify: true, target: ['chrome100', 'firefox100', 'safari15'] });
  return Buffer.from(css.code);
}

/**
 * Build step (scripts/build.mjs): bundles the island entry or minifies the stylesheet at `source`
 * and writes it where the compiled `target` file will look for it. Same bytes, so the same URLs.
 */
export async function prebuildIsland(source: string, target: string): Promise<void> {
  const bytes = source.endsWith('.css') ? await minifiedCss(source) : await bundleBytes(source, path.basename(source));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(prebuiltPath(target), bytes);
}

/** Bundles one browser script (an island without a stylesheet of its own), or reads the build's copy. */
export async function bundleScript(opts: { entry: string; name: string; hrefBase: '/assets' | '/admin/assets' | '/ads' }): Promise<BuiltAsset> {
  const body = (await readPrebuilt(opts.entry)) ?? (await bundleBytes(opts.entry, opts.name));
  return assetFor(opts.name, opts.hrefBase, 'js', body, 'text/javascript; charset=utf-8');
}

/**
 * A browser island (one TypeScript entry and its stylesheet): read from the build's output when the
 * server runs compiled, else bundled with esbuild in memory at start. URLs change only when the bytes do.
 */
export async function bundleIsland(opts: {
  entry: string;
  stylesheet: string;
  name: string;
  hrefBase: '/assets' | '/admin/assets';
}): Promise<{ js: BuiltAsset; css: BuiltAsset }> {
  const [js, css] = await Promise.all([bundleScript(opts), readPrebuilt(opts.stylesheet).then((built) => built ?? minifiedCss(opts.stylesheet))]);
  return { js, css: assetFor(opts.name, opts.hrefBase, 'css', css, 'text/css; charset=utf-8') };
}
