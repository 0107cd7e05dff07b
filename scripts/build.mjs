#!/usr/bin/env node
// `npm run build` (also the `prepare` step of npm install / npm ci): compiles src/ to dist/ with tsc, copies
// the files that are not TypeScript (migrations, stylesheets, demo stories), and bundles every browser island
// ahead of time, so `npm start` runs plain JavaScript and never loads a transpiler or esbuild.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

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
const { prebuildIsland } = await import(pathToFileURL(path.join(dist, 'islands/island-bundle.js')).href);
let islands = 0;
for (const file of files.filter((f) => f.endsWith('-bundle.ts'))) {
  const text = fs.readFileSync(path.join(src, file), 'utf8');
  for (const [, name] of text.matchAll(/new URL\('\.\/([\w.-]+\.(?:ts|css))', import\.meta\.url\)/g)) {
    await prebuildIsland(path.join(src, path.dirname(file), name), path.join(dist, path.dirname(file), name));
    islands++;
  }
}
fs.writeFileSync(path.join(dist, 'BUILT'), `${new Date().toISOString()}\n`);
console.log(`[build] dist/: ${files.filter((f) => /\.tsx?$/.test(f)).length} modules compiled, ${islands} island files bundled`);
