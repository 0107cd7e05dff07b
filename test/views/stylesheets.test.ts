import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every stylesheet we ship, found on disk so a new one is checked too. */
function stylesheets(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return stylesheets(p);
    return e.name.endsWith('.css') ? [p] : [];
  });
}

describe('stylesheets', () => {
  // A brace left open swallows every rule after it into the block above (it once put all of search's
  // styles inside a dark-mode media query, so light pages showed an unstyled search form).
  it.each(stylesheets('src'))('%s parses without a warning', async (file) => {
    const { warnings } = await transform(fs.readFileSync(file, 'utf8'), { loader: 'css', logLevel: 'silent' });
    expect(warnings.map((w) => `${w.text} (line ${w.location?.line})`)).toEqual([]);
  });
});
