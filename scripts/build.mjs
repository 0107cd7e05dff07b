#!/usr/bin/env node
// `npm run build` (also the `prepare` step of npm install / npm ci): bundles the server with esbuild into a few
// files in dist/, copies the files that are not TypeScript (migrations, stylesheets, demo stories) to their
// places under dist/, and bundles every browser island ahead of time, so `npm start` runs plain JavaScript and
// never loads a transpiler or esbuild.
//
// Why a bundle and not one .js file per source file: started from ~330 compiled files plus the packages they
// import (kysely alone is 263 ES modules, zod 95, fastify and its helpers ~150 CommonJS files), Node spent
// about three quarters of its start resolving, reading and compiling ~1,050 modules. Bundled, `serve` loads a
// handful of files. Types are checked by `npm run typecheck` (and `npm test`), not here.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

// Loaded from node_modules at run time, never bundled: native addons (better-sqlite3, sharp, argon2), engines
// loaded only when configured (pg, ioredis, the S3 client), esbuild itself (a binary), and the parts of Fastify
// it requires only on first use (schema compilers: src/http/server.ts loads its own; inject, for tests).
// Packages loaded through src/lazy-package.ts are required by name at run time, so they stay out as well.
const EXTERNAL = [
  'better-sqlite3',
  'sharp',
  '@node-rs/argon2',
  'pg',
  'pg-native',
  'ioredis',
  '@aws-sdk/*',
  'esbuild',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'light-my-request',
];

/**
 * Modules find their files (migrations, stylesheets, island entries, package.json) relative to
 * `import.meta.url`. In a bundle that is the chunk's address, so each source file's `import.meta.url` is
 * rewritten to the address its compiled file would have under dist/ (src/store/migrate.ts ->
 * dist/store/migrate.js), where the copied files sit. Every chunk is written to dist/ itself, so the
 * rewrite can be relative to the chunk.
 */
const sourceFileUrls = {
  name: 'source-file-urls',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      let text = await fs.promises.readFile(args.path, 'utf8');
      const rel = path.relative(src, args.path);
      if (!rel.startsWith('..') && text.includes('import.meta.url')) {
        const compiled = `./${rel
          .split(path.sep)
          .join('/')
          .replace(/\.tsx?$/, '.js')}`;
        text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(compiled)}, import.meta.url).href`);
      }
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

fs.rmSync(dist, { recursive: true, force: true });
const result = await build({
  entryPoints: [
    { in: path.join(src, 'cli', 'main.ts'), out: 'masthead' },
    // Used below, at build time only, to bundle the islands exactly as an uncompiled server would.
    { in: path.join(src, 'islands', 'island-bundle.ts'), out: 'island-bundle' },
  ],
  outdir: dist,
  bundle: true,
  // Dynamic imports (the web shell, the demo loader, importers, S3) stay separate chunks, loaded when used:
  // `masthead articles list` never loads Fastify.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  external: EXTERNAL,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins and externals.
  banner: { js: "import { createRequire as mastheadCreateRequire } from 'node:module'; const require = mastheadCreateRequire(import.meta.url);" },
  plugins: [sourceFileUrls],
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});

/** Every file below `dir`, relative to it. */
function walk(dir, rel = '') {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}

const files = walk(src);
for (const file of files) {
  if (/\.tsx?$/.test(file)) continue;
  fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
  fs.copyFileSync(path.join(src, file), path.join(dist, file));
}

// Islands: each *-bundle.ts names its entry and stylesheet as new URL('./x.ts' | './x.css', import.meta.url).
const { prebuildIsland } = await import(pathToFileURL(path.join(dist, 'island-bundle.js')).href);
let islands = 0;
for (const file of files.filter((f) => f.endsWith('-bundle.ts'))) {
  const text = fs.readFileSync(path.join(src, file), 'utf8');
  for (const [, name] of text.matchAll(/new URL\('\.\/([\w.-]+\.(?:ts|css))', import\.meta\.url\)/g)) {
    await prebuildIsland(path.join(src, path.dirname(file), name), path.join(dist, path.dirname(file), name));
    islands++;
  }
}
fs.writeFileSync(path.join(dist, 'BUILT'), `${new Date().toISOString()}\n`);
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const inputs = Object.keys(result.metafile.inputs).length;
const kib = Math.round(outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024);
console.log(`[build] dist/: ${inputs} modules bundled into ${outputs.length} files (${kib} KiB), ${islands} island files bundled`);
