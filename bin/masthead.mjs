#!/usr/bin/env node
// The `masthead` command. Runs the bundled JavaScript in dist/ (built by `npm install`'s prepare step,
// or `npm run build`) when that build is newer than every file in src/. Otherwise, after an edit or a
// checkout, or with MASTHEAD_FROM_SOURCE=1, it runs the TypeScript sources through tsx's loader, so a
// stale build is never what answers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time of any file below `dir`, stopping as soon as one passes `limit`. */
function newerThan(dir, limit) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() ? newerThan(file, limit) : fs.statSync(file).mtimeMs > limit) return true;
  }
  return false;
}

function freshBuild() {
  if (process.env.MASTHEAD_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = fs.statSync(path.join(root, 'dist', 'BUILT')).mtimeMs;
  } catch {
    return false;
  }
  return !fs.existsSync(path.join(root, 'src')) || !newerThan(path.join(root, 'src'), built);
}

let entry;
if (freshBuild()) entry = path.join(root, 'dist', 'masthead.js');
else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = path.join(root, 'src', 'cli', 'main.ts');
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
